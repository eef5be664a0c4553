#!/usr/bin/env bash
# Instructions per quote, counted by callgrind (independent of the machine's load): the `quote`
# benchmark's quote, and its growth with years and modules (examples/quote_calls.rs). Each
# figure is (count of N quotes − count of none) / N. Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${CALLS:-1000}
cargo build -q --profile bench -p sma-shared --example quote_calls
bin=${CARGO_TARGET_DIR:-target}/release/examples/quote_calls

# total instructions of one run of the example with the given arguments
total() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 |
    awk '/Collected/ { print $NF }'
}

# instructions of one quote: years [modules]
per_quote() {
  local none all
  none=$(total 0 "$@")
  all=$(total "$calls" "$@")
  echo $(((all - none) / calls))
}

echo "quote_new 5 years, 3 modules, late SMA: $(per_quote 5) instructions"
echo "| years (3 modules) | instructions | | modules (5 years) | instructions |"
echo "|---|---|---|---|---|"
for pair in "1 0" "2 1" "5 3" "10 7"; do
  read -r years modules <<< "$pair"
  echo "| $years | $(per_quote "$years") | | $modules | $(per_quote 5 "$modules") |"
done
