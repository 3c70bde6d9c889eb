#!/bin/sh
# bench_schedule.sh - times `cohort schedule` (wall clock, best and median of
# RUNS runs) on the example promotion and on generated 300-interview
# scenarios over 3 days, and prints the status and objective of each.
#
# usage: bench/bench_schedule.sh [BUILD_DIR] [RUNS]      (defaults: build, 5)
#
# The generated scenarios come from bench/gen_schedule.py (planted, so the
# optimum is known: one day per candidate, no gap); the "tight" variant adds
# --max-per-day 5, which leaves no spare slot to any panel on any day.
# Needs python3. Not part of ctest: speed is measured here, never in tests.
set -eu
BUILD=${1:-build}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/$BUILD/cohort
[ -x "$BIN" ] || { echo "no $BIN: build first (cmake --build $BUILD)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 "$ROOT/bench/gen_schedule.py" "$TMP/g300" --interviews 300 --days 3 --seed 1 >/dev/null
python3 "$ROOT/bench/gen_schedule.py" "$TMP/g300b" --interviews 300 --days 3 --seed 2 >/dev/null
python3 "$ROOT/bench/gen_schedule.py" "$TMP/g600" --interviews 600 --days 3 --seed 1 >/dev/null

bench() { # NAME SCENARIO [OPTIONS...]
    name=$1; scen=$2; shift 2
    times=""
    for r in $(seq "$RUNS"); do
        t0=$(date +%s.%N)
        "$BIN" schedule "$scen" --out "$TMP/out" --quiet "$@" >/dev/null 2>&1 || true
        t1=$(date +%s.%N)
        times="$times $(echo "$t1 - $t0" | bc -l)"
    done
    stats=$(echo "$times" | tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {printf "best %.3fs  median %.3fs", a[1], a[int((NR+1)/2)]}')
    res=$(python3 -c "import json; j=json.load(open('$TMP/out/schedule.json')); print(j['status'], j['interviews'], 'interviews', json.dumps(j['objective']), 'gap', j['gap'])")
    printf '%-40s %s  %s\n' "$name" "$stats" "$res"
}

echo "cohort schedule, $RUNS runs each ($(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg))"
bench "data/eig5" "$ROOT/data/eig5"
bench "data/eig5 --buffer 30 --max-per-day 3" "$ROOT/data/eig5" --buffer 30 --max-per-day 3
bench "data/example.json" "$ROOT/data/example.json"
bench "300 interviews (seed 1)" "$TMP/g300"
bench "300 interviews (seed 2)" "$TMP/g300b"
bench "300 interviews --buffer 15" "$TMP/g300" --buffer 15
bench "300 tight --max-per-day 5 (30 s)" "$TMP/g300" --max-per-day 5 --time-limit 30
bench "600 interviews" "$TMP/g600"
