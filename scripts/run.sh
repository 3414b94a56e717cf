#!/usr/bin/env bash
# Quick start, the main job: installs what is needed, builds, and runs torikumi on the
# Higashi Ward example plan (checks it, then lists its fiscal year 2026 schedule).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh >/dev/null
build_dir=${BUILD_DIR:-build}
"$build_dir/app/torikumi" check examples/higashi/plan.json
"$build_dir/app/torikumi" expand examples/higashi/plan.json --fy 2026
