#!/usr/bin/env bash
# The end-to-end suite's server: wrangler dev with its own throw-away state (never the
# developer's), removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
state=$(mktemp -d /tmp/sma-e2e.XXXXXX)
port=${E2E_PORT:-8788}
# Where the state is, for tests that change it as an operator would (a release import).
echo "$state" > "/tmp/sma-e2e-state-$port"
trap 'rm -rf "$state" "/tmp/sma-e2e-state-$port"' EXIT
export READY_FILE=/tmp/sma-e2e-ready-$port
rm -f "$READY_FILE"
# Only the newest release's artifacts (the largest one among them): enough for the suite.
ARTIFACTS=${E2E_ARTIFACTS:-^releases/6\.1\.2/} PORT=$port WRANGLER_LOG=warn scripts/serve.sh "$state"
