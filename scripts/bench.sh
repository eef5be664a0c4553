#!/usr/bin/env bash
# One command for the figures in docs/performance.md:
#   1. criterion benchmarks of a quote in `shared` (scripts/criterion-summary.sh; instruction
#      counts with scripts/quote-instructions.sh when valgrind is installed), orders and the
#      renewal engine;
#   2. a load run (wrk, bounded: 10 s per route, loopback only) against a local Worker;
#   3. the built SPA's sizes, raw and brotli, and what weighs most (twiggy), per bundle.
# Expects `make build` to have run (the Makefile's `bench` target does it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-.state/bench}
mkdir -p "$out"

echo "== criterion: shared quote, and its growth with years and modules"
cargo bench -p sma-shared --bench quote -- --warm-up-time 1 --measurement-time 3 2>&1 | grep -E 'time:|quote' > "$out/criterion.txt"
scripts/criterion-summary.sh | tee "$out/quote.txt"
if command -v valgrind > /dev/null; then
  echo "== instructions per quote (callgrind, independent of the machine's load)"
  scripts/quote-instructions.sh | tee -a "$out/quote.txt"
fi
echo "== criterion: shared orders and renewal engine"
cargo bench -p sma-shared --bench orders -- --warm-up-time 1 --measurement-time 3 2>&1 | grep -E 'time:|^[a-z_ ]+:' | tee -a "$out/criterion.txt"

echo "== bundle sizes (first page load of / and of the portal pages)"
{
  scripts/page-weight.sh app/dist/index.html
  scripts/page-weight.sh app/dist/portal.html
} | tee "$out/sizes.txt"
if command -v twiggy > /dev/null; then
  for bin in calculator portal; do
    twiggy top -n 15 "${CARGO_TARGET_DIR:-target}-app/wasm32-unknown-unknown/release/$bin.wasm" > "$out/twiggy-$bin.txt" 2>&1 || true
  done
  echo "(twiggy top in $out/twiggy-{calculator,portal}.txt)"
fi

echo "== worker bundle"
wrangler deploy --dry-run --outdir "$out/dry-run" 2>&1 | grep -E 'Total Upload|gzip' | tee "$out/worker-size.txt" || true

echo "== load run against a local Worker"
if ! command -v wrk > /dev/null; then echo "wrk missing (apt-get install wrk)"; exit 0; fi
state=$(mktemp -d /tmp/sma-bench.XXXXXX)
port=${BENCH_PORT:-8799}
PORT=$port WRANGLER_LOG=warn READY_FILE="$state/ready" scripts/serve.sh "$state" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; sleep 1; rm -rf "$state"' EXIT
for _ in $(seq 1 600); do [ -f "$state/ready" ] && break; sleep 0.5; done
base="http://127.0.0.1:$port"
cat > "$out/quote.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"edition":"professional","cameras":40,"modules":[{"sku":"analytics","qty":10},{"sku":"voip","qty":1},{"sku":"archive","qty":1}],"licence_date":"2026-11-15","sma":{"order_date":"2027-06-01","term_years":3},"years":5}'
LUA
{
  for route in "/api/health" "/api/releases" "/api/releases?q=voip" "/"; do
    echo "-- GET $route"
    wrk -t2 -c32 -d10s --latency "$base$route" | grep -E 'Requests/sec|Latency|50%|99%'
  done
  echo "-- POST /api/quotes/new"
  wrk -t2 -c32 -d10s --latency -s "$out/quote.lua" "$base/api/quotes/new" | grep -E 'Requests/sec|Latency|50%|99%'
} | tee "$out/load.txt"
echo "== signed-in order path (sequential)"
scripts/bench-orders.sh "$base" | tee "$out/orders.txt"
