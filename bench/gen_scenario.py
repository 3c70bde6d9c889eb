#!/usr/bin/env python3
"""Seeded generator of benchmark scenarios that follow the contract.

usage: python3 bench/gen_scenario.py --scale promotion|regional|national
                                     [--seed S] --out DIR
                                     [--challenges N] [--candidates M] [--apps K]

Writes DIR/scenario.json, hosts.csv, challenges.csv, candidates.csv and
preferences.csv (CONTRACT.md section 1) for one promotion of the size asked:

    scale       challenges  applicants  applications
    promotion           17         800        ~2,000
    regional            60       2,500        ~9,000
    national           200       8,000       ~28,000

(--challenges, --candidates and --apps override the scale's numbers.)

The scenarios look like the real programme (shared/reference/): hosts of the
four kinds, mostly State bodies, a few self-financing their team; challenge
teams copied from the real team mixes of promotions 5 and 6 (2 or 3 people,
needs per profile); applicants of the six profiles in a plausible mix, paid
3,500 EUR net up to 5 years of experience and 4,000 EUR above, with a gender
attribute; each applicant ranks a few challenges, popular challenges drawing
many more applications; each jury pre-selects part of its applicants on file
and ranks them strictly (the others are declined); a few juries propose a
candidate who did not apply to them; the programme pays the contract months
that start in October-December (3 of 10); profile quotas (counts and
shares), a minimum share of women, host budgets and a programme envelope.

Feasibility is built in: the generator assembles a witness cohort (small
teams, best jury ranks, every rule C1-C5 respected) and derives every
constraint from it, so the witness satisfies C1-C11 and the scenario is
feasible by construction. The constraints still bite: the envelope is set
between what the witness costs the programme and what staffing every team
to its maximum would cost, and the budgets of some hosts sit a fraction of a
salary above what the witness spends there (for some hosts with several
challenges the witness leaves one unstaffed, so the budget cannot pay for
all of them). must_staff challenges are taken among those the witness
staffs.

Python 3 standard library only. Deterministic: only random.Random.random()
is drawn (no version-dependent helpers), so the same seed and sizes give
byte-identical files.
"""
import argparse
import bisect
import csv
import io
import json
import math
import os
import random
import sys
from fractions import Fraction

SCALES = {
    # name: (challenges, applicants, applications)
    "promotion": (17, 800, 2000),
    "regional": (60, 2500, 9000),
    "national": (200, 8000, 28000),
}

PROFILES = ["developer", "designer", "data_scientist", "data_engineer", "geomatician",
            "digital_lawyer"]

# Real team mixes of promotions 5 and 6 (shared/reference/real-challenges-
# promo5-6.csv), counts per profile in the order of PROFILES ("other" left
# out), plus three map-oriented mixes with a geomatician (none of the real
# teams of those years had one; regional programmes do).
TEAMS = [
    (1, 0, 1, 0, 0, 0), (0, 0, 0, 1, 0, 1), (0, 0, 1, 1, 0, 0), (0, 1, 0, 1, 0, 1),
    (0, 1, 0, 1, 0, 0), (1, 1, 0, 0, 0, 0), (2, 1, 0, 0, 0, 0), (1, 1, 0, 0, 0, 0),
    (1, 1, 0, 0, 0, 0), (1, 1, 1, 0, 0, 0), (0, 1, 0, 1, 0, 1), (1, 1, 1, 0, 0, 0),
    (1, 0, 0, 1, 0, 0), (0, 0, 2, 0, 0, 0), (1, 1, 0, 1, 0, 0), (1, 1, 0, 0, 0, 0),
    (0, 1, 1, 0, 0, 0), (1, 0, 1, 1, 0, 0), (1, 1, 1, 0, 0, 0), (0, 1, 0, 1, 0, 0),
    (1, 0, 1, 0, 0, 0), (2, 1, 0, 0, 0, 0), (0, 1, 2, 0, 0, 0), (0, 0, 1, 2, 0, 0),
    (1, 1, 0, 1, 0, 0), (1, 1, 0, 0, 0, 0), (1, 1, 0, 0, 0, 0), (1, 0, 0, 1, 0, 0),
    (1, 1, 0, 0, 0, 0), (1, 0, 1, 0, 0, 0),
    (1, 0, 0, 0, 1, 0), (0, 0, 1, 0, 1, 0), (0, 1, 0, 1, 1, 0),
]

