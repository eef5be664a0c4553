# The SMA portal. `make dev` serves it on http://127.0.0.1:$(PORT); `make test` runs every test layer.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

include toolchain.env
export CARGO_TARGET_DIR ?= $(HOME)/.cache/sma-target
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export WRANGLER_SEND_METRICS := false
export CLOUDFLARE_CF_FETCH_ENABLED := false
export WASM_BINDGEN_BIN := $(HOME)/.cargo/bin/wasm-bindgen
export ESBUILD_BIN := $(CURDIR)/node_modules/@esbuild/linux-x64/bin/esbuild
export WASM_OPT_BIN := $(CURDIR)/node_modules/.bin/wasm-opt
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner

PORT ?= 8787
STATE ?= .state/dev

.PHONY: help setup build app worker db dev publish withdraw restore import openapi test test-native test-wasm test-operating test-going-live test-budget lint e2e bench bench-renewals fuzz-api soak deploy deploy-dry-run clean

help: ## List the targets.
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

setup: ## Install whatever is missing (pinned versions, registries only).
	@scripts/setup.sh

build: app worker ## Build the SPA and the Worker (release).

# The SPA is two Wasm bundles of one library: the calculator (index.html, served at `/`) and
# the portal (portal.html, `/releases*` and `/account*`, rewritten by app/_redirects), so the
# first page load carries only the calculator. Trunk builds one HTML per run and empties its
# dist first: the portal goes to app/dist-portal and is then copied next to the calculator.
# The release build erases component types (`--cfg erase_components`: 16 % smaller Wasm) and
# compiles the standard library with the app, optimised for size, with `panic = immediate-abort`
# (a panic stops the app at once, without formatting a message: 11 % smaller calculator Wasm).
# Those two are unstable options of the pinned toolchain (RUSTC_BOOTSTRAP; rust-src from
# `make setup`). It gets its own target directory so the flags never invalidate other builds.
# The portal's link keeps its relocations (app/build.rs) for scripts/split-portal.mjs, which then
# splits the code loaded later (`later::entry!`: signed-in and getting-in pages, changes) into
# modules of their own (Trunk cannot; its portal.html asks for no wasm-opt run, the script
# optimises each module).
APP_TRUNK := cd app && CARGO_TARGET_DIR=$(CARGO_TARGET_DIR)-app RUSTC_BOOTSTRAP=1 \
	CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort" trunk build
