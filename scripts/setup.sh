#!/usr/bin/env bash
# Installs what building (and, with --browsers, testing) Folio needs; each step is skipped when
# its tool is already there, so running it again costs nothing.
#   scripts/setup.sh             wasm32 target, wasm-bindgen CLI (the version in Cargo.lock),
#                                npm dev tools (npm ci), zip
#   scripts/setup.sh --browsers  also Debian's chromium, chromium-driver and firefox-esr
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
say() { printf '== setup: %s\n' "$*" >&2; }

rustup target list --installed | grep -qx wasm32-unknown-unknown || {
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}

# The wasm-bindgen CLI must match the crate version pinned in Cargo.lock exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "cargo install wasm-bindgen-cli $want (a few minutes)"
  # --locked fails for this crate here; the plain install works (measured, issue 3).
  cargo install --quiet --version "$want" wasm-bindgen-cli
fi

packages=()
command -v zip >/dev/null || packages+=(zip)
if [ "${1:-}" = "--browsers" ]; then
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  [ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
  command -v firefox-esr >/dev/null || packages+=(firefox-esr)
fi
if [ ${#packages[@]} -gt 0 ]; then
  say "apt-get install ${packages[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  say "npm ci (dev tools: playwright-core, puppeteer-core, web-ext, binaryen, esbuild, readability)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
