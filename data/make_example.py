#!/usr/bin/env python3
"""Write the realistic example promotion `data/eig5/` and `data/example.json`.

The example is modelled on promotion 5 (2021) of the "Entrepreneurs d'intérêt
général" programme: its 16 real challenges with their real titles, real host
administrations and the real make-up of each team (see
shared/reference/real-challenges-promo5-6.csv and promotions.csv, and
data/README.md). Applicants, their rankings, the juries' rankings, salaries,
budgets, the envelope and the interview calendar are invented, but sized on
the public figures (471 applicants, 96 interviews, 39 recruits, 3,500 or
4,000 euros net a month, 3 of 10 months paid by the programme).

usage: python3 data/make_example.py [OUTDIR] [--json FILE]
       (defaults: data/eig5 and data/example.json next to this script)

Python 3 standard library only. Seeded: running it twice writes
byte-identical files.
"""
import csv
import io
import json
import os
import random
import sys

SEED = 2021
HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Scenario parameters

# employer_cost_factor: what one euro of *net* monthly salary costs the
# employer. For a public-law fixed-term contract (CDD de droit public, the
# EIG contract) in 2021, employee contributions (CSG/CRDS, old-age, IRCANTEC
# supplementary pension) take about 21-23 % of gross pay, so gross is about
# net / 0.78 (x 1.28); employer contributions (health, old-age, family,
# IRCANTEC, unemployment insurance for contract staff, FNAL, transport levy)
# add roughly 40-45 % of gross (x 1.42). 1.28 x 1.42 = 1.82, i.e. 4,000 EUR
# net is about 7,200 EUR a month of total employer cost. This is an
# order-of-magnitude estimate from the usual French payroll rates, not a
# figure published by the programme; we round it to 1.8.
EMPLOYER_COST_FACTOR = 1.8

SCENARIO = {
    "name": "EIG 5 (2021) – promotion d’exemple",
    "start_date": "2021-09-13",
    "duration_months": 10,
    "employer_cost_factor": EMPLOYER_COST_FACTOR,
    "default_monthly_salary": 4000,
    "team_size": {"min": 2, "max": 3},
    "min_distinct_profiles": 2,
    "cohort_size": {"min": 32, "max": 44},
    "profile_quotas": {
        "designer": {"min": 8, "min_share": 0.2},
        "developer": {"max_share": 0.4},
        # the programme wants at least two "juristes du numérique" (promotion 5
        # recruited 3) and no more than four
        "digital_lawyer": {"min": 2, "max": 4},
    },
    "diversity": [{"attribute": "gender", "value": "F", "min_share": 0.35}],
    "cofinancing": {
        # covered_months replaces the non-zero state rate by 3/10 = 0.3:
        # the programme pays the contract months that start in Oct-Dec 2021.
        "rates": {"state": 0.3, "local": 0.0, "health": 0.0, "other": 0.0},
        # Staffing every co-financed challenge (all but the two self-financed
        # ones) at its maximum size with 4,000 EUR profiles would cost the
        # programme 37 x 4,000 x 10 x 1.8 x 0.3 = 37 x 21,600 = 799,200 EUR;
        # the envelope is set about 12 % below, so it binds (without it the
        # optimum fills 42 places, with it 40).
        "envelope": 700000,
        "covered_months": {"from": "2021-10", "to": "2021-12"},
    },
    "objective": {"order": ["staffed", "filled", "rank"],
                  "candidate_weight": 1, "jury_weight": 1},
}

