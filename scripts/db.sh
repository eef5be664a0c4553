#!/usr/bin/env bash
# Applies the D1 migrations and seeds the demo customers into the local state folder $1.
# Idempotent. (The demo releases need the running Worker: scripts/serve.sh publishes them.)
set -euo pipefail
cd "$(dirname "$0")/.."
state=${1:?usage: scripts/db.sh STATE_DIR}
mkdir -p "$state"
seed=$(mktemp -d)
trap 'rm -rf "$seed"' EXIT
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > /dev/null
cargo run -q -p sma-tools -- seed --out "$seed" --today "${SEED_TODAY:-$(date -u +%F)}"
wrangler d1 execute DB --local --persist-to "$state" --file "$seed/seed.sql" < /dev/null > /dev/null
echo "seeded $state" >&2
