#!/usr/bin/env bash
# Prints how long the picture of a game's link takes to draw, p50 and p99 over 100 drawings of
# each card: natively, and as the Worker runs it (the same Rust built to wasm, optimised like the
# Worker's build, run by Node's V8 as workerd runs it). With a folder, also writes the cards
# there as PNG (`scripts/card-bench.sh docs/cards` for the README's pictures). A report, not a
# test. Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/env.sh
echo "## natively"
cargo run --quiet --release -p edge --example cards -- "$@"
echo "## as wasm, in V8"
cargo build --quiet --release --target wasm32-unknown-unknown -p edge --example card_wasm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target nodejs --no-typescript --out-dir "$work" --out-name card \
  "$target_dir/wasm32-unknown-unknown/release/examples/card_wasm.wasm"
"$root/node_modules/.bin/wasm-opt" -O --enable-mutable-globals --enable-sign-ext \
  --enable-nontrapping-float-to-int --enable-bulk-memory --enable-multivalue \
  --enable-reference-types "$work/card_bg.wasm" -o "$work/card_bg.wasm"
node - "$work/card.js" <<'JS'
const { draw } = require(process.argv[2]);
const names = ['waiting', 'round', 'over', 'hostile'];
console.log(`${'card'.padEnd(16)} ${'bytes'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`);
names.forEach((name, which) => {
  const bytes = draw(which);
  const times = [];
  for (let i = 0; i < 100; i++) {
    const start = process.hrtime.bigint();
    draw(which);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(16)} ${String(bytes).padStart(9)} ${times[49].toFixed(1).padStart(9)} ${times[98].toFixed(1).padStart(9)}`);
});
JS
