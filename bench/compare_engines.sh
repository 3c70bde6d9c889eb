#!/bin/sh
# compare_engines.sh - runs two cohort binaries on the same set of
# coordinators' what-ifs and tells, scenario by scenario, whether they wrote
# the same bytes, the same status and levels, and how long each took: the
# check a change to the engine gets before it lands (docs/validation.md,
# section 5). The sets are rebuilt from the bench generator and
# bench/whatif.py into bench/work/compare/ (git-ignored), so a new machine
# has them again in minutes.
#
# usage: bench/compare_engines.sh OLD_BINARY NEW_BINARY [SET] [LIMIT] [-- OPTIONS]
#   SET: promotion   bench promotion seeds 1-16 and regional 1-4, as
#                    generated, with each of the five changes and with
#                    designers33+envelope70, budgets80+women40 (160)
#        designers   promotion seeds 17-60 and regional 5-12, designers at
#                    a third alone and with each other change (260)
#        national    national seeds 1-9, designers at a third alone and
#                    with women40, budgets80, envelope70 (36; minutes each)
#   LIMIT: --time-limit of each run (default 120 s)
#   OPTIONS after --: given to both binaries (e.g. --no-root-cuts)
# Prints one line per scenario: name, exit status old/new, seconds old/new,
# "same" or "bytes" (other output bytes) and "LEVELS" when the status or
# the levels differ; then the totals. Run from the repository root.
set -eu
if [ $# -lt 2 ]; then
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
OLD=$1
NEW=$2
shift 2
SET=promotion
LIMIT=120
if [ $# -gt 0 ] && [ "$1" != "--" ]; then SET=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" != "--" ]; then LIMIT=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
OPTS="$*"
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$HERE/work/compare
mkdir -p "$WORK/scen"
TMP=$(mktemp -d /tmp/cohort-compare-XXXXXX)
trap 'rm -rf "$TMP"' EXIT INT TERM

base() { # scale seed -> folder of the generated scenario
    b=$WORK/scen/$1-$2
    [ -d "$b" ] || python3 "$HERE/gen_scenario.py" --scale "$1" --seed "$2" --out "$b" >/dev/null
    echo "$b"
}

variant() { # scale seed change[+change...] -> folder
    b=$(base "$1" "$2")
    d=$b-$3
    [ -d "$d" ] || python3 "$HERE/whatif.py" apply "$b" "$d" "$3" >/dev/null
    echo "$d"
}

list() {
    case $SET in
    promotion)
        for sc in "promotion 1 16" "regional 1 4"; do
            set -- $sc
            for s in $(seq "$2" "$3"); do
                base "$1" "$s"
                for ch in designers33 envelope70 selffin budgets80 women40 \
                    designers33+envelope70 budgets80+women40; do
                    variant "$1" "$s" "$ch"
                done
            done
        done
        ;;
    designers)
        for sc in "promotion 17 60" "regional 5 12"; do
            set -- $sc
            for s in $(seq "$2" "$3"); do
                for ch in designers33 designers33+women40 designers33+budgets80 \
                    designers33+selffin designers33+envelope70; do
                    variant "$1" "$s" "$ch"
                done
            done
        done
        ;;
    national)
        for s in $(seq 1 9); do
            for ch in designers33 designers33+women40 designers33+budgets80 \
                designers33+envelope70; do
                variant national "$s" "$ch"
            done
        done
        ;;
    *)
        echo "unknown set '$SET' (promotion, designers or national)" >&2
        exit 2
        ;;
    esac
}

run() { # binary scenario out -> "exit seconds"
    t0=$(date +%s.%N)
    rc=0
    # shellcheck disable=SC2086 # OPTS: options without spaces, one word each
    "$1" solve "$2" --out "$3" --quiet --time-limit "$LIMIT" $OPTS >/dev/null 2>&1 || rc=$?
    echo "$rc $(echo "$(date +%s.%N) - $t0" | bc)"
}

levels() { # cohort.json -> status and objective, one line
    python3 -c 'import json,sys
try:
    d = json.load(open(sys.argv[1]))
    print(d.get("status"), json.dumps(d.get("objective"), sort_keys=True))
except OSError:
    print("none")' "$1"
}

list >"$TMP/list"
n=0 same=0 lv=0 told=0 tnew=0
while read -r d; do
    name=$(basename "$d")
    rm -rf "$TMP/old" "$TMP/new"
    set -- $(run "$OLD" "$d" "$TMP/old")
    ro=$1 so=$2
    set -- $(run "$NEW" "$d" "$TMP/new")
    rn=$1 sn=$2
    if diff -r "$TMP/old" "$TMP/new" >/dev/null 2>&1; then
        b=same
        same=$((same + 1))
    else
        b=bytes
    fi
    l=""
    if [ "$(levels "$TMP/old/cohort.json")" != "$(levels "$TMP/new/cohort.json")" ]; then
        l=LEVELS
        lv=$((lv + 1))
    fi
    n=$((n + 1))
    told=$(echo "$told + $so" | bc)
    tnew=$(echo "$tnew + $sn" | bc)
    printf '%-44s %s/%s %8.2f %8.2f %s %s\n' "$name" "$ro" "$rn" "$so" "$sn" "$b" "$l"
done <"$TMP/list"
printf 'total: %d scenarios, %d the same bytes, %d other levels or status; %.2f s old, %.2f s new\n' \
    "$n" "$same" "$lv" "$told" "$tnew"
