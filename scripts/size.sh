#!/usr/bin/env bash
# Prints what a first visit downloads (html, js, wasm, css), raw and gzipped, from dist/.
# Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
total_raw=0 total_gz=0
printf '%-28s %10s %10s\n' file bytes gzip
for f in dist/index.html dist/pkg/app.js dist/pkg/app_bg.wasm dist/style.css; do
  raw=$(wc -c < "$f")
  gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
  printf '%-28s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-28s %10d %10d\n' "first load" "$total_raw" "$total_gz"
