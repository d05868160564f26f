#!/usr/bin/env bash
# Prints where the bytes of the app's two wasm files go: the largest items of each, by twiggy,
# on copies optimised like the release build but keeping function names, and the same summed by
# crate. A report, not a test; docs/SIZE.md quotes it. Installs twiggy (pinned) into .tools/ on
# first use. Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/env.sh
TWIGGY_VERSION=0.8.0
top="${1:-15}"
twiggy="$root/.tools/cargo/bin/twiggy"
if [ "$("$twiggy" --version 2>/dev/null)" != "twiggy-opt $TWIGGY_VERSION" ]; then
  echo "==> installing twiggy $TWIGGY_VERSION into .tools/cargo (cargo install)" >&2
  cargo install -q --locked --root "$root/.tools/cargo" twiggy@"$TWIGGY_VERSION"
fi
split="$target_dir/split"
[ -f "$split/app.wasm" ] || { echo "run scripts/build.sh first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The main module as wasm-bindgen leaves it (its descriptors gone), names kept.
wasm-bindgen --target web --no-typescript --keep-lld-exports --keep-debug --out-dir "$work" --out-name app \
  "$split/app.wasm"
mv "$work/app_bg.wasm" "$work/app.wasm"
cp "$split/split_game.wasm" "$work/"
for module in app split_game; do
  # The release build's wasm-opt, with -g: the same code, its names kept for twiggy.
  "$root/node_modules/.bin/wasm-opt" -Oz --converge --low-memory-unused \
    --one-caller-inline-max-function-size=20 --always-inline-max-function-size=4 --flatten --rereloop -Oz \
    -g --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$work/$module.wasm" -o "$work/$module.wasm" 2>/dev/null
  echo "## $module.wasm: the $top largest items (bytes before gzip)"
  "$twiggy" top -n "$top" "$work/$module.wasm" | grep -v 'function names\|custom section\|Σ\|more\.$'
  echo
  echo "## $module.wasm by crate"
  "$twiggy" top -n 1000000 --format csv "$work/$module.wasm" | python3 -c '
import csv, re, sys, collections
by = collections.Counter()
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    if name.startswith(("custom section", "\"")) or "subsection" in name:
        continue
    # The crate of a path, an impl block or a generic; what has none is data or glue.
    m = re.search(r"([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name)
    by[m.group(1) if m else "(data, tables, glue)"] += size
for crate, size in by.most_common(12):
    print(f"{size:>10}  {crate}")
'
  echo
done
