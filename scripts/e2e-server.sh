#!/usr/bin/env bash
# The end-to-end suite's server: wrangler dev with its own throw-away state (never the
# developer's), removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
state=$(mktemp -d /tmp/sma-e2e.XXXXXX)
trap 'rm -rf "$state" "/tmp/sma-e2e-state-$port"' EXIT
port=${E2E_PORT:-8788}
export READY_FILE=/tmp/sma-e2e-ready-$port
rm -f "$READY_FILE"
# Tests that look into D1 itself (faults mid-write, states the API cannot create) find the
# state folder here.
echo "$state" > "/tmp/sma-e2e-state-$port"
# Only the newest release's artifacts (the largest one among them): enough for the suite.
ARTIFACTS=${E2E_ARTIFACTS:-^releases/6\.1\.2/} PORT=$port WRANGLER_LOG=warn scripts/serve.sh "$state"
