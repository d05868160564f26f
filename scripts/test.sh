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

# The release build goes on beside the lints and the native build below: each leaves a core idle
# part of the time (linking, LTO and wasm-opt on one core), and the debug and release builds hold
# locks of their own in the target directory. In a session of its own, so that a failed step
# stops the whole of it; its log is printed when it is waited for below.
build_log=$(mktemp)
setsid --wait ./scripts/build.sh >"$build_log" 2>&1 &
build_pid=$!
# Whatever is still going when the script stops, a failure's or an interrupt's, is stopped too.
component_pid=
fault_pids=()
cleanup() {
  kill -- -"$build_pid" 2>/dev/null || true
  if [ -n "$component_pid" ]; then kill -- -"$component_pid" 2>/dev/null || true; fi
  kill "${fault_pids[@]}" 2>/dev/null || true
  rm -rf "$build_log" "${component_log:-}" "${fault_logs:-}"
}
trap cleanup EXIT

# The Worker's code is linted by the native tests' build below, which clippy's driver compiles for
# the host; its release build is compiled by rustc alone, since clippy's driver turns off MIR
# optimisations in what it compiles. The host's lint sees all of the Worker as long as none of it
# is compiled for one target alone; a wasm32 check of its own cost 85 s of the two cores, cold,
# so it runs only once such code appears.
if grep -rqE 'cfg(_attr)?\(.*target_' edge shared --include='*.rs' --include=Cargo.toml; then
  cargo clippy --quiet -p edge --target wasm32-unknown-unknown -- -D warnings
fi

# The test builds below are compiled by clippy's driver (what `cargo clippy` itself runs, in check
# mode), given to the workspace's crates alone: one compile both lints and builds each crate, and
# the dependencies are compiled once for both, where `cargo clippy` beside `cargo test` would
# compile every dependency a second time. 27 s less for the host, 19 s for the app, cold.
export RUSTC_WORKSPACE_WRAPPER
RUSTC_WORKSPACE_WRAPPER=$(rustup which clippy-driver)
# `cargo clippy -- -D warnings` passes its arguments the same way.
export CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

# Fault runs (clix-load): each starts its own wrangler dev on free ports, plays short games
# through the fault and exits non-zero if a seat, a game or a confirmed click is lost (taps
# refused as too late are counted apart, so a loaded machine fails none). Figures of longer runs:
# docs/PERFORMANCE.md. Each run writes a log of its own, printed whole once it is waited for.
fault_logs=$(mktemp -d)
fault_runs=()
start_faults() {
  local run
  for run in "$@"; do
    # shellcheck disable=SC2086 # a run's words are its arguments
    "$target_dir/debug/clix-load" fault $run >"$fault_logs/${#fault_runs[@]}" 2>&1 &
    fault_runs+=("$run")
    fault_pids+=("$!")
  done
}
finish_faults() {
  local i failed=()
  for i in "${!fault_pids[@]}"; do
    wait "${fault_pids[$i]}" || failed+=("${fault_runs[$i]}")
    cat "$fault_logs/$i"
  done
  fault_runs=()
  fault_pids=()
  if [ ${#failed[@]} -gt 0 ]; then
    printf 'fault run failed: clix-load fault %s\n' "${failed[@]}"
    return 1
  fi
}

# Sockets dropped, a client that never reads, the runtime killed after a tap and after a ship,
# from when the release build they serve is done: they wait on their games' rounds most of the
# time, so the native tests' run and the component tests' compile take the CPU they leave. Not
# beside the browser tests: four servers and their bots, and a runtime killed and started again,
# made the flood of bad-input.test.mjs take 4.4 s to be closed instead of 0.2-0.8 s, and
# answered more of it than that test allows.
start_fault_runs() {
  wait "$build_pid" || { cat "$build_log"; echo "release build failed"; exit 1; }
  cat "$build_log"
  start_faults drop-all no-reader "kill --kills 1 --after tap" "kill --kills 1 --after ship"
}

step "native build (shared game core, Worker routing, load tool), linted as it builds"
# Every target, so every one is linted (the benchmark and the examples too). Built with the tests,
# and so with their features, the load tool's binary for the fault runs below: built on its own
# it would take other features and compile half its dependencies again.
cargo build --quiet --workspace --exclude app --all-targets

step "the release build's end"
# The app runs only in the browser: it is linted, built and tested for wasm32 alone, so the
# framework is not compiled for the host as well. Its tests are built in the release profile
# (`--release`, through `bench`), so they reuse every dependency the release build compiled: 21
# CPU-s after it, where a debug build of their own was 135, cold. `-p edge` builds nothing of the
# Worker (it has no `screens` test) but has cargo resolve the features of web-sys as the release
# build does, for the app and the Worker at once; the app's own tests are all in tests/screens.
# Without the page's entry point: the tests mount screens themselves (see app/Cargo.toml).
# Cargo waits for the release build's lock, so they compile once it is done, beside its wasm-opt
# and the fault runs, into a log printed before the protocol tests. Their session is given the
# lowest priority: the kernel shares the CPU between sessions before it weighs `nice` within one,
# so without it they took a core from the release build's last steps. A browser run of the tests
# may then wait behind the foreground for a while, which they do not measure: each test binary
# is given 300 s instead of 20 to report. In a session of its own, so that a failure or an
# interrupt stops the whole of it (cargo, rustc, the test runner and its browser).
component_log=$(mktemp)
WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" setsid --wait sh -c \
  'echo 19 >/proc/self/autogroup 2>/dev/null; exec nice -n 19 "$@"' component \
  cargo test --release --target wasm32-unknown-unknown -p app -p edge --no-default-features \
  --test screens >"$component_log" 2>&1 &
component_pid=$!
start_fault_runs

step "native tests, beside the fault runs (clix-load: sockets dropped, a client that never reads, the runtime killed) and the component tests"
# After the release build rather than beside it, where their run took its CPU, cold.
cargo test --quiet --workspace --exclude app
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS

step "fault runs: what is left of them"
finish_faults

step "app component tests in headless Chromium (wasm-bindgen-test), linted as they built: what is left of them"
# Done before the files that measure time: a compile beside them once moved a ship's arrival
# 80 ms and failed fair-timing.test.mjs.
wait "$component_pid" || { cat "$component_log"; echo "app component tests failed"; exit 1; }
cat "$component_log"

step "protocol and browser tests against wrangler dev ($(node --version))"
# Built above: the servers serve dist/ and edge/build/ as they are, without a build of their own.
CLIX_BUILT=1 node tests/run.mjs

step "fault run alone (clix-load: a flood)"
# It spends the machine's CPU on purpose and compares the others' reply times with and without
# it, so nothing else runs beside it.
start_faults flood
finish_faults

step "production bundle (wrangler deploy --dry-run)"
node_modules/.bin/wrangler deploy --dry-run --outdir "$target_dir/deploy-dry-run"

step "all tests passed in $((SECONDS - began)) s"
