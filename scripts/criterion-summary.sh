#!/usr/bin/env bash
# Summarises the last `cargo bench -p sma-shared --bench quote` run from criterion's files:
# the quote's median and its fastest and slowest sample against the 2 µs target of issue 14,
# and the growth groups with the cost of each added year or module (linear growth keeps it
# about constant). Usage: scripts/criterion-summary.sh [criterion directory]
set -euo pipefail
dir=${1:-${CARGO_TARGET_DIR:-target}/criterion}
target_ns=2000

# median, fastest and slowest sample of one benchmark, in ns per iteration
figures() {
  local new="$dir/$1/new"
  jq -r '.median.point_estimate' "$new/estimates.json"
  jq -r '[range(.iters | length) as $i | .times[$i] / .iters[$i]] | min, max' "$new/sample.json"
}

us() { awk -v ns="$1" 'BEGIN { printf "%.2f µs", ns / 1000 }'; }

quote="quote_new 5 years, 3 modules, late SMA"
read -r -d '' median fastest slowest < <(figures "$quote"; printf '\0') || true
printf '%s: median %s (samples %s – %s); target ≤ %s: %s\n' "$quote" "$(us "$median")" \
  "$(us "$fastest")" "$(us "$slowest")" "$(us "$target_ns")" \
  "$(awk -v m="$median" -v t="$target_ns" 'BEGIN { print (m <= t ? "met" : "missed") }')"

growth() {
  local group=$1 unit=$2 first="" first_ns="" step
  shift 2
  echo "$group"
  echo "| $unit | median | samples | per added $unit |"
  echo "|---|---|---|---|"
  for n in "$@"; do
    read -r -d '' median fastest slowest < <(figures "$group/$n"; printf '\0') || true
    if [ -z "$first" ]; then
      first=$n first_ns=$median step="–"
    else
      step=$(us "$(awk -v a="$first_ns" -v b="$median" -v n="$((n - first))" 'BEGIN { print (b - a) / n }')")
    fi
    echo "| $n | $(us "$median") | $(us "$fastest") – $(us "$slowest") | $step |"
  done
}

growth "quote_new by years (3 modules, late SMA)" year 1 2 5 10
growth "quote_new by modules (5 years, late SMA)" module 0 1 3 7
