#!/usr/bin/env bash
# Profiles a game's link's first paint in Chromium (V8's sampling profiler) and prints the
# functions that took the main thread longest. Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
[ -f dist/index.html ] || { echo "run scripts/build.sh first" >&2; exit 1; }
export WRANGLER_SEND_METRICS=false
exec node scripts/profile.mjs "$@"
