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
# The suite downloads 6.1.2's server installer whole (the newest final release's largest file) and
# shows 5.10.0's at its size: those two at full size, every other file a 1 MiB stand-in.
DEMO_FULL_SIZE=${E2E_FULL_SIZE:-largest,5.10.0-server} PORT=$port WRANGLER_LOG=warn scripts/serve.sh "$state"
