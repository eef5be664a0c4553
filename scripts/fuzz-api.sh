#!/usr/bin/env bash
# A bounded, property-based run of schemathesis against the published contract: a fresh local
# Worker (the e2e server, its own throw-away state) on E2E_PORT, every operation but the
# operator's, signing out (here and everywhere: the run's session must live) and the
# local-development instruments (tag `dev`: the mailbox and the outbox load generator, whose
# answers grow with every message the run causes), signed in as the seeded lab customer,
# following the document's links. Fails on a 5xx, a status the document does not list, a wrong
# content type, a body outside its schema, or a method the document does not list answered
# otherwise than 405 with `Allow` (and an `Allow` of `OPTIONS` other than the documented
# methods); about 3 300 cases with the default 50 per operation (FUZZ_EXAMPLES), seed FUZZ_SEED
# (1), in 1–4 minutes on this machine (at most 300 s). Reports land in .state/schemathesis/.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${E2E_PORT:-8788}
base="http://127.0.0.1:$port"
out=.state/schemathesis
mkdir -p "$out"
# shellcheck source=scripts/e2e-background.sh
. scripts/e2e-background.sh
e2e_background "$port" "$out/server.log"

# The session cookie of the seeded lab customer (whose state the run may change).
cookie=$(curl -sf -D - -o /dev/null -X POST "$base/api/session" \
  -H "Origin: $base" -H "Content-Type: application/json" \
  --data '{"email":"lab@demo.example","password":"demo-lab-2026"}' \
  | sed -n 's/^set-cookie: *\([^;]*\).*/\1/Ip' | head -n1 | tr -d '\r')
[ -n "$cookie" ] || { echo "sign-in of lab@demo.example failed" >&2; exit 1; }

started=$(date +%s)
status=0
timeout 300 .venv/bin/st run "$base/api/openapi.json" --url "$base" \
  -H "Cookie: $cookie" -H "Origin: $base" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,unsupported_method,allow_header_conformance \
  --phases examples,coverage,fuzzing,stateful -n "${FUZZ_EXAMPLES:-50}" --workers 2 --seed "${FUZZ_SEED:-1}" \
  --exclude-path-regex '^/api/admin/' --exclude-operation-id signOut --exclude-operation-id signOutEverywhere --exclude-tag dev \
  --max-failures 20 --request-timeout 10 --generation-database none \
  --report junit,ndjson --report-dir "$out" --no-color || status=$?
echo "schemathesis: exit $status after $(( $(date +%s) - started )) s (reports in $out)" >&2
exit "$status"
