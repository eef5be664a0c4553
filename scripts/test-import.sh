#!/usr/bin/env bash
# The release import against a real local D1: importing twice gives the same rows (idempotent),
# and a malformed release file is refused with an error naming the file.
set -euo pipefail
cd "$(dirname "$0")/.."
state=$(mktemp -d /tmp/sma-import.XXXXXX)
bad=$(mktemp -d /tmp/sma-bad.XXXXXX)
trap 'rm -rf "$state" "$bad"' EXIT
count() {
  wrangler d1 execute DB --local --persist-to "$state" --json < /dev/null --command \
    "SELECT (SELECT count(*) FROM releases) AS r, (SELECT count(*) FROM release_notes) AS n, (SELECT count(*) FROM artifacts) AS a, (SELECT count(*) FROM release_search) AS s" \
    | tr -d ' \n' | grep -o '"r":[0-9]*,"n":[0-9]*,"a":[0-9]*,"s":[0-9]*'
}
scripts/db.sh "$state" 2> /dev/null
first=$(count)
scripts/db.sh "$state" 2> /dev/null
second=$(count)
echo "import once:  $first"
echo "import twice: $second"
[ "$first" = "$second" ] || { echo "FAIL: a second import changed the rows"; exit 1; }
case "$first" in '"r":0,'*) echo "FAIL: nothing imported"; exit 1 ;; esac
cp releases/5.10.0.md "$bad/5.10.0.md"
sed -i 's/^channel = "stable"/channel = 5/' "$bad/5.10.0.md"
if out=$(cargo run -q -p sma-tools -- seed --out "$bad" --today 2026-11-28 --releases "$bad" 2>&1); then
  echo "FAIL: a malformed release file was accepted"; exit 1
fi
echo "$out" | grep -q '5.10.0.md: front matter' || { echo "FAIL: the error does not name the file: $out"; exit 1; }
echo "malformed:    $out"
echo "2 passed, 0 failed"
