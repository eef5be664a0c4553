#!/usr/bin/env bash
# Operating against a real local Worker: wrangler dev with throw-away state on E2E_PORT, as
# production runs it (ENVIRONMENT=production, so the guards of a live deployment apply).
#   1. `sma-tools publish` twice: the second run changes nothing and says so, a dry run after
#      it lists nothing; a file above the request limit (lowered to 6 MiB) goes up in parts and
#      is stored with its SHA-256;
#   2. a tampered artifact is refused: nothing of its release is recorded or stored;
#   3. `sma-tools withdraw` hides a release from the API and the feed, `restore` brings it back;
#   4. the renewal run refuses a date after today (422 date_in_future) and answers a dry run;
#   5. /api/health reports the build's commit; the log has one JSON line per request, without
#      the admin token.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKS_NAME=operating
# shellcheck source=scripts/checks.sh
source scripts/checks.sh

token=$(sed -n 's/^ADMIN_TOKENS=[^:]*:\([^,]*\).*/\1/p' .dev.vars)
[ -n "$token" ] || fail "no ADMIN_TOKENS in .dev.vars (run make setup)"
admin() { curl -s -H "authorization: Bearer $token" -H "content-type: application/json" "$@"; }
publish() { cargo run -q -p sma-tools -- publish --env local --url "$base" --releases "$tmp/releases" \
  --files "$tmp/files" --single-limit 6MiB --part-size 5MiB "$@" 2>&1; }

# Releases 7.0.0 (an 11 MiB installer and notes) and 7.0.1 (a client), with their files.
release() { # version, then name:size pairs
  local v=$1; shift
  mkdir -p "$tmp/files/$v" "$tmp/releases"
  {
    printf '+++\nversion = "%s"\ndate = "2027-06-01"\nchannel = "stable"\ntitle = "Release %s"\n' "$v" "$v"
    printf 'summary = "Test release."\n\n[compatibility]\nos = ["Windows 11 24H2"]\nvirus_scanners = []\ndriver_pack = "DP 2027.06"\n'
    local i=0
    for spec in "$@"; do
      local name=${spec%%:*} size=${spec##*:}
      head -c "$size" /dev/urandom > "$tmp/files/$v/$name"
      printf '\n[[artifacts]]\nid = "%s-%d"\nname = "%s"\nplatform = "any"\nkind = "installer"\nsize = %d\nsha256 = "%s"\n' \
        "$v" "$i" "$name" "$size" "$(sha256sum "$tmp/files/$v/$name" | cut -c1-64)"
      i=$((i + 1))
    done
    printf '+++\n\n## Fixed\n- [server] A fix.\n'
  } > "$tmp/releases/$v.md"
}
release 7.0.0 "server.exe:$((11 * 1024 * 1024 + 5))" "notes.pdf:300000"
release 7.0.1 "client.msi:2000000"

mkdir -p "$state"
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > /dev/null
setsid wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$state" \
  --var ENVIRONMENT:production --var BUILD_COMMIT:test-operating \
  --show-interactive-dev-session=false --log-level log < /dev/null > "$tmp/worker.log" 2>&1 &
pid=$!
wait_for_worker

# 1. Twice, then a dry run.
out=$(publish) || fail "the first publish failed" "$out"
grep -q "upload releases/7.0.0/server.exe (11.5 MB, in 3 parts)" <<< "$out" || fail "the large file did not go up in parts" "$out"
grep -q "Published: 2 created, 0 updated, 0 unchanged; 3 artifacts uploaded" <<< "$out" || fail "the first run's summary" "$out"
ok "first publish: 2 releases, 3 files (the large one in 3 parts)"
stored=$(admin "$base/api/admin/artifacts/7.0.0/server.exe" | sed -n 's/.*"sha256":"\([0-9a-f]*\)".*/\1/p')
[ "$stored" = "$(sha256sum "$tmp/files/7.0.0/server.exe" | cut -c1-64)" ] || fail "the file in parts is not stored with its SHA-256 ($stored)"
ok "the file uploaded in parts is stored with its SHA-256"
out=$(publish) || fail "the second publish failed" "$out"
grep -q "Nothing to change: 2 releases and 3 artifacts" <<< "$out" || fail "the second run changed something" "$out"
ok "second publish: nothing to change"
out=$(publish --dry-run) || fail "the dry run failed" "$out"
if grep -q "would" <<< "$out" || ! grep -q "Nothing to change" <<< "$out"; then fail "the dry run listed changes" "$out"; fi
ok "dry run after it: lists nothing"

# 2. A tampered artifact.
release 7.0.2 "tools.zip:100000"
printf 'X' | dd of="$tmp/files/7.0.2/tools.zip" bs=1 seek=500 conv=notrunc status=none
if out=$(publish); then fail "a tampered file was published" "$out"; fi
grep -q "tools.zip has SHA-256 .* 7.0.2.md records" <<< "$out" || fail "the refusal does not name the file" "$out"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/releases/7.0.2")" = 404 ] || fail "7.0.2 was recorded"
[ "$(admin -o /dev/null -w '%{http_code}' "$base/api/admin/artifacts/7.0.2/tools.zip")" = 404 ] || fail "tools.zip was stored"
rm "$tmp/releases/7.0.2.md"
ok "a tampered file is refused; nothing of its release recorded or stored"

# 3. Withdraw and restore.
out=$(cargo run -q -p sma-tools -- withdraw 7.0.1 --reason "The client crashes on start." --env local --url "$base" 2>&1) \
  || fail "withdraw failed" "$out"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/releases/7.0.1")" = 404 ] || fail "a withdrawn release is still listed"
curl -s "$base/releases.atom" | grep -q "7.0.1" && fail "a withdrawn release is still in the feed"
admin "$base/api/admin/audit?limit=1" | grep -q '"actor":"admin:ops","action":"release.withdraw"' || fail "the withdrawal is not audited with the operator's name"
out=$(cargo run -q -p sma-tools -- restore 7.0.1 --env local --url "$base" 2>&1) || fail "restore failed" "$out"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/releases/7.0.1")" = 200 ] || fail "a restored release is not listed"
ok "withdraw hides a release (API, feed; audited as admin:ops), restore brings it back"

# 4. The renewal run in production.
tomorrow=$(date -u -d tomorrow +%F)
answer=$(admin -X POST -d "{\"date\":\"$tomorrow\"}" "$base/api/admin/renewals/run")
grep -q '"code":"date_in_future"' <<< "$answer" || fail "a run for tomorrow was not refused" "$answer"
answer=$(admin -X POST -d '{"dry_run":true}' "$base/api/admin/renewals/run")
grep -q '"dry_run":true' <<< "$answer" || fail "the dry run did not answer" "$answer"
ok "the renewal run refuses tomorrow in production and answers a dry run"

# 5. Health and logs.
curl -s "$base/api/health" | grep -q '"commit":"test-operating","checks":{"d1":"ok","r2":"ok"}' || fail "health" "$(curl -s "$base/api/health")"
grep -q '"event":"request".*"route":"/api/admin/releases/:version","status":201' "$tmp/worker.log" || fail "no JSON log line of a publication" "$(grep event "$tmp/worker.log" | tail -3)"
grep -q "$token" "$tmp/worker.log" && fail "the log holds the admin token"
ok "health reports the commit and both checks; JSON request lines, no token in the log"
echo "$passed passed, 0 failed"
