#!/usr/bin/env bash
# Builds the app (dist/) and the Worker (edge/build/) in release mode. Downloads nothing: the
# tools come from scripts/setup.sh. Steps whose output is newer than their input are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/env.sh
bin="$root/node_modules/.bin"

# --- cargo: the app and the Worker in one run, so that what they share (the proc-macros built for
# this machine, serde, wasm-bindgen, the game's core) is compiled once, and their two last steps
# (LTO on one core each) run side by side. The app's wasm keeps its relocations for the splitter
# below (app/build.rs).
cargo build --quiet --release --target wasm32-unknown-unknown -p app -p edge --lib

# --- the app: the splitter, wasm-bindgen, wasm-opt, esbuild, then the static files.
raw="$target_dir/wasm32-unknown-unknown/release/app.wasm"
# The app's files before they are published under their version (below).
pkg="$target_dir/pkg"
# The hash of the wasm it was made from, written last: a build that failed half-way is redone,
# not taken as up to date. By content, not time: the component tests build the app without its
# entry point under the same file name (scripts/test.sh), so cargo relinks it after them, to the
# same bytes, and the steps below would otherwise be done again for nothing.
stamp="$pkg/.built"
# From here on the app is split, bound and optimised by tools that use one core each, so they run
# in the background while the Worker (below) is bound and optimised on the other.
app_files() {
  local sum
  sum=$(sha256sum "$raw" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return
  fi
  rm -rf "$pkg" "$target_dir/split"
  mkdir -p "$pkg" "$target_dir/split"
  wasm-split-cli "$raw" "$target_dir/split" --out-name app
  # The game's file shares the main module's memory and function table.
  wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$pkg" --out-name app "$target_dir/split"/app.wasm
  cp "$target_dir/split"/__wasm_split.js "$target_dir/split"/split_game.wasm "$pkg/"
  # `--low-memory-unused` lets binaryen fold a constant added to an address into the access's
  # offset. The two differ only where the sum would wrap past 4 GiB, which only an access below
  # 1 KiB does: rustc puts the 1 MiB stack first, growing down to 0, so that is the stack's last
  # KiB, and a stack that deep may trap there instead of running on into its last bytes.
  # `--one-caller-inline-max-function-size`: by default binaryen inlines a function with one caller
  # however large it is. The bytes before gzip hardly change either way, but kept out of line the
  # many functions that are alike (one copy per signal type or closure) stay alike byte for byte,
  # where inlined each takes its caller's locals, and gzip finds them no longer. Up to 20 bytes
  # (tried from 0 to 1,000) took 7.2 KB off a game's link, 2.8 KB off the home page.
  # `--always-inline-max-function-size=4` (2 by default) and a second -Oz after `--flatten
  # --rereloop` (every function's control flow laid out anew) took 1.1 KB more off a game's link.
  # The main module and the game's file at once, each on a core of its own.
  opts=()
  for f in "$pkg"/*.wasm; do
    "$bin/wasm-opt" -Oz --converge --low-memory-unused --one-caller-inline-max-function-size=20 \
      --always-inline-max-function-size=4 --flatten --rereloop -Oz \
      --strip-producers --strip-target-features \
      --enable-bulk-memory --enable-nontrapping-float-to-int "$f" -o "$f" &
    opts+=("$!")
  done
  for opt in "${opts[@]}"; do
    wait "$opt"
  done
  # Named by its content: a page of an older version must never load a newer game file against
  # its own module. It finds its own file gone instead, and says so.
  game="split_game-$(sha256sum "$pkg/split_game.wasm" | cut -c1-12).wasm"
  mv "$pkg/split_game.wasm" "$pkg/$game"
  sed -i "s|split_game\.wasm|$game|" "$pkg/__wasm_split.js"
  grep -q "$game" "$pkg/__wasm_split.js"
  for f in "$pkg"/*.js; do
    "$bin/esbuild" "$f" --minify --format=esm --log-level=warning --outfile="$f.min"
    mv "$f.min" "$f"
  done
  echo "$sum" >"$stamp"
}
app_files &
app_pid=$!
trap 'kill "$app_pid" 2>/dev/null || true' EXIT
# --- the Worker: wasm-bindgen, wasm-opt, then its entry module (edge/shim.mjs) beside them.
# Skipped when neither the wasm nor the entry module is newer than the output.
wasm="$target_dir/wasm32-unknown-unknown/release/edge.wasm"
stamp=edge/build/.built
if [ ! -f "$stamp" ] || [ "$wasm" -nt "$stamp" ] || [ edge/shim.mjs -nt "$stamp" ]; then
  rm -rf edge/build
  out=edge/build/worker
  # `--target module`: an ES module that imports its wasm as a compiled module, which is how
  # workerd loads Wasm. `--force-enable-abort-handler`: a panic aborts, on wasm32, and traps the
  # instance; this makes the glue notice the trap and run the worker crate's abort hook, which
  # has the instance reset at the next call (edge/shim.mjs then rebuilds the Durable Objects).
  # Without it every later call would run on the trapped instance.
  wasm-bindgen --target module --no-typescript --force-enable-abort-handler \
    --out-dir "$out" --out-name index "$wasm"
  # `import source` (a source phase import) is new; the plain import gives wrangler's `.wasm`
  # rule the same compiled module, in a form every bundler and runtime version reads.
  sed -i 's/^import source /import /' "$out/index.js"
  # The features are named one by one, as workers-rs does, so binaryen never emits an encoding
  # workerd cannot read yet; exception handling is what the glue's catch wrappers use.
  # `--debuginfo` keeps the names section: a panic's trace in the log names Rust functions.
  "$bin/wasm-opt" -O --debuginfo --enable-mutable-globals --enable-sign-ext \
    --enable-nontrapping-float-to-int --enable-bulk-memory --enable-multivalue \
    --enable-reference-types --enable-exception-handling \
    "$out/index_bg.wasm" -o "$out/index_bg.wasm"
  cp edge/shim.mjs "$out/shim.mjs"
  touch "$stamp"
fi

wait "$app_pid"
# Every file of the app (scripts, wasm, style) is published under /pkg/<version>/, the version
# being the hash of them all: the glue and the split loader import each other, so they cannot
# be named one by one. A name never changes its content, so public/_headers lets browsers keep
# them for good, and a second visit asks for none of them; only the document is asked again, and
# it names the version to load.
stage="$target_dir/publish"
rm -rf "$stage"
mkdir -p "$stage"
cp "$pkg"/*.js "$pkg"/*.wasm "$stage/"
"$bin/esbuild" public/style.css --minify --log-level=warning --outfile="$stage/style.css"
version=$(cd "$stage" && LC_ALL=C ls | xargs cat | sha256sum | cut -c1-12)
rm -rf dist
mkdir -p dist/pkg
cp -r public/. dist/
rm dist/style.css
mv "$stage" "dist/pkg/$version"
game=$(cd "dist/pkg/$version" && ls split_game-*.wasm)
sed -e "s|@PKG@|/pkg/$version|g" -e "s|@GAME_FILE@|/pkg/$version/$game|" public/index.html > dist/index.html
# The document's Content-Security-Policy, with the hashes of its inline scripts as written above.
node scripts/headers.mjs dist
