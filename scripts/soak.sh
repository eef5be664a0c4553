#!/usr/bin/env bash
# Soak run: SOAK_SECONDS (default 1200, i.e. 20 minutes) of mixed traffic against a fresh local
# Worker (the e2e server: its own throw-away state, on PORT, default 8851), then a reconciliation
# through its D1 (scripts/soak.mjs says what is sent and what is checked). Not part of `make
# test`; `make soak` runs it, `SOAK_SECONDS=60 make soak` is a smoke. Non-zero when the
# reconciliation finds a problem or any answer was a 5xx. The report lands in .state/soak/.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8851}
base="http://127.0.0.1:$port"
out=.state/soak
mkdir -p "$out"
# shellcheck source=scripts/e2e-background.sh
. scripts/e2e-background.sh
e2e_background "$port" "$out/server.log"

node scripts/soak.mjs "$base" "${SOAK_SECONDS:-1200}" "$(cat "/tmp/sma-e2e-state-$port")" "$out/report.json"