# Applicant mix and share of women per profile: plausible figures for French
# tech applicants (not published by the programme); 2 % non-binary (X).
PROFILE_MIX = [0.33, 0.15, 0.25, 0.14, 0.06, 0.07]
FEMALE = [0.24, 0.62, 0.36, 0.26, 0.38, 0.60]
X_SHARE = 0.02

KINDS = [("state", 0.74), ("health", 0.12), ("local", 0.09), ("other", 0.05)]

DURATION = 10
FACTOR = Fraction(18, 10)           # employer cost factor 1.8 (data/make_example.py)
RATE = Fraction(3, 10)              # 3 covered months of 10 for every non-zero rate
CO_FINANCED_KINDS = ("state", "health")

STATE_HOSTS = ["Ministère de l’Intérieur", "Ministère de la Justice", "Ministère des Armées",
               "Ministère de la Culture", "Ministère du Travail", "Ministère de la Mer",
               "Ministère de l’Agriculture", "Ministère de l’Éducation nationale",
               "Ministère de la Transition écologique", "Ministère des Solidarités",
               "Direction générale des finances publiques", "Direction générale des douanes",
               "Direction interministérielle du numérique", "Direction de la sécurité sociale",
               "Institut national de la statistique", "Institut géographique national",
               "Agence de la transition écologique", "Agence nationale de la cohésion des "
               "territoires", "Cerema", "Office français de la biodiversité",
               "Météo-France", "Caisse nationale d’assurance vieillesse",
               "Agence nationale de sécurité sanitaire", "Cour des comptes",
               "Commissariat général au développement durable", "Pôle emploi",
               "Urssaf Caisse nationale", "Gendarmerie nationale"]
HEALTH_HOSTS = ["Agence régionale de santé", "Centre hospitalier universitaire",
                "Assistance publique", "Groupement hospitalier de territoire",
                "Hospices civils"]
LOCAL_HOSTS = ["Région", "Département", "Métropole", "Ville", "Communauté d’agglomération"]
OTHER_HOSTS = ["Groupement d’intérêt public", "Établissement public", "Fondation",
               "Association"]
PLACES = ["Bretagne", "Occitanie", "Grand Est", "Normandie", "Hauts-de-France",
          "Auvergne-Rhône-Alpes", "Nouvelle-Aquitaine", "Pays de la Loire", "Île-de-France",
          "Bourgogne-Franche-Comté", "Centre-Val de Loire", "Provence-Alpes-Côte d’Azur",
          "Corse", "La Réunion", "Guadeloupe", "Lyon", "Lille", "Nantes", "Rennes",
          "Bordeaux", "Toulouse", "Marseille", "Strasbourg", "Grenoble", "Montpellier",
          "Nancy", "Brest", "Dijon", "Rouen", "Tours", "Clermont-Ferrand", "Angers"]
SERVICES = ["service du numérique", "direction des données", "bureau des statistiques",
            "mission innovation", "secrétariat général", "laboratoire d’innovation",
            "direction des systèmes d’information", "pôle data"]

TOPICS = ["DataRH", "Géocommuns", "TwinCity", "Basegun", "Signal", "Ecosphère", "Magellan",
          "Champollion", "Nubonyxia", "Estim'Action", "OptiFlex", "Recens'smart",
          "Sirano", "Prev-AC-Tion", "Tristan", "Décos", "Smash", "BatID", "CyberImpact",
          "LabIA", "Open Justice", "Eau & climat", "Mobilités", "Forêts", "Littoral",
          "Fraude sociale", "Tri des courriers", "Carte scolaire", "Accès aux soins",
          "Logement social", "Sols pollués", "Patrimoine", "Subventions", "Marchés publics",
          "Énergie", "Risques naturels", "Agriculture bio", "Cadastre solaire",
          "Routes \"intelligentes\"", "Archives, mémoire et données"]

