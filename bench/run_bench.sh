#!/usr/bin/env bash
# run_bench.sh - `cohort solve` side by side with glpsol on models/cohort.mod
# and COIN-OR CBC on the model written by `cohort export-model` (issue 7).
#
# usage: bench/run_bench.sh [--scales promotion,regional,national] [--seeds 1,2]
#                           [--reps 3] [--timeout SECS] [--cbc-timeout SECS]
#                           [--glpsol-timeout SECS] [--contenders cohort,glpsol,cbc,cbc-plain]
#                           [--cohort BINARY] [--results DIR] [--append] [--check]
#
# For each scale and seed: generates the scenario with bench/gen_scenario.py
# (cached in bench/work/), then runs each contender --reps times under
# `timeout` and `/usr/bin/time -f '%e %M'` (wall seconds, peak RSS):
#   cohort  `cohort solve SCENARIO --out DIR --quiet`, end to end (load, solve,
#           write every output); levels from DIR/cohort.json.
#   glpsol  glpsol on models/cohort.mod with the data of `cohort export-gmpl`,
#           level by level as docs/model.md says (one run per level, the
#           levels already found held by fix_* in a second data file); times
#           summed, peak = the largest. Run plain and with --cuts; the table
#           shows the faster of the two, the CSV both.
#   cbc     `cbc FILE.lp solve solu SOL` on `cohort export-model` (one solve of
#           the weighted, exactly lexicographic objective); levels decoded
#           from the solution by bench/bench_util.py.
#   cbc-plain  the same on `cohort export-model --plain`: CONTRACT.md
#           section 2 as written (money rows in cents, no implied rows), the
#           model a user would write without cohort's formulation work.
# Exports are not timed. A contender that times out (or fails) on a
# repetition is not repeated. The table (median wall time, peak memory,
# levels reached, same optimum as cohort, time ratio to cohort) is printed
# and written to bench/results/latest.md; every run is a row of
# bench/results/latest.csv (--append adds to it instead of starting anew;
# --results DIR writes them elsewhere).
# --check also checks each cohort output with the conformance kit's
# verify.py (a development aid; not timed).
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SCALES=promotion,regional,national
SEEDS=1,2
REPS=3
TIMEOUT=600
CBC_TIMEOUT=
GLPSOL_TIMEOUT=
CONTENDERS=cohort,glpsol,cbc,cbc-plain
COHORT=$ROOT/build-bench/cohort
APPEND=0
CHECK=0
RES=
VERIFY=/work/shared/conformance/verify.py

die() { echo "run_bench.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
    --scales) SCALES=${2:?}; shift 2 ;;
    --seeds) SEEDS=${2:?}; shift 2 ;;
    --reps) REPS=${2:?}; shift 2 ;;
    --timeout) TIMEOUT=${2:?}; shift 2 ;;
    --cbc-timeout) CBC_TIMEOUT=${2:?}; shift 2 ;;
    --glpsol-timeout) GLPSOL_TIMEOUT=${2:?}; shift 2 ;;
    --contenders) CONTENDERS=${2:?}; shift 2 ;;
    --cohort) COHORT=${2:?}; shift 2 ;;
    --results) RES=${2:?}; shift 2 ;;
    --append) APPEND=1; shift ;;
    --check) CHECK=1; shift ;;
    -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
    esac
done
CBC_TIMEOUT=${CBC_TIMEOUT:-$TIMEOUT}
GLPSOL_TIMEOUT=${GLPSOL_TIMEOUT:-$TIMEOUT}
case $REPS in ''|*[!0-9]*|0) die "--reps: expected a positive integer, got '$REPS'" ;; esac
for t in "$TIMEOUT" "$CBC_TIMEOUT" "$GLPSOL_TIMEOUT"; do
    case $t in ''|*[!0-9]*|0) die "timeouts: expected a positive number of seconds, got '$t'" ;; esac
done
[ -x "$COHORT" ] || die "$COHORT: no cohort binary (build it: cmake -S . -B build-bench && cmake --build build-bench -j2)"
[ -x /usr/bin/time ] || die "/usr/bin/time missing (apt-get install -y time)"
has() { case ",$CONTENDERS," in *",$1,"*) return 0 ;; esac; return 1; }
if has glpsol; then command -v glpsol >/dev/null || die "glpsol missing (apt-get install -y glpk-utils)"; fi
if has cbc || has cbc-plain; then command -v cbc >/dev/null || die "cbc missing (apt-get install -y coinor-cbc)"; fi

