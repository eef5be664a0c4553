#!/usr/bin/env bash
# Applies the D1 migrations to the local state folder $1 (idempotent). The demo customers go
# in through the running Worker's customer import, as any vendor's file (scripts/seed-demo.sh,
# run by scripts/serve.sh once the Worker answers); the demo releases are published through it.
# SEED_GROW=RELEASES,NOTES also writes that many synthetic old releases and notes straight into
# D1 (`sma-tools bench-releases`, growth measurements of `make bench`; never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${1:?usage: scripts/db.sh STATE_DIR}
mkdir -p "$state"
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > /dev/null
if [ -n "${SEED_GROW:-}" ]; then
  grow=$(mktemp)
  trap 'rm -f "$grow"' EXIT
  cargo run -q -p sma-tools -- bench-releases --releases "${SEED_GROW%%,*}" --notes "${SEED_GROW#*,}" > "$grow"
  wrangler d1 execute DB --local --persist-to "$state" --file "$grow" < /dev/null > /dev/null
fi
echo "migrated $state" >&2
