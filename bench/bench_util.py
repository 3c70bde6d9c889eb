#!/usr/bin/env python3
"""Helpers of bench/run_bench.sh: read what each contender wrote, decode
CBC's solution of the exported model into the contract's levels, and turn
the raw measurements into the markdown table.

usage: bench_util.py order SCENARIO              -> the objective order, e.g. "staffed filled rank"
       bench_util.py cohort OUTDIR               -> "STATUS staffed filled rank"
       bench_util.py glpsol LOG                  -> "STATUS staffed filled rank rank_scaled"
       bench_util.py cbc SCENARIO LP DAT SOL     -> "STATUS staffed filled rank"
       bench_util.py report RAW.csv OUT.md [HEADER.md]

Levels are printed in the fixed order staffed, filled, rank; "-" when unknown.
Python 3 standard library only.
"""
import csv
import json
import os
import re
import statistics
import sys
from fractions import Fraction

LEVELS = ("staffed", "filled", "rank")


def fmt_num(v):
    if v is None:
        return "-"
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{float(v):.6f}"
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def scenario_json(scen):
    if os.path.isdir(scen):
        with open(os.path.join(scen, "scenario.json"), encoding="utf-8-sig") as f:
            return json.load(f)
    with open(scen, encoding="utf-8-sig") as f:
        return json.load(f).get("scenario", {})


def cmd_order(scen):
    s = scenario_json(scen)
    print(" ".join(s.get("objective", {}).get("order", list(LEVELS))))


def cmd_cohort(out):
    try:
        with open(os.path.join(out, "cohort.json"), encoding="utf-8") as f:
            d = json.load(f)
    except (OSError, ValueError):
        print("error - - -")
        return
    o = d.get("objective", {})
    print(d.get("status", "error"), *(fmt_num(o.get(k)) for k in LEVELS))


def cmd_glpsol(log):
    vals, status = {}, "error"
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("LEVEL "):
                _, name, v = line.split()
                vals[name] = v
            elif "INTEGER OPTIMAL SOLUTION FOUND" in line:
                status = "optimal"
            elif "PROBLEM HAS NO" in line and "FEASIBLE" in line:
                status = "infeasible"
            elif "TIME LIMIT EXCEEDED" in line:
                status = "timeout"
    rank = vals.get("rank")
    if rank is not None:
        rank = fmt_num(Fraction(rank).limit_denominator(10 ** 6))
    print(status, vals.get("staffed", "-"), vals.get("filled", "-"), rank or "-",
          vals.get("rank_scaled", "-"))


# ---------------------------------------------------------------- CBC
def dat_params(dat):
    """Scalar params of the export-gmpl data file (w_staffed, w_filled,
    w_rank, rank_scale...)."""
    out = {}
    with open(dat, encoding="utf-8") as f:
        for m in re.finditer(r"param\s+(\w+)\s*:=\s*([-0-9.eE+]+)\s*;", f.read()):
            out[m.group(1)] = Fraction(m.group(2))
    return out


def lp_objective(lp):
    """Coefficients of the objective of a CPLEX LP file as GLPK writes it."""
    coef, sense = {}, None
    with open(lp, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^\s*(Maximize|Minimize)\s*$(.*?)^\s*Subject To\s*$", text,
                  re.M | re.S | re.I)
    if not m:
        raise ValueError(f"{lp}: no objective section")
    sense = m.group(1).lower()
    body = m.group(2)
    body = re.sub(r"^\s*[A-Za-z_][\w.]*\s*:", "", body, count=1)  # the objective's name
    for sign, num, name in re.findall(r"([+-])\s*([0-9.eE+-]*)\s*([A-Za-z_][\w.\[\]]*)", body):
        c = Fraction(num) if num else Fraction(1)
        coef[name] = coef.get(name, 0) + (c if sign == "+" else -c)
    return sense, coef


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def rank_costs(scen):
    """(candidate, challenge) -> candidate_weight*candidate_rank +
    jury_weight*jury_rank, per CONTRACT section 2 (empty candidate_rank =
    1 + the largest in the file). Scenario folders only."""
    s = scenario_json(scen)
    obj = s.get("objective", {})
    wc = Fraction(str(obj.get("candidate_weight", 1)))
    wj = Fraction(str(obj.get("jury_weight", 1)))
    prefs = read_csv(os.path.join(scen, "preferences.csv"))
    top = max((int(p["candidate_rank"]) for p in prefs if p.get("candidate_rank")), default=0)
    out = {}
    for p in prefs:
        if not p.get("jury_rank"):
            continue
        cr = int(p["candidate_rank"]) if p.get("candidate_rank") else top + 1
        out[(p["candidate"], p["challenge"])] = wc * cr + wj * int(p["jury_rank"])
    return out


