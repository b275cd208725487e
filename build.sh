#!/usr/bin/env bash
# Folio's one entry point.
#   ./build.sh            build the CLI and the extension (dist/), then print the article of the
#                         bundled sample page (scripts/setup.sh first installs what is missing)
#   ./build.sh test       every test: formatting, lints, unit and integration tests, corpus gate,
#                         the browser tests (scripts/setup.sh --browsers first)
#   ./build.sh corpus     score the shared corpora (../shared) with the release CLI
#   ./build.sh fuzz SECONDS [TARGET...]
#                         cargo fuzz (libFuzzer) on the extract, sanitize and decode targets; not a test
#   ./build.sh bench [DIR] [SECONDS]
#                         native benchmark beside dom_smoothie over DIR (default samples/)
#   ./build.sh www [PORT] the www/ playground on http://127.0.0.1:PORT/ (default 8080)
#   ./build.sh bench-browser [DIR]
#                         browser benchmark beside Readability.js in headless Chromium
#   ./build.sh help       this text
set -euo pipefail
cd "$(dirname "$0")"
SAMPLE=samples/harbor-news.html
SAMPLE_URL=https://harbor-gazette.example/news/2026/ferry-terminal-reopens

build_cli() {
  cargo build --release --quiet
}

cmd_build() {
  scripts/setup.sh
  build_cli
  if [ -f scripts/extension.sh ]; then
    # shellcheck source=/dev/null
    . scripts/extension.sh
    build_extension
  fi
  echo "== folio extract $SAMPLE" >&2
  target/release/folio extract "$SAMPLE" --url "$SAMPLE_URL"
}

cmd_test() {
  scripts/setup.sh --browsers
  cargo fmt --all -- --check
  cargo clippy --all-targets --quiet -- -D warnings
  cargo test --quiet
  # The browser tests compare the extension's exports and text with the release CLI's.
  build_cli
  if [ -f scripts/extension.sh ]; then
    # shellcheck source=/dev/null
    . scripts/extension.sh
    test_extension
  fi
}

cmd_corpus() {
  build_cli
  local shared=../shared
  for c in mozilla scrapinghub-dev; do
    "$shared/tools/run-corpus" "$shared/corpus/$c" "target/corpus/$c" target/release/folio extract | tail -3
  done
  "$shared/tools/run-corpus" "$shared/corpus/wcxb-dev" target/corpus/wcxb-dev target/release/folio extract > /dev/null
  python3 "$shared/tools/score.py" "$shared/corpus/wcxb-dev" target/corpus/wcxb-dev --quiet --type article
}

cmd_bench() {
  cargo bench --quiet --bench native -- "${1:-samples}" "${2:-3}"
}

case "${1:-build}" in
  build) cmd_build ;;
  test) cmd_test ;;
  corpus) cmd_corpus ;;
  bench) shift; cmd_bench "$@" ;;
  fuzz) shift; exec scripts/fuzz.sh "$@" ;;
  www) shift; exec scripts/www.sh serve "$@" ;;
  bench-browser) shift; exec scripts/bench-browser.sh "$@" ;;
  help|-h|--help) sed -n '2,15p' "$0" ;;
  *) echo "unknown command: $1 (try ./build.sh help)" >&2; exit 2 ;;
esac
