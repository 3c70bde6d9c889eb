/* cohort.mod - the cohort MILP of CONTRACT.md section 2, in GMPL.
 *
 * This is the readable twin of what src/model.c builds through GLPK's C API.
 * Data for any scenario comes from `cohort export-gmpl SCENARIO FILE.dat`:
 *
 *     glpsol -m models/cohort.mod -d FILE.dat
 *
 * prints the optimum level by level ("LEVEL staffed 16" ...). Symbols are
 * short internal names (c12 = 12th candidate, d3 = 3rd challenge, h1 = 1st
 * host); the .dat file maps them back to the ids of the scenario in comments.
 * Money is in cents. Shares are exact fractions num/den.
 */

set PROF;                         # the six profiles
set CAND;                         # candidates with at least one eligible pair
set CHAL;                         # challenges
set HOST;                         # host administrations
set PAIR within CAND cross CHAL;  # C2: eligible pairs only (jury ranked, profile allowed)

param prof{CAND} symbolic in PROF;
param host{CHAL} symbolic in HOST;
param tmin{CHAL} integer >= 1;    # min_team
param tmax{CHAL} integer >= 1;    # max_team
param nmin{CHAL, PROF} integer >= 0, default 0;         # needs, minimum
param nmax{h in CHAL, PROF} integer >= 0, default tmax[h]; # needs, maximum
param must{CHAL} binary, default 0;                      # must_staff
param D integer >= 0;                                    # min_distinct_profiles

/* C5 without auxiliary binaries: a team holds at least D profiles iff, for
   every set S of D-1 profiles, some member is outside S. */
set SUBS;
set SUBSET{SUBS} within PROF;

param csmin integer >= 0, default 0;
param csmax integer >= 0, default 1e9;

set QUOTA within PROF;            # profiles with a quota (C8)
param qmin{QUOTA} integer >= 0, default 0;
param qmax{QUOTA} integer >= 0, default 1e9;
param qmin_num{QUOTA} >= 0, default 0;   # min_share = num/den
param qmin_den{QUOTA} > 0, default 1;
param qmax_num{QUOTA} >= 0, default 1;   # max_share = num/den
param qmax_den{QUOTA} > 0, default 1;

set DIV;                          # diversity entries (C9)
param member{DIV, CAND} binary, default 0;
param dmin_num{DIV} >= 0, default 0;
param dmin_den{DIV} > 0, default 1;
param dmax_num{DIV} >= 0, default 1;
param dmax_den{DIV} > 0, default 1;

param prog{PAIR} >= 0;            # programme share of the pair, cents
param hshare{PAIR} >= 0;          # host share of the pair, cents
param envelope default -1;        # C10, cents; -1 = none
param budget{HOST} default -1;    # C11, cents; -1 = unlimited
param rc{PAIR} >= 0;              # rank cost: wc*candidate_rank + wj*jury_rank (scaled)
param rank_scale > 0, default 1;  # rank = sum of rc / rank_scale

/* The lexicographic objective. Two ways to solve it with glpsol:
   - level by level, as the engine does: solve with level = "staffed", then
     with level = "filled" and fix_staffed set to the optimum found, then with
     level = "rank" and both fixed (a second -d file sets these);
   - in one solve of the weighted sum (level = "weighted", the default), whose
     weights, computed by the exporter, make one unit of a level outweigh
     every possible change of the levels after it. */
param level symbolic in {"weighted", "staffed", "filled", "rank"}, default "weighted";
param fix_staffed default -1;     # >= 0: hold the staffed level at least there
param fix_filled default -1;      # >= 0: hold the filled level at least there
param fix_rank default -1;        # >= 0: hold the rank level (scaled) at most there
param w_staffed >= 0;
param w_filled >= 0;
param w_rank >= 0;

var x{PAIR} binary;
var y{CHAL} binary;

maximize lexicographic:
    (if level = "weighted" then w_staffed else if level = "staffed" then 1 else 0)
      * sum{h in CHAL} y[h]
  + sum{(i, h) in PAIR}
      ((if level = "weighted" then w_filled - w_rank * rc[i, h]
        else if level = "filled" then 1
        else if level = "rank" then -rc[i, h] else 0) * x[i, h]);

s.t. HoldStaffed{e in {1}: fix_staffed >= 0}: sum{h in CHAL} y[h] >= fix_staffed;
s.t. HoldFilled{e in {1}: fix_filled >= 0}: sum{(i, h) in PAIR} x[i, h] >= fix_filled;
s.t. HoldRank{e in {1}: fix_rank >= 0}: sum{(i, h) in PAIR} rc[i, h] * x[i, h] <= fix_rank;

s.t. C1{i in CAND}: sum{(i, h) in PAIR} x[i, h] <= 1;

s.t. C3min{h in CHAL}: sum{(i, h) in PAIR} x[i, h] >= tmin[h] * y[h];
s.t. C3max{h in CHAL}: sum{(i, h) in PAIR} x[i, h] <= tmax[h] * y[h];

s.t. C4min{h in CHAL, p in PROF: nmin[h, p] > 0}:
    sum{(i, h) in PAIR: prof[i] = p} x[i, h] >= nmin[h, p] * y[h];
s.t. C4max{h in CHAL, p in PROF: nmax[h, p] < tmax[h]}:
    sum{(i, h) in PAIR: prof[i] = p} x[i, h] <= nmax[h, p] * y[h];

s.t. C5{h in CHAL, S in SUBS}:
    sum{(i, h) in PAIR: prof[i] not in SUBSET[S]} x[i, h] >= y[h];

s.t. C6{h in CHAL: must[h] = 1}: y[h] = 1;

s.t. C7: csmin <= sum{(i, h) in PAIR} x[i, h] <= csmax;

s.t. C8count{p in QUOTA}: qmin[p] <= sum{(i, h) in PAIR: prof[i] = p} x[i, h] <= qmax[p];
s.t. C8minshare{p in QUOTA}:
    sum{(i, h) in PAIR} (qmin_den[p] * (if prof[i] = p then 1 else 0) - qmin_num[p]) * x[i, h] >= 0;
s.t. C8maxshare{p in QUOTA}:
    sum{(i, h) in PAIR} (qmax_den[p] * (if prof[i] = p then 1 else 0) - qmax_num[p]) * x[i, h] <= 0;

s.t. C9minshare{d in DIV}:
    sum{(i, h) in PAIR} (dmin_den[d] * member[d, i] - dmin_num[d]) * x[i, h] >= 0;
s.t. C9maxshare{d in DIV}:
    sum{(i, h) in PAIR} (dmax_den[d] * member[d, i] - dmax_num[d]) * x[i, h] <= 0;

s.t. C10{e in {1}: envelope >= 0}: sum{(i, h) in PAIR} prog[i, h] * x[i, h] <= envelope;

s.t. C11{g in HOST: budget[g] >= 0}:
    sum{(i, h) in PAIR: host[h] = g} hshare[i, h] * x[i, h] <= budget[g];

solve;

printf "LEVEL staffed %d\n", sum{h in CHAL} y[h];
printf "LEVEL filled %d\n", sum{(i, h) in PAIR} x[i, h];
printf "LEVEL rank %.6f\n", (sum{(i, h) in PAIR} rc[i, h] * x[i, h]) / rank_scale;
printf "LEVEL rank_scaled %d\n", sum{(i, h) in PAIR} rc[i, h] * x[i, h];
for {(i, h) in PAIR: x[i, h] > 0.5} printf "ASSIGN %s %s\n", i, h;

end;
