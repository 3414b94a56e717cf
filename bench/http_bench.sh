#!/usr/bin/env bash
# torikumi serve beside nginx serving the same feed bytes as a static file, on loopback, with the
# same wrk settings, one run each (bench/http.md). Needs wrk and nginx (apt-get install wrk
# nginx-light); not part of CI.
# usage: bench/http_bench.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
seconds=${2:-10}
work=$(mktemp -d /tmp/torikumi-bench.XXXXXX)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

TORIKUMI_NOW=2026-09-01T09:00:00+09:00 "$build_dir/app/torikumi" serve --listen 127.0.0.1:18080 \
  --db "$work/bench.db" examples/higashi/plan.json >"$work/out" 2>/dev/null &
server_pid=$!
for _ in $(seq 100); do grep -q "subscribe:" "$work/out" 2>/dev/null && break; sleep 0.05; done
T=$(sed -n 's/^  feed: \(http:[^ ]*\)$/\1/p' "$work/out" | head -1)
token=$(grep -o 'tkm_[A-Za-z0-9_-]*' "$work/out" | head -1)
[ -n "$T" ] || { echo "http_bench: the server did not start" >&2; cat "$work/out" >&2; exit 1; }

mkdir -p "$work/www/calendars" "$work/logs"
curl -s -o "$work/www/calendars/higashi-kyosei.ics" "$T"
gzip -9 -k "$work/www/calendars/higashi-kyosei.ics"
sed "s|/tmp/torikumi-bench|$work|g" bench/http_nginx.conf >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work"
N=http://127.0.0.1:18090/calendars/higashi-kyosei.ics
sleep 0.3

# One wrk run: requests per second, p99 and max latency.
run() {
  wrk -t2 -c64 -d"${seconds}s" --latency "$@" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {p99=$2}
    /Latency/ && !lat {max=$4; lat=1}
    END {printf "%s %s %s", rps, p99, max}'
}
row() {
  local name=$1; shift
  local ours theirs
  ours=$(run "$@" "$T")
  theirs=$(run "$@" "$N")
  awk -v name="$name" -v a="$ours" -v b="$theirs" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    printf "| %s | %d | %d | %.2f | %s / %s | %s / %s |\n", name, x[1], y[1], x[1] / y[1], x[2], x[3], y[2], y[3] }'
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| request | torikumi req/s | nginx req/s | ratio | torikumi p99 / max | nginx p99 / max |"
echo "| --- | --- | --- | --- | --- | --- |"
row "feed, identity"
row "feed, gzip" -H "Accept-Encoding: gzip"
etag_t=$(curl -sI "$T" | sed -n 's/^ETag: //p' | tr -d '\r')
etag_n=$(curl -sI "$N" | sed -n 's/^ETag: //p' | tr -d '\r')
ours=$(run -H "If-None-Match: $etag_t" "$T")
theirs=$(run -H "If-None-Match: $etag_n" "$N")
awk -v a="$ours" -v b="$theirs" 'BEGIN { split(a, x, " "); split(b, y, " ");
  printf "| feed, 304 (If-None-Match) | %d | %d | %.2f | %s / %s | %s / %s |\n", x[1], y[1], x[1] / y[1], x[2], x[3], y[2], y[3] }'
# The dashboard as a signed-in visitor: the sign-in form's cookie and CSRF token, then a session.
form=$(curl -s -c "$work/jar" http://127.0.0.1:18080/signin)
csrf=$(printf '%s' "$form" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "next=/" \
  --data-urlencode "token=$token" http://127.0.0.1:18080/signin
session=$(awk '$6 == "torikumi_session" {print $7}' "$work/jar")
[ -n "$session" ] || { echo "http_bench: could not sign in" >&2; exit 1; }
for page in / /plans/higashi-kyosei; do
  ours=$(run -H "Cookie: torikumi_session=$session" "http://127.0.0.1:18080$page")
  awk -v a="$ours" -v page="$page" 'BEGIN { split(a, x, " ");
    printf "| dashboard %s (signed in) | %d | — | | %s / %s | |\n", page, x[1], x[2], x[3] }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first responses of 64 keep-alive connections opened together:"
python3 bench/http_first_response.py 127.0.0.1 18080 "${T#http://127.0.0.1:18080}"
python3 bench/http_first_response.py 127.0.0.1 18090 /calendars/higashi-kyosei.ics