WORK=$HERE/work
RES=${RES:-$HERE/results}
mkdir -p "$WORK" "$RES"
RAW=$RES/latest.csv
UTIL="python3 $HERE/bench_util.py"
if [ "$APPEND" = 0 ] || [ ! -s "$RAW" ]; then
    echo "scale,seed,contender,rep,status,wall_s,peak_kb,staffed,filled,rank,timeout_s" > "$RAW"
fi

# time_run TIMEOUT LOG CMD... : runs CMD under timeout and /usr/bin/time;
# sets RC, WALL (s) and PEAK (KB).
time_run() {
    # wall time from the clock around the run (1 ms resolution; /usr/bin/time
    # gives 10 ms), peak resident set from /usr/bin/time
    local to=$1 log=$2 tf t0 t1
    shift 2
    tf=$(mktemp)
    t0=$(date +%s%N)
    /usr/bin/time -o "$tf" -f '%e %M' timeout "$to" "$@" >"$log" 2>&1
    RC=$?
    t1=$(date +%s%N)
    read -r WALL PEAK < <(tail -n 1 "$tf")
    rm -f "$tf"
    case ${WALL:-} in
    ''|*[!0-9.]*) WALL=-; PEAK=- ;;
    *) WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') ;;
    esac
}

record() { # scale seed contender rep status wall peak staffed filled rank timeout
    local IFS=,
    echo "$*" >> "$RAW"
    printf '  %-14s rep %s: %-9s %8s s %8s KB  %s/%s/%s\n' "$3" "$4" "$5" "$6" "$7" "$8" "$9" "${10}" >&2
}

# what is measured: the source revision when the run starts and the binary's build time
REV="git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
git -C "$ROOT" diff --quiet HEAD -- src cli models 2>/dev/null || REV="$REV + uncommitted changes"
BUILT=$(date -u -r "$COHORT" '+%Y-%m-%d %H:%M UTC')

gen_stamp=$(cat "$HERE/gen_scenario.py" | cksum | cut -d' ' -f1)