app: ## Build the SPA's two bundles with Trunk into app/dist, with its security headers.
	$(APP_TRUNK) portal.html --html-output portal.html --dist dist-portal --release --offline
	node scripts/split-portal.mjs app/dist-portal $(CARGO_TARGET_DIR)-app/wasm32-unknown-unknown/release/portal.wasm
	$(APP_TRUNK) index.html --release --offline
	cp app/dist-portal/* app/dist/
	cp app/_redirects app/dist/
	node scripts/minify-assets.mjs app/dist
	node scripts/page-frames.mjs app/dist app/frames
	node scripts/csp-headers.mjs app/dist

worker: ## Build the Worker with worker-build into worker/build.
	cd worker && worker-build --release

db: ## Apply the D1 migrations to $(STATE) (the demo customers and releases go in through the Worker: `make dev`).
	scripts/db.sh $(STATE)

# The demo artifacts are 1 MiB stand-ins (about 50 MB in all); LARGE_ARTIFACT=1 generates the
# newest final release's largest file at its full size (40 MiB), e.g. for a real download.
dev: setup build ## Serve SPA and API on 127.0.0.1:$(PORT) with migrated, seeded local D1/R2 (LARGE_ARTIFACT=1: one full-size file).
	PORT=$(PORT) DEMO_FULL_SIZE=$(if $(LARGE_ARTIFACT),largest,) scripts/serve.sh $(STATE)

ENV ?= local
publish: ## Publish releases/*.md and their files to ENV=local|staging|production: FILES=dir of VERSION/FILE (locally the demo files without it), URL=, DRY_RUN=1.
	PORT=$(PORT) cargo run -q -p sma-tools -- publish --env $(ENV) $(if $(URL),--url $(URL)) $(if $(FILES),--files $(FILES),--demo) $(if $(DRY_RUN),--dry-run)

import: ## Import customers and installations from FILE=customers.csv into ENV=local|staging|production [URL=...] (sma-tools import).
	PORT=$(PORT) cargo run -q -p sma-tools -- import $(FILE) --env $(ENV) $(if $(URL),--url $(URL))

withdraw: ## Withdraw a release: VERSION=6.1.2 REASON="..." [ENV=... URL=...].
	PORT=$(PORT) cargo run -q -p sma-tools -- withdraw $(VERSION) --reason "$(REASON)" --env $(ENV) $(if $(URL),--url $(URL))

restore: ## Publish a withdrawn release again: VERSION=6.1.2 [ENV=... URL=...].
	PORT=$(PORT) cargo run -q -p sma-tools -- restore $(VERSION) --env $(ENV) $(if $(URL),--url $(URL))

openapi: ## Write worker/openapi.json from the API types in shared (a native test fails when it is stale).
	cargo run -q -p sma-tools -- openapi --out worker/openapi.json

test: setup build test-native lint test-wasm test-operating test-going-live test-budget e2e fuzz-api ## Every test layer and production's deploy dry run; non-zero on any failure.
	$(MAKE) --no-print-directory deploy-dry-run ENV=production
	@# What `make deploy` accepts as "tests green": this commit, on a clean tree.
	@if [ -z "$$(git status --porcelain)" ]; then mkdir -p .state && git rev-parse HEAD > .state/tests-passed; fi

test-native: ## Native cargo tests of the workspace (the app's logic and the Worker's pure code too).
	cargo test -p sma-shared -p sma-tools -p sma-app -p sma-worker

test-wasm: ## The shared test vectors compiled to wasm32 and run in Node.
	cargo test -p sma-shared --target wasm32-unknown-unknown --test vectors --test accounts_vectors

test-operating: ## Publishing (twice, dry, tampered, in parts), withdrawal, the renewal run's guard, health and logs against a local Worker run as production.
	scripts/test-operating.sh

test-budget: ## The first load of `/` (HTML, JS, Wasm, CSS) is at most 150 KiB with brotli -q 11; of `/releases`, a release's page and `/account` at most 200 KiB.
	MAX=153600 scripts/page-weight.sh app/dist/index.html
	MAX=204800 scripts/page-weight.sh app/dist/releases.html
	MAX=204800 scripts/page-weight.sh app/dist/release.html
	MAX=204800 scripts/page-weight.sh app/dist/account.html

lint: ## Clippy with warnings as errors (native crates, then the wasm crates).
	cargo clippy -p sma-shared -p sma-tools -p sma-app -p sma-worker --all-targets -- -D warnings
	cargo clippy -p sma-app -p sma-worker --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p sma-app --features split --target wasm32-unknown-unknown -- -D warnings

e2e: ## Playwright in headless Chromium against a fresh wrangler dev with throw-away state.
	npx playwright test -c e2e/playwright.config.ts

fuzz-api: ## schemathesis against a fresh local Worker on E2E_PORT (public and signed-in operations, ≈ 3 min): no 5xx, no undocumented status or body.
	scripts/fuzz-api.sh

soak: setup build ## 20 minutes (SOAK_SECONDS) of mixed traffic against a fresh local Worker on PORT, reconciled through D1 (not in `make test`).
	PORT=$(PORT) scripts/soak.sh

bench: build ## Benchmarks: criterion for shared, bundle sizes, a load run on the local Worker.
	SETUP_BENCH=1 scripts/setup.sh
	scripts/bench.sh

deploy-dry-run: build ## Bundle the Worker for ENV (production by default) as `wrangler deploy` would, without deploying.
	wrangler deploy --dry-run --env $(if $(filter-out local dev,$(ENV)),$(ENV),production) --outdir .state/dry-run

deploy: build ## Deploy to ENV=staging|production after the checks (tests, secrets, migrations, no demo data, dry run; scripts/deploy.sh).
	scripts/deploy.sh $(ENV)

test-going-live: ## The README's "Going live" step by step against fresh local state (local equivalents of each remote command).
	scripts/test-going-live.sh

bench-renewals: ## The daily renewal run with N=10000 installations, DUE=300 of them due, on E2E_PORT (docs/performance.md).
	scripts/bench-renewals.sh

clean: ## Remove build output and local state (not the tools).
	rm -rf app/dist app/dist-portal worker/build .state
