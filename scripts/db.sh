#!/usr/bin/env bash
# Applies the D1 migrations to the local state folder $1 (idempotent). The demo customers go
# in through the running Worker's customer import, as any vendor's file (scripts/seed-demo.sh,
# run by scripts/serve.sh once the Worker answers).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${1:?usage: scripts/db.sh STATE_DIR}
mkdir -p "$state"
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > /dev/null
echo "migrated $state" >&2