FIRST = {"F": ["Élodie", "Anaïs", "Chloé", "Maëlle", "Héloïse", "Léa", "Inès", "Zoé",
               "Clémence", "Anne-Sophie", "Noémie", "Sarah", "Juliette", "Fatoumata",
               "Yasmine", "Lucie", "Margaux", "Salomé", "Aïcha", "Linh", "Solène"],
         "M": ["Jérôme", "François", "Loïc", "Théo", "Noé", "Jean-Baptiste", "Grégoire",
               "Benoît", "Julien", "Thomas", "Raphaël", "Gaël", "Adrien", "Étienne",
               "Karim", "Mehdi", "Sébastien", "Antoine", "Ismaël", "Oumar", "Anh"],
         "X": ["Camille", "Dominique", "Alix", "Sacha", "Charlie", "Morgan", "Eden"]}
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Fournier", "Guérin",
        "Le Goff", "D'Almeida", "N'Diaye", "Dupré", "Ménard", "Hébert", "Nguyen", "Benali",
        "Haddad", "Diallo", "Kowalski", "Da Silva", "Traoré", "Saint-Martin", "L'Hermite",
        "Ould-Ahmed", "Thébault", "Cloarec", "Müller", "Pérez", "Ben Youssef", "O'Neill",
        "Quéré", "Morvan", "Tran", "Mbemba", "Ouédraogo", "Lambert", "Garnier", "Colin"]


# --------------------------------------------------------------------------
# Randomness: everything is drawn from rnd.random() so that no Python
# version's change of a helper (choices, sample, randrange...) alters files.

class Rng:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def u(self):
        return self.r.random()

    def below(self, n):
        return min(n - 1, int(self.u() * n))

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, weights):
        """Index drawn with probability proportional to weights."""
        x = self.u() * sum(weights)
        for k, w in enumerate(weights):
            x -= w
            if x < 0:
                return k
        return len(weights) - 1

    def gauss(self):
        u1 = max(self.u(), 1e-12)
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * self.u())

    def shuffle(self, a):
        for i in range(len(a) - 1, 0, -1):
            j = self.below(i + 1)
            a[i], a[j] = a[j], a[i]


def cents(amount):
    """A Fraction of euros rounded to the cent, half away from zero, in cents."""
    c = amount * 100
    return int(c + Fraction(1, 2)) if c >= 0 else -int(-c + Fraction(1, 2))


def floor2(x):
    return math.floor(x * 100 + 1e-9) / 100


def ceil2(x):
    return math.ceil(x * 100 - 1e-9) / 100


def dec(x):
    """The exact fraction of a 2-decimal number as written in the JSON file."""
    return Fraction(f"{x:.2f}")


# --------------------------------------------------------------------------
def make_hosts(rnd, n_hosts):
    hosts, seen = [], set()
    for k in range(n_hosts):
        kind = KINDS[rnd.weighted([w for _, w in KINDS])][0]
        while True:
            if kind == "state":
                name = rnd.pick(STATE_HOSTS)
                if rnd.u() < 0.6:
                    name += ", " + rnd.pick(SERVICES)
            elif kind == "health":
                name = f"{rnd.pick(HEALTH_HOSTS)} {rnd.pick(PLACES)}"
            elif kind == "local":
                name = f"{rnd.pick(LOCAL_HOSTS)} {rnd.pick(PLACES)}"
            else:
                name = f"{rnd.pick(OTHER_HOSTS)} « {rnd.pick(TOPICS)} »"
            if name not in seen:
                break
            if rnd.u() < 0.3:  # many hosts at national scale: number the services
                name = f"{name} ({k + 1})"
                break
        seen.add(name)
        hosts.append({"id": f"H{k + 1:03d}", "name": name, "kind": kind,
                      "budget": "", "self_financed": 1 if rnd.u() < 0.08 else 0,
                      "_size": math.exp(0.8 * rnd.gauss())})
    if not any(h["self_financed"] for h in hosts) and len(hosts) > 1:
        hosts[1 + rnd.below(len(hosts) - 1)]["self_financed"] = 1   # always some
    return hosts


