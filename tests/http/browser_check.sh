#!/usr/bin/env bash
# The dashboard in headless Chromium (Debian's chromium, fonts-noto-cjk): screenshots of the
# overview and a plan page, desktop and phone widths, into OUT_DIR; and the DOM as the browser
# built it, checked for a hostile plan's script. Exits 77 (skipped) without chromium.
# usage: browser_check.sh TORIKUMI SOURCE_DIR OUT_DIR
set -euo pipefail
torikumi=$1 source_dir=$2 out_dir=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "browser_check: chromium not installed, skipped" >&2
  exit 77
fi
mkdir -p "$out_dir"
scratch=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

python3 - "$source_dir/examples/higashi/plan.json" "$scratch/hostile.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
plan["id"] = "hostile"
plan["initiative"] = "<script>alert(1)</script>"
json.dump(plan, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY

TORIKUMI_NOW=2026-09-01T09:00:00+09:00 "$torikumi" serve --listen 127.0.0.1:0 \
  "$source_dir/tests/data/sheets/higashi.txt" "$scratch/hostile.json" >"$scratch/out" 2>"$scratch/err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$scratch/out" 2>/dev/null && break
  sleep 0.05
done
base=$(sed -n 's/.*listening on \(http:\/\/[^ ]*\)\/$/\1/p' "$scratch/out" | head -1)
[ -n "$base" ] || { echo "browser_check: the server did not start" >&2; cat "$scratch/err" >&2; exit 1; }
plan_id=$(python3 -c 'import json,sys,urllib.request; print([p["id"] for p in json.load(urllib.request.urlopen(sys.argv[1]+"/api/plans")) if p["id"]!="hostile"][0])' "$base")

chrome() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$scratch/profile-$RANDOM" "$@" 2>>"$scratch/chrome.log"
}

chrome --window-size=1280,1400 --screenshot="$out_dir/overview.png" "$base/"
chrome --window-size=1280,2600 --screenshot="$out_dir/plan.png" "$base/plans/$plan_id"
chrome --window-size=1280,1600 --screenshot="$out_dir/plan-en.png" "$base/plans/$plan_id?lang=en"
chrome --window-size=390,2400 --screenshot="$out_dir/overview-phone.png" "$base/"
chrome --window-size=390,3000 --screenshot="$out_dir/plan-phone.png" "$base/plans/$plan_id"
chrome --window-size=1280,1800 --screenshot="$out_dir/form.png" "$base/plans/$plan_id/form"

failures=0
for shot in overview plan plan-en overview-phone plan-phone form; do
  size=$(stat -c %s "$out_dir/$shot.png" 2>/dev/null || echo 0)
  if [ "$size" -lt 10000 ]; then
    echo "FAIL: $shot.png missing or blank ($size bytes)"
    failures=$((failures + 1))
  fi
done
chrome --dump-dom "$base/plans/hostile" >"$scratch/hostile.html"
if grep -q "<script" "$scratch/hostile.html"; then
  echo "FAIL: the browser built a script element from the hostile plan"
  failures=$((failures + 1))
fi
grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$scratch/hostile.html" ||
  { echo "FAIL: the hostile title is not shown as text"; failures=$((failures + 1)); }
chrome --dump-dom "$base/" >"$scratch/overview.html"
grep -q "重要取組の進捗" "$scratch/overview.html" || { echo "FAIL: the overview did not render"; failures=$((failures + 1)); }

kill -TERM "$server_pid"
wait "$server_pid" || { echo "FAIL: the server did not exit 0"; failures=$((failures + 1)); }
server_pid=
echo "browser_check: screenshots in $out_dir; $failures failures"
[ "$failures" -eq 0 ]
