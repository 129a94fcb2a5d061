# Baohao: one entry point for building, running, linting and testing (CI runs `make test`).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

CARGO      ?= cargo
APP        := target/debug/baohao
# The app as users get it: the built UI embedded (custom-protocol). The e2e build adds a
# test clock that release builds never have.
APP_FEATURES := custom-protocol
E2E_FEATURES := custom-protocol,test-clock
UI := npm --prefix ui run --silent
# Property tests run the same cases on every `make test`, so a red run is reproducible and
# main stays green; `make explore` runs them from fresh random seeds to look for new findings.
PROPTEST_RNG_SEED ?= 20261204
export PROPTEST_RNG_SEED

.PHONY: all deps ui build run dev lint check-mobile fmt test test-rust test-ui test-browser test-e2e test-crash explore bindings fixtures icons release bench bench-app clean

all: build

deps:
	@scripts/deps.sh

ui: deps
	$(UI) build

build: ui
	$(CARGO) build --locked -p baohao --features $(APP_FEATURES)

## Runs the app (under Xvfb with a screenshot when there is no display).
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(APP); else scripts/run-headless.sh $(APP); fi

## Runs against the Vite dev server with hot reload.
dev: deps
	cd src-tauri && ../ui/node_modules/.bin/tauri dev

lint: ui
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets --features baohao/$(APP_FEATURES) -- -D warnings
	$(UI) check
	$(UI) format:check
	$(UI) i18n:check

## Type-checks and lints every cfg(mobile) line for Android and iOS (no SDK needed).
check-mobile: ui
	scripts/check-mobile.sh

fmt: deps
	$(CARGO) fmt --all
	$(UI) format

## Every check and test: lints, Rust unit/property/IPC tests, UI tests, end-to-end tests.
test: lint check-mobile test-rust test-ui test-browser test-e2e test-crash
	@echo "make test: all checks and tests passed"

test-rust: ui
	$(CARGO) test --locked -p baohao-core -p baohao-cli -p baohao -p tauri-plugin-baohao-alarms -p tauri-plugin-baohao-share --features baohao/$(APP_FEATURES)

# Property tests from random seeds, several rounds; a failure prints its seed to keep in the
# test's .proptest-regressions file.
explore: ui
	for i in 1 2 3 4 5; do \
	  env -u PROPTEST_RNG_SEED $(CARGO) test --locked -p baohao-core --test rules_props \
	    --test planner_props --test planning_props || exit 1; \
	  env -u PROPTEST_RNG_SEED $(CARGO) test --locked -p baohao --features baohao/$(APP_FEATURES) \
	    --lib tests_mobile || exit 1; \
	done

test-ui: deps
	$(UI) test

## The UI in Debian's Chromium (playwright-core, axe-core) on the Rust-generated fixtures: every
## screen at 390x844 and 1280x800, light and dark, en and zh-CN; keyboard and pointer flows
## (ui/tests-browser/run.mjs).
test-browser: deps
	$(UI) test:browser

test-e2e: ui
	$(CARGO) build --locked -p baohao --features $(E2E_FEATURES)
	$(CARGO) build --locked -p baohao-e2e --tests
	xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- tests/run-e2e.sh

## kill -9 in the middle of a 10,000-row import and of a restore, 50 times each: the database
## stays intact and holds the data from before or after (scripts/crash-test.sh).
test-crash:
	$(CARGO) build --locked --release -p baohao-cli
	scripts/crash-test.sh target/release/baohao-cli

## Benchmarks at 10,000 numbers, each beside its floor (not part of `make test`): runs
## src-tauri/core/benches/scale.rs, then prints medians, floors, ratios and budgets
## (scripts/bench-table.py; exits 1 when a budget is missed). docs/performance.md has the figures.
bench:
	$(CARGO) bench --locked -p baohao-core --bench scale
	@python3 scripts/bench-table.py target/criterion

## Baohao beside a bare Tauri 2 window (bench/bare-tauri), both built in release in the same
## run (not part of `make test`): stripped binary size, launch to the dashboard painted with
## 1,000 lines under Xvfb (median of 10, through WebDriver), memory of the app and its WebKit
## processes after start and after IDLE_SECONDS (default 3600) idle, CPU over 60 idle seconds.
## Writes the figures into docs/performance.md (scripts/bench-app.sh).
bench-app: deps
	scripts/bench-app.sh

## Regenerates ui/src/lib/bindings.ts from the Rust commands.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test --locked -p baohao --features baohao/$(APP_FEATURES) the_generated_bindings_are_up_to_date

## Regenerates the UI's fixtures (ui/src/lib/dev/fixtures: what the commands answer on a sample,
## and rules for the rule editor's round trip) from the Rust core; `make test-rust` fails when
## they are stale.
fixtures:
	UPDATE_FIXTURES=1 $(CARGO) test --locked -p baohao --features baohao/$(APP_FEATURES) the_ui_fixtures_are_up_to_date

## Regenerates every platform icon from icons/icon.svg.
icons: deps
	ui/node_modules/.bin/tauri icon icons/icon.svg -o icons

release: ui
	$(CARGO) build --locked --release -p baohao --features $(APP_FEATURES)
	@ls -l target/release/baohao

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