# Hosts: the real host administrations of promotion 5 (all State bodies).
# id, name, budget (EUR of host share over all its challenges, "" = no cap),
# self_financed. Budgets and self-financing are invented.
HOSTS = [
    ("minint", "Ministère de l’Intérieur", 200000, 0),
    ("ademe-cstb", "Agence de la transition écologique (ADEME) et CSTB", "", 0),
    ("dggn", "Direction générale de la gendarmerie nationale", "", 0),
    ("menj", "Ministère de l’Éducation nationale et de la Jeunesse", 140000, 0),
    ("ars-ara", "Agence régionale de santé Auvergne-Rhône-Alpes", 95000, 0),
    ("epnak-cnam", "Etablissement public national Antoine Koenigswarter (EPNAK) "
                   "et Caisse nationale d’assurance maladie (CNAM)", "", 0),
    ("dinum", "Direction interministérielle du numérique (DINUM)", "", 0),
    ("dgfip", "Direction générale des finances publiques (DGFiP)", "", 1),
    ("ansm", "Agence nationale de sécurité du médicament et des produits de santé (ANSM)",
     "", 0),
    ("mte-cgdd", "Ministère de la Transition écologique, CGDD", 280000, 0),
    ("mer", "Ministère de la Mer", "", 0),
    ("drees", "Ministère des Solidarités et de la Santé, DREES", "", 0),
    ("justice", "Ministère de la Justice", 160000, 0),
    ("urssaf", "Urssaf Caisse nationale", "", 1),
]

# Challenges: the 16 real challenges of promotion 5.
# id, title, host, real team (dev, design, datasci, dataeng, legal, other),
# max_team ("" = scenario default 3), needs, must_staff, popularity weight.
# `needs` follow the real team: each profile of the real team is required
# (exactly or as a range); a max_team of 3 leaves room for one more member.
CHALLENGES = [
    ("basegun", "Basegun", "minint", (1, 0, 1, 0, 0, 0), "",
     "developer:1-2 data_scientist:1", 1, 9.0),
    ("batid", "BatID", "ademe-cstb", (0, 0, 0, 1, 1, 0), 2,
     "data_engineer:1 digital_lawyer:1", 0, 2.0),
    ("cyberimpact", "CyberImpact", "dggn", (0, 0, 1, 1, 0, 0), 2,
     "data_scientist:1 data_engineer:1", 0, 8.0),
    ("dases", "DaSES", "menj", (0, 1, 0, 1, 1, 0), "",
     "designer:1 data_engineer:1 digital_lawyer:0-1", 0, 4.0),
    ("datarh", "DataRH", "ars-ara", (0, 1, 0, 1, 0, 0), 2,
     "designer:1 data_engineer:1", 0, 2.0),
    ("decos", "Décos", "minint", (1, 1, 0, 0, 0, 0), 2,
     "developer:1 designer:1", 0, 2.5),
    ("e-pshad", "e-PSHAD", "epnak-cnam", (2, 1, 0, 0, 0, 0), "",
     "developer:1-2 designer:1", 0, 2.0),
    ("eig-link-2021", "EIG Link 2021", "dinum", (1, 1, 0, 0, 0, 1), "",
     "developer:1 designer:1", 1, 4.5),
    ("fabrique-numerique", "Fabrique numérique", "dgfip", (1, 1, 0, 0, 0, 0), "",
     "developer:1 designer:1", 0, 4.0),
    ("gdr-sante", "GDR Santé", "ansm", (1, 1, 1, 0, 0, 0), "",
     "developer:1 designer:1 data_scientist:0-1", 0, 4.0),
    ("green-data-for-health", "Green Data for Health", "mte-cgdd", (0, 1, 0, 1, 1, 0), "",
     "designer:1 data_engineer:1 digital_lawyer:0-1", 0, 6.0),
    ("mes-services-greentech", "Mes services Greentech", "mte-cgdd", (1, 1, 1, 0, 0, 0), "",
     "developer:1-2 designer:1", 0, 3.5),
    ("prev-ac-tion", "Prev-AC-Tion", "mer", (1, 0, 0, 1, 0, 0), 2,
     "developer:1 data_engineer:1", 0, 2.0),
    ("smash", "SMASH", "drees", (0, 0, 2, 0, 0, 0), "",
     "data_scientist:1-2 data_engineer:0-1", 0, 6.0),
    ("tristan", "TRISTAN", "justice", (1, 1, 0, 1, 0, 0), "",
     "developer:1 designer:1 data_engineer:0-1", 0, 4.0),
    ("urssafassur", "UrssafassuR", "urssaf", (1, 1, 0, 0, 0, 0), "",
     "developer:1 designer:1", 0, 2.5),
]

