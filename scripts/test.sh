#!/usr/bin/env bash
# Quick start, the tests: installs what is needed, then three stages, each a build and its ctest:
#   1. build/ (GCC, warnings as errors): every test: the doctest cases, the end-to-end scripts and
#      each fuzz target over its seed corpus (fuzz_corpus_NAME);
#   2. build-asan/ (GCC, -DTORIKUMI_SANITIZE=ON): the same tests under AddressSanitizer and
#      UndefinedBehaviorSanitizer, leaks included;
#   3. build-fuzz/ (clang++, -DTORIKUMI_FUZZ=ON): each libFuzzer target for a few seconds over a
#      copy of its corpus (fuzz_run_NAME), $TORIKUMI_FUZZ_TOTAL_SECONDS (60) in all.
# A failing stage stops the script. It ends with each stage's time, then a line in ctest's own
# form counting the tests of every stage that ran.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

build_dir=${BUILD_DIR:-build}
asan_build_dir=${ASAN_BUILD_DIR:-build-asan}
fuzz_build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
fuzz_targets=$(grep -c '^torikumi_fuzz_target(' tests/fuzz/CMakeLists.txt)
fuzz_seconds=$(( ${TORIKUMI_FUZZ_TOTAL_SECONDS:-60} / fuzz_targets ))
jobs=$(nproc)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

stage_times=()
stage_counts=()
passed_total=0
failed_total=0
fuzzed=no
failed_stage=

# timed STAGE COMMAND...: runs the command, noting how long it took, and which stage failed.
timed() {
  local stage=$1 start=$SECONDS code=0
  shift
  "$@" || code=$?
  stage_times+=("$stage $((SECONDS - start)) s")
  [ "$code" -eq 0 ] || failed_stage=$stage
  return "$code"
}

# run_ctest DIR ARGS...: ctest over DIR, its tests counted for the closing line.
run_ctest() {
  local dir=$1 code=0 summary
  shift
  ctest --test-dir "$dir" --output-on-failure "$@" 2>&1 | tee "$logs/ctest" || code=$?
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+$' "$logs/ctest" | tail -1) || true
  if [ -n "$summary" ]; then
    local failed total
    failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+)$/\1/' <<<"$summary")
    total=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+)$/\2/' <<<"$summary")
    passed_total=$((passed_total + total - failed))
    failed_total=$((failed_total + failed))
    stage_counts+=("$dir $total")
  fi
  return "$code"
}

# The closing lines: the stages' times, then every stage's tests counted as ctest counts them. A
# stage that failed without a count of its own (a build) counts as one failed test, so that the
# last line never says 100% when the script fails.
summarise() {
  if [ -n "$failed_stage" ] && [ "$failed_total" -eq 0 ]; then
    failed_total=$((failed_total + 1))
  fi
  local total=$((passed_total + failed_total)) percent=100
  [ "$total" -gt 0 ] && percent=$((passed_total * 100 / total))
  [ "$failed_total" -gt 0 ] && [ "$percent" -gt 99 ] && percent=99
  echo
  # What each fuzz target did, from tests/fuzz/run_fuzzer.sh's closing line.
  if [ "$fuzzed" = yes ]; then
    grep -h '^fuzz [a-z_0-9]*: ' "$fuzz_build_dir/Testing/Temporary/LastTest.log" || true
  fi
  echo "stage times: $(printf '%s, ' "${stage_times[@]}" | sed 's/, $//')"
  [ -z "$failed_stage" ] || echo "stage $failed_stage FAILED; the stages after it did not run"
  echo "tests: $(printf '%s, ' "${stage_counts[@]}" | sed 's/, $//')"
  echo "${percent}% tests passed, ${failed_total} tests failed out of ${total}"
}

stages() {
  timed build bash scripts/build.sh -DTORIKUMI_WARNINGS_AS_ERRORS=ON || return 1
  timed tests run_ctest "$build_dir" -j "$jobs" || return 1

  # Every ASan or UBSan report ends the process with a trace, leaks included, and exit code 66,
  # which no test expects (the end-to-end scripts check for 1 and 2 too). The tests' own
  # timeouts are long enough for this build: the slowest, a crash test, takes 17 s of its 120.
  # -O1 -g1 (line tables only) compiles in half the time of -O2 -g and still gives the reports
  # their files and lines.
  timed asan-build env BUILD_DIR="$asan_build_dir" bash scripts/build.sh \
    -DTORIKUMI_WARNINGS_AS_ERRORS=ON -DTORIKUMI_SANITIZE=ON -DTORIKUMI_BUILD_BENCHMARKS=OFF \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" || return 1
  export ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:exitcode=66
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=66
  # The dispatcher crash test kills its runs at moments scaled to this build's slowdown
  # (TORIKUMI_SLOWDOWN in tests/CMakeLists.txt), so that its kills land within the work.
  timed asan-tests run_ctest "$asan_build_dir" -j "$jobs" || return 1
  unset ASAN_OPTIONS UBSAN_OPTIONS  # tests/fuzz/run_fuzzer.sh sets its own

  timed fuzz-configure cmake -S . -B "$fuzz_build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DTORIKUMI_FUZZ=ON -DTORIKUMI_WARNINGS_AS_ERRORS=ON \
    -DTORIKUMI_FUZZ_SECONDS="$fuzz_seconds" || return 1
  timed fuzz-build cmake --build "$fuzz_build_dir" --target torikumi_fuzzers -j "$jobs" || return 1
  # One fuzzer at a time, so each has a core and their times add up to the total.
  fuzzed=yes
  timed fuzz run_ctest "$fuzz_build_dir" -j 1 || return 1
}

status=0
stages || status=1
summarise
exit "$status"