def make_challenges(rnd, n_chal, hosts):
    """Challenges with needs from a real team mix; each host has at least one."""
    chals = []
    host_of = list(range(len(hosts)))
    while len(host_of) < n_chal:
        host_of.append(rnd.weighted([h["_size"] for h in hosts]))
    host_of = host_of[:n_chal]
    rnd.shuffle(host_of)
    for j in range(n_chal):
        team = TEAMS[rnd.below(len(TEAMS))]
        size = sum(team)
        max_team = 3 if size == 3 or rnd.u() < 0.6 else 2
        needs = {}  # profile index -> (min, max)
        for p, c in enumerate(team):
            if c:
                needs[p] = (c, c)
        req = sorted(needs)
        if max_team == 3 and size == 3 and len(req) == 3 and rnd.u() < 0.5:
            p = req[rnd.below(len(req))]
            needs[p] = (0, 1)            # "designer:0-1": welcome, not required
        elif max_team == 3 and rnd.u() < 0.45:
            p = req[rnd.below(len(req))]
            lo, hi = needs[p]
            needs[p] = (lo, min(max_team, hi + 1))   # "developer:1-2"
        if team[4] == 0 and rnd.u() < 0.06:
            needs[4] = (0, 0)            # geomaticians explicitly excluded
        text = " ".join(f"{PROFILES[p]}:{lo}" if lo == hi else f"{PROFILES[p]}:{lo}-{hi}"
                        for p, (lo, hi) in sorted(needs.items()))
        topic = TOPICS[rnd.below(len(TOPICS))]
        title = topic if rnd.u() < 0.5 else f"{topic} – {rnd.pick(PLACES)}"
        chals.append({"id": f"D{j + 1:03d}", "title": title, "host": hosts[host_of[j]]["id"],
                      "_h": host_of[j], "min_team": 2 if rnd.u() < 0.3 else "",
                      "max_team": max_team if (max_team == 2 or rnd.u() < 0.3) else "",
                      "_tmin": 2, "_tmax": max_team, "needs": text, "_needs": needs,
                      "_team": team, "must_staff": 0,
                      "_pop": math.exp(0.75 * rnd.gauss())})
    return chals


def allows(ch, p):
    lo_hi = ch["_needs"].get(p)
    return lo_hi is None or lo_hi[1] > 0


def make_candidates(rnd, n_cand):
    cands = []
    for i in range(n_cand):
        p = rnd.weighted(PROFILE_MIX)
        u = rnd.u()
        g = "X" if u < X_SHARE else ("F" if u < X_SHARE + FEMALE[p] * (1 - X_SHARE) else "M")
        years = max(1, min(25, int(round(math.exp(1.9 + 0.5 * rnd.gauss())))))
        if years <= 5:
            sal = 3500
        else:
            sal = 4000
        cands.append({"id": f"C{i + 1:05d}",
                      "name": f"{rnd.pick(FIRST[g])} {rnd.pick(LAST)}",
                      "profile": PROFILES[p], "_p": p,
                      # 4,000 is the scenario default: half the files leave it empty
                      "monthly_salary": sal if sal == 3500 or rnd.u() < 0.5 else "",
                      "_sal": sal, "gender": g, "years_experience": years,
                      "_q": rnd.gauss() + 0.04 * min(years, 12)})
    return cands


