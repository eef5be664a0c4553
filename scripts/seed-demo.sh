#!/usr/bin/env bash
# Seeds the demo customers into the local state folder $1 through the Worker at $2: the demo
# file (tools/demo/customers.csv, dated relative to today or SEED_TODAY) goes through the
# customer import (`sma-tools import`, the ERP's path); what the import does not carry (the
# demo logins and their passwords, the demo customers' short ids, an expired reset token) is
# written after it, local development only. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
state=${1:?usage: scripts/seed-demo.sh STATE_DIR URL}
url=${2:?usage: scripts/seed-demo.sh STATE_DIR URL}
seed=$(mktemp -d)
trap 'rm -rf "$seed"' EXIT
cargo run -q -p sma-tools -- seed --out "$seed" --today "${SEED_TODAY:-$(date -u +%F)}"
cargo run -q -p sma-tools -- import "$seed/customers.csv" --env local --url "$url" >&2
wrangler d1 execute DB --local --persist-to "$state" --file "$seed/seed.sql" < /dev/null > /dev/null
echo "seeded $state" >&2
