#!/usr/bin/env bash
# Browser benchmark: Folio's WASM extraction beside Readability.js in headless Chromium, warm and
# cold, then click-to-view in the extension and the WASM size. Not a test: it prints figures.
#   scripts/bench-browser.sh [CORPUS_DIR] [--reps N] [--clicks N] [--no-click] [--fresh-clicks N] [--clicks-only]
# CORPUS_DIR: samples/ (default), ../shared/corpus/mozilla, ../shared/corpus/scrapinghub-dev
# (its gzipped pages, via truth.jsonl). Builds dist/ first unless FOLIO_SKIP_WASM=1 and it exists.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
. "$ROOT/scripts/extension.sh"
if [[ ! -f "$ROOT/dist/chromium/manifest.json" || "${FOLIO_SKIP_WASM:-0}" != 1 ]]; then
  folio_dist >&2
fi
cd "$ROOT"
CHROMIUM_BIN="$(folio_chromium_bin)" exec node scripts/bench-browser.mjs "$@"