def make_applications(rnd, cands, chals, mean_apps):
    """Each applicant ranks 1..K challenges (K = 3 as in the real programme,
    5 when the scale asks for more than 2.8 applications each); popular
    challenges and challenges whose team wants the applicant's profile are
    picked more often."""
    K = 3 if mean_apps <= 2.8 else 5
    p_more = min(1.0, max(0.0, (mean_apps - 1) / (K - 1)))
    # cumulative weights per profile, for a logarithmic draw
    cum = []
    for p in range(len(PROFILES)):
        acc, row = 0.0, []
        for ch in chals:
            if ch["_needs"].get(p, (0, 1))[1] == 0:
                aff = 0.2
            elif ch["_team"][p] > 0:
                aff = 4.0
            elif p == 4:
                aff = 0.3            # geomaticians seldom apply to non-map work
            else:
                aff = 1.0
            acc += ch["_pop"] * aff
            row.append(acc)
        cum.append(row)
    apps = []
    for c in cands:
        k = 1 + sum(1 for _ in range(K - 1) if rnd.u() < p_more)
        k = min(k, len(chals))
        row, chosen = cum[c["_p"]], []
        while len(chosen) < k:
            j = min(len(chals) - 1, bisect.bisect_right(row, rnd.u() * row[-1]))
            if j not in chosen:
                chosen.append(j)
        apps.append(chosen)
    # every required profile of a challenge gets at least 3 applicants
    by_prof = [[i for i, c in enumerate(cands) if c["_p"] == p] for p in range(len(PROFILES))]
    count = {}
    for i, lst in enumerate(apps):
        for j in lst:
            key = (j, cands[i]["_p"])
            count[key] = count.get(key, 0) + 1
    for j, ch in enumerate(chals):
        for p, (lo, _hi) in sorted(ch["_needs"].items()):
            tries = 0
            while lo > 0 and count.get((j, p), 0) < 3 and tries < 200 and by_prof[p]:
                tries += 1
                i = rnd.pick(by_prof[p])
                if j in apps[i] or len(apps[i]) >= K:
                    continue
                apps[i].append(j)
                count[(j, p)] = count.get((j, p), 0) + 1
    return apps, K


