#!/usr/bin/env bash
# Applies the D1 migrations and seeds the demo data (demo accounts, release notes) into the
# local state folder $1. Idempotent. Writes the artifact list to $SEED_DIR/artifacts.tsv.
# SEED_GROW=RELEASES,NOTES adds that many synthetic old releases and notes (growth
# measurements, `make bench`; generated each time, never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${1:?usage: scripts/db.sh STATE_DIR}
mkdir -p "$state"
seed=${SEED_DIR:-$(mktemp -d)}
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > /dev/null
cargo run -q -p sma-tools -- seed --out "$seed" --today "${SEED_TODAY:-$(date -u +%F)}" ${SEED_GROW:+--grow "$SEED_GROW"}
wrangler d1 execute DB --local --persist-to "$state" --file "$seed/seed.sql" < /dev/null > /dev/null
echo "seeded $state" >&2
