#!/usr/bin/env bash
# Fuzzes the core with cargo-fuzz (libFuzzer): ./scripts/fuzz.sh SECONDS [TARGET...]
#
#   SECONDS   total fuzzing time, split evenly between the targets (default 60)
#   TARGET    extract, sanitize, markup (default: all three)
#
# Needs `cargo install cargo-fuzz`. The stable toolchain is used with RUSTC_BOOTSTRAP=1 (cargo
# fuzz passes nightly-only flags). Seeds are copied at run time from tests/fixtures and
# tests/hostile into fuzz/corpus/<target>/ (git-ignored; the corpus grows across runs); the
# dictionary is fuzz/html.dict. One libFuzzer process at a time, niced, as the machine is shared.
# Environment: FUZZ_SANITIZER (address | none; default address), FUZZ_JOBS (build jobs, default 1),
# FUZZ_MAX_LEN (default 65536).
# Prints per target: executions, coverage (cov/ft from libFuzzer's last status line) and
# crashes (files in fuzz/artifacts/<target>/). Exits non-zero when a target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract sanitize markup)
per=$(( secs / ${#targets[@]} ))
[ "$per" -ge 1 ] || per=1
san=${FUZZ_SANITIZER:-address}
export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS=${FUZZ_JOBS:-1}

if ! cargo fuzz --version > /dev/null 2>&1; then
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
  exit 2
fi

echo "== building fuzz targets (sanitizer: $san)" >&2
for t in "${targets[@]}"; do
  cargo fuzz build -O -s "$san" "$t" 2>&1 | grep -v '^\s*Compiling' >&2 || true
done

status=0
for t in "${targets[@]}"; do
  corpus=fuzz/corpus/$t
  artifacts=fuzz/artifacts/$t
  mkdir -p "$corpus" "$artifacts" fuzz/logs
  # Pages as seeds for every target (for `markup`, HTML as written is close to a browser's
  # serialization of it).
  for page in tests/fixtures/*/page.html; do
    name=$(basename "$(dirname "$page")")
    cp "$page" "$corpus/fixture-$name.html"
  done
  for page in tests/hostile/*.html; do
    cp "$page" "$corpus/hostile-$(basename "$page")"
  done
  if [ "$t" = sanitize ]; then
    # Seeds for the tree-building mode (first byte with bit 1 set; see the target).
    printf '\002\000\007\001\010\005\001\004\001\003\000' > "$corpus/program-math-style"
    printf '\002\100\006\300\010\300\011\004\004\005\000\000' > "$corpus/program-svg-math"
  fi
  before=$(find "$artifacts" -type f | wc -l)
  touch fuzz/logs/.start-$t
  log=fuzz/logs/$t.log
  echo "== fuzzing $t for ${per}s" >&2
  nice -n 10 cargo fuzz run -O -s "$san" "$t" "$corpus" -- \
    -max_total_time="$per" -dict=fuzz/html.dict -timeout=10 -rss_limit_mb=2048 \
    -max_len="${FUZZ_MAX_LEN:-65536}" -print_final_stats=1 > "$log" 2>&1 || status=1
  after=$(find "$artifacts" -type f | wc -l)
  execs=$(grep -oE 'stat::number_of_executed_units:[[:space:]]*[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo "?")
  rate=$(grep -oE 'stat::average_exec_per_sec:[[:space:]]*[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo "?")
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo "?")
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo "?")
  corp=$(echo "$last" | grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' || echo "?")
  echo "$t: ${per}s, executions $execs (${rate}/s), cov $cov, ft $ft, $corp, new crashes $((after - before))"
  if [ "$after" -gt "$before" ]; then
    find "$artifacts" -type f -newer "fuzz/logs/.start-$t" | head -5 | sed 's/^/  crash: /'
    grep -m1 -A3 'panicked at' "$log" | sed 's/^/  /' || true
  fi
done
exit $status
