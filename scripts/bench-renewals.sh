#!/usr/bin/env bash
# The daily renewal run at scale, measured against a local Worker (wrangler dev, real local D1
# and Queues) with throw-away state on E2E_PORT: N installations (10 000 by default), DUE of
# them (300) renewing on DATE. It runs the day as the cron does (the renewal endpoint without
# ids pages through the index and hands the due ones to the renewal queue), waits until every
# renewal order is written, then runs the same day again. Prints the time, the D1 statements
# of the largest invocation (from the Worker's JSON log lines) and what the second run changed.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-10000}
due=${DUE:-300}
date=${DATE:-$(date -u +%F)}
CHECKS_NAME=bench-renewals
# shellcheck source=scripts/checks.sh
source scripts/checks.sh
token=$(sed -n 's/^ADMIN_TOKENS=[^:]*:\([^,]*\).*/\1/p' .dev.vars)
sql() { wrangler d1 execute DB --local --persist-to "$state" --json --command "$1" < /dev/null 2>/dev/null | sed -n 's/.*"n": *\([0-9]*\).*/\1/p' | head -1; }

mkdir -p "$state"
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > /dev/null
cargo run -q -p sma-tools -- bench-seed --installations "$n" --due "$due" --date "$date" > "$tmp/seed.sql"
seed_start=$(date +%s)
wrangler d1 execute DB --local --persist-to "$state" --file "$tmp/seed.sql" < /dev/null > /dev/null
echo "seeded $n installations ($due due on $date) in $(( $(date +%s) - seed_start )) s"
setsid wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$state" \
  --show-interactive-dev-session=false --log-level log < /dev/null > "$tmp/worker.log" 2>&1 &
pid=$!
wait_for_worker

run() { curl -s -H "authorization: Bearer $token" -H "content-type: application/json" -d "{\"date\":\"$date\"}" "$base/api/admin/renewals/run"; }
orders() { sql "SELECT count(*) AS n FROM orders WHERE source = 'renewal_engine'"; }
start=$(date +%s%N)
first=$(run)
for _ in $(seq 1 600); do
  [ "$(orders)" = "$due" ] && [ "$(grep -c '"event":"renewal_batch"' "$tmp/worker.log")" -ge "$(( (due + 19) / 20 ))" ] && break
  sleep 0.5
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "first run: $first"
echo "renewal orders: $(orders) of $due, in $ms ms from the request to the last batch's log line"
batches=$(grep -c '"event":"renewal_batch"' "$tmp/worker.log" || true)
max=$(grep -o '"event":"renewal_batch".*"statements":[0-9]*' "$tmp/worker.log" | sed 's/.*"statements"://' | sort -n | tail -1)
echo "renewal batches: $batches; D1 statements per consumer invocation: max $max"
echo "the run's own invocation: $(( due / 100 + 1 )) statements paging through the index (100 a page, until a page is short) and its audit entry"
before=$(sql "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM email_outbox) + (SELECT count(*) FROM audit_log WHERE action <> 'renewals.run') AS n")
second=$(run)
sleep 3
after=$(sql "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM email_outbox) + (SELECT count(*) FROM audit_log WHERE action <> 'renewals.run') AS n")
echo "second run: $second"
echo "rows of orders, outbox and audit (besides the run's own entry): $before before, $after after"
[ "$before" = "$after" ] || { echo "FAIL: the second run changed something"; exit 1; }
