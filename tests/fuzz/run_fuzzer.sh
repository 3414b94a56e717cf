#!/usr/bin/env bash
# run_fuzzer.sh FUZZER CORPUS SECONDS FINDINGS [DICTIONARY]: runs a libFuzzer binary for SECONDS
# over a copy of its seed corpus in a temporary directory (the committed corpus stays as it is),
# with ASan's leak check on. On a crash, a leak, a hang (an input taking more than
# $TORIKUMI_FUZZ_TIMEOUT seconds, 30 by default) or a failed invariant, the input is kept in
# FINDINGS, printed with the command that reproduces it, and the script exits 1. Ends with one
# line: `fuzz NAME: SECONDS s, RUNS runs, cov COV ft FT, CORPUS inputs, ok|FAILED`.
set -uo pipefail
if [ $# -lt 4 ]; then
  echo "usage: run_fuzzer.sh FUZZER CORPUS SECONDS FINDINGS [DICTIONARY]" >&2
  exit 2
fi
fuzzer=$1 corpus=$2 seconds=$3 findings=$4 dictionary=${5:-}
name=$(basename "$fuzzer")
name=${name%_fuzz}

work=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-fuzz-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts" "$findings"
cp -R "$corpus/." "$work/corpus/"

options=(
  -max_total_time="$seconds"
  -timeout="${TORIKUMI_FUZZ_TIMEOUT:-30}"
  -rss_limit_mb=2048
  -print_final_stats=1
  -artifact_prefix="$work/artifacts/"
)
[ -n "$dictionary" ] && options+=(-dict="$dictionary")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

start=$SECONDS
"$fuzzer" "${options[@]}" "$work/corpus" >"$work/log" 2>&1
code=$?
elapsed=$((SECONDS - start))

# libFuzzer's closing statistics (-print_final_stats) and its last status line.
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
status=$(grep -E '^#[0-9]+' "$work/log" | tail -1)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
inputs=$(find "$work/corpus" -type f | wc -l)

artifacts=("$work"/artifacts/*)
if [ "$code" -ne 0 ] || [ -e "${artifacts[0]}" ]; then
  # The report: libFuzzer's and the sanitizer's last words, then each reproducer.
  tail -n 60 "$work/log"
  for artifact in "${artifacts[@]}"; do
    [ -e "$artifact" ] || continue
    cp "$artifact" "$findings/"
    kept="$findings/$(basename "$artifact")"
    echo "reproducer: $kept ($(stat -c %s "$artifact") bytes), base64:"
    head -c 4096 "$artifact" | base64
    echo "reproduce with: $fuzzer $kept"
  done
  echo "fuzz $name: ${elapsed} s, ${runs:-?} runs, cov ${cov:-?} ft ${ft:-?}, $inputs inputs, FAILED (exit $code)"
  exit 1
fi
echo "fuzz $name: ${elapsed} s, ${runs:-?} runs, cov ${cov:-?} ft ${ft:-?}, $inputs inputs, ok"
