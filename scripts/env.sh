# Sourced by every script: puts the project's Node first on PATH when the system's is too old for
# wrangler (>= 22.12, see package.json "engines"). scripts/setup.sh installs that Node from the npm
# registry into .tools/ only when it is needed.
root="${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
NODE_MIN=22.12.0
NODE_PINNED=24.21.0

# True when the `node` on PATH is at least NODE_MIN.
node_is_current() {
  local have
  have=$(node --version 2>/dev/null | sed 's/^v//') || return 1
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$NODE_MIN" "$have" | sort -V | head -n 1)" = "$NODE_MIN" ]
}

if ! node_is_current && [ -x "$root/.tools/bin/node" ]; then
  export PATH="$root/.tools/bin:$PATH"
fi
# Cargo may build elsewhere (CARGO_TARGET_DIR); every script reads its output from here.
target_dir="${CARGO_TARGET_DIR:-$root/target}"