# Challenges whose juries would consider a geomatician (none of the real
# promotion-5 teams had one).
GEO_CHALLENGES = ("batid", "prev-ac-tion")

# Applicant pool (471 applicants in 2021). Profile mix and gender shares per
# profile are plausible guesses for French tech applicants, not published.
N_CANDIDATES = 471
PROFILE_MIX = [("developer", 0.34), ("data_scientist", 0.26), ("designer", 0.15),
               ("data_engineer", 0.13), ("digital_lawyer", 0.06), ("geomatician", 0.06)]
FEMALE_SHARE = {"developer": 0.24, "data_scientist": 0.36, "designer": 0.62,
                "data_engineer": 0.26, "digital_lawyer": 0.6, "geomatician": 0.38}
X_SHARE = 0.03
# Years of experience: 3,500 EUR net a month up to 5 years, 4,000 above.
JUNIOR_MAX_YEARS = 5
JUNIOR_SALARY = 3500

FIRST_F = ["Élodie", "Anaïs", "Chloé", "Maëlle", "Héloïse", "Léa", "Inès", "Zoé",
           "Clémence", "Anne-Sophie", "Marie-Claire", "Émilie", "Céline", "Hélène",
           "Noémie", "Aurélie", "Sarah", "Juliette", "Manon", "Laëtitia", "Ségolène",
           "Bérénice", "Agathe", "Fatoumata", "Yasmine", "Lucie", "Margaux", "Océane",
           "Salomé", "Marie-Ève", "Gaëlle", "Aïcha", "Mélanie", "Anne-Laure", "Capucine",
           "Perrine", "Nadia", "Linh", "Solène", "Victoire"]
FIRST_M = ["Jérôme", "François", "Loïc", "Théo", "Noé", "Mathéo", "Jean-Baptiste",
           "Pierre-Louis", "Grégoire", "Benoît", "Hervé", "Julien", "Thomas", "Raphaël",
           "Mathis", "Gaël", "Adrien", "Clément", "Étienne", "Karim", "Mehdi", "Yannick",
           "Sébastien", "Maxime", "Antoine", "Jean-Marc", "Rémi", "Baptiste", "Ismaël",
           "Quentin", "Aurélien", "Nicolas", "Hugo", "Oumar", "Félix", "Valentin",
           "Joël", "Cédric", "Timothée", "Anh"]
FIRST_X = ["Camille", "Dominique", "Claude", "Alix", "Sacha", "Charlie", "Morgan",
           "Andréa", "Eden", "Maxence", "Lou", "Noa"]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Fournier",
        "Rousseau", "Mercier", "Guérin", "Chevalier", "Lemaître", "Roussel", "Perrin",
        "Le Goff", "Le Gall", "D'Almeida", "N'Diaye", "Dupré", "Ménard", "Bénard",
        "Hébert", "Lévêque", "Crépin", "Nguyen", "Benali", "Haddad", "Diallo",
        "Kowalski", "Da Silva", "Ferreira", "Traoré", "Saint-Martin", "Delacroix-Vidal",
        "Gauthier-Lemoine", "L'Hermite", "D'Arcy", "Ould-Ahmed", "Thébault", "Cloarec",
        "Bouchard", "Garnier", "Faure", "André", "Lambert", "Bonnet", "François",
        "Legrand", "Gérard", "Barbier", "Brun", "Schmitt", "Müller", "Colin", "Aubert",
        "Pérez", "Sánchez", "Leroy", "Renaud", "Fabre", "Noël", "Boyer", "Huet",
        "Caron", "Marchand", "Jacquet", "Lefort", "Tessier", "Besnard", "Pasquier",
        "Kerbrat", "Quéré", "Morvan", "Chauvin", "Carré", "Tran", "Ben Youssef",
        "Mbemba", "Ouédraogo", "O'Neill", "Grégoire", "Vasseur", "Prévost", "Léger"]

