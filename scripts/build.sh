#!/usr/bin/env bash
# Builds the app (dist/) and the Worker (edge/build/) in release mode. Downloads nothing: the
# tools come from scripts/setup.sh. Steps whose output is newer than their input are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin="$root/node_modules/.bin"

# --- the app: cargo, the splitter, wasm-bindgen, wasm-opt, esbuild, then the static files.
# `--emit-relocs` keeps what wasm-split-cli needs to move each split function (`wasm_split`),
# with the code only it reaches, into a file of its own that is fetched on first use. Given to the
# app crate alone (it is the one linked), so the dependencies' builds stay shared with the other
# commands.
cargo rustc --quiet --release --target wasm32-unknown-unknown -p app --lib -- -C link-arg=--emit-relocs
raw=target/wasm32-unknown-unknown/release/app.wasm
if [ ! -f dist/pkg/app_bg.wasm ] || [ "$raw" -nt dist/pkg/app_bg.wasm ]; then
  rm -rf dist/pkg target/split
  mkdir -p dist/pkg target/split
  wasm-split-cli "$raw" target/split --out-name app
  # The chunks share the main module's function table, so its export must survive.
  wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir dist/pkg --out-name app target/split/app.wasm
  find target/split -maxdepth 1 \( -name '*.js' -o -name 'split_*.wasm' -o -name 'chunk_*.wasm' \) -exec cp {} dist/pkg/ \;
  for f in dist/pkg/*.wasm; do
    "$bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$f" -o "$f"
  done
  for f in dist/pkg/*.js; do
    "$bin/esbuild" "$f" --minify --format=esm --log-level=warning --outfile="$f.min" && mv "$f.min" "$f"
  done
fi
cp -r public/. dist/
"$bin/esbuild" public/style.css --minify --log-level=warning --outfile=dist/style.css

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
