#!/usr/bin/env bash
# Uploads the demo artifacts listed in $1 (R2 key, file, size per line) to a running local
# Worker at $2, through its admin endpoint, three at a time; objects already stored with that
# size are skipped, so a second run takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."
list=${1:?usage: upload-artifacts.sh LIST BASE_URL}
export BASE=${2:?usage: upload-artifacts.sh LIST BASE_URL}
TOKEN=$(grep -E '^ADMIN_TOKEN=' .dev.vars | cut -d= -f2-)
export TOKEN
upload() { # key file size
  local stored
  stored=$(curl -s -H "authorization: Bearer $TOKEN" "$BASE/api/admin/artifacts/$1" | sed -n 's/.*"size":\([0-9]*\).*/\1/p')
  [ "$stored" = "$3" ] && return 0
  curl -sf -X PUT -H "authorization: Bearer $TOKEN" -H "x-sha256: $(cat "${2%.bin}.sha256")" \
    -H "content-type: application/octet-stream" --data-binary "@$2" "$BASE/api/admin/artifacts/$1" > /dev/null \
    || { echo "upload of $1 failed" >&2; return 1; }
  echo "$1"
}
export -f upload
start=$(date +%s)
n=$(tr '\t' '\n' < "$list" | xargs -d '\n' -n 3 -P 3 bash -c 'upload "$@"' _ | wc -l)
echo "artifacts: $n uploaded of $(wc -l < "$list") in $(( $(date +%s) - start )) s" >&2
