#!/usr/bin/env bash
# Serves the built SPA and Worker with wrangler dev on 127.0.0.1:$PORT with the state in $1:
# applies migrations, seeds D1, starts the server, uploads the demo artifacts to its R2.
# The links in e-mails point to the served port; WRANGLER_ARGS adds options (e.g. `--var`).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${1:?usage: serve.sh STATE_DIR}
port=${PORT:-8787}
seed=$(mktemp -d)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$seed"; }
trap cleanup EXIT INT TERM
SEED_DIR=$seed scripts/db.sh "$state"
# shellcheck disable=SC2086 # WRANGLER_ARGS is a list of options
wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$state" \
  --var "PORTAL_ORIGIN:http://127.0.0.1:$port" ${WRANGLER_ARGS:-} \
  --show-interactive-dev-session=false --log-level "${WRANGLER_LOG:-info}" < /dev/null &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break
  kill -0 "$pid" 2>/dev/null || exit 1
  sleep 0.5
done
# ARTIFACTS narrows the upload to keys matching a pattern (the e2e suite needs only a few).
grep -E "${ARTIFACTS:-.}" "$seed/artifacts.tsv" > "$seed/upload.tsv" || true
scripts/upload-artifacts.sh "$seed/upload.tsv" "http://127.0.0.1:$port"
[ -n "${READY_FILE:-}" ] && touch "$READY_FILE"
echo "SMA portal: http://127.0.0.1:$port" >&2
wait "$pid"
