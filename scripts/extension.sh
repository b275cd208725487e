#!/usr/bin/env bash
# Folio's browser build and browser tests: the WASM core, the extension packages, their tests.
#
# Run directly (`scripts/extension.sh COMMAND`) or source it from build.sh, which calls
# build_extension (= dist) and test_extension (= lint, e2e, wasm-test). Commands:
#   wasm        cargo (profile release-wasm, wasm32) → wasm-bindgen --target web → wasm-opt -Oz;
#               writes extension/pkg/ (git-ignored)
#   dist        wasm + extension/ → dist/chromium/, dist/firefox/ (per-browser manifest made by
#               scripts/manifest.mjs; the view's module bundled by esbuild) and
#               dist/folio-chromium.zip, dist/folio-firefox.zip
#   e2e         dist, then the end-to-end tests in headless Chromium and Firefox (node --test)
#   lint        web-ext lint on dist/firefox (offline)
#   wasm-test   the wasm-bindgen-test unit tests (tests/wasm.rs) in headless Chromium
#   size        the WASM size, raw and gzipped
#   check       cargo fmt --check and clippy for the wasm32 target
#   test        dist, lint, e2e, wasm-test (what build.sh test runs)
#
# Needs: rustup target wasm32-unknown-unknown; wasm-bindgen-cli at the version in Cargo.lock
# (`cargo install --version V wasm-bindgen-cli`); `npm ci` at the repo root (binaryen's wasm-opt,
# esbuild, playwright-core, puppeteer-core, web-ext); Debian's chromium, chromium-driver, firefox-esr.
# FOLIO_JOBS (default 1) is the cargo job count: the build machines are small and shared.

set -euo pipefail

FOLIO_ROOT="${FOLIO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
FOLIO_WASM_TARGET=wasm32-unknown-unknown
FOLIO_WASM_PROFILE=release-wasm

folio_wasm_bindgen_version() {
  # The wasm-bindgen crate version pinned in Cargo.lock; the CLI must match it exactly.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$FOLIO_ROOT/Cargo.lock"
}

folio_chromium_bin() {
  local c
  for c in "${CHROMIUM_BIN:-}" /usr/lib/chromium/chromium /usr/bin/chromium; do
    if [[ -n "$c" && -x "$c" ]]; then echo "$c"; return 0; fi
  done
  echo "chromium not found (apt-get install chromium chromium-driver)" >&2
  return 1
}

folio_wasm() {
  local want have out wasm
  want="$(folio_wasm_bindgen_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
  if [[ "$have" != "$want" ]]; then
    echo "wasm-bindgen CLI ${have:-missing}, Cargo.lock wants $want:" >&2
    echo "  cargo install --version $want wasm-bindgen-cli" >&2
    return 1
  fi
  (cd "$FOLIO_ROOT" && cargo build --lib --profile "$FOLIO_WASM_PROFILE" \
    --target "$FOLIO_WASM_TARGET" --no-default-features -j "${FOLIO_JOBS:-1}")
  wasm="$FOLIO_ROOT/target/$FOLIO_WASM_TARGET/$FOLIO_WASM_PROFILE/folio.wasm"
  out="$FOLIO_ROOT/extension/pkg"
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name folio "$wasm"
  # Features the Rust wasm32 target emits by default; wasm-opt must be told to keep them.
  (cd "$FOLIO_ROOT" && npx --no-install wasm-opt -Oz \
    --enable-bulk-memory --enable-mutable-globals --enable-sign-ext \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$out/folio_bg.wasm" -o "$out/folio_bg.wasm")
  folio_wasm_size
}

folio_wasm_size() {
  local f="$FOLIO_ROOT/extension/pkg/folio_bg.wasm"
  printf 'folio_bg.wasm: %d bytes raw, %d bytes gzipped (-9)\n' \
    "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
}

folio_dist() {
  [[ -f "$FOLIO_ROOT/extension/pkg/folio_bg.wasm" && "${FOLIO_SKIP_WASM:-0}" == 1 ]] || folio_wasm
  local b
  for b in chromium firefox; do
    rm -rf "$FOLIO_ROOT/dist/$b"
    mkdir -p "$FOLIO_ROOT/dist/$b"
    (cd "$FOLIO_ROOT/extension" && tar --exclude=manifest.json -cf - .) |
      (cd "$FOLIO_ROOT/dist/$b" && tar -xf -)
    folio_bundle_view "$FOLIO_ROOT/dist/$b"
    node "$FOLIO_ROOT/scripts/manifest.mjs" "$b" \
      "$FOLIO_ROOT/extension/manifest.json" "$FOLIO_ROOT/dist/$b/manifest.json"
    rm -f "$FOLIO_ROOT/dist/folio-$b.zip"
    (cd "$FOLIO_ROOT/dist/$b" && zip -q -r -X "../folio-$b.zip" .)
  done
  echo "dist/chromium, dist/firefox, dist/folio-chromium.zip, dist/folio-firefox.zip"
}

# The reader view's module with everything it imports as one file (esbuild, no minifying): an
# extension frame fetches each file through the browser process before its script can run, and
# one file instead of five started the view about 5 ms sooner in the click-to-view benchmark.
# The files folded into it that nothing else loads are left out of the package.
folio_bundle_view() {
  local out="$1"
  (cd "$FOLIO_ROOT" && npx --no-install esbuild extension/view/view.js --bundle --format=esm \
    --target=es2022 --charset=utf8 --log-level=warning --allow-overwrite \
    --outfile="$out/view/view.js")
  rm -f "$out/view/reader.js" "$out/pkg/folio.js"
}

folio_lint() {
  (cd "$FOLIO_ROOT" && npx --no-install web-ext lint --source-dir dist/firefox \
    --self-hosted=false --output text)
}

folio_e2e() {
  folio_dist
  (cd "$FOLIO_ROOT" && CHROMIUM_BIN="$(folio_chromium_bin)" node --test \
    --test-concurrency=1 tests/e2e/)
}

folio_wasm_test() {
  local want
  want="$(folio_wasm_bindgen_version)"
  if [[ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$want" ]]; then
    echo "wasm-bindgen-test-runner $want needed: cargo install --version $want wasm-bindgen-cli" >&2
    return 1
  fi
  (cd "$FOLIO_ROOT" &&
    CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
    WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -j "${FOLIO_JOBS:-1}" --target "$FOLIO_WASM_TARGET" --no-default-features \
      --test wasm)
}

folio_wasm_check() {
  (cd "$FOLIO_ROOT" && cargo fmt --check &&
    cargo clippy -j "${FOLIO_JOBS:-1}" --target "$FOLIO_WASM_TARGET" --no-default-features \
      --lib --test wasm -- -D warnings)
}

# The two entry points build.sh uses.
build_extension() { folio_dist; }
test_extension() {
  folio_dist
  folio_lint
  (cd "$FOLIO_ROOT" && CHROMIUM_BIN="$(folio_chromium_bin)" node --test \
    --test-concurrency=1 tests/e2e/)
  folio_wasm_test
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  case "${1:-}" in
    wasm) folio_wasm ;;
    dist) folio_dist ;;
    e2e) folio_e2e ;;
    lint) folio_lint ;;
    wasm-test) folio_wasm_test ;;
    size) folio_wasm_size ;;
    check) folio_wasm_check ;;
    test) test_extension ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
fi
