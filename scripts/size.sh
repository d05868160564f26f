#!/usr/bin/env bash
# Prints what a first visit downloads (html, css, icon, manifest, js, wasm), raw and gzipped,
# from dist/: on the home page, and on a game's link, which also needs the game's own wasm.
# Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
gz() { gzip -9c "$1" | wc -c; }
home=(dist/index.html dist/pkg/*/style.css dist/icon.svg dist/manifest.webmanifest dist/pkg/*/app.js
  dist/pkg/*/__wasm_split.js dist/pkg/*/app_bg.wasm)
game=(dist/pkg/*/split_game-*.wasm)
printf '%-48s %10s %10s\n' file bytes gzip
home_raw=0 home_gz=0
for f in "${home[@]}"; do
  raw=$(wc -c < "$f") z=$(gz "$f")
  home_raw=$((home_raw + raw)) home_gz=$((home_gz + z))
  printf '%-48s %10d %10d\n' "$f" "$raw" "$z"
done
game_raw=$home_raw game_gz=$home_gz
for f in "${game[@]}"; do
  raw=$(wc -c < "$f") z=$(gz "$f")
  game_raw=$((game_raw + raw)) game_gz=$((game_gz + z))
  printf '%-48s %10d %10d\n' "$f" "$raw" "$z"
done
printf '%-48s %10d %10d\n' "first load, home page" "$home_raw" "$home_gz"
printf '%-48s %10d %10d\n' "first load, a game's link (home + game wasm)" "$game_raw" "$game_gz"
