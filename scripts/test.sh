#!/usr/bin/env bash
# Sets up what is missing, then runs every test: the release build, then protocol and browser
# tests against `wrangler dev` (one server on a free port shared by the files that can share it,
# serving that build; the others start their own) and fault runs under load, while beside them
# the lints, the native Rust tests (bounded fuzzing included) and the app's component tests in
# headless Chromium run at low priority; finally the production bundle check.
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

# The Rust lints and tests compile for minutes on both cores, while the protocol and browser tests
# mostly wait on rounds and timers. So the Rust half runs beside them, at the lowest CPU priority
# so as not to slow the servers and browsers under test, with its output kept for the end.
rust_checks() {
  set -e
  echo "==> lints"
  # The app runs only in the browser: it is linted, built and tested for wasm32 alone, so the
  # framework is not compiled for the host as well.
  cargo clippy --quiet --workspace --exclude app --all-targets -- -D warnings
  cargo clippy --quiet -p app --target wasm32-unknown-unknown --all-targets -- -D warnings
  cargo clippy --quiet -p edge --target wasm32-unknown-unknown -- -D warnings
  echo "==> native tests (shared game core, Worker routing, load tool)"
  cargo test --quiet --workspace --exclude app
  echo "==> app component tests in headless Chromium"
  # Without the page's entry point: the tests mount screens themselves (see app/Cargo.toml).
  cargo test -p app --target wasm32-unknown-unknown --tests --no-default-features
}

step "format"
cargo fmt --all --check

step "build app and Worker (release), and the load tool"
./scripts/build.sh
cargo build --quiet -p load
# A copy of its own: the Rust half below may relink the original while a fault run uses it.
load_tool="$target_dir/clix-load-under-test"
cp "$target_dir/debug/clix-load" "$load_tool"

step "lints, native and component tests (beside the next two steps: output at the end)"
rust_log="$target_dir/rust-checks.log"
mkdir -p "$target_dir"
nice -n 19 bash -c "$(declare -f rust_checks); rust_checks" > "$rust_log" 2>&1 &
rust_pid=$!
# Whatever ends this script early ends the Rust half too.
trap 'kill "$rust_pid" 2>/dev/null || true' EXIT

step "protocol and browser tests against wrangler dev ($(node --version))"
# Built above: the servers serve dist/ and edge/build/ as they are, without a build of their own.
CLIX_BUILT=1 node tests/run.mjs

step "fault runs (clix-load: sockets dropped, a client that never reads, the runtime killed)"
# Each starts its own wrangler dev on free ports, plays short games through the fault and exits
# non-zero if a seat, a game or a confirmed click is lost. Figures of longer runs: docs/PERFORMANCE.md.
for fault in drop-all no-reader kill; do
  "$load_tool" fault "$fault"
done

step "lints, native and component tests (waiting for them)"
rust_status=0
wait "$rust_pid" || rust_status=$?
trap - EXIT
cat "$rust_log"
if [ "$rust_status" != 0 ]; then
  echo "lints or Rust tests failed (exit $rust_status)" >&2
  exit "$rust_status"
fi

step "production bundle (wrangler deploy --dry-run)"
node_modules/.bin/wrangler deploy --dry-run --outdir "$target_dir/deploy-dry-run"

step "all tests passed in $((SECONDS - began)) s"
