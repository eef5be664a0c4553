#!/usr/bin/env bash
# Applies the D1 migrations and seeds the demo customers into the local state folder $1.
# Idempotent. (The demo releases need the running Worker: scripts/serve.sh publishes them.)
# SEED_GROW=RELEASES,NOTES also writes that many synthetic old releases and notes straight into
# D1 (`sma-tools bench-releases`, growth measurements of `make bench`; never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${1:?usage: scripts/db.sh STATE_DIR}
mkdir -p "$state"
seed=$(mktemp -d)
trap 'rm -rf "$seed"' EXIT
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > /dev/null
cargo run -q -p sma-tools -- seed --out "$seed" --today "${SEED_TODAY:-$(date -u +%F)}"
wrangler d1 execute DB --local --persist-to "$state" --file "$seed/seed.sql" < /dev/null > /dev/null
if [ -n "${SEED_GROW:-}" ]; then
  cargo run -q -p sma-tools -- bench-releases --releases "${SEED_GROW%%,*}" --notes "${SEED_GROW#*,}" > "$seed/grow.sql"
  wrangler d1 execute DB --local --persist-to "$state" --file "$seed/grow.sql" < /dev/null > /dev/null
fi
echo "seeded $state" >&2
