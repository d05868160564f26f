#!/usr/bin/env bash
# Sets up what is missing, then runs every test: native Rust tests (bounded fuzzing included), the
# app's component tests in headless Chromium, protocol and browser tests against `wrangler dev`
# (one server on a free port shared by the files that can share it, built once; the others start
# their own), fault runs under load, lints, and the production bundle check.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. scripts/env.sh
export WRANGLER_SEND_METRICS=false CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# wasm-bindgen-test-runner gives chromedriver 5 s to open its port by default; its first start on a
# fresh machine, with a cold disk cache and both cores busy, can take longer than that.
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-60}"

# A fresh clone builds everything once: incremental compilation would only add work.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

# Each step says how long the one before it took.
began=$SECONDS last=$SECONDS
step() {
  if [ "$last" != "$began" ] || [ "$SECONDS" != "$began" ]; then printf '    (%d s)\n' $((SECONDS - last)); fi
  last=$SECONDS
  printf '\n\033[1m==> %s\033[0m\n' "$*"
}

step "format and lints"
cargo fmt --all --check
# The GitHub workflows (and the shell in their steps, where shellcheck is installed).
.tools/bin/actionlint .github/workflows/*.yml
# The app runs only in the browser: it is linted, built and tested for wasm32 alone, so the
# framework is not compiled for the host as well.
cargo clippy --quiet --workspace --exclude app --all-targets -- -D warnings
cargo clippy --quiet -p app --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --quiet -p edge --target wasm32-unknown-unknown -- -D warnings

step "native tests (shared game core, Worker routing, load tool)"
# Built with the tests, and so with their features, the load tool's binary for the fault runs
# below: built on its own it would take other features and compile half its dependencies again.
cargo build --quiet --workspace --exclude app --bins --tests
cargo test --quiet --workspace --exclude app

step "app component tests in headless Chromium"
# Without the page's entry point: the tests mount screens themselves (see app/Cargo.toml).
cargo test -p app --target wasm32-unknown-unknown --tests --no-default-features

step "build app and Worker (release)"
./scripts/build.sh

step "protocol and browser tests against wrangler dev ($(node --version))"
# Built above: the servers serve dist/ and edge/build/ as they are, without a build of their own.
CLIX_BUILT=1 node tests/run.mjs

step "fault runs (clix-load: sockets dropped, a client that never reads, a flood, the runtime killed)"
# Each starts its own wrangler dev on free ports, plays short games through the fault and exits
# non-zero if a seat, a game or a confirmed click is lost. Figures of longer runs: docs/PERFORMANCE.md.
# The runs go at once, each into a log of its own printed whole once all are done (the kill after
# a tap and the kill after a ship as two runs); the flood, which spends the machine's CPU on
# purpose, runs alone after them.
fault_pids=()
trap 'kill "${fault_pids[@]}" 2>/dev/null || true' EXIT
faults_at_once() {
  local logs i failed=()
  logs=$(mktemp -d)
  fault_pids=()
  for i in $(seq $#); do
    # shellcheck disable=SC2086 # a run's words are its arguments
    "$target_dir/debug/clix-load" fault ${!i} >"$logs/$i" 2>&1 &
    fault_pids+=("$!")
  done
  for i in $(seq $#); do
    wait "${fault_pids[$((i - 1))]}" || failed+=("${!i}")
    cat "$logs/$i"
  done
  rm -rf "$logs"
  if [ ${#failed[@]} -gt 0 ]; then
    printf 'fault run failed: clix-load fault %s\n' "${failed[@]}"
    return 1
  fi
}
faults_at_once drop-all no-reader "kill --kills 1 --after tap" "kill --kills 1 --after ship"
faults_at_once flood

step "production bundle (wrangler deploy --dry-run)"
node_modules/.bin/wrangler deploy --dry-run --outdir "$target_dir/deploy-dry-run"

step "all tests passed in $((SECONDS - began)) s"
