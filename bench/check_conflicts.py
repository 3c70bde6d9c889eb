#!/usr/bin/env python3
"""Checks from outside that the conflict finder's amounts are the least.

    python3 bench/check_conflicts.py SCENARIO [SCENARIO ...] [--cohort BIN]
                                     [--time-limit S]

For each infeasible scenario folder, runs `cohort solve`, reads the
conflicts of cohort.json and, when they are a smallest set (no `ALL`
conflict), checks each amount in members or euros of a count or money rule
(C7 cohort size, C8 quota min/max, C10 envelope, C11 host budget): keeping
only the rules of the set (the other quotas, diversity rules, budgets,
must_staff flags and cohort bounds dropped), moving the rule by the amount
must admit a cohort (exit 0) and moving it by one member or one cent less
must not (exit 1; that side trusts the engine's own proof of
infeasibility, the other is a cohort anyone can check). Prints one line per
check, OK or WRONG; exits 1 when a check is WRONG. Share amounts ("N more
needed") and C6 are not checked.

docs/validation.md (section 3, "A budget is one rule") says what this found.
Python 3 standard library only; a development aid like whatif.py: the
project's tests do not use it.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def rewrite(path, edit):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return
    for r in rows:
        edit(r)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


def solve(cohort, scen, out, limit):
    return subprocess.run([cohort, "solve", scen, "--out", out, "--quiet", "--time-limit",
                           str(limit)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode


def restricted(src, dst, subj, c, delta):
    """dst: src with only the rules of the set, rule c moved by its amount + delta."""
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst)
    p = os.path.join(dst, "scenario.json")
    with open(p, encoding="utf-8-sig") as f:
        sc = json.load(f)
    cof = sc.setdefault("cofinancing", {})
    if ("C10", "programme") not in subj:
        cof.pop("envelope", None)
    if ("C7", "cohort") not in subj:
        sc["cohort_size"] = {"min": 0, "max": 1000000}
    sc["profile_quotas"] = {k: q for k, q in sc.get("profile_quotas", {}).items()
                            if ("C8", k) in subj}
    sc["diversity"] = [d for d in sc.get("diversity", [])
                       if ("C9", "%s=%s" % (d["attribute"], d["value"])) in subj]
    rewrite(os.path.join(dst, "hosts.csv"),
            lambda r: r.update(budget=r["budget"] if ("C11", r["id"]) in subj else ""))
    rewrite(os.path.join(dst, "challenges.csv"),
            lambda r: r.update(must_staff="1" if ("C6", r["id"]) in subj else "0"))
    rule, msg = c["rule"], c["message"]
    if c["unit"] == "EUR":
        cents = round(c["relax_by"] * 100) + delta
        if rule == "C10":
            cof["envelope"] = (round(cof["envelope"] * 100) + cents) / 100
        else:
            def raise_budget(r):
                if r["id"] == c["subject"]:
                    r["budget"] = "%.2f" % ((round(float(r["budget"]) * 100) + cents) / 100)
            rewrite(os.path.join(dst, "hosts.csv"), raise_budget)
    else:
        n = int(c["relax_by"]) + delta
        if rule == "C7" and "short" in msg:
            sc["cohort_size"]["min"] -= n
        elif rule == "C7":
            sc["cohort_size"]["max"] += n
        elif rule == "C8" and "min is" in msg:
            sc["profile_quotas"][c["subject"]]["min"] -= n
        elif rule == "C8" and "max is" in msg:
            sc["profile_quotas"][c["subject"]]["max"] += n
        else:
            return False
    with open(p, "w", encoding="utf-8") as f:
        json.dump(sc, f, ensure_ascii=False)
    return True


def check(cohort, scen, limit, tmp):
    out = os.path.join(tmp, "out")
    if solve(cohort, scen, out, limit) != 1:
        print("%s: not infeasible, nothing to check" % scen)
        return True
    with open(os.path.join(out, "cohort.json"), encoding="utf-8") as f:
        conf = json.load(f).get("conflicts", [])
    if any(c["rule"] == "ALL" for c in conf):
        print("%s: not a smallest set (the search ran out of time), not checked" % scen)
        return True
    subj = {(c["rule"], c["subject"]) for c in conf}
    ok = True
    for c in conf:
        if c["unit"] not in ("EUR", "members") or c["rule"] not in ("C7", "C8", "C10", "C11"):
            continue
        for delta, want in ((0, 0), (-1, 1)):
            d = os.path.join(tmp, "moved")
            if not restricted(scen, d, subj, c, delta):
                break
            rc = solve(cohort, d, os.path.join(tmp, "out-moved"), limit)
            good = rc == want
            ok &= good
            print("%s: %s %s %s, moved by %s: exit %d, %s" % (
                scen, c["rule"], c["subject"], c["relax_by"],
                "the amount" if delta == 0 else "the amount less one unit", rc,
                "OK" if good else "WRONG"))
    return ok


def main(args):
    cohort = os.path.join(os.path.dirname(HERE), "build-bench", "cohort")
    limit, scens = 120, []
    while args:
        a = args.pop(0)
        if a == "--cohort":
            cohort = args.pop(0)
        elif a == "--time-limit":
            limit = int(args.pop(0))
        elif a.startswith("-"):
            sys.exit(__doc__)
        else:
            scens.append(a)
    if not scens:
        sys.exit(__doc__)
    ok = True
    with tempfile.TemporaryDirectory(prefix="cohort-check-conflicts-") as tmp:
        for s in scens:
            ok &= check(cohort, s, limit, tmp)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
