#!/usr/bin/env bash
# Sets up what is missing, builds, and serves the game on http://localhost:8787 with
# `wrangler dev` (workerd, the real Workers runtime). Game state persists in .wrangler/state.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --serve
. scripts/env.sh
export WRANGLER_SEND_METRICS=false
port="${PORT:-8787}"
echo "==> Startup CliX on http://localhost:$port (Ctrl-C stops it)"
# wrangler runs scripts/build.sh itself (wrangler.toml [build]) before it serves.
exec node_modules/.bin/wrangler dev --ip 127.0.0.1 --port "$port" --persist-to .wrangler/state --show-interactive-dev-session=false
