#!/usr/bin/env bash
# Quick start, the tests: installs what is needed, builds with warnings as errors, and runs
# every test through ctest (doctest cases and the end-to-end CLI script).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DTORIKUMI_WARNINGS_AS_ERRORS=ON
build_dir=${BUILD_DIR:-build}
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
