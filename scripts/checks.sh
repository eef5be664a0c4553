# Sourced by the scripts that check a local Worker (test-operating.sh, test-going-live.sh,
# bench-renewals.sh): `base` on E2E_PORT, a throw-away folder `tmp` with the state in `state`,
# removed with the Worker (`pid`, started with setsid) on exit; `ok` counts a passed check,
# `fail` stops with its detail; `wait_for_worker` waits until the Worker answers.
port=${E2E_PORT:-8788}
base="http://127.0.0.1:$port"
tmp=$(mktemp -d "/tmp/sma-${CHECKS_NAME:-checks}.XXXXXX")
state="$tmp/state"
cleanup() { [ -n "${pid:-}" ] && kill -- "-$pid" 2>/dev/null; wait "${pid:-}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
passed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; [ -n "${2:-}" ] && echo "$2"; exit 1; }
wait_for_worker() {
  for _ in $(seq 1 120); do curl -sf "$base/api/health" > /dev/null && break; sleep 0.5; done
  curl -sf "$base/api/health" > /dev/null || fail "the Worker on $base never answered" "$(tail -20 "$tmp/worker.log")"
}
