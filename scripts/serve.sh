#!/usr/bin/env bash
# Serves the built SPA and Worker with wrangler dev on 127.0.0.1:$PORT with the state in $1:
# applies migrations, starts the server, imports the demo customers through the Worker's
# customer import (scripts/seed-demo.sh), then publishes the demo releases through the Worker
# as any release is published (`sma-tools publish --demo`):
# artifacts above 1 MiB as 1 MiB stand-ins, except those named in DEMO_FULL_SIZE (artifact ids,
# `largest` for the newest final release's largest file), which are generated at their full size
# (into ARTIFACT_CACHE, ~/.cache/sma-artifacts by default, once).
# The links in e-mails point to the served port; WRANGLER_ARGS adds options (e.g. `--var`).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${1:?usage: serve.sh STATE_DIR}
port=${PORT:-8787}
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; }
trap cleanup EXIT INT TERM
scripts/db.sh "$state"
commit=$(git describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)
# shellcheck disable=SC2086 # WRANGLER_ARGS is a list of options
wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$state" --var "BUILD_COMMIT:$commit" \
  --var "PORTAL_ORIGIN:http://127.0.0.1:$port" ${WRANGLER_ARGS:-} \
  --show-interactive-dev-session=false --log-level "${WRANGLER_LOG:-log}" < /dev/null &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break
  kill -0 "$pid" 2>/dev/null || exit 1
  sleep 0.5
done
start=$(date +%s)
scripts/seed-demo.sh "$state" "http://127.0.0.1:$port"
# ARTIFACTS='^$' (tests that need no release, e.g. the mail delivery's own server): publish none.
if [ "${ARTIFACTS:-}" = '^$' ]; then
  published="no releases published (ARTIFACTS='^$')"
elif ! published=$(cargo run -q -p sma-tools -- publish --env local --url "http://127.0.0.1:$port" \
  --demo --full-size "${DEMO_FULL_SIZE:-}" --artifact-cache "${ARTIFACT_CACHE:-$HOME/.cache/sma-artifacts}" 2>&1); then
  echo "$published" >&2
  exit 1
fi
echo "${published##*$'\n'} ($(( $(date +%s) - start )) s)" >&2
[ -n "${READY_FILE:-}" ] && touch "$READY_FILE"
echo "SMA portal: http://127.0.0.1:$port" >&2
wait "$pid"
