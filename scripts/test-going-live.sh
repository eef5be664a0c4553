#!/usr/bin/env bash
# The README's "Going live" followed step by step against fresh local state, for `production`,
# each remote command replaced by its local equivalent (D1, R2 and Queues of wrangler dev
# --local in a throw-away folder; secrets as --var and listed in the folder, as
# `wrangler secret put` would have set them; `scripts/deploy.sh` with REHEARSAL=folder):
#   0. before anything, `make deploy ENV=production` refuses (secrets missing, migrations not
#      applied);
#   2–4. the database, the bucket and the queues (local: created on first use), the secrets,
#      the migrations;
#   5. the deploy checks pass;
#   6. the releases are published (the demo files: the real ones are not in the repository);
#   7. the first customers are imported (docs/examples/customers.csv): again, nothing changes; a
#      bad file writes nothing and names its rows; a file of demo data is refused;
#   8. health, the audit log;
#   and the deploy checks refuse a database with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKS_NAME=going-live
# shellcheck source=scripts/checks.sh
source scripts/checks.sh
rehearse() { REHEARSAL="$state" scripts/deploy.sh production 2>&1; }
d1() { wrangler d1 execute DB --env production --local --persist-to "$state" --json --command "$1" < /dev/null 2>/dev/null | sed -n 's/.*"n": *\([0-9]*\).*/\1/p' | head -1; }
mkdir -p "$state"

# 0. Nothing set up yet: refused.
if out=$(rehearse); then fail "deploy passed its checks with nothing set up" "$out"; fi
grep -q "secrets missing: LINK_KEYS LINK_KEY_CURRENT TOKEN_KEY QUOTE_KEY MAIL_API_KEY ADMIN_TOKENS" <<< "$out" || fail "no refusal for the missing secrets" "$out"
grep -q "FAIL migrations not applied" <<< "$out" || fail "no refusal for the migrations" "$out"
ok "before setup, deploy refuses: secrets missing, migrations not applied"

# 3. Secrets (random values, as the README says).
key() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
secrets=("LINK_KEYS:k1:$(key)" "LINK_KEY_CURRENT:k1" "TOKEN_KEY:$(key)" "QUOTE_KEY:$(key)" "ADMIN_TOKENS:ops:$token" "MAIL_API_KEY:not-used-locally")
vars=()
for s in "${secrets[@]}"; do echo "${s%%:*}" >> "$state/secrets"; vars+=(--var "$s"); done
# 4. Migrations.
wrangler d1 migrations apply DB --env production --local --persist-to "$state" < /dev/null > /dev/null
# 5. The deploy checks.
out=$(rehearse) || fail "the deploy checks failed after setup" "$out"
grep -q "rehearsal passed" <<< "$out" || fail "the rehearsal did not pass" "$out"
ok "after secrets and migrations, every deploy check passes (dry run included)"

# The Worker as production runs it.
setsid wrangler dev --env production --ip 127.0.0.1 --port "$port" --persist-to "$state" "${vars[@]}" \
  --var BUILD_COMMIT:going-live --show-interactive-dev-session=false --log-level log < /dev/null > "$tmp/worker.log" 2>&1 &
pid=$!
wait_for_worker
export SMA_ADMIN_TOKEN=$token

# 6. Releases.
out=$(cargo run -q -p sma-tools -- publish --env local --url "$base" --demo 2>&1) || fail "publish failed" "$out"
releases=$(ls releases/*.md | grep -vc README)
[ "$(curl -s "$base/api/releases" | grep -o '"version":' | wc -l)" -ge 1 ] || fail "no release listed after publishing"
ok "releases published ($releases release files)"

# 7. Customers.
out=$(cargo run -q -p sma-tools -- import docs/examples/customers.csv --env local --url "$base" 2>&1) || fail "import failed" "$out"
grep -q "2 customers and 3 installations created or changed, 0 rows unchanged" <<< "$out" || fail "the first import" "$out"
out=$(cargo run -q -p sma-tools -- import docs/examples/customers.csv --env local --url "$base" 2>&1) || fail "the second import failed" "$out"
grep -q "0 customers and 0 installations created or changed, 3 rows unchanged" <<< "$out" || fail "the second import changed something" "$out"
ok "the first customers imported; the same file again changes nothing"
sed -e 's/,probox,12,/,platinum,12,/' -e 's/SMA-V1AT-0003-Y/SMA-V1AT-0003-Z/' docs/examples/customers.csv \
  | sed '$a K-20003,Neukunde AG,CH,,it@neukunde.example,SMA-V1CH-0004-C,Zentrale,probox,8,,2026-01-01,,sma,2026-01-01,1,true,' > "$tmp/bad.csv"
before=$(d1 "SELECT count(*) AS n FROM installations")
if out=$(cargo run -q -p sma-tools -- import "$tmp/bad.csv" --env local --url "$base" 2>&1); then fail "a bad file was imported" "$out"; fi
grep -q "bad.csv:2 edition:" <<< "$out" && grep -q "bad.csv:4 licence_number:" <<< "$out" || fail "the rejected rows are not named" "$out"
[ "$(d1 "SELECT count(*) AS n FROM installations")" = "$before" ] || fail "a rejected file wrote installations"
[ "$(d1 "SELECT count(*) AS n FROM customers WHERE ref = 'K-20003'")" = 0 ] || fail "a rejected file wrote a customer"
ok "a bad file names each rejected row (2: edition, 4: licence number) and writes nothing"
printf '%s\n' "$(head -1 docs/examples/customers.csv)" \
  'C-1,Demo,DE,,anna@demo.example,SMA-V1CH-0004-C,X,probox,8,,2026-01-01,,none,,,,' > "$tmp/demo.csv"
if out=$(cargo run -q -p sma-tools -- import "$tmp/demo.csv" --env production --url "$base" 2>&1); then fail "demo data was imported into production" "$out"; fi
grep -q "demo data" <<< "$out" || fail "the demo refusal" "$out"
ok "a file of demo data is refused for production"

# 8. Check.
curl -s "$base/api/health" | grep -q '"status":"ok".*"commit":"going-live","checks":{"d1":"ok","r2":"ok"}' || fail "health" "$(curl -s "$base/api/health")"
audit=$(curl -s -H "authorization: Bearer $token" "$base/api/admin/audit?limit=200")
grep -q '"actor":"admin:ops","action":"customers.import"' <<< "$audit" || fail "the import is not in the audit log" "$audit"
grep -q '"action":"release.publish"' <<< "$audit" || fail "the publications are not in the audit log" "$(head -c 600 <<< "$audit")"
ok "health ok with the commit; the audit log has the publications and the import by admin:ops"

# Demo data in the database: refused.
wrangler d1 execute DB --env production --local --persist-to "$state" --command \
  "INSERT INTO users (id, customer_id, email, password_hash) SELECT 'usr_x', id, 'anna@demo.example', 'x' FROM customers LIMIT 1" < /dev/null > /dev/null
if out=$(rehearse); then fail "deploy passed with demo data in the database" "$out"; fi
grep -q "holds demo data" <<< "$out" || fail "no refusal for demo data" "$out"
ok "deploy refuses a database with demo data"
echo "$passed passed, 0 failed"