def jury(rnd, cands, chals, apps):
    """Rows of preferences.csv: jury pre-selection, proposals and ranks."""
    rows = {}  # (i, j) -> row
    for i, lst in enumerate(apps):
        for r, j in enumerate(lst):
            rows[(i, j)] = {"cand_rank": r + 1, "jury_rank": None, "shortlisted": 0}
    applicants = [[] for _ in chals]
    for (i, j) in rows:
        applicants[j].append(i)
    # a few juries propose someone who did not apply to them (empty candidate_rank)
    n_prop = max(2, len(chals) // 6)
    props = set()
    for _ in range(n_prop * 20):
        if len(props) >= n_prop:
            break
        j = rnd.below(len(chals))
        want = [p for p, (lo, _hi) in chals[j]["_needs"].items() if lo > 0]
        i = rnd.below(len(cands))
        if (i, j) in rows or j in props or cands[i]["_p"] not in want:
            continue
        rows[(i, j)] = {"cand_rank": None, "jury_rank": None, "shortlisted": 1}
        applicants[j].append(i)
        props.add(j)
    for j, ch in enumerate(chals):
        pool = sorted(set(applicants[j]))
        score = {i: cands[i]["_q"] + rnd.gauss() for i in pool}   # reading the files
        allowed = [i for i in pool if allows(ch, cands[i]["_p"])
                   and (cands[i]["_p"] != 4 or ch["_team"][4] > 0 or rnd.u() < 0.2)]
        allowed.sort(key=lambda i: (-score[i], i))
        share = 0.45 + 0.35 * rnd.u()
        pre = set(allowed[:max(4, math.ceil(share * len(allowed)))])
        for p, (lo, _hi) in ch["_needs"].items():       # two of each required profile
            if lo > 0:
                pre.update([i for i in allowed if cands[i]["_p"] == p][:lo + 1])
        pre.update(i for i in pool if rows[(i, j)]["cand_rank"] is None)  # proposals
        interview = {i: cands[i]["_q"] + 0.7 * rnd.gauss() for i in sorted(pre)}
        order = sorted(pre, key=lambda i: (-interview[i], i))
        n_short = 6 + rnd.below(5)
        for r, i in enumerate(order):
            rows[(i, j)]["jury_rank"] = r + 1
            if r < n_short:
                rows[(i, j)]["shortlisted"] = 1
    return rows


# --------------------------------------------------------------------------
def money(c, host):
    """(cost, programme share, host share) of candidate c on a host, cents."""
    cost = cents(c["_sal"] * DURATION * FACTOR)
    prog = 0 if host["self_financed"] or host["kind"] not in CO_FINANCED_KINDS else \
        cents(RATE * cost / 100)
    return cost, prog, cost - prog


def build_team(ch, pool, used, target, cands, D=2):
    """A team of `target` people (at least min_team, at most max_team) from
    the ranked pool (best jury rank first) meeting needs and D profiles, or
    None."""
    free = [i for i in pool if i not in used]
    team, cnt = [], {}

    def cap(p):
        return ch["_needs"].get(p, (0, ch["_tmax"]))[1]

    def add(pred):
        for i in free:
            p = cands[i]["_p"]
            if i not in team and cnt.get(p, 0) < cap(p) and pred(i, p):
                team.append(i)
                cnt[p] = cnt.get(p, 0) + 1
                return True
        return False

    for p, (lo, _hi) in sorted(ch["_needs"].items()):
        for _ in range(lo):
            if not add(lambda i, q, p=p: q == p):
                return None
    while len(cnt) < D:
        if not add(lambda i, q: q not in cnt):
            return None
    while len(team) < max(target, ch["_tmin"]):
        if len(team) >= ch["_tmax"] or not add(lambda i, q: True):
            break
    if len(team) < ch["_tmin"] or len(team) > ch["_tmax"]:
        return None
    return team


def generate(scale, seed, n_chal, n_cand, n_apps):
    rnd = Rng(f"cohort-bench/{scale}/{seed}/{n_chal}/{n_cand}/{n_apps}")
    n_hosts = max(1, round(n_chal * 0.65))
    hosts = make_hosts(rnd, n_hosts)
    chals = make_challenges(rnd, n_chal, hosts)
    cands = make_candidates(rnd, n_cand)
    apps, K = make_applications(rnd, cands, chals, n_apps / max(1, n_cand))
    rows = jury(rnd, cands, chals, apps)

    ranked = [[] for _ in chals]
    for (i, j), r in rows.items():
        if r["jury_rank"] is not None:
            ranked[j].append((r["jury_rank"], i))
    pools = [[i for _, i in sorted(lst)] for lst in ranked]

    # ---- witness: minimum-size teams, scarcest pools first. For about half
    # the hosts with several challenges that will get a budget, one challenge
    # is left out so that the budget cannot pay for all of them.
    by_host = {}
    for j, ch in enumerate(chals):
        by_host.setdefault(ch["_h"], []).append(j)
    budgeted = set()
    skip = set()
    for h, js in sorted(by_host.items()):
        if hosts[h]["self_financed"] or rnd.u() >= 0.4:
            continue
        budgeted.add(h)
        if len(js) >= 2 and rnd.u() < 0.5:
            skip.add(js[rnd.below(len(js))])
    order = sorted(range(len(chals)), key=lambda j: (len(pools[j]), j))
    used, witness = set(), {}
    for j in order:
        if j in skip:
            continue
        team = build_team(chals[j], pools[j], used, chals[j]["_tmin"], cands)
        if team:
            witness[j] = team
            used.update(team)
    members = [i for t in witness.values() for i in t]
    N = len(members)
    w_prog = sum(money(cands[i], hosts[chals[j]["_h"]])[1]
                 for j, t in witness.items() for i in t)
    w_host = {}
    for j, t in witness.items():
        h = chals[j]["_h"]
        w_host[h] = w_host.get(h, 0) + sum(money(cands[i], hosts[h])[2] for i in t)

    # ---- must_staff: a few witness challenges with deep pools
    deep = sorted((j for j in witness if len(pools[j]) >= 6), key=lambda j: (-len(pools[j]), j))
    n_must = max(1, round(0.06 * n_chal))
    for j in deep[:n_must * 3:3][:n_must]:
        chals[j]["must_staff"] = 1

    # ---- host budgets: a fraction of one more salary above the witness's
    # spend (or enough for nothing when the witness staffs none of them)
    for h in sorted(budgeted):
        spend = w_host.get(h, 0) // 100
        slack = 5000 + rnd.below(36) * 1000
        hosts[h]["budget"] = (spend + slack + 999) // 1000 * 1000

    # ---- what the largest teams the host budgets allow would cost the
    # programme (a second greedy, without the envelope)
    used_full, full_prog, spent = set(), 0, {}
    for j in order:
        h = chals[j]["_h"]
        cap = hosts[h]["budget"]
        for target in range(chals[j]["_tmax"], chals[j]["_tmin"] - 1, -1):
            team = build_team(chals[j], pools[j], used_full, target, cands)
            if not team:
                break
            cost = sum(money(cands[i], hosts[h])[2] for i in team)
            if cap == "" or spent.get(h, 0) + cost <= cap * 100:
                used_full.update(team)
                spent[h] = spent.get(h, 0) + cost
                full_prog += sum(money(cands[i], hosts[h])[1] for i in team)
                break

    # ---- envelope: between the witness's cost and the full teams' cost
    u = 0.1 + 0.3 * rnd.u()
    env = w_prog + int(u * max(0, full_prog - w_prog))
    envelope = max((w_prog + 99) // 100 + 100, env // 100 // 1000 * 1000)

    # ---- quotas and diversity derived from the witness
    cnt = [0] * len(PROFILES)
    for i in members:
        cnt[cands[i]["_p"]] += 1
    n_f = sum(1 for i in members if cands[i]["gender"] == "F")
    quotas = {}
    sh_des = cnt[1] / N if N else 0
    quotas["designer"] = {"min": math.floor(0.85 * cnt[1]),
                          "min_share": min(floor2(sh_des * 0.9), 0.25)}
    sh_dev = cnt[0] / N if N else 0
    quotas["developer"] = {"max_share": min(1.0, max(ceil2(sh_dev * 1.1), 0.35))}
    quotas["digital_lawyer"] = {"min": min(cnt[5], 1 + n_chal // 20),
                                "max": cnt[5] + 2 + n_chal // 10}
    f_share = min(0.4, floor2(n_f / N)) if N else 0
    places = sum(ch["_tmax"] for ch in chals)

    year = 2025
    scen = {
        "name": f"Benchmark {scale} (seed {seed}): {n_chal} challenges, {n_cand} applicants",
        "start_date": f"{year}-09-15",
        "duration_months": DURATION,
        "employer_cost_factor": 1.8,
        "default_monthly_salary": 4000,
        "team_size": {"min": 2, "max": 3},
        "min_distinct_profiles": 2,
        "cohort_size": {"min": math.floor(0.8 * N), "max": places},
        "profile_quotas": quotas,
        "diversity": [{"attribute": "gender", "value": "F", "min_share": f_share}],
        "cofinancing": {"rates": {"state": 0.3, "local": 0.0, "health": 0.3, "other": 0.0},
                        "envelope": envelope,
                        "covered_months": {"from": f"{year}-10", "to": f"{year}-12"}},
        "objective": {"order": ["staffed", "filled", "rank"],
                      "candidate_weight": 1, "jury_weight": 1},
    }

    # ---- the witness must satisfy every rule as written (exact arithmetic)
    assert N > 0, "no witness cohort"
    assert w_prog <= envelope * 100
    for h, s in w_host.items():
        if hosts[h]["budget"] != "":
            assert s <= hosts[h]["budget"] * 100
    assert all(j in witness for j, ch in enumerate(chals) if ch["must_staff"])
    q = quotas
    assert q["designer"]["min"] <= cnt[1] and Fraction(cnt[1], N) >= dec(q["designer"]["min_share"])
    assert Fraction(cnt[0], N) <= dec(q["developer"]["max_share"])
    assert q["digital_lawyer"]["min"] <= cnt[5] <= q["digital_lawyer"]["max"]
    assert Fraction(n_f, N) >= dec(f_share)
    assert scen["cohort_size"]["min"] <= N <= places

    prefs = []
    for (i, j) in sorted(rows, key=lambda k: (k[0], rows[k]["cand_rank"] is None,
                                              rows[k]["cand_rank"] or 0, k[1])):
        r = rows[(i, j)]
        prefs.append({"candidate": cands[i]["id"], "challenge": chals[j]["id"],
                      "candidate_rank": r["cand_rank"], "jury_rank": r["jury_rank"],
                      "shortlisted": r["shortlisted"]})
    stats = {"hosts": len(hosts), "challenges": n_chal, "candidates": n_cand,
             "applications": len(prefs),
             "ranked": sum(1 for p in prefs if p["jury_rank"] is not None),
             "proposed": sum(1 for p in prefs if p["candidate_rank"] is None),
             "max_candidate_rank": K, "must_staff": sum(ch["must_staff"] for ch in chals),
             "budgets": len(budgeted), "self_financed": sum(h["self_financed"] for h in hosts),
             "witness_staffed": len(witness), "witness_filled": N,
             "witness_programme": w_prog / 100, "full_teams_programme": full_prog / 100,
             "envelope": envelope}
    return scen, hosts, chals, cands, prefs, stats


COLS = {
    "hosts": ["id", "name", "kind", "budget", "self_financed"],
    "challenges": ["id", "title", "host", "min_team", "max_team", "needs", "must_staff"],
    "candidates": ["id", "name", "profile", "monthly_salary", "gender", "years_experience"],
    "preferences": ["candidate", "challenge", "candidate_rank", "jury_rank", "shortlisted"],
}


def csv_text(rows, cols):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow(["" if r.get(k) is None else r.get(k) for k in cols])
    return buf.getvalue()


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=sorted(SCALES), default="promotion")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--challenges", type=int)
    ap.add_argument("--candidates", type=int)
    ap.add_argument("--apps", type=int, help="target number of applications (rows)")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    n_chal, n_cand, n_apps = SCALES[a.scale]
    per_cand = n_apps / n_cand
    n_chal = a.challenges or n_chal
    n_cand = a.candidates or n_cand
    n_apps = a.apps or round(n_cand * per_cand)   # the scale's applications per applicant
    if n_chal < 1 or n_cand < 1 or n_apps < 1:
        ap.error("--challenges, --candidates and --apps must be positive")
    try:
        scen, hosts, chals, cands, prefs, stats = generate(a.scale, a.seed, n_chal, n_cand,
                                                           n_apps)
    except AssertionError as e:
        print(f"gen_scenario.py: no feasible scenario for {n_chal} challenges, {n_cand} "
              f"applicants, {n_apps} applications ({e or 'witness check failed'}); try more "
              f"applicants or another seed", file=sys.stderr)
        return 1

    files = {"scenario.json": json.dumps(scen, ensure_ascii=False, indent=2) + "\n"}
    for name, rows in (("hosts", hosts), ("challenges", chals), ("candidates", cands),
                       ("preferences", prefs)):
        files[name + ".csv"] = csv_text(rows, COLS[name])
    os.makedirs(a.out, exist_ok=True)
    for name, text in files.items():   # each file whole or not at all
        tmp = os.path.join(a.out, f".{name}.tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, os.path.join(a.out, name))
    if not a.quiet:
        print(f"{a.out}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
