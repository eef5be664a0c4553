# Sourced by the scripts that run against a fresh local Worker (scripts/fuzz-api.sh,
# scripts/soak.sh): `e2e_background PORT LOG` starts the e2e server (its own throw-away state)
# on PORT in the background with its output in LOG, stops it when the calling script exits,
# and returns once it is ready (seeded, artifacts uploaded).
e2e_background() {
  local port=$1 log=$2
  local ready=/tmp/sma-e2e-ready-$port
  rm -f "$ready"
  E2E_PORT=$port setsid bash scripts/e2e-server.sh > "$log" 2>&1 < /dev/null &
  e2e_server=$!
  trap 'kill -- "-$e2e_server" 2>/dev/null || true; wait "$e2e_server" 2>/dev/null || true' EXIT
  for _ in $(seq 1 1200); do
    [ -f "$ready" ] && return 0
    kill -0 "$e2e_server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the Worker on http://127.0.0.1:$port never became ready" >&2
  exit 1
}