for scale in ${SCALES//,/ }; do
    for seed in ${SEEDS//,/ }; do
        D=$WORK/$scale-s$seed
        SCEN=$D/scenario
        mkdir -p "$D"
        if [ "$(cat "$D/stamp" 2>/dev/null)" != "$gen_stamp" ] || [ ! -s "$SCEN/preferences.csv" ]; then
            rm -rf "$SCEN"
            python3 "$HERE/gen_scenario.py" --scale "$scale" --seed "$seed" --out "$SCEN" >&2 \
                || die "gen_scenario.py failed for $scale seed $seed"
            echo "$gen_stamp" > "$D/stamp"
        fi
        echo "== $scale seed $seed ($SCEN)" >&2

        # ---- (a) cohort solve, end to end
        if has cohort; then
            for rep in $(seq 1 "$REPS"); do
                rm -rf "$D/out"
                time_run "$TIMEOUT" "$D/cohort.log" "$COHORT" solve "$SCEN" --out "$D/out" --quiet
                if [ "$RC" = 124 ]; then
                    record "$scale" "$seed" cohort "$rep" timeout "$WALL" "$PEAK" - - - "$TIMEOUT"
                    break
                fi
                read -r st s f r < <($UTIL cohort "$D/out")
                [ "$RC" = 0 ] || st="exit$RC-$st"
                record "$scale" "$seed" cohort "$rep" "$st" "$WALL" "$PEAK" "$s" "$f" "$r" "$TIMEOUT"
                if [ "$CHECK" = 1 ] && [ "$rep" = 1 ]; then
                    if python3 "$VERIFY" "$SCEN" "$D/out" > "$D/verify.log" 2>&1; then
                        echo "  verify.py: ok" >&2
                    else
                        echo "  verify.py: FAILED (see $D/verify.log)" >&2
                        tail -n 5 "$D/verify.log" >&2
                    fi
                fi
                [ "$st" = optimal ] || break
            done
        fi

        # ---- (b) glpsol on models/cohort.mod, level by level
        if has glpsol; then
            "$COHORT" export-gmpl "$SCEN" "$D/model.dat" > "$D/export-gmpl.log" 2>&1 \
                || die "export-gmpl failed (see $D/export-gmpl.log)"
            read -r -a ORDER < <($UTIL order "$SCEN")
            for variant in glpsol "glpsol --cuts"; do
                opts=()
                [ "$variant" = glpsol ] || opts=(--cuts)
                for rep in $(seq 1 "$REPS"); do
                    fixes=""
                    total=0
                    peak=0
                    st=optimal
                    declare -A got=()
                    for lv in "${ORDER[@]}"; do
                        left=$(awk -v t="$GLPSOL_TIMEOUT" -v u="$total" 'BEGIN { l = t - u; if (l < 1) l = 1; printf "%d", l + 0.999 }')
                        printf 'data;\nparam level := %s;\n%send;\n' "$lv" "$fixes" > "$D/level.dat"
                        time_run "$left" "$D/glpsol-$lv.log" glpsol "${opts[@]}" -m "$ROOT/models/cohort.mod" \
                            -d "$D/model.dat" -d "$D/level.dat"
                        total=$(awk -v a="$total" -v b="$WALL" 'BEGIN { if (b == "-") b = 0; printf "%.2f", a + b }')
                        [ "$PEAK" != - ] && [ "$PEAK" -gt "$peak" ] && peak=$PEAK
                        # a timeout or failure names the level it stopped at
                        if [ "$RC" = 124 ]; then st=timeout@$lv; break; fi
                        read -r lst ls lf lr lrs < <($UTIL glpsol "$D/glpsol-$lv.log")
                        if [ "$RC" != 0 ] || [ "$lst" != optimal ]; then st=${lst:-error}@$lv; break; fi
                        got[staffed]=$ls; got[filled]=$lf; got[rank]=$lr
                        case $lv in
                        staffed) fixes+="param fix_staffed := $ls;"$'\n' ;;
                        filled) fixes+="param fix_filled := $lf;"$'\n' ;;
                        rank) fixes+="param fix_rank := $lrs;"$'\n' ;;
                        esac
                    done
                    if [ "$st" = optimal ]; then
                        record "$scale" "$seed" "$variant" "$rep" optimal "$total" "$peak" \
                            "${got[staffed]}" "${got[filled]}" "${got[rank]}" "$GLPSOL_TIMEOUT"
                    else
                        record "$scale" "$seed" "$variant" "$rep" "$st" "$total" "$peak" - - - "$GLPSOL_TIMEOUT"
                        break
                    fi
                    unset got
                done
            done
        fi

        # ---- (c) CBC on the exported weighted model: cohort's formulation
        #      (cbc) and CONTRACT.md section 2 as written (cbc-plain)
        for variant in cbc cbc-plain; do
            has "$variant" || continue
            lpf=$D/model.lp
            eopts=()
            if [ "$variant" = cbc-plain ]; then lpf=$D/model-plain.lp; eopts=(--plain); fi
            "$COHORT" export-model "$SCEN" "$lpf" "${eopts[@]}" > "$D/export-model.log" 2>&1 \
                || die "export-model failed (see $D/export-model.log)"
            [ -s "$D/model.dat" ] || "$COHORT" export-gmpl "$SCEN" "$D/model.dat" > /dev/null 2>&1 \
                || die "export-gmpl failed"
            for rep in $(seq 1 "$REPS"); do
                rm -f "$D/$variant.sol"
                time_run "$CBC_TIMEOUT" "$D/$variant.log" cbc "$lpf" solve solu "$D/$variant.sol"
                if [ "$RC" = 124 ]; then
                    record "$scale" "$seed" "$variant" "$rep" timeout "$WALL" "$PEAK" - - - "$CBC_TIMEOUT"
                    break
                fi
                read -r st s f r < <($UTIL cbc "$SCEN" "$lpf" "$D/model.dat" "$D/$variant.sol")
                record "$scale" "$seed" "$variant" "$rep" "$st" "$WALL" "$PEAK" "$s" "$f" "$r" "$CBC_TIMEOUT"
                [ "$st" = optimal ] || break
            done
        done
    done
done

# ---- the table
HEAD=$(mktemp)
{
    echo "# Benchmark results"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'): $("$COHORT" --version 2>/dev/null | head -n 1)" \
        "($REV when the run started; binary built $BUILT)," \
        "$(glpsol --version 2>/dev/null | sed -n '1s/.*Solver /GLPK /p')," \
        "CBC $(cbc -quit 2>/dev/null | sed -n 's/^Version: *//p' | head -n 1 | tr -d ' ')," \
        "$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
        "$(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)."
    echo
    echo "Wall time: median of the repetitions, end to end; peak: largest resident set."
    echo "Timeouts: cohort ${TIMEOUT} s, glpsol ${GLPSOL_TIMEOUT} s (all levels), CBC ${CBC_TIMEOUT} s" \
        "(for --append runs, see the CSV's timeout_s column)."
    echo
} > "$HEAD"
$UTIL report "$RAW" "$RES/latest.md" "$HEAD"
status=$?
rm -f "$HEAD"
if [ "$status" != 0 ]; then
    echo "run_bench.sh: CONTENDERS DISAGREE on an optimum: see above and bench/work/" >&2
fi
exit "$status"
