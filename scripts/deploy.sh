#!/usr/bin/env bash
# `make deploy ENV=staging|production`: checks, then deploys the built Worker and SPA to the
# environment of wrangler.toml. Every check runs; any failure stops before anything deploys:
#   1. the environment is staging or production (dev is local only) and its ids are filled in
#      (no REPLACE placeholders left in its section of wrangler.toml);
#   2. the tests are green for this commit (`make test` on a clean tree wrote
#      .state/tests-passed with the commit; otherwise make test runs now);
#   3. the secrets are set (LINK_KEYS, LINK_KEY_CURRENT, TOKEN_KEY, QUOTE_KEY, ADMIN_TOKENS or ADMIN_TOKEN,
#      and MAIL_API_KEY: the deployed environments send e-mail over HTTP);
#   4. every migration is applied to the environment's D1;
#   5. its D1 holds no demo data (the demo logins' e-mail domain, the demo customers);
#   6. `wrangler deploy --dry-run` bundles it.
# REHEARSAL=DIR runs the same checks against local state instead (D1 in DIR with --local, the
# secret names from DIR/secrets, one a line, as `wrangler secret put` would have set them;
# checks 1 and 2 are left out) and ends with the dry run: the README's "Going live" followed
# locally (scripts/test-going-live.sh) and the refusals tested.
set -euo pipefail
cd "$(dirname "$0")/.."
env=${1:?usage: scripts/deploy.sh staging|production}
rehearsal=${REHEARSAL:-}
failed=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1" >&2; [ -n "${2:-}" ] && sed 's/^/     /' <<< "$2" >&2; failed=1; }

case $env in
  staging|production) ;;
  dev) echo "dev is local development only (make dev); deploy staging or production" >&2; exit 2 ;;
  *) echo "ENV=$env: one of staging, production" >&2; exit 2 ;;
esac
if [ -n "$rehearsal" ]; then
  d1=(--local --persist-to "$rehearsal")
  echo "rehearsal of deploying $env against the local state in $rehearsal"
else
  d1=(--remote)
  # 1. The environment's section of wrangler.toml is filled in.
  section=$(awk -v e="$env" '/^\[+env\./ { inside = index($0, "env." e ".") || $0 == "[env." e "]" } inside' wrangler.toml)
  if grep -q REPLACE <<< "$section"; then
    fail "wrangler.toml [env.$env] still has placeholders (README \"Going live\")" "$(grep REPLACE <<< "$section")"
  else
    pass "wrangler.toml [env.$env] is filled in"
  fi
  # 2. Tests green for this very commit.
  commit=$(git rev-parse HEAD)
  if [ -n "$(git status --porcelain)" ]; then
    fail "the working tree has uncommitted changes: deploy a commit"
  elif [ "$(cat .state/tests-passed 2>/dev/null)" = "$commit" ]; then
    pass "make test passed for $commit"
  elif make test; then
    pass "make test passed for $commit"
  else
    fail "make test failed"
  fi
fi

# 3. Secrets.
if [ -n "$rehearsal" ]; then
  names=$(cat "$rehearsal/secrets" 2>/dev/null || true)
else
  names=$(wrangler secret list --env "$env" --format json 2>/dev/null | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const x of JSON.parse(s))console.log(x.name)})' || true)
fi
missing=()
for name in LINK_KEYS LINK_KEY_CURRENT TOKEN_KEY QUOTE_KEY MAIL_API_KEY; do
  grep -qx "$name" <<< "$names" || missing+=("$name")
done
grep -qxE 'ADMIN_TOKENS|ADMIN_TOKEN' <<< "$names" || missing+=("ADMIN_TOKENS")
if [ ${#missing[@]} -eq 0 ]; then
  pass "secrets set"
else
  fail "secrets missing: ${missing[*]} (wrangler secret put NAME --env $env)"
fi

# 4. Migrations.
pending=$(wrangler d1 migrations list DB --env "$env" "${d1[@]}" < /dev/null 2>&1) || {
  fail "the migrations of $env's D1 could not be listed" "$pending"; pending=""; }
if grep -q "No migrations to apply" <<< "$pending"; then
  pass "every migration applied"
elif [ -n "$pending" ]; then
  fail "migrations not applied (wrangler d1 migrations apply DB --env $env ${d1[*]})" "$(grep -oE '[0-9]{4}_[a-z_]+\.sql' <<< "$pending" | sort -u)"
fi

# 5. No demo data.
demo=$(wrangler d1 execute DB --env "$env" "${d1[@]}" --json --command \
  "SELECT (SELECT count(*) FROM users WHERE email LIKE '%@demo.example')
        + (SELECT count(*) FROM customers WHERE contact_email LIKE '%@demo.example'
              OR id IN ('cus_demo_retail', 'cus_northwind', 'cus_lab')) AS n" < /dev/null 2>&1) || {
  fail "$env's D1 could not be read" "$demo"; demo=""; }
n=$(sed -n 's/.*"n": *\([0-9]*\).*/\1/p' <<< "$demo" | head -1)
if [ "$n" = 0 ]; then
  pass "no demo data in $env's D1"
elif [ -n "$n" ]; then
  fail "$env's D1 holds demo data ($n demo users and customers): never outside dev; start from an empty database"
fi

# 6. The dry run.
out=$(wrangler deploy --dry-run --env "$env" --outdir .state/dry-run-"$env" 2>&1) && pass "wrangler deploy --dry-run --env $env" \
  || fail "wrangler deploy --dry-run --env $env" "$(tail -20 <<< "$out")"

if [ "$failed" -ne 0 ]; then
  echo "not deployed: fix what failed above" >&2
  exit 1
fi
if [ -n "$rehearsal" ]; then
  echo "rehearsal passed: $env would deploy"
  exit 0
fi
wrangler deploy --env "$env" --var "BUILD_COMMIT:$(git rev-parse --short=12 HEAD)"
echo "deployed $env; check: curl -s https://<its origin>/api/health"
