#!/usr/bin/env bash
# One command for the figures in docs/performance.md:
#   1. criterion benchmarks of a quote in `shared` (scripts/criterion-summary.sh; instruction
#      counts with scripts/quote-instructions.sh when valgrind is installed), orders and the
#      renewal engine;
#   2. a load run (wrk, bounded: 10 s per route, loopback only) against a local Worker, as
#      throughput ratios to /api/health measured next to it (the machine is noisy);
#   3. the built SPA's sizes, raw and brotli, and what weighs most (twiggy), per bundle;
#   4. Lighthouse (mobile defaults, Debian Chromium) of /, /releases, /releases/6.1.2, /account,
#      the median of LIGHTHOUSE_RUNS (3) runs a page;
#   5. the requests of a repeat visit of / (scripts/repeat-visit.mjs);
#   6. growth: /api/releases?q=… p50 (computed, not cached) with the demo's releases and
#      with 2,000 synthetic releases and 30,000 notes more (SEED_GROW of scripts/db.sh), as
#      ratios of requests that alternate between the two (scripts/bench-growth.sh).
# It ends with a summary of issue 14's table.
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
  scripts/page-weight.sh app/dist/releases.html # what `/releases` serves (the portal with its frame)
  scripts/page-weight.sh app/dist/account.html
} | tee "$out/sizes.txt"
echo "== what the portal loads later (each entry's module, later::entry!, with its shared parts)"
node scripts/later-weight.mjs app/dist | tee "$out/later.txt"
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
grown=$(mktemp -d /tmp/sma-bench-grown.XXXXXX)
port=${BENCH_PORT:-8799}
servers=()
serve() { # STATE PORT [SEED_GROW]
  rm -f "$1/ready"
  SEED_GROW=${3:-} PORT=$2 WRANGLER_LOG=warn READY_FILE="$1/ready" scripts/serve.sh "$1" > "$out/server-$2.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 1 600); do [ -f "$1/ready" ] && return 0; sleep 0.5; done
  echo "the server on port $2 did not start" >&2; return 1
}
trap 'for s in "${servers[@]}"; do kill "$s" 2>/dev/null; done; sleep 1; rm -rf "$state" "$grown"' EXIT
serve "$state" "$port"
base="http://127.0.0.1:$port"
cat > "$out/quote.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"edition":"professional","cameras":40,"modules":[{"sku":"analytics","qty":10},{"sku":"voip","qty":1},{"sku":"archive","qty":1}],"licence_date":"2026-11-15","sma":{"order_date":"2027-06-01","term_years":3},"years":5}'
LUA
seconds=${BENCH_SECONDS:-10}
rate() { wrk -t2 -c32 -d"${seconds}s" --latency "$@" | tee -a "$out/load.txt" | awk '/Requests\/sec/ {print $2}'; }
ratio() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { printf "%.2f", a / ((b + c) / 2) }'; }
: > "$out/load.txt"
curl -sf "$base/api/releases" > /dev/null # the first answer fills the cache
h1=$(rate "$base/api/health"); rel=$(rate "$base/api/releases"); h2=$(rate "$base/api/health")
quote=$(rate -s "$out/quote.lua" "$base/api/quotes/new"); h3=$(rate "$base/api/health")
page=$(rate "$base/")
releases_ratio=$(ratio "$rel" "$h1" "$h2"); quotes_ratio=$(ratio "$quote" "$h2" "$h3")
printf "health %s / %s / %s req/s; releases %s (ratio %s); quotes %s (ratio %s); / %s req/s\n" \
  "$h1" "$h2" "$h3" "$rel" "$releases_ratio" "$quote" "$quotes_ratio" "$page" | tee "$out/ratios.txt"

echo "== Lighthouse (mobile, performance; the median of ${LIGHTHOUSE_RUNS:-3} runs a page)"
if command -v lighthouse > /dev/null; then
  for path in / /releases /releases/6.1.2 /account; do
    name=$(echo "$path" | tr '/.' '__')
    reports=()
    for run in $(seq 1 "${LIGHTHOUSE_RUNS:-3}"); do
      report="$out/lighthouse$name-$run.json"
      lighthouse "$base$path" --only-categories=performance --chrome-path="${CHROMIUM_PATH:-/usr/bin/chromium}" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" --output=json --output-path="$report" --quiet || true
      reports+=("$(realpath "$report")")
    done
    echo "$path: $(node scripts/lighthouse-median.mjs "${reports[@]}")"
  done | tee "$out/lighthouse.txt"
else
  echo "lighthouse missing (npm ci installs lighthouse@12.2.3)"
fi

echo "== repeat visit of / (everything in the browser cache)"
node scripts/repeat-visit.mjs "$base/" | tee "$out/repeat.txt"

echo "== growth: /api/releases?q=… computed on the demo's releases and with ${GROW:-2000,30000} more (scripts/bench-growth.sh)"
serve "$grown" $((port + 1)) "${GROW:-2000,30000}"
scripts/bench-growth.sh "$base" "http://127.0.0.1:$((port + 1))" | tee "$out/growth.txt"

echo "== signed-in order path (sequential)"
scripts/bench-orders.sh "$base" | tee "$out/orders.txt"

echo
echo "== summary (issue 14's table)"
echo "quote (criterion):               $(head -1 "$out/quote.txt")"
echo "first load of / (brotli):        $(awk '/total first load/ {print $4; exit}' "$out/sizes.txt") B (target 153600)"
echo "first load of a portal page:     /releases $(awk '/total first load/ {n++} n == 2 {print $4; exit}' "$out/sizes.txt") B · /account $(awk '/total first load/ {n++} n == 3 {print $4; exit}' "$out/sizes.txt") B (target 204800 each)"
echo "  signed in, /account also loads: $(awk '/^signed-in-page/ {print $4}' "$out/later.txt") B (the signed-in pages' module, after the first load)"
echo "Lighthouse mobile performance:   $(awk '{printf "%s %s · ", $1, $2}' "$out/lighthouse.txt" 2>/dev/null)(target 95 each)"
echo "releases ÷ health throughput:    $releases_ratio (target 0.9)"
echo "quotes ÷ health throughput:      $quotes_ratio (target 0.9)"
echo "repeat visit of /:               $(cat "$out/repeat.txt") (target: the HTML only)"
echo "growth, p50 grown ÷ demo:         $(awk -F'median ratio ' '/limit=8:.*median ratio/ { split($0, q, ":"); printf "%s %s · ", q[1], $2 }' "$out/growth.txt")(target 2 each; unpaged in $out/growth.txt)"