# Interview calendar: three days at the start of July 2021, 30-minute slots
# 09:00-12:30 and 14:00-18:00.
DAYS = ["2021-07-05", "2021-07-06", "2021-07-07"]
HALF_DAYS = [("09:00", "12:30"), ("14:00", "18:00")]


def hm(m):
    return f"{m // 60:02d}:{m % 60:02d}"


def slots():
    out = []
    for d in DAYS:
        for a, b in HALF_DAYS:
            t = int(a[:2]) * 60 + int(a[3:])
            e = int(b[:2]) * 60 + int(b[3:])
            while t + 30 <= e:
                out.append({"day": d, "start": hm(t), "end": hm(t + 30)})
                t += 30
    return out


def parse_needs(s):
    out = {}
    for tok in s.split():
        p, _, r = tok.partition(":")
        a, _, b = r.partition("-")
        out[p] = (int(a), int(b or a))
    return out


def weighted(rnd, items):
    """One item of [(value, weight)]."""
    tot = sum(w for _, w in items)
    x = rnd.random() * tot
    for v, w in items:
        x -= w
        if x < 0:
            return v
    return items[-1][0]


# --------------------------------------------------------------------------
def build():
    rnd = random.Random(SEED)
    hosts = [{"id": h, "name": n, "kind": "state", "budget": b, "self_financed": sf}
             for h, n, b, sf in HOSTS]
    chals = []
    for cid, title, host, _team, mx, needs, must, _pop in CHALLENGES:
        chals.append({"id": cid, "title": title, "host": host, "min_team": 2,
                      "max_team": mx, "needs": needs, "must_staff": must})
    needs = {c[0]: parse_needs(c[5]) for c in CHALLENGES}
    pop = {c[0]: c[7] for c in CHALLENGES}

    # ---- candidates
    cands = []
    seen = set()
    for k in range(N_CANDIDATES):
        prof = weighted(rnd, PROFILE_MIX)
        u = rnd.random()
        g = "X" if u < X_SHARE else ("F" if u < X_SHARE + FEMALE_SHARE[prof] * (1 - X_SHARE)
                                     else "M")
        while True:
            first = rnd.choice({"F": FIRST_F, "M": FIRST_M, "X": FIRST_X}[g])
            name = f"{first} {rnd.choice(LAST)}"
            if name not in seen:
                seen.add(name)
                break
        years = max(1, min(25, int(round(rnd.lognormvariate(1.9, 0.5)))))
        sal = JUNIOR_SALARY if years <= JUNIOR_MAX_YEARS else ""
        cands.append({"id": f"C{k + 1:04d}", "name": name, "profile": prof,
                      "monthly_salary": sal, "gender": g, "years_experience": years,
                      "_q": rnd.gauss(0, 1) + 0.04 * min(years, 12)})
    by_id = {c["id"]: c for c in cands}

    # ---- applications: 1 to 3 ranked challenges, popularity-skewed, with a
    # strong affinity for challenges whose team wants the candidate's profile
    apps = {}  # candidate -> ordered list of challenges
    for c in cands:
        k = weighted(rnd, [(1, 0.3), (2, 0.3), (3, 0.4)])
        w = []
        for cid, *_ in CHALLENGES:
            nd = needs[cid]
            aff = 4.0 if c["profile"] in nd and nd[c["profile"]][1] > 0 else 1.0
            w.append((cid, pop[cid] * aff))
        chosen = []
        while len(chosen) < k:
            cid = weighted(rnd, [x for x in w if x[0] not in chosen])
            chosen.append(cid)
        apps[c["id"]] = chosen
    # every required profile of a challenge gets at least 3 applicants
    for cid, *_ in CHALLENGES:
        for prof, (mn, _mx) in needs[cid].items():
            if mn == 0:
                continue
            have = [i for i, l in apps.items() if cid in l and by_id[i]["profile"] == prof]
            pool = [c["id"] for c in cands if c["profile"] == prof
                    and cid not in apps[c["id"]] and len(apps[c["id"]]) < 3]
            rnd.shuffle(pool)
            for i in pool[:max(0, 3 - len(have))]:
                apps[i].append(cid)

    rows = {}  # (candidate, challenge) -> row
    for c in cands:
        for r, cid in enumerate(apps[c["id"]]):
            rows[(c["id"], cid)] = {"candidate": c["id"], "challenge": cid,
                                    "candidate_rank": r + 1, "jury_rank": "",
                                    "shortlisted": 0}

    def fits(i, cid):
        """Whether the jury would consider applicant i for challenge cid: a
        profile the needs allow; geomaticians only where maps matter."""
        prof = by_id[i]["profile"]
        if prof in needs[cid] and needs[cid][prof][1] == 0:
            return False
        return prof != "geomatician" or cid in GEO_CHALLENGES

    # ---- pre-selection on file: per challenge about 6 interviews, two per
    # required profile first, then the best files of allowed profiles.
    n_short = {}
    # each jury reads the files with its own eyes: a per-application score
    file_score = {k: by_id[k[0]]["_q"] + rnd.gauss(0, 1.0) for k in sorted(rows)}
    shortlist = {}
    for cid, *_ in CHALLENGES:
        nd = needs[cid]
        applicants = sorted((i for (i, h) in rows if h == cid),
                            key=lambda i: (-file_score[(i, cid)], i))
        allowed = [i for i in applicants if fits(i, cid)]
        target = 5 + (1 if pop[cid] >= 4 else 0) + (1 if pop[cid] >= 8 else 0)
        sl = []
        for prof, (mn, _mx) in nd.items():
            if mn > 0:
                sl += [i for i in allowed if by_id[i]["profile"] == prof
                       and n_short.get(i, 0) < 3][:2]
        for i in allowed:
            if len(sl) >= target:
                break
            if i not in sl and n_short.get(i, 0) < 3:
                sl.append(i)
        for i in sl:
            n_short[i] = n_short.get(i, 0) + 1
        shortlist[cid] = sl

    # ---- jury-proposed candidates: a few juries invite a strong applicant
    # of another challenge whom they met through the programme's pool.
    for cid in ["basegun", "dases", "smash", "tristan", "batid"]:
        nd = needs[cid]
        want = [p for p, (mn, _mx) in nd.items() if mn > 0]
        pool = sorted((c["id"] for c in cands
                       if c["profile"] in want and cid not in apps[c["id"]]
                       and 1 <= n_short.get(c["id"], 0) <= 2),
                      key=lambda i: (-by_id[i]["_q"], i))
        i = pool[rnd.randrange(0, 4)]
        rows[(i, cid)] = {"candidate": i, "challenge": cid, "candidate_rank": "",
                          "jury_rank": "", "shortlisted": 1}
        n_short[i] += 1
        shortlist[cid].append(i)

    # ---- juries: a strict order (1 = best) over the interviewed applicants
    # (interview score), then a short reserve list ranked on file; the
    # other applications are declined (empty jury_rank).
    for cid, *_ in CHALLENGES:
        sl = shortlist[cid]
        for i in sl:
            rows[(i, cid)]["shortlisted"] = 1
        inter = sorted(sl, key=lambda i: (-(by_id[i]["_q"] + rnd.gauss(0, 0.7)), i))
        rest = [i for (i, h) in rows if h == cid and i not in sl and fits(i, cid)]
        rest.sort(key=lambda i: (-file_score[(i, cid)], i))
        reserve = rest[:3 if pop[cid] >= 3 else 2]
        for r, i in enumerate(inter + reserve):
            rows[(i, cid)]["jury_rank"] = r + 1

    prefs = sorted(rows.values(), key=lambda p: (p["candidate"],
                                                 p["candidate_rank"] == "",
                                                 p["candidate_rank"] or 0,
                                                 p["challenge"]))

    # ---- unavailability: a few shortlisted candidates and one panel
    short_cands = sorted({p["candidate"] for p in prefs if p["shortlisted"] == 1})
    unav = []
    for i in rnd.sample(short_cands, 6):
        d = rnd.choice(DAYS)
        a, b = rnd.choice(HALF_DAYS)
        unav.append({"who": "candidate", "id": i, "day": d, "start": a, "end": b})
    unav.append({"who": "candidate", "id": short_cands[3], "day": DAYS[2],
                 "start": "08:00", "end": "20:00"})
    unav.append({"who": "challenge", "id": "prev-ac-tion", "day": DAYS[1],
                 "start": "14:00", "end": "18:00"})
    unav.sort(key=lambda u: (u["who"], u["id"], u["day"], u["start"]))

    for c in cands:
        del c["_q"]
    return SCENARIO, hosts, chals, cands, prefs, slots(), unav