def cmd_cbc(scen, lp, dat, sol):
    try:
        with open(sol, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        print("error - - -")
        return
    head = lines[0] if lines else ""
    if head.startswith("Optimal"):
        status = "optimal"
    elif "infeasible" in head.lower():
        status = "infeasible"
    elif head.startswith("Stopped"):
        status = "stopped"
    else:
        status = "error"
    vals = {}
    for ln in lines[1:]:
        f = [t for t in ln.split() if t != "**"]
        if len(f) >= 3:
            vals[f[1]] = float(f[2])
    on = [n for n, v in vals.items() if v > 0.5]
    xs = [n for n in on if re.match(r"x\d+_", n)]
    ys = [n for n in on if re.match(r"y\d+_", n)]
    staffed, filled = len(ys), len(xs)

    # rank, two independent ways that must agree:
    # (1) from the objective coefficients: coef(x) = w_filled - w_rank * rc(x)
    p = dat_params(dat)
    _sense, coef = lp_objective(lp)
    wf, wr, scale = p["w_filled"], p["w_rank"], p.get("rank_scale", Fraction(1))
    rank1 = sum((wf - coef.get(n, 0)) / wr for n in xs) / scale
    # (2) from the names x<k>_<candidate>_<challenge> and the preferences
    rank2 = None
    if os.path.isdir(scen):
        rc = rank_costs(scen)
        cands = {c for c, _ in rc}
        chals = {h for _, h in rc}
        total = Fraction(0)
        for n in xs:
            parts = n.split("_")
            found = None
            for k in range(2, len(parts)):
                c, h = "_".join(parts[1:k]), "_".join(parts[k:])
                if c in cands and h in chals and (c, h) in rc:
                    found = rc[(c, h)]
                    break
            if found is None:
                total = None
                break
            total += found
        rank2 = total
    if rank2 is not None and rank2 != rank1:
        print(f"bench_util: {sol}: rank from the objective coefficients ({fmt_num(rank1)}) "
              f"differs from the rank from the preferences ({fmt_num(rank2)})", file=sys.stderr)
        status = "decode-mismatch"
    # the objective CBC reports must be the weighted sum of the levels
    m = re.search(r"objective value\s+([-0-9.eE+]+)", head)
    if m and status == "optimal":
        ws = p["w_staffed"]
        want = ws * staffed + wf * filled - wr * rank1 * scale
        got = Fraction(m.group(1))
        if abs(got - want) > Fraction(1, 100) * max(1, abs(float(want)) * 1e-9):
            print(f"bench_util: {sol}: CBC objective {m.group(1)} but the decoded levels give "
                  f"{float(want):.2f}", file=sys.stderr)
    print(status, staffed, filled, fmt_num(rank1))


# ---------------------------------------------------------------- report
def cmd_report(raw, md, header=None):
    rows = read_csv(raw)
    groups = {}
    for r in rows:
        groups.setdefault((r["scale"], r["seed"], r["contender"]), []).append(r)
    order_scale = {"promotion": 0, "regional": 1, "national": 2, "national-x5": 3, "promotion-x100": 4}
    order_cont = {"cohort": 0, "glpsol": 1, "glpsol --cuts": 2, "cbc": 3, "cbc-plain": 4}

    def summary(rs):
        st = [r["status"] for r in rs]
        walls = [float(r["wall_s"]) for r in rs if r["wall_s"] not in ("", "-")]
        peak = max((int(r["peak_kb"]) for r in rs if r["peak_kb"] not in ("", "-")), default=0)
        ok = all(s == "optimal" for s in st)
        bad = next((s for s in st if s != "optimal"), None)
        obj = next(((r["staffed"], r["filled"], r["rank"]) for r in rs if r["status"] == "optimal"),
                    ("-", "-", "-"))
        objs = {(r["staffed"], r["filled"], r["rank"]) for r in rs if r["status"] == "optimal"}
        # glpsol records "timeout@rank": the level it stopped at
        stop = (bad or "").partition("@")[2]
        order = rs[0].get("order", "staffed filled rank").split()
        done = order.index(stop) if stop in order else (len(order) if ok else 0)
        return {"ok": ok, "status": "optimal" if ok else bad, "levels_done": done,
                "median": statistics.median(walls) if walls else None, "peak_mb": peak / 1024,
                "obj": obj, "stable": len(objs) <= 1, "reps": len(rs),
                "timeout": rs[0].get("timeout_s", "")}

    keys = sorted({(s, d) for s, d, _ in groups}, key=lambda k: (order_scale.get(k[0], 9), k[0],
                                                                 int(k[1]) if k[1].isdigit() else 0))
    lines = ["| scale | seed | contender | status | reps | median wall s | peak MB | "
             "staffed/filled/rank | same as cohort | ratio to cohort |",
             "| --- | --- | --- | --- | ---: | ---: | ---: | --- | --- | ---: |"]
    alarms = []
    for scale, seed in keys:
        conts = {c: summary(rs) for (s, d, c), rs in groups.items() if s == scale and d == seed}
        # glpsol: the better of the plain run and --cuts
        g = [c for c in ("glpsol", "glpsol --cuts") if c in conts]
        if len(g) == 2:
            a, b = conts["glpsol"], conts["glpsol --cuts"]
            def key(v):  # optimal first, then the faster; else the one that got further
                return (not v["ok"], -v["levels_done"],
                        v["median"] if v["median"] is not None else 1e18)
            ka, kb = key(a), key(b)
            drop = "glpsol --cuts" if ka <= kb else "glpsol"
            conts = {c: v for c, v in conts.items() if c != drop}
        base = conts.get("cohort")
        for c in sorted(conts, key=lambda c: order_cont.get(c, 9)):
            v = conts[c]
            if v["ok"]:
                wall = f"{v['median']:.3f}"
            elif v["status"].startswith("timeout"):
                wall = f"> {v['timeout']}" if v["timeout"] else "timeout"
            else:
                wall = "-"
            obj = "/".join(v["obj"])
            if c == "cohort":
                same = "—"
                ratio = "1"
            else:
                if not (v["ok"] and base and base["ok"]):
                    same = "n/a"
                else:
                    same = "yes" if v["obj"] == base["obj"] else "**NO**"
                    if same != "yes":
                        alarms.append(f"{scale} seed {seed}: {c} reaches {obj}, cohort "
                                      f"{'/'.join(base['obj'])} (scenario: "
                                      f"bench/work/{scale}-s{seed}/scenario)")
                if base and base["ok"] and base["median"]:
                    if v["ok"]:
                        ratio = f"{v['median'] / base['median']:.1f}"
                    elif v["status"].startswith("timeout") and v["timeout"]:
                        ratio = f"> {float(v['timeout']) / base['median']:.0f}"
                    else:
                        ratio = "-"
                else:
                    ratio = "-"
            if not v["stable"]:
                alarms.append(f"{scale} seed {seed}: {c} reached different optima across reps")
            lines.append(f"| {scale} | {seed} | {c} | {v['status']} | {v['reps']} | {wall} | "
                         f"{v['peak_mb']:.1f} | {obj} | {same} | {ratio} |")
    text = ""
    if header and os.path.exists(header):
        with open(header, encoding="utf-8") as f:
            text = f.read()
    text += "\n".join(lines) + "\n"
    if alarms:
        text += "\n**Disagreements (bugs to look at):**\n\n" + \
            "\n".join(f"- {a}" for a in alarms) + "\n"
    with open(md, "w", encoding="utf-8") as f:
        f.write(text)
    sys.stdout.write(text)
    return 1 if alarms else 0


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "order" and len(args) == 1:
        cmd_order(*args)
    elif cmd == "cohort" and len(args) == 1:
        cmd_cohort(*args)
    elif cmd == "glpsol" and len(args) == 1:
        cmd_glpsol(*args)
    elif cmd == "cbc" and len(args) == 4:
        cmd_cbc(*args)
    elif cmd == "report" and len(args) in (2, 3):
        return cmd_report(*args)
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
