#!/bin/sh
# bench_sweep.sh - times the 13-value envelope sweep on the example promotion
# (issue 5: "finishes in seconds"), without and with recording every variant
# in a store, and prints the time of each variant.
#
# usage: bench/bench_sweep.sh [COHORT_BINARY] [SCENARIO]
#   defaults: build/cohort and data/eig5 (run from the repository root)
set -eu
BIN=${1:-build/cohort}
SCEN=${2:-data/eig5}
SET=cofinancing.envelope=400000:1600000:100000
TMP=$(mktemp -d /tmp/cohort-bench-sweep-XXXXXX)
trap 'rm -rf "$TMP"' EXIT INT TERM

now() { date +%s.%N; }

run() { # label, extra args...
    label=$1
    shift
    t0=$(now)
    timeout 600 "$BIN" sweep "$SCEN" --set "$SET" --out "$TMP/out-$label" "$@" 2>"$TMP/err-$label"
    t1=$(now)
    echo "== $label: $(echo "$t1 - $t0" | bc) s for $(grep -c '^cohort sweep: \[' "$TMP/err-$label") variants"
    sed -n 's/^cohort sweep: \[\([0-9]*\/[0-9]*\)\] \([^:]*\): \([a-z]*\).*(\([0-9.]*\) s).*/  \1 \2  \3  solve \4 s/p' \
        "$TMP/err-$label"
}

echo "cohort sweep $SCEN --set $SET"
run plain
run store --db "$TMP/runs.db"
echo "store size: $(du -k "$TMP/runs.db" | cut -f1) KiB for $("$BIN" runs --db "$TMP/runs.db" --json | grep -c '"id"') runs"
echo "chart: $(wc -c < "$TMP/out-plain/sweep.svg") bytes; table:"
cat "$TMP/out-plain/sweep.csv"
