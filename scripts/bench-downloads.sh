#!/usr/bin/env bash
# Figures of the signed downloads (docs/performance.md) against a running local Worker whose R2
# holds 6.1.2's server installer at its full size (`LARGE_ARTIFACT=1 make dev`, or
# scripts/e2e-server.sh):
#   - POST /api/downloads and HEAD of a link over HTTP (sequential, N each; GET /api/me as the
#     baseline of a session request), min / p50 / p90;
#   - throughput of GET of the largest 6.1.2 artifact (full file, RUNS times, then once with a
#     slow client), and the RSS of the server's workerd process(es) sampled every 0.1 s meanwhile.
# Usage: scripts/bench-downloads.sh BASE_URL SERVER_PID   (SERVER_PID: scripts/serve.sh's pid;
# its workerd descendants are sampled). Loopback only; touches no other server.
set -euo pipefail
base=${1:?usage: bench-downloads.sh BASE_URL SERVER_PID}
server=${2:?usage: bench-downloads.sh BASE_URL SERVER_PID}
n=${N:-50}
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hdr=(-H "Origin: $base" -H "Content-Type: application/json")

# The workerd processes below the server (not anybody else's).
workerds() {
  ps -eo pid=,ppid=,comm= | awk -v root="$server" '
    { parent[$1] = $2; name[$1] = $3 }
    END { for (p in name) if (name[p] == "workerd") { q = p; while (q > 1) { if (q == root) { print p; break } q = parent[q] } } }'
}
rss_kib() { local total=0; for p in $(workerds); do total=$((total + $(ps -o rss= -p "$p" 2>/dev/null || echo 0))); done; echo "$total"; }
stats() { # label, then times in seconds on stdin
  sort -n | awk -v label="$1" '{ t[NR] = $1 * 1000 } END {
    printf "%-44s n=%d min %.1f ms, p50 %.1f ms, p90 %.1f ms\n", label, NR, t[1], t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)] }'
}

curl -sf -c "$tmp/jar" "${hdr[@]}" -X POST "$base/api/session" \
  -d '{"email":"anna@demo.example","password":"demo-anna-2026"}' > /dev/null
installation=$(curl -sf -b "$tmp/jar" "$base/api/installations" |
  python3 -c 'import json,sys; print(next(i["id"] for i in json.load(sys.stdin)["installations"] if i["edition"] == "probox"))')
read -r artifact size sha < <(curl -sf "$base/api/releases/6.1.2" |
  python3 -c 'import json,sys; a = max(json.load(sys.stdin)["artifacts"], key=lambda a: a["size"]); print(a["id"], a["size"], a["sha256"])')
body="{\"installation_id\":\"$installation\",\"artifact_id\":\"$artifact\"}"
echo "largest 6.1.2 artifact: $artifact ($size bytes)"

for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' -b "$tmp/jar" "$base/api/me"; done | stats "GET /api/me (baseline)"
for _ in $(seq "$n"); do curl -s -o "$tmp/link" -w '%{time_total}\n' -b "$tmp/jar" "${hdr[@]}" -X POST "$base/api/downloads" -d "$body"; done | stats "POST /api/downloads (issue a link)"
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$tmp/link")
for _ in $(seq "$n"); do curl -s -I -o /dev/null -w '%{time_total}\n' "$url"; done | stats "HEAD /dl/... (verify + D1 + R2 head)"
# The same link with the first character of its MAC changed: the MAC is computed and refused.
mac=${url##*/}
first=${mac:0:1}; [ "$first" = A ] && other=B || other=A
altered="${url%/*}/$other${mac:1}"
for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$altered"; done | stats "GET /dl/... altered MAC (403)"

echo "workerd RSS before streaming: $(( $(rss_kib) / 1024 )) MiB ($(workerds | wc -l) process(es))"
# The runs as fast as loopback allows, then one with a slow client (curl --limit-rate): a
# Worker that buffered the file would grow by its size while the client lags behind.
for run in $(seq "$((runs + 1))"); do
  limit=()
  [ "$run" -gt "$runs" ] && limit=(--limit-rate "${SLOW_RATE:-8M}")
  ( while :; do rss_kib; sleep 0.1; done ) > "$tmp/rss" &
  sampler=$!
  out=$(curl -s "${limit[@]}" -o "$tmp/file" -w '%{http_code} %{size_download} %{time_total} %{speed_download}' "$url")
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  read -r code bytes secs speed <<< "$out"
  got=$(sha256sum "$tmp/file" | cut -d' ' -f1)
  peak=$(sort -n "$tmp/rss" | tail -1); low=$(sort -n "$tmp/rss" | head -1)
  awk -v r="$run" -v c="$code" -v b="$bytes" -v t="$secs" -v s="$speed" -v lo="$low" -v hi="$peak" -v ok="$([ "$got" = "$sha" ] && echo match || echo MISMATCH)" \
    -v slow="${limit[*]}" 'BEGIN { printf "GET run %d%s: %s, %d bytes in %.2f s = %.1f MB/s (sha256 %s); workerd RSS %.0f-%.0f MiB during\n", r, (slow == "" ? "" : " (" slow ")"), c, b, t, s / 1e6, ok, lo / 1024, hi / 1024 }'
  rm -f "$tmp/file"
done
echo "workerd RSS after: $(( $(rss_kib) / 1024 )) MiB"
