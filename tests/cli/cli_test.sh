#!/usr/bin/env bash
# End-to-end: the real torikumi binary, run as a user would. Needs TORIKUMI (the binary) and
# SOURCE_DIR (the repository). Prints one line per check and a closing count.
set -u
: "${TORIKUMI:?set TORIKUMI to the torikumi binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the repository}"
plan="$SOURCE_DIR/examples/higashi/plan.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() {  # check NAME COMMAND...: the command must succeed
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

# run EXPECTED_EXIT OUT ERR ARGS...: runs torikumi, keeping its output, and checks the exit code.
run() {
  local expected=$1 out=$2 err=$3
  shift 3
  "$TORIKUMI" "$@" >"$out" 2>"$err"
  local code=$?
  [ "$code" -eq "$expected" ] || { echo "  torikumi $*: exit $code, expected $expected"; cat "$err"; return 1; }
}

check "--version prints the version" bash -c "'$TORIKUMI' --version | grep -qE '^torikumi [0-9]+\.[0-9]+\.[0-9]+$'"
check "no command is a usage error" run 2 "$work/o" "$work/e"
check "an unknown command is a usage error" run 2 "$work/o" "$work/e" frobnicate
check "each command has --help" bash -c "for c in check expand holidays; do '$TORIKUMI' \$c --help | grep -q \"usage: torikumi \$c\" || exit 1; done"

check "check accepts the example plan" run 0 "$work/o" "$work/e" check "$plan"
check "check prints a summary" grep -q "ok: plan higashi-kyosei, 15 tasks" "$work/o"

printf '{"id": "x", "organisation": {"name": "x"}, "initiative": "x", "tasks": [{"id": "t", "title": "x", "when": "（13月）"}]}' >"$work/bad.json"
check "check refuses a bad plan with exit 1" run 1 "$work/o" "$work/e" check "$work/bad.json"
check "the error names the file, the path and the problem" \
  grep -qxF "$work/bad.json: plan.tasks[0].when: unknown month \"13\" at character 2 in \"（13月）\"" "$work/e"
check "a missing file is bad input" run 1 "$work/o" "$work/e" check "$work/none.json"
check "a missing file says so" grep -q "none.json: cannot read: No such file or directory" "$work/e"

check "expand --json runs" run 0 "$work/expand.json" "$work/e" expand "$plan" --fy 2026 --json
check "expand --json gives six meetings on business days" python3 - "$work/expand.json" <<'PY'
import json, sys
occurrences = json.load(open(sys.argv[1]))
meetings = [o for o in occurrences if o["kind"] == "meeting"]
starts = [o["scheduled_start"] for o in meetings]
assert starts == ["2026-04-08T14:00:00+09:00", "2026-06-10T14:00:00+09:00", "2026-08-12T14:00:00+09:00",
                  "2026-10-14T14:00:00+09:00", "2026-12-09T14:00:00+09:00", "2027-02-10T14:00:00+09:00"], starts
assert all(o["series"] == "multi-agency-meeting" for o in meetings)
for o in occurrences:
    for key in ("id", "task", "title", "period", "start", "due", "scheduled_start", "scheduled_end", "kind", "series"):
        assert key in o, (key, o)
windows = {o["task"]: (o["start"], o["due"]) for o in occurrences if o["kind"] != "meeting"}
assert windows["platform-setup"] == ("2026-04-01", "2026-06-30"), windows
assert windows["community-resources"] == ("2026-08-01", "2027-03-31"), windows
assert windows["truancy-parent-support"] == ("2026-12-01", "2027-03-31"), windows
PY
check "expand text output names the era" bash -c "'$TORIKUMI' expand '$plan' --fy 2026 | head -1 | grep -q '令和8年度'"
check "--fy defaults to the current fiscal year" bash -c "TORIKUMI_NOW=2027-03-31 '$TORIKUMI' expand '$plan' | head -1 | grep -q 'FY2026' && TORIKUMI_NOW=2027-04-01 '$TORIKUMI' expand '$plan' | head -1 | grep -q 'FY2027'"
check "a bad --fy is a usage error" run 2 "$work/o" "$work/e" expand "$plan" --fy 20x6
check "a bad TORIKUMI_NOW is a usage error" bash -c "TORIKUMI_NOW=yesterday '$TORIKUMI' expand '$plan'; [ \$? -eq 2 ]"
check "an unknown option is a usage error" run 2 "$work/o" "$work/e" expand "$plan" --fyy 2026
check "the unknown option is named" grep -q "unknown option --fyy" "$work/e"

check "holidays --json lists 2026" run 0 "$work/h.json" "$work/e" holidays 2026 --json
check "holidays 2026 has 18 days with 国民の休日 on 22 September" python3 - "$work/h.json" <<'PY'
import json, sys
days = json.load(open(sys.argv[1]))
assert len(days) == 18, len(days)
assert {"date": "2026-09-22", "name": "国民の休日", "provisional": False} in days, days
PY
check "holidays beyond the almanac are provisional" bash -c "'$TORIKUMI' holidays 2028 | grep -q '春分の日 (provisional)'"
check "a year out of range is a usage error" run 2 "$work/o" "$work/e" holidays 1800

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
