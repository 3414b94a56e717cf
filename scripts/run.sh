#!/usr/bin/env bash
# Quick start, the main job: installs what is needed, builds, and serves the Higashi Ward example
# plan with an embedded SQLite database (./torikumi.db, or $TORIKUMI_DB): the dashboard, the JSON
# API and the calendar feeds on http://127.0.0.1:8080/ (or $TORIKUMI_LISTEN) until Ctrl-C.
# The first start prints an admin token to sign in with and the plan's feed URL. Reminders follow
# examples/config.json (or $TORIKUMI_CONFIG): they are POSTed to an email gateway's webhook at
# 127.0.0.1:8090, and retried with backoff while nothing listens there (the plan page's delivery
# log says so).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh >/dev/null
build_dir=${BUILD_DIR:-build}
"$build_dir/app/torikumi" check examples/higashi/plan.json
exec "$build_dir/app/torikumi" serve --db "${TORIKUMI_DB:-torikumi.db}" --listen "${TORIKUMI_LISTEN:-127.0.0.1:8080}" \
  --config "${TORIKUMI_CONFIG:-examples/config.json}" \
  examples/higashi/plan.json
