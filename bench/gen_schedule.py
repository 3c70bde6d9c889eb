#!/usr/bin/env python3
"""Writes an interview-scheduling scenario whose optimum is known by
construction, for `cohort schedule` benchmarks and tests.

usage: gen_schedule.py OUTDIR [--interviews 300] [--days 3] [--panels 20]
                              [--seed 1] [--max-per-candidate 3]

A schedule is planted first: each panel holds a contiguous block of
interviews every day (slots 09:00-12:30 and 14:00-18:00, 30 minutes; the
lunch break has no slot, so it is no gap), and each candidate has all their
interviews on one day, at different times. The shortlist is read off that
schedule, then unavailabilities are added that the planted schedule
respects (other days, other half-days, free slots of a panel). So every
candidate can come on one day and no panel needs a gap: the optimum is
candidate_days = number of candidates, panel_gaps = 0, and it is proven by
the obvious lower bounds. Standard library only, fixed seed: the same
arguments write the same bytes.
"""
import argparse, csv, json, os, random

SLOTS = [(9 * 60 + 30 * k, 9 * 60 + 30 * (k + 1)) for k in range(7)] + \
        [(14 * 60 + 30 * k, 14 * 60 + 30 * (k + 1)) for k in range(8)]
PROFILES = ["developer", "designer", "data_scientist", "data_engineer"]


def hhmm(m):
    return f"{m // 60:02d}:{m % 60:02d}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--interviews", type=int, default=300)
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--panels", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-per-candidate", type=int, default=3)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    days = [f"2021-07-{5 + d:02d}" for d in range(a.days)]
    ns = len(SLOTS)
    # interviews per panel and day, as even as possible
    per = {}
    for k in range(a.interviews):
        h, d = k % a.panels, (k // a.panels) % a.days
        per[(h, d)] = per.get((h, d), 0) + 1
    for (h, d), n in per.items():
        if n > ns:
            raise SystemExit("too many interviews for the slots")
    # planted blocks: a contiguous run of slots per panel and day
    cells = {d: [] for d in range(a.days)}  # (slot, panel)
    used_by_panel = {}
    for (h, d), n in sorted(per.items()):
        first = rnd.randrange(0, ns - n + 1)
        for j in range(first, first + n):
            cells[d].append((j, h))
            used_by_panel.setdefault((h, d), set()).add(j)
    # candidates: groups of cells of one day at distinct slots
    cands = []  # list of (day, [(slot, panel)])
    for d in range(a.days):
        pool = cells[d][:]
        rnd.shuffle(pool)
        while pool:
            m = rnd.choice([1, 1, 2, 2, 3][: 2 + a.max_per_candidate])
            m = min(m, a.max_per_candidate)
            group, rest = [], []
            for c in pool:
                if len(group) < m and all(c[0] != g[0] and c[1] != g[1] for g in group):
                    group.append(c)
                else:
                    rest.append(c)
            pool = rest
            cands.append((d, group))
    os.makedirs(a.out, exist_ok=True)

    def wcsv(name, rows, cols):
        with open(os.path.join(a.out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            for r in rows:
                w.writerow([r.get(c, "") for c in cols])

    json.dump({"name": f"Planted schedule, {a.interviews} interviews over {a.days} days "
                       f"(seed {a.seed})", "start_date": "2021-09-13"},
              open(os.path.join(a.out, "scenario.json"), "w"), indent=2, ensure_ascii=False)
    wcsv("hosts.csv", [{"id": "H1", "name": "Administration, «test»", "kind": "state"}],
         ["id", "name", "kind", "budget", "self_financed"])
    wcsv("challenges.csv", [{"id": f"D{h + 1:02d}", "title": f"Défi {h + 1} & co",
                             "host": "H1", "must_staff": "0"} for h in range(a.panels)],
         ["id", "title", "host", "min_team", "max_team", "needs", "must_staff"])
    wcsv("candidates.csv", [{"id": f"P{i + 1:04d}", "name": f"Personne {i + 1} d’Essai",
                             "profile": rnd.choice(PROFILES)} for i in range(len(cands))],
         ["id", "name", "profile", "monthly_salary"])
    prefs = []
    for i, (d, group) in enumerate(cands):
        for r, (j, h) in enumerate(sorted(group, key=lambda c: c[1])):
            prefs.append({"candidate": f"P{i + 1:04d}", "challenge": f"D{h + 1:02d}",
                          "candidate_rank": str(r + 1), "jury_rank": str(rnd.randint(1, 9)),
                          "shortlisted": "1"})
    wcsv("preferences.csv", prefs, ["candidate", "challenge", "candidate_rank", "jury_rank",
                                    "shortlisted"])
    wcsv("slots.csv", [{"day": day, "start": hhmm(s), "end": hhmm(e)}
                       for day in days for s, e in SLOTS], ["day", "start", "end"])
    un = []
    for i, (d, group) in enumerate(cands):
        x = rnd.random()
        if x < 0.15 and a.days > 1:  # a whole other day (empty start and end)
            other = rnd.choice([k for k in range(a.days) if k != d])
            un.append({"who": "candidate", "id": f"P{i + 1:04d}", "day": days[other]})
        elif x < 0.25:  # a half-day of their day they do not use
            if all(j >= 7 for j, _ in group):
                un.append({"who": "candidate", "id": f"P{i + 1:04d}", "day": days[d],
                           "start": "08:00", "end": "12:30"})
            elif all(j < 7 for j, _ in group):
                un.append({"who": "candidate", "id": f"P{i + 1:04d}", "day": days[d],
                           "start": "14:00", "end": "18:00"})
    for h in range(a.panels):
        if rnd.random() < 0.3:
            d = rnd.randrange(a.days)
            used = used_by_panel.get((h, d), set())
            free = [j for j in range(ns) if j not in used]
            if free:
                j = rnd.choice(free)
                un.append({"who": "challenge", "id": f"D{h + 1:02d}", "day": days[d],
                           "start": hhmm(SLOTS[j][0]), "end": hhmm(SLOTS[j][1])})
    wcsv("unavailable.csv", un, ["who", "id", "day", "start", "end"])
    print(json.dumps({"interviews": len(prefs), "candidates": len(cands),
                      "candidate_days": len(cands), "panel_gaps": 0}))


if __name__ == "__main__":
    main()
