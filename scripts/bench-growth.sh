#!/usr/bin/env bash
# Growth of the release search (issue 14): the p50 of `GET /api/releases?q=…` computed (a URL
# never asked before each time, so never from the cache) on a Worker with the demo's releases
# (DEMO_URL) and on one with 2,000 synthetic releases and 30,000 notes more (GROWN_URL, state
# from `SEED_GROW=2000,30000 scripts/db.sh`), as the ratio grown ÷ demo.
# The requests to the two alternate, so both see the same load; each query is measured in
# ROUNDS rounds of SAMPLES requests a side, and the median of the rounds' ratios is the figure
# (a p50 of one side measured after the other swung with the machine's load).
# Usage: scripts/bench-growth.sh DEMO_URL GROWN_URL
set -euo pipefail
demo=${1:?usage: bench-growth.sh DEMO_URL GROWN_URL}
grown=${2:?usage: bench-growth.sh DEMO_URL GROWN_URL}
samples=${SAMPLES:-60}
rounds=${ROUNDS:-3}
work=$(mktemp -d /tmp/sma-bench-growth.XXXXXX)
trap 'rm -rf "$work"' EXIT

median() { # FILE of numbers [DECIMALS]: their median
  sort -n "$1" | awk -v f="%.${2:-1}f" '{ t[NR] = $1 } END { printf f, NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}
ms() { curl -s -o /dev/null -w '%{time_total}\n' "$1" | awk '{ printf "%.2f\n", $1 * 1000 }'; }

measure() { # QUERY [SAMPLES]: one line with each round's p50s and ratio, and the median ratio
  local q=$1 n=${2:-$samples} round i d g
  : > "$work/ratios"
  local line="$q:"
  for round in $(seq 1 "$rounds"); do
    : > "$work/demo"
    : > "$work/grown"
    for i in $(seq 1 "$n"); do
      ms "$demo/api/releases?$q&bench=$$-$round-$i" >> "$work/demo"
      ms "$grown/api/releases?$q&bench=$$-$round-$i" >> "$work/grown"
    done
    d=$(median "$work/demo")
    g=$(median "$work/grown")
    awk -v d="$d" -v g="$g" 'BEGIN { printf "%.2f\n", g / d }' >> "$work/ratios"
    line="$line $g ÷ $d ms = $(tail -1 "$work/ratios");"
  done
  echo "$line median ratio $(median "$work/ratios" 2)"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# A few requests first, so that neither side pays for starting its isolate.
for i in 1 2 3; do ms "$demo/api/releases?q=voip&limit=8&warm=$$-$i" > /dev/null; ms "$grown/api/releases?q=voip&limit=8&warm=$$-$i" > /dev/null; done
echo "p50 grown ÷ demo, computed, $rounds rounds of $samples requests a side:"
measure "q=voip&limit=8"
measure "q=analytics&limit=8"
measure "q=voip" $((samples / 3))
: > "$work/hit"
ms "$grown/api/releases?q=voip&limit=8" > /dev/null # fills the cache
for i in $(seq 1 "$samples"); do ms "$grown/api/releases?q=voip&limit=8" >> "$work/hit"; done
echo "cached q=voip&limit=8 on the grown state: p50 $(median "$work/hit") ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