# --------------------------------------------------------------------------
COLS = {
    "hosts": ["id", "name", "kind", "budget", "self_financed"],
    "challenges": ["id", "title", "host", "min_team", "max_team", "needs", "must_staff"],
    "candidates": ["id", "name", "profile", "monthly_salary", "gender", "years_experience"],
    "preferences": ["candidate", "challenge", "candidate_rank", "jury_rank", "shortlisted"],
    "slots": ["day", "start", "end"],
    "unavailable": ["who", "id", "day", "start", "end"],
}


def write_csv(path, rows, cols):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")  # RFC 4180 quoting, LF line ends
    w.writerow(cols)
    for r in rows:
        w.writerow(["" if r.get(k) is None else r.get(k) for k in cols])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_json(path, scen, tables):
    """One JSON file; one array element per line; empty fields omitted."""
    parts = ["{\n", ' "scenario": ',
             json.dumps(scen, ensure_ascii=False, indent=2).replace("\n", "\n "),
             ]
    for name, rows in tables:
        parts.append(f',\n "{name}": [\n')
        objs = []
        for r in rows:
            o = {k: r[k] for k in COLS[name] if r.get(k, "") != ""}
            objs.append("  " + json.dumps(o, ensure_ascii=False))
        parts.append(",\n".join(objs))
        parts.append("\n ]")
    parts.append("\n}\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(parts))


def main(argv):
    out = os.path.join(HERE, "eig5")
    jpath = os.path.join(HERE, "example.json")
    args = list(argv)
    if "--json" in args:
        k = args.index("--json")
        jpath = args[k + 1]
        del args[k:k + 2]
    if args:
        out = args[0]
    scen, hosts, chals, cands, prefs, sl, unav = build()
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "scenario.json"), "w", encoding="utf-8", newline="") as f:
        f.write(json.dumps(scen, ensure_ascii=False, indent=2) + "\n")
    tables = [("hosts", hosts), ("challenges", chals), ("candidates", cands),
              ("preferences", prefs), ("slots", sl), ("unavailable", unav)]
    for name, rows in tables:
        write_csv(os.path.join(out, name + ".csv"), rows, COLS[name])
    write_json(jpath, scen, tables)
    n_short = sum(1 for p in prefs if p["shortlisted"] == 1)
    n_ranked = sum(1 for p in prefs if p["jury_rank"] != "")
    print(f"{out}: {len(hosts)} hosts, {len(chals)} challenges, {len(cands)} candidates, "
          f"{len(prefs)} applications ({n_ranked} ranked by a jury, {n_short} interviews), "
          f"{len(sl)} slots, {len(unav)} unavailabilities; {jpath}")


if __name__ == "__main__":
    main(sys.argv[1:])
