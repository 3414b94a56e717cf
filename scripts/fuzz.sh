#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [NAME...]: builds the fuzz targets with clang++ and libFuzzer into
# build-fuzz/ (or $FUZZ_BUILD_DIR) and runs each NAME (every target by default), one after the
# other, for SECONDS (60 by default) over a copy of its seed corpus in tests/fuzz/corpus/NAME/.
# What a run finds is kept in build-fuzz/fuzz-findings/NAME/ and printed with the command that
# reproduces it (tests/fuzz/run_fuzzer.sh). FUZZ_NO_BUILD=1 skips the build. Exits 1 when a
# target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <(sed -n 's/^torikumi_fuzz_target(\([a-z_0-9]*\) .*/\1/p' tests/fuzz/CMakeLists.txt)
fi

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DTORIKUMI_FUZZ=ON -DTORIKUMI_WARNINGS_AS_ERRORS=ON >/dev/null
  cmake --build "$build_dir" --target torikumi_fuzzers -j "$(nproc)"
fi

status=0
for name in "${names[@]}"; do
  dictionary=tests/fuzz/$name.dict
  [ -e "$dictionary" ] || dictionary=
  bash tests/fuzz/run_fuzzer.sh "$build_dir/fuzz/${name}_fuzz" "tests/fuzz/corpus/$name" "$seconds" \
    "$build_dir/fuzz-findings/$name" $dictionary || status=1
done
exit "$status"
