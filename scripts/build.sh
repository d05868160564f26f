#!/usr/bin/env bash
# Builds the app (dist/) and the Worker (edge/build/) in release mode. Downloads nothing: the
# tools come from scripts/setup.sh. Steps whose output is newer than their input are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin="$root/node_modules/.bin"

# --- the app: cargo, then wasm-bindgen, then wasm-opt, then the static files.
cargo build --quiet --release --target wasm32-unknown-unknown -p app
raw=target/wasm32-unknown-unknown/release/app.wasm
mkdir -p dist/pkg
if [ ! -f dist/pkg/app_bg.wasm ] || [ "$raw" -nt dist/pkg/app_bg.wasm ]; then
  wasm-bindgen --target web --no-typescript --out-dir dist/pkg --out-name app "$raw"
  "$bin/wasm-opt" -Oz dist/pkg/app_bg.wasm -o dist/pkg/app_bg.wasm
fi
cp -r public/. dist/

# --- the Worker: worker-build honours these three and then fetches nothing.
export WASM_BINDGEN_BIN="${WASM_BINDGEN_BIN:-$(command -v wasm-bindgen)}"
export WASM_OPT_BIN="${WASM_OPT_BIN:-$bin/wasm-opt}"
export ESBUILD_BIN="${ESBUILD_BIN:-$bin/esbuild}"
# worker-build always reruns wasm-bindgen and wasm-opt; skip it when no input is newer than its output.
stamp=edge/build/.built
if [ ! -f "$stamp" ] || [ -n "$(find edge/src edge/Cargo.toml shared/src shared/Cargo.toml Cargo.toml Cargo.lock -newer "$stamp" -print -quit)" ]; then
  rm -f "$stamp"
  (cd edge && worker-build --release)
  touch "$stamp"
fi
