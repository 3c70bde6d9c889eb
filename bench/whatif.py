#!/usr/bin/env python3
"""Coordinators' "what if" changes applied to bench scenarios, and a run of them.

    python3 bench/whatif.py apply SCENARIO OUT CHANGE
        copies the scenario folder SCENARIO to OUT with one change, or with
        several joined by "+" (applied in turn, e.g. designers33+envelope70):
    python3 bench/whatif.py run [--cohort BIN] [--scale promotion] [--seeds 1-12]
                                [--changes LIST] [--time-limit 20]
        generates bench scenarios of the scale (gen_scenario.py, cached in
        bench/work/), applies each change to each, runs `cohort solve` with the
        time limit and prints one line per run: seed, change, exit status,
        wall seconds, status, levels, gap. LIST: changes separated by commas
        (default: the five below), each one change or several joined by "+"
        (applied in turn, e.g. designers33+envelope70).

Changes (what a coordinator asks, docs/validation.md "Coordinators' what if"):
    designers33  a third of the promotion must be designers (min_share 0.33)
    envelope70   the programme envelope cut by 30 %
    selffin      every third host pays everything itself (self_financed 1)
    budgets80    every host budget cut by 20 %
    women40      women at least 40 % of the promotion

Python 3 standard library only. A development aid, like check_gen.py: the
project's tests do not use it.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHANGES = ["designers33", "envelope70", "selffin", "budgets80", "women40"]


def rewrite_hosts(path, edit):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows):
        edit(i, r)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


def apply(src, dst, change):
    if change not in CHANGES:
        sys.exit("unknown change %r (one of %s)" % (change, ", ".join(CHANGES)))
    shutil.copytree(src, dst, dirs_exist_ok=True)
    p = os.path.join(dst, "scenario.json")
    with open(p, encoding="utf-8-sig") as f:
        sc = json.load(f)
    if change == "designers33":
        sc.setdefault("profile_quotas", {}).setdefault("designer", {})["min_share"] = 0.33
    elif change == "envelope70":
        cof = sc.setdefault("cofinancing", {})
        if "envelope" in cof:
            cof["envelope"] = round(cof["envelope"] * 0.7)
    elif change == "selffin":
        def self_fin(i, r):
            if i % 3 == 0:
                r["self_financed"] = "1"
        rewrite_hosts(os.path.join(dst, "hosts.csv"), self_fin)
    elif change == "budgets80":
        def cut(i, r):
            if r["budget"].strip():
                r["budget"] = "%.2f" % (float(r["budget"]) * 0.8)
        rewrite_hosts(os.path.join(dst, "hosts.csv"), cut)
    elif change == "women40":
        divs = sc.setdefault("diversity", [])
        for d in divs:
            if d.get("attribute") == "gender" and d.get("value") == "F":
                d["min_share"] = 0.4
        if not any(d.get("value") == "F" for d in divs):
            divs.append({"attribute": "gender", "value": "F", "min_share": 0.4})
    with open(p, "w", encoding="utf-8") as f:
        json.dump(sc, f, indent=2, ensure_ascii=False)


def apply_chain(src, dst, combo):
    """src to dst with the changes of combo (a list) in turn; steps beside dst."""
    for change in combo:
        if change not in CHANGES:
            sys.exit("unknown change %r (one of %s)" % (change, ", ".join(CHANGES)))
    shutil.rmtree(dst, ignore_errors=True)
    cur = src
    for k, one in enumerate(combo):
        nxt = dst if k == len(combo) - 1 else "%s.step%d" % (dst, k)
        apply(cur, nxt, one)
        if cur != src:
            shutil.rmtree(cur)
        cur = nxt


def seeds_of(text):
    out = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return out


def run(args):
    cohort = os.path.join(os.path.dirname(HERE), "build-bench", "cohort")
    seeds, limit, scale, changes = "1-12", "20", "promotion", ",".join(CHANGES)
    while args:
        k = args.pop(0)
        if k == "--cohort" and args:
            cohort = args.pop(0)
        elif k == "--seeds" and args:
            seeds = args.pop(0)
        elif k == "--time-limit" and args:
            limit = args.pop(0)
        elif k == "--scale" and args and args[0] in ("promotion", "regional", "national"):
            scale = args.pop(0)
        elif k == "--changes" and args:
            changes = args.pop(0)
        else:
            sys.exit(__doc__)
    combos = [c.split("+") for c in changes.split(",")]
    for combo in combos:
        for change in combo:
            if change not in CHANGES:
                sys.exit("unknown change %r (one of %s)" % (change, ", ".join(CHANGES)))
    work = os.path.join(HERE, "work")
    for seed in seeds_of(seeds):
        base = os.path.join(work, "%s-s%d" % (scale, seed), "scenario")
        if not os.path.isdir(base):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_scenario.py"), "--scale",
                            scale, "--seed", str(seed), "--out", base], check=True,
                           stdout=subprocess.DEVNULL)
        for combo in combos:
            change = "+".join(combo)
            d = os.path.join(work, "whatif", "%s-s%d-%s" % (scale, seed, "-".join(combo)))
            shutil.rmtree(d, ignore_errors=True)
            apply_chain(base, os.path.join(d, "scenario"), combo)
            t0 = time.time()
            rc = subprocess.run([cohort, "solve", os.path.join(d, "scenario"), "--out",
                                 os.path.join(d, "out"), "--quiet", "--time-limit", limit],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            wall = time.time() - t0
            try:
                with open(os.path.join(d, "out", "cohort.json")) as f:
                    cj = json.load(f)
                got = "%s %s gap %s" % (cj["status"], json.dumps(cj["objective"]), cj.get("gap"))
            except (OSError, ValueError, KeyError):
                got = "no cohort.json"
            print("seed %-3d %-12s exit %d  %6.2f s  %s" % (seed, change, rc, wall, got), flush=True)


def main():
    a = sys.argv[1:]
    if len(a) == 4 and a[0] == "apply":
        apply_chain(a[1], a[2], a[3].split("+"))
    elif a and a[0] == "run":
        run(a[1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
