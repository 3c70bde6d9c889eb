#!/usr/bin/env python3
"""Checks that generated benchmark scenarios are feasible and non-trivial.

usage: python3 bench/check_gen.py [--scales promotion,regional] [--seeds 1,2,3]
                                  [--cohort build-bench/cohort] [--oracle]
                                  [--timeout SECS] [--work DIR]

For each scale and seed: generates the scenario twice (the two copies must
be byte-identical), solves it with `cohort solve` (must be optimal), solves
it again without the envelope and without any host budget, and says whether
the optimum moves (the envelope or the budgets bind). With --oracle, also
solves it with the conformance kit's independent CBC model
(/work/shared/conformance/oracle.py) and checks the output with verify.py.
A development aid: it is not part of the benchmark's timings.
"""
import argparse
import csv
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KIT = "/work/shared/conformance"


def gen(scale, seed, out):
    subprocess.run([sys.executable, os.path.join(HERE, "gen_scenario.py"), "--scale", scale,
                    "--seed", str(seed), "--out", out, "--quiet"], check=True)


def solve(cohort, scen, out, timeout):
    r = subprocess.run(["timeout", str(timeout), cohort, "solve", scen, "--out", out, "--quiet"],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        return {"status": f"exit {r.returncode}", "objective": {}}
    with open(os.path.join(out, "cohort.json"), encoding="utf-8") as f:
        return json.load(f)


def variant(src, dst, no_envelope=False, no_budgets=False):
    shutil.copytree(src, dst)
    if no_envelope:
        p = os.path.join(dst, "scenario.json")
        with open(p, encoding="utf-8") as f:
            s = json.load(f)
        s["cofinancing"].pop("envelope", None)
        with open(p, "w", encoding="utf-8") as f:
            json.dump(s, f, ensure_ascii=False, indent=2)
    if no_budgets:
        p = os.path.join(dst, "hosts.csv")
        with open(p, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        with open(p, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
            w.writeheader()
            for r in rows:
                r["budget"] = ""
                w.writerow(r)


def obj(res):
    o = res.get("objective", {})
    return f"{o.get('staffed')}/{o.get('filled')}/{o.get('rank')}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="promotion,regional")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--cohort", default=os.path.join(os.path.dirname(HERE), "build-bench",
                                                     "cohort"))
    ap.add_argument("--oracle", action="store_true")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--work")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="cohort-check-gen-")
    bad = 0
    for scale in a.scales.split(","):
        for seed in a.seeds.split(","):
            d = os.path.join(work, f"{scale}-s{seed}")
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            s1, s2 = os.path.join(d, "scen"), os.path.join(d, "again")
            gen(scale, seed, s1)
            gen(scale, seed, s2)
            names = sorted(os.listdir(s1))
            same = filecmp.cmpfiles(s1, s2, names, shallow=False)[0] == names
            base = solve(a.cohort, s1, os.path.join(d, "out"), a.timeout)
            variant(s1, os.path.join(d, "noenv"), no_envelope=True)
            variant(s1, os.path.join(d, "nobud"), no_budgets=True)
            noenv = solve(a.cohort, os.path.join(d, "noenv"), os.path.join(d, "out-noenv"),
                          a.timeout)
            nobud = solve(a.cohort, os.path.join(d, "nobud"), os.path.join(d, "out-nobud"),
                          a.timeout)
            line = (f"{scale} seed {seed}: deterministic {'yes' if same else 'NO'}; "
                    f"cohort {base['status']} {obj(base)}; "
                    f"no envelope {obj(noenv)} ({'binds' if obj(noenv) != obj(base) else 'slack'}); "
                    f"no budgets {obj(nobud)} ({'bind' if obj(nobud) != obj(base) else 'slack'})")
            ok = same and base["status"] == "optimal" and \
                (obj(noenv) != obj(base) or obj(nobud) != obj(base))
            if a.oracle:
                r = subprocess.run([sys.executable, os.path.join(KIT, "oracle.py"), s1,
                                    "--time-limit", str(a.timeout)],
                                   capture_output=True, text=True)
                try:
                    orc = json.loads(r.stdout)
                except ValueError:
                    orc = {"status": "error", "objective": {}}
                with open(os.path.join(d, "oracle.json"), "w") as f:
                    f.write(r.stdout)
                v = subprocess.run([sys.executable, os.path.join(KIT, "verify.py"), s1,
                                    os.path.join(d, "out"), "--oracle",
                                    os.path.join(d, "oracle.json")],
                                   capture_output=True, text=True)
                line += (f"; oracle {orc['status']} {obj(orc)} "
                         f"({'same' if obj(orc) == obj(base) else 'DIFFERENT'}); "
                         f"verify {'ok' if v.returncode == 0 else 'FAILED: ' + v.stdout[-300:] + v.stderr[-300:]}")
                ok = ok and orc["status"] == "optimal" and obj(orc) == obj(base) and \
                    v.returncode == 0
            print(line + ("" if ok else "   <-- CHECK"), flush=True)
            bad += not ok
    print(f"work files in {work}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
