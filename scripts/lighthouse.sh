#!/usr/bin/env bash
# Runs Lighthouse 12 (mobile, simulated slow 4G, Debian's Chromium) against a local build under
# `wrangler dev`, on the home page and a game's link, and prints the performance score, the
# largest contentful paint and the bytes downloaded. A report, not a test: docs/SIZE.md quotes
# it. Installs Lighthouse (pinned) into .tools/lighthouse on first use. Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/env.sh
LIGHTHOUSE_VERSION=12.8.2
if [ "$(node -p "require('$root/.tools/lighthouse/node_modules/lighthouse/package.json').version" 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  echo "==> installing lighthouse $LIGHTHOUSE_VERSION into .tools/lighthouse (npm)" >&2
  mkdir -p .tools/lighthouse
  npm install --no-audit --no-fund --silent --prefix .tools/lighthouse lighthouse@"$LIGHTHOUSE_VERSION"
fi
[ -f dist/index.html ] || { echo "run scripts/build.sh first" >&2; exit 1; }
export WRANGLER_SEND_METRICS=false
exec node scripts/lighthouse.mjs "$@"
