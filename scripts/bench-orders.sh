#!/usr/bin/env bash
# Latency of the signed-in order path over HTTP against a running local Worker (`make dev`, or
# the load-run server of scripts/bench.sh), sequential, N each, min / p50 / p90:
#   GET /api/installations, POST .../quotes/expansion, POST /api/orders (one camera each, a new
#   Idempotency-Key each, confirming a quote asked for before it, untimed), a replay of one key,
#   and one renewal-engine run for one installation.
# Uses the lab fixture customer (its Lab Auto-renew ProBox gains N cameras). Loopback only.
# Usage: scripts/bench-orders.sh BASE_URL
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: bench-orders.sh BASE_URL}
n=${N:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hdr=(-H "Origin: $base" -H "Content-Type: application/json")
stats() { # label, then times in seconds on stdin
  sort -n | awk -v label="$1" '{ t[NR] = $1 * 1000 } END {
    printf "%-44s n=%d min %.1f ms, p50 %.1f ms, p90 %.1f ms\n", label, NR, t[1], t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)] }'
}
curl -sf -c "$tmp/jar" "${hdr[@]}" -X POST "$base/api/session" \
  -d '{"email":"lab@demo.example","password":"demo-lab-2026"}' > /dev/null
inst=$(curl -sf -b "$tmp/jar" "$base/api/installations" |
  python3 -c 'import json,sys; print(next(i["id"] for i in json.load(sys.stdin)["installations"] if i["name"] == "Lab Auto-renew"))')
for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' -b "$tmp/jar" "$base/api/installations"; done | stats "GET /api/installations"
for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' -b "$tmp/jar" "${hdr[@]}" -X POST "$base/api/installations/$inst/quotes/expansion" -d '{"add_cameras":1}'; done | stats "POST quotes/expansion"
# Each order confirms a quote of its own (untimed): the installation changes with each order.
order_body() {
  local token
  token=$(curl -sf -b "$tmp/jar" "${hdr[@]}" -X POST "$base/api/installations/$inst/quotes/expansion" -d '{"add_cameras":1}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["quote_token"])')
  echo "{\"installation_id\":\"$inst\",\"kind\":\"expansion\",\"add_cameras\":1,\"quote_token\":\"$token\"}"
}
# The lab's ProBox has 8 of its edition's 32 cameras: at most 24 orders of one camera each.
orders=$((n < 20 ? n : 20))
for i in $(seq "$orders"); do
  order_body > "$tmp/body-$i"
  curl -s -o /dev/null -w '%{time_total}\n' -b "$tmp/jar" "${hdr[@]}" -H "Idempotency-Key: bench-$$-$i" -X POST "$base/api/orders" -d "@$tmp/body-$i"
done | stats "POST /api/orders (new key, one D1 batch)"
for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' -b "$tmp/jar" "${hdr[@]}" -H "Idempotency-Key: bench-$$-1" -X POST "$base/api/orders" -d "@$tmp/body-1"; done | stats "POST /api/orders (replay)"
token=$(grep -E '^ADMIN_TOKEN=' .dev.vars | cut -d= -f2-)
for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" -H "Content-Type: application/json" -X POST "$base/api/admin/renewals/run" -d "{\"installation_ids\":[\"$inst\"]}"; done | stats "POST /api/admin/renewals/run (1 inst.)"
