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
check "each command has --help" bash -c "for c in check expand holidays import; do '$TORIKUMI' \$c --help | grep -q \"usage: torikumi \$c\" || exit 1; done"

check "check accepts the example plan" run 0 "$work/o" "$work/e" check "$plan"
check "check prints a summary, one KPI as one" grep -qE "ok: plan higashi-kyosei, 15 tasks \(11 with a schedule\), 3 measures, 1 KPI$" "$work/o"

printf '{"id": "x", "organisation": {"name": "x"}, "initiative": "x", "tasks": [{"id": "t", "title": "x", "when": "（13月）"}]}' >"$work/bad.json"
check "check refuses a bad plan with exit 1" run 1 "$work/o" "$work/e" check "$work/bad.json"
check "the error names the file, the path and the problem" \
  grep -qxF "$work/bad.json: plan.tasks[0].when: unknown month \"13\" at character 2 in \"（13月）\"" "$work/e"
check "a missing file is bad input" run 1 "$work/o" "$work/e" check "$work/none.json"
check "a missing file says so" grep -q "none.json: cannot read: No such file or directory" "$work/e"
printf '{"fiscal_year":1e999}' >"$work/overflow.json"
check "a number no double holds is refused, not a crash" run 1 "$work/o" "$work/e" check "$work/overflow.json"
check "the refusal names the file and the number" grep -qxF "$work/overflow.json: plan: invalid JSON: number overflow parsing '1e999'" "$work/e"
check "remind refuses such a config with exit 1" run 1 "$work/o" "$work/e" remind --config "$work/overflow.json" --db "$work/overflow.db" --once
check "naming the config and the number" grep -qxF "torikumi remind: $work/overflow.json: config: invalid JSON: number overflow parsing '1e999'" "$work/e"
check "serve refuses it too, before listening" run 1 "$work/o" "$work/e" serve --config "$work/overflow.json" --db "$work/overflow.db" --listen 127.0.0.1:0
check "serve names the config and the number" grep -qxF "torikumi serve: $work/overflow.json: config: invalid JSON: number overflow parsing '1e999'" "$work/e"

# The example config names no base_url: links follow the address serve listens on (run.sh with
# TORIKUMI_LISTEN on another port), here a free one.
check "serve's links follow its listen address when the config names none" bash -c "timeout 5 '$TORIKUMI' serve --db '$work/listen.db' --listen 127.0.0.1:0 --config '$SOURCE_DIR/examples/config.json' '$plan' >'$work/listen.out' 2>/dev/null; url=\$(sed -n 's|^torikumi serve: listening on \\(http://127.0.0.1:[0-9]*\\)/\$|\\1|p' '$work/listen.out'); [ -n \"\$url\" ] && [ \"\$url\" != http://127.0.0.1:8080 ] && grep -qxF \"  dashboard: \$url/\" '$work/listen.out' && grep -q \"^  feed: \$url/calendars/higashi-kyosei.ics?token=\" '$work/listen.out'"
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
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); del d['fiscal_year']; json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)" "$plan" "$work/no-year.json"
check "--fy defaults to the current fiscal year for a plan that names none" bash -c "TORIKUMI_NOW=2027-03-31 '$TORIKUMI' expand '$work/no-year.json' | head -1 | grep -q 'FY2026' && TORIKUMI_NOW=2027-04-01 '$TORIKUMI' expand '$work/no-year.json' | head -1 | grep -q 'FY2027'"
check "--fy defaults to the plan's own fiscal year" bash -c "TORIKUMI_NOW=2028-06-01 '$TORIKUMI' expand '$plan' | head -1 | grep -q 'FY2026'"
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

sheet="$SOURCE_DIR/tests/data/sheets/higashi.txt"
check "import reads the seed sheet" run 0 "$work/imported.json" "$work/e" import "$sheet" --fy 2026
# The seed has no 担当 and no meeting times: import says so, one line each, and nothing else.
printf '%s\n' "$sheet: no 担当 (owner) for 11 tasks: give --owner TASK_OR_MEASURE=担当 or a companion file (--with FILE)" \
  "$sheet: 3 meeting tasks have no time: give --meeting-rule \"第2水曜日 14:00 90分 3階会議室\" or a companion file (--with FILE)" \
  "imported $sheet: plan higashi-chiiki-kyosei-shakai: 15 tasks (3 meetings), 3 measures, 11 progress lines, 1 KPI" >"$work/seed-notices"
check "import of the seed warns about nothing but what the sheet lacks, then says what it read" cmp -s "$work/e" "$work/seed-notices"
check "the imported plan passes check" run 0 "$work/o" "$work/e" check "$work/imported.json"
check "import -o writes the same plan" bash -c "'$TORIKUMI' import '$sheet' --fy 2026 -o '$work/written.json' && cmp -s '$work/written.json' '$work/imported.json'"
check "the imported plan keeps Japanese unescaped" grep -q '"initiative": "地域共生社会の実現に向けた取組の推進"' "$work/imported.json"
# The clock is pinned inside FY2026: expand works on the current fiscal year unless told.
check "expand --json of the imported plan runs" env TORIKUMI_NOW=2026-05-01 bash -c "'$TORIKUMI' expand '$work/imported.json' --json >'$work/sheet-expand.json'"
check "expand of the imported seed gives the windows of DESIGN.md" python3 - "$work/sheet-expand.json" "$work/imported.json" <<'PY'
import json, sys
occurrences = json.load(open(sys.argv[1]))
plan = json.load(open(sys.argv[2]))
assert plan["fiscal_year"] == 2026
windows = {}
for o in occurrences:
    windows.setdefault(o["title"], []).append((o["start"], o["due"]))
meeting = "多機関協働担当を中心とした会議の開催"
assert windows.pop(meeting) == [("2026-04-01", "2026-04-30"), ("2026-06-01", "2026-06-30"), ("2026-08-01", "2026-08-31"),
                                ("2026-10-01", "2026-10-31"), ("2026-12-01", "2026-12-31"), ("2027-02-01", "2027-02-28")]
expected = {
    "こども家庭センターにおけるサポートプランの調整や助言等の実施": ("2026-04-01", "2027-03-31"),
    "区内小中学校の訪問による各校の状況把握と実情に応じた連携方策の検討・実施": ("2026-04-01", "2027-03-31"),
    "区内小中学校への区役所内相談窓口等の周知": ("2026-04-01", "2027-03-31"),
    "区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場（プラットフォーム）の整備": ("2026-04-01", "2026-06-30"),
    "区役所プラットフォームでの共有、支援の検討・実施": ("2026-04-01", "2027-03-31"),
    "地域資源（子どもの居場所や子ども食堂、地域ボランティア等）の把握と学校との共有": ("2026-08-01", "2027-03-31"),
    "不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）": ("2026-12-01", "2027-03-31"),
    "今年度の検証と次年度に向けた取組の検討": ("2026-12-01", "2027-03-31"),
}
assert {title: spans for title, spans in windows.items()} == {title: [span] for title, span in expected.items()}, windows
assert all(o["kind"] not in ("as-needed", "next-year") for o in occurrences)
assert len({o["id"] for o in occurrences}) == len(occurrences)
next_year = [t for t in plan["tasks"] if t["period"] == "次年度以降"]
assert len(next_year) == 4 and all("when" not in t for t in next_year), next_year
PY
check "expand reads a sheet directly" run 0 "$work/direct.json" "$work/e" expand "$sheet" --fy 2026 --json
check "expand of the sheet equals expand of its import" bash -c "'$TORIKUMI' import '$sheet' | '$TORIKUMI' expand /dev/stdin --fy 2026 --json | cmp -s - '$work/direct.json'"
check "expand keeps each occurrence's source_text" python3 - "$work/direct.json" <<'PY'
import json, sys
occurrences = json.load(open(sys.argv[1]))
assert occurrences and all(o.get("source_text") for o in occurrences), occurrences[0]
PY
kita="$SOURCE_DIR/tests/data/sheets/kita.txt"
check "import --lenient with a refused schedule exits 0" run 0 "$work/kita.json" "$work/e" import "$kita" --id kita-mimamori --lenient
check "import warnings name the sheet and the line" grep -qxF "$kita:14: unrecognised row \"メモ | 担当者は後日記入\"" "$work/e"
check "import --id names the plan" grep -q '"id": "kita-mimamori"' "$work/kita.json"
check "expand of a sheet with 隨時 dates nothing as needed" bash -c "'$TORIKUMI' expand '$kita' --fy 2026 --json 2>/dev/null | python3 -c 'import json,sys; o=json.load(sys.stdin); assert o and all(x[\"kind\"] not in (\"as-needed\",\"next-year\") for x in o)'"
check "check of a sheet prints its warnings" bash -c "'$TORIKUMI' check '$kita' 2>&1 >/dev/null | grep -qF '$kita:10: schedule \"（4月予定）\" not understood'"
printf 'hello\nworld\n' >"$work/not-a-sheet.txt"
check "import of a non-sheet exits 1" run 1 "$work/o" "$work/e" import "$work/not-a-sheet.txt"
check "import of a non-sheet says why" grep -qxF "$work/not-a-sheet.txt: not a 重要取組シート: no スケジュール section and no 取組項目 row found" "$work/e"
check "expand of a non-sheet exits 1 with the reason" bash -c "out=\$('$TORIKUMI' expand '$work/not-a-sheet.txt' 2>&1); [ \$? -eq 1 ] && echo \"\$out\" | grep -q 'not-a-sheet.txt: not a 重要取組シート'"
check "import of a missing file exits 1" run 1 "$work/o" "$work/e" import "$work/none.txt"
check "import --id must be an id" run 2 "$work/o" "$work/e" import "$sheet" --id "東区"
check "import --fy must be a year" run 2 "$work/o" "$work/e" import "$sheet" --fy 26
# The seed saved from Excel (tests/data/sheets/make_xlsx.py): the same plan, the same words.
workbook="$SOURCE_DIR/tests/data/sheets/higashi.xlsx"
check "import reads the seed saved as an Excel workbook" run 0 "$work/from-xlsx.json" "$work/e" import "$workbook" --fy 2026
check "import of the workbook says what import of the text says" bash -c "sed 's|$sheet|$workbook|g' '$work/seed-notices' | cmp -s - '$work/e'"
check "the workbook's plan is the text's" cmp -s "$work/from-xlsx.json" "$work/imported.json"
check "check reads the workbook" run 0 "$work/o" "$work/e" check "$workbook"
check "expand of the workbook equals expand of the text" bash -c "'$TORIKUMI' expand '$workbook' --fy 2026 --json 2>/dev/null | cmp -s - '$work/direct.json'"
not_a_workbook="$SOURCE_DIR/tests/data/sheets/xlsx/no-workbook.xlsx"
check "import of a zip that is no workbook exits 1" run 1 "$work/o" "$work/e" import "$not_a_workbook"
check "import of a zip that is no workbook says why" grep -qxF "$not_a_workbook: xlsx: not a workbook: no xl/workbook.xml" "$work/e"
check "check of a zip that is no workbook says why" bash -c "'$TORIKUMI' check '$not_a_workbook' 2>&1 >/dev/null | grep -qxF '$not_a_workbook: xlsx: not a workbook: no xl/workbook.xml'"

seed="$SOURCE_DIR/tests/data/sheets/higashi.txt"
check "report writes the seed's 中期 form as HTML" run 0 "$work/o" "$work/e" report "$seed" --fy 2026 --period 中期 -o "$work/form.html"
check "the HTML form is a Japanese A4 page with the 中期 ticks" python3 - "$work/form.html" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
assert html.startswith('<!doctype html>\n<html lang="ja">'), html[:40]
assert "size: A4" in html
assert "令和8年度 中期 (~11月) 時点" in html
ticked = html.count('<li class="done"><span class="box" aria-label="完了">')
assert ticked == 2, ticked  # the 前期 and 中期 meeting rows
assert "多機関協働のための会議の開催（8月、10月）" in html
PY
check "report --format text gives the sheet layout back" run 0 "$work/form.txt" "$work/e" report "$seed" --fy 2026 --format text
check "the text form imports again without warnings" bash -c "'$TORIKUMI' import '$work/form.txt' -o '$work/again.json' 2>'$work/again.err' && ! grep -v -e ': no 担当 (owner) for ' -e ' have no time: give --meeting-rule ' -e '^imported ' '$work/again.err'"
check "report --format md has task lists" bash -c "'$TORIKUMI' report '$seed' --fy 2026 --format md | grep -qF -- '- [x] 多機関協働担当を中心とした会議の開催（4、6月）'"
check "an unknown --period is a usage error" run 2 "$work/o" "$work/e" report "$seed" --period 夏期
check "the unknown period is named" grep -qF 'unknown period "夏期", expected one of 前期, 中期, 後期' "$work/e"
check "an unknown --format is a usage error" run 2 "$work/o" "$work/e" report "$seed" --format pdf

# ics: the iCalendar feed (calendars/); tests/calendars/ reads it with libical and python3-icalendar.
check "ics writes the example's feed" run 0 "$work/feed.ics" "$work/e" ics "$plan" --fy 2026
check "the feed is one recurring meeting series with CRLF lines" python3 - "$work/feed.ics" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
lines = data.split(b"\r\n")
assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b"", lines[-2:]
assert max(len(line) for line in lines) <= 75
assert b"\r\nRRULE:FREQ=MONTHLY;COUNT=6;INTERVAL=2;BYDAY=2WE\r\n" in data
assert b"\r\nUID:higashi-kyosei/multi-agency-meeting@torikumi\r\n" in data
assert data.count(b"BEGIN:VEVENT") == 9 and data.count(b"BEGIN:VTODO") == 8, data.count(b"BEGIN:VEVENT")
PY
check "ics -o writes the same bytes as standard output" bash -c "'$TORIKUMI' ics '$plan' --fy 2026 -o '$work/feed2.ics' && cmp -s '$work/feed.ics' '$work/feed2.ics'"
check "ics --owner --kind --no-todos narrow the feed" bash -c "'$TORIKUMI' ics '$plan' --fy 2026 --owner 学校連携担当 --kind deliverable --no-todos | grep -c '^BEGIN:VEVENT' | grep -qx 2"
check "ics --period keeps that period's meetings" bash -c "'$TORIKUMI' ics '$plan' --fy 2026 --period 前期 | grep -q '^RRULE:FREQ=MONTHLY;COUNT=2;INTERVAL=2;BYDAY=2WE'"
check "ics reads a sheet and ticks what its progress reports done" bash -c "'$TORIKUMI' ics '$seed' --fy 2026 | grep -q '^SUMMARY:✓ '"
check "an unknown --kind is a usage error" run 2 "$work/o" "$work/e" ics "$plan" --kind party
check "the unknown kind is named" grep -qF -- '--kind: expected meeting, campaign, deliverable, as-needed or next-year, got "party"' "$work/e"

# The store: plan import, done/undo/skip/schedule/log/note/kpi, progress, history (store/).
db="$work/store.db"
check "each store command has --help" bash -c "for c in plan done undo skip cancel schedule log note kpi progress history token subscription directory; do '$TORIKUMI' \$c --help | grep -q \"usage: torikumi \$c\" || exit 1; done"
check "plan import stores the example" run 0 "$work/o" "$work/e" plan import "$plan" --db "$db" --by tanaka
check "plan import says what it added" grep -qF "plan higashi-kyosei revision 1, FY2026: 14 occurrences added" "$work/o"
check "plan import of the same plan keeps the revision" bash -c "'$TORIKUMI' plan import '$plan' --db '$db' | grep -qF 'revision 1 (unchanged)'"
check "plan import --id stores a sheet under that id with its progress" bash -c "'$TORIKUMI' plan import '$SOURCE_DIR/tests/data/sheets/higashi.txt' --id higashi --db '$work/sheet.db' | grep -qF 'plan higashi revision 1, FY2026: 14 occurrences added, 0 changed, 0 orphaned, 0 revived; 4 completions and 11 notes from its progress'"
check "plan import refuses a bad --id" run 2 "$work/o" "$work/e" plan import "$plan" --id "東区" --db "$work/sheet.db"
check "plan list names the plan" bash -c "'$TORIKUMI' plan list --db '$db' | grep -q '^higashi-kyosei  revision 1  FY2026  imported .* by '"
check "plan export gives the plan back" bash -c "'$TORIKUMI' plan export higashi-kyosei --db '$db' | python3 -c 'import json,sys; assert json.load(sys.stdin)[\"id\"] == \"higashi-kyosei\"'"
meeting=higashi-kyosei/multi-agency-meeting/2026-04
check "done records a meeting" run 0 "$work/o" "$work/e" done "$meeting" --db "$db" --by tanaka --at 2026-04-08T15:30 --note 12人参加
check "done twice is refused and says why" run 1 "$work/o" "$work/e" done "$meeting" --db "$db" --at 2026-04-09
check "the refusal names the file and the completion" grep -qxF "torikumi done: $db: occurrence \"$meeting\" is already done (completed 2026-04-08 by tanaka); undo it first" "$work/e"
check "done on an unknown occurrence is refused" run 1 "$work/o" "$work/e" done higashi-kyosei/multi-agency-meeting/2026-05 --db "$db"
check "the unknown occurrence is named" grep -qxF "torikumi done: $db: unknown occurrence \"higashi-kyosei/multi-agency-meeting/2026-05\": plan \"higashi-kyosei\" has no such occurrence in FY2026" "$work/e"
check "done outside the fiscal year is refused" run 1 "$work/o" "$work/e" done higashi-kyosei/multi-agency-meeting/2026-06 --db "$db" --at 2027-04-01
check "a bad --at is a usage error" run 2 "$work/o" "$work/e" done higashi-kyosei/multi-agency-meeting/2026-06 --db "$db" --at yesterday
check "done before the window opens warns" run 0 "$work/o" "$work/e" done higashi-kyosei/multi-agency-meeting/2026-06 --db "$db" --at 2026-05-29
check "the warning names both days" grep -qF "warning: occurrence \"higashi-kyosei/multi-agency-meeting/2026-06\" is done on 2026-05-29, before its window opens on 2026-06-01" "$work/e"
check "undo takes a completion back" run 0 "$work/o" "$work/e" undo higashi-kyosei/multi-agency-meeting/2026-06 --db "$db"
check "skip needs a reason" run 2 "$work/o" "$work/e" skip higashi-kyosei/multi-agency-meeting/2026-06 --db "$db"
check "an empty reason is refused" run 1 "$work/o" "$work/e" skip higashi-kyosei/multi-agency-meeting/2026-06 --db "$db" --reason " "
check "skip with a reason" run 0 "$work/o" "$work/e" skip higashi-kyosei/multi-agency-meeting/2026-06 --db "$db" --reason 台風
check "schedule moves a meeting" run 0 "$work/o" "$work/e" schedule higashi-kyosei/multi-agency-meeting/2026-08 --db "$db" --start 2026-08-19T10:00 --place 第2会議室
check "note writes a period's progress" run 0 "$work/o" "$work/e" note higashi-kyosei/community-resources --period 中期 "地域資源の情報を共有" --db "$db"
check "note refuses an unknown period" run 1 "$work/o" "$work/e" note higashi-kyosei --period 夏期 "x" --db "$db"
check "kpi set records a value" run 0 "$work/o" "$work/e" kpi set higashi-kyosei "$(python3 -c "import json; print(json.load(open('$plan'))['kpis'][0]['id'])")" 2026 14.2 --db "$db"
check "expand reads the store by plan id" run 0 "$work/stored.json" "$work/e" expand higashi-kyosei --db "$db" --json
check "expand shows the recorded status and schedule" python3 - "$work/stored.json" <<'PY'
import json, sys
occurrences = {o["id"]: o for o in json.load(open(sys.argv[1]))}
assert occurrences["higashi-kyosei/multi-agency-meeting/2026-04"]["status"] == "done"
assert occurrences["higashi-kyosei/multi-agency-meeting/2026-06"]["status"] == "skipped"
assert occurrences["higashi-kyosei/multi-agency-meeting/2026-06"]["reason"] == "台風"
august = occurrences["higashi-kyosei/multi-agency-meeting/2026-08"]
assert august["status"] == "scheduled" and august["scheduled_start"] == "2026-08-19T10:00:00+09:00", august
assert august["place"] == "第2会議室", august
PY
check "progress --json has the issue's shape" bash -c "'$TORIKUMI' progress higashi-kyosei --db '$db' --as-of 2026-09-01 --json > '$work/progress.json'"
check "progress counts each period once per item" python3 - "$work/progress.json" <<'PY'
import json, sys
progress = json.load(open(sys.argv[1]))
assert progress["plan"] == "higashi-kyosei" and progress["fiscal_year"] == 2026 and progress["as_of"] == "2026-09-01"
first = progress["periods"][0]
for key in ("period", "planned", "done", "pending", "overdue", "percent", "logged"):
    assert key in first, key
assert first["period"] == "前期" and first["done"] == 1 and first["skipped"] == 1, first
assert first["planned"] == first["done"] + first["pending"], first
PY
check "report from the store ticks what was recorded" bash -c "'$TORIKUMI' report higashi-kyosei --db '$db' --format text | grep -qF '地域資源の情報を共有'"
check "ics from the store leaves the skipped meeting out" bash -c "'$TORIKUMI' ics higashi-kyosei --db '$db' | grep -q '^EXDATE'"
# Under cron there is no $USER: LOGNAME, else the system's name for the user; never "unknown".
check "a record made with only LOGNAME is by LOGNAME" bash -c "env -u USER LOGNAME=cronuser '$TORIKUMI' done higashi-kyosei/school-visits/fy2026 --db '$db' >/dev/null && '$TORIKUMI' history higashi-kyosei/school-visits/fy2026 --db '$db' | tail -1 | awk -F'  ' '{print \$2, \$3}' | grep -qx 'cronuser done'"
check "a record made without USER and LOGNAME is by the system user" bash -c "env -u USER -u LOGNAME '$TORIKUMI' undo higashi-kyosei/school-visits/fy2026 --db '$db' >/dev/null && '$TORIKUMI' history higashi-kyosei/school-visits/fy2026 --db '$db' | tail -1 | awk -F'  ' '{print \$2, \$3}' | grep -qx \"\$(id -un) undo\""
check "history lists every change of an occurrence" bash -c "'$TORIKUMI' history higashi-kyosei/multi-agency-meeting/2026-06 --db '$db' | awk '{print \$3}' | tr '\n' ' ' | grep -qx 'done undo skip '"
check "plan orphans lists what an edited plan lost" bash -c "python3 -c \"import json,sys; d=json.load(open('$plan')); d['tasks']=[t for t in d['tasks'] if t['id']!='platform-setup']; json.dump(d, open('$work/edited.json','w'), ensure_ascii=False)\" && '$TORIKUMI' plan import '$work/edited.json' --db '$db' >/dev/null && '$TORIKUMI' plan orphans higashi-kyosei --db '$db' | grep -q '^higashi-kyosei/platform-setup/fy2026  FY2026  planned  0 completions'"
# Who may use the server: API tokens and calendar subscriptions (store/access.hpp).
check "token create prints the token once" run 0 "$work/token" "$work/e" token create --role editor --label CI --db "$db" --by tanaka
check "token create says what it made on its first line" bash -c "head -1 '$work/token' | grep -qxF 'token 1 (editor, \"CI\"): shown this once, only its hash is kept'"
check "token create puts the bare token alone on the last line" bash -c "[ \$(wc -l <'$work/token') -eq 2 ] && tail -1 '$work/token' | grep -qxE 'tkm_[A-Za-z0-9_-]{43}'"
token=$(tail -1 "$work/token")
check "the database keeps the token's SHA-256, never the token" python3 - "$db" "$token" <<'PY2'
import hashlib, sqlite3, sys
path, token = sys.argv[1], sys.argv[2]
database = sqlite3.connect(path)
dump = "\n".join(database.iterdump())
assert token not in dump, "the token is in the database"
assert hashlib.sha256(token.encode()).hexdigest() in dump, "its hash is not"
for suffix in ("", "-wal"):
    try:
        assert token.encode() not in open(path + suffix, "rb").read(), suffix
    except FileNotFoundError:
        pass
PY2
check "token list shows it without the secret" bash -c "'$TORIKUMI' token list --db '$db' > '$work/o' && grep -qxE '1  editor  created [0-9T:Z-]+ by tanaka  active  \"CI\"' '$work/o' && ! grep -qF '$token' '$work/o'"
check "an unknown role is a usage error" run 2 "$work/o" "$work/e" token create --role root --db "$db"
check "the unknown role is named with the ones there are" grep -qxF 'torikumi token create: --role: expected viewer, editor, secretariat or admin, got "root"' "$work/e"
check "token create needs --role" run 2 "$work/o" "$work/e" token create --db "$db"
check "token revoke revokes it" bash -c "'$TORIKUMI' token revoke 1 --db '$db' | grep -qxF 'token 1 revoked'"
check "token list shows it revoked" bash -c "'$TORIKUMI' token list --db '$db' | grep -qE '^1  editor  created .* by tanaka  revoked [0-9T:Z-]+  \"CI\"$'"
check "revoking it again is refused" run 1 "$work/o" "$work/e" token revoke 1 --db "$db"
check "the refusal says it is revoked already" grep -qxF "torikumi token revoke: $db: token 1 is revoked already" "$work/e"
check "revoking an unknown token is refused" run 1 "$work/o" "$work/e" token revoke 7 --db "$db"
check "the unknown token is named" grep -qxF "torikumi token revoke: $db: unknown token 7" "$work/e"
check "a token ID that is not a number is a usage error" run 2 "$work/o" "$work/e" token revoke x --db "$db"
check "the bad ID is named" grep -qxF 'torikumi token revoke: ID: expected a number as `list` prints it, got "x"' "$work/e"

check "subscription create prints a plan feed's URL with its secret" run 0 "$work/sub" "$work/e" subscription create higashi-kyosei --label iPhone --db "$db" --by tanaka
check "the first line says what it opens" bash -c "head -1 '$work/sub' | grep -qxF 'subscription 1 (plan higashi-kyosei, \"iPhone\"): shown this once, only its hash is kept'"
check "the second line is the webcal:// URL calendar apps open, at serve's default address" bash -c "[ \$(wc -l <'$work/sub') -eq 3 ] && sed -n 2p '$work/sub' | grep -qxE 'webcal://127\.0\.0\.1:8080/calendars/higashi-kyosei\.ics\?token=tks_[A-Za-z0-9_-]{43}'"
check "the last line is the same feed's http:// URL with the same secret" bash -c "tail -1 '$work/sub' | grep -qxE 'http://127\.0\.0\.1:8080/calendars/higashi-kyosei\.ics\?token=tks_[A-Za-z0-9_-]{43}' && [ \"\$(sed -n 2p '$work/sub' | sed 's/^webcal/http/')\" = \"\$(tail -1 '$work/sub')\" ]"
check "an owner's subscription has the owner's feed, percent-encoded" bash -c "'$TORIKUMI' subscription create higashi-kyosei --owner 多機関協働担当 --db '$db' | tail -1 | grep -qxE 'http://127\.0\.0\.1:8080/calendars/higashi-kyosei/owner/%E5%A4%9A%E6%A9%9F%E9%96%A2%E5%8D%94%E5%83%8D%E6%8B%85%E5%BD%93\.ics\?token=tks_[A-Za-z0-9_-]{43}'"
check "an organisation's subscription has the organisation's feed" bash -c "'$TORIKUMI' subscription create --org 東区役所 --db '$db' | tail -1 | grep -qxE 'http://127\.0\.0\.1:8080/calendars/org/%E6%9D%B1%E5%8C%BA%E5%BD%B9%E6%89%80\.ics\?token=tks_[A-Za-z0-9_-]{43}'"
check "a subscription to an unknown plan is refused" run 1 "$work/o" "$work/e" subscription create nope --db "$db"
check "the unknown plan is named" grep -qxF "torikumi subscription create: $db: unknown plan \"nope\"" "$work/e"
check "an owner no task of the plan has is refused" run 1 "$work/o" "$work/e" subscription create higashi-kyosei --owner 山田 --db "$db"
check "the owner and the plan are named" grep -qxF "torikumi subscription create: $db: no task of the owner \"山田\" in the plan \"higashi-kyosei\"" "$work/e"
check "an organisation no plan has is refused" run 1 "$work/o" "$work/e" subscription create --org 西区役所 --db "$db"
check "the organisation is named" grep -qxF "torikumi subscription create: $db: no plan of the organisation \"西区役所\"" "$work/e"
check "a plan and --org together are a usage error" run 2 "$work/o" "$work/e" subscription create higashi-kyosei --org 東区役所 --db "$db"
check "the usage error says why" bash -c "head -1 '$work/e' | grep -qxF 'torikumi subscription create: expected one of PLAN, --org NAME, --agency NAME and --person EMAIL, not several'"
check "subscription list shows each without its secret" bash -c "'$TORIKUMI' subscription list --db '$db' > '$work/o' && [ \$(wc -l <'$work/o') -eq 3 ] && grep -qxE '1  plan higashi-kyosei  created [0-9T:Z-]+ by tanaka  active  \"iPhone\"' '$work/o' && grep -qE '^2  plan higashi-kyosei owner 多機関協働担当  created ' '$work/o' && grep -qE '^3  organisation 東区役所  created ' '$work/o' && ! grep -q 'tks_' '$work/o'"
check "subscription revoke revokes it" bash -c "'$TORIKUMI' subscription revoke 2 --db '$db' | grep -qxF 'subscription 2 revoked' && '$TORIKUMI' subscription list --db '$db' | grep -qE '^2  .*  revoked [0-9T:Z-]+$'"
check "revoking a subscription again is refused" run 1 "$work/o" "$work/e" subscription revoke 2 --db "$db"
check "the refusal says so" grep -qxF "torikumi subscription revoke: $db: subscription 2 is revoked already" "$work/e"
check "history has the creates and revokes without hashes" bash -c "'$TORIKUMI' history --db '$db' | awk -F'  ' '{print \$3}' | grep -E '^(token|subscription) ' | tr '\n' ',' | grep -qx 'token create,token revoke,subscription create,subscription create,subscription create,subscription revoke,' && ! '$TORIKUMI' history --db '$db' | grep -qE '[0-9a-f]{64}'"

# token revoke --all: every live token at once (after a leak), and with --subscriptions every
# subscription too; one transaction, each revoke audited.
"$TORIKUMI" token create --role viewer --db "$db" >/dev/null && "$TORIKUMI" token create --role admin --db "$db" >/dev/null
check "token revoke --all revokes every live token and says how many" bash -c "[ \"\$('$TORIKUMI' token revoke --all --db '$db' --by suzuki)\" = 'revoked 2 tokens and 0 subscriptions' ]"
check "every token is listed revoked" bash -c "'$TORIKUMI' token list --db '$db' > '$work/o' && [ \$(wc -l <'$work/o') -eq 3 ] && ! grep -q '  active' '$work/o'"
check "the CLI's subscriptions stay without --subscriptions" bash -c "[ \$('$TORIKUMI' subscription list --db '$db' | grep -c '  active') -eq 2 ]"
check "with nothing live it revokes nothing, without error" bash -c "[ \"\$('$TORIKUMI' token revoke --all --db '$db')\" = 'revoked 0 tokens and 0 subscriptions' ]"
check "--subscriptions revokes every subscription too" bash -c "[ \"\$('$TORIKUMI' token revoke --all --subscriptions --db '$db')\" = 'revoked 0 tokens and 2 subscriptions' ] && ! '$TORIKUMI' subscription list --db '$db' | grep -q '  active'"
check "each of those revokes is in the history" bash -c "'$TORIKUMI' history --db '$db' | awk -F'  ' '{print \$2, \$3, \$4}' | grep -E ' (token|subscription) revoke ' | tail -4 | tr '\n' ',' | grep -qx 'suzuki token revoke token/2,suzuki token revoke token/3,[^,]* subscription revoke subscription/1,[^,]* subscription revoke subscription/3,'"
check "--subscriptions without --all is a usage error" run 2 "$work/o" "$work/e" token revoke 2 --subscriptions --db "$db"
check "which says what it is for" bash -c "head -1 '$work/e' | grep -qxF 'torikumi token revoke: --subscriptions is for token revoke --all'"
check "--all with an ID is a usage error" run 2 "$work/o" "$work/e" token revoke --all 2 --db "$db"
check "which says so" bash -c "head -1 '$work/e' | grep -qxF 'torikumi token revoke: expected no arguments after --all'"
check "--all is for revoke only" run 2 "$work/o" "$work/e" token list --all --db "$db"
check "token --help and torikumi --help tell of revoke --all" bash -c "'$TORIKUMI' token --help | grep -qF 'torikumi token revoke --all [--subscriptions]' && '$TORIKUMI' --help | grep -qF 'token revoke --all [--subscriptions]'"

# The feed URL subscription create prints starts where the server is reached, as serve's links do.
urls="$work/urls.db"
"$TORIKUMI" plan import "$plan" --db "$urls" >/dev/null
printf '{"server": {"base_url": "https://torikumi.example.org/"}}' > "$work/base.json"
check "the URL starts with the config's server.base_url" bash -c "'$TORIKUMI' subscription create higashi-kyosei --config '$work/base.json' --db '$urls' > '$work/o' && sed -n 2p '$work/o' | grep -qxE 'webcal://torikumi\.example\.org/calendars/higashi-kyosei\.ics\?token=tks_[A-Za-z0-9_-]{43}' && tail -1 '$work/o' | grep -qxE 'https://torikumi\.example\.org/calendars/higashi-kyosei\.ics\?token=tks_[A-Za-z0-9_-]{43}'"
check "without a base_url, with the address serve listens on" bash -c "'$TORIKUMI' subscription create higashi-kyosei --listen '[::1]:9000' --db '$urls' | tail -1 | grep -qxE 'http://\[::1\]:9000/calendars/higashi-kyosei\.ics\?token=tks_[A-Za-z0-9_-]{43}'"
check "--base-url comes first" bash -c "'$TORIKUMI' subscription create higashi-kyosei --base-url https://cal.example.org --config '$work/base.json' --db '$urls' | tail -1 | grep -qxE 'https://cal\.example\.org/calendars/higashi-kyosei\.ics\?token=tks_[A-Za-z0-9_-]{43}'"
check "a --base-url that is not http(s) is a usage error, and nothing is made" bash -c "before=\$('$TORIKUMI' subscription list --db '$urls' | wc -l); ! '$TORIKUMI' subscription create higashi-kyosei --base-url ftp://x --db '$urls' >/dev/null 2>'$work/e'; [ \$? -eq 0 ] && grep -qxF 'torikumi subscription create: --base-url: expected an http:// or https:// URL, got \"ftp://x\"' '$work/e' && [ \"\$('$TORIKUMI' subscription list --db '$urls' | wc -l)\" = \"\$before\" ]"
check "a bad --listen is named" bash -c "'$TORIKUMI' subscription create higashi-kyosei --listen nope --db '$urls' 2>'$work/e'; [ \$? -eq 2 ] && grep -qxF 'torikumi subscription create: --listen: expected HOST:PORT (127.0.0.1:8080), got \"nope\"' '$work/e'"
check "token create --name names the person who holds it" bash -c "'$TORIKUMI' token create --role viewer --name '田中 花子' --label 掲示板 --db '$urls' | head -1 | grep -qxF 'token 1 (viewer for \"田中 花子\", \"掲示板\"): shown this once, only its hash is kept' && '$TORIKUMI' token list --db '$urls' | grep -qE '^1  viewer for \"田中 花子\"  created [0-9T:Z-]+ by [^ ]+  active  \"掲示板\"$'"
check "--name is for token create" run 2 "$work/o" "$work/e" token list --name x --db "$urls"

# A plan that comes in mid-year (docs/config.md, "A plan's first import"): its first remind pass,
# on Monday 7 December, enters one summary per owner in place of a reminder per overdue item;
# reminders.on_first_import "each" enters them one by one, as before. With the example's rules
# one overdue item has a reminder (a deadline); an office reminded weekly of meetings not
# recorded and progress notes not written too has 14. The webhook's port is closed: what is
# entered waits to be retried.
midyear_config() {  # midyear_config CHOICE RULES FILE: the example config, sending nowhere
  python3 - "$SOURCE_DIR/examples/config.json" "$1" "$2" "$3" <<'PY'
import json, sys
config = json.load(open(sys.argv[1], encoding="utf-8"))
config["webhooks"][0]["url"] = "http://127.0.0.1:1/hooks"
config["reminders"]["on_first_import"] = sys.argv[2]
if sys.argv[3] == "weekly":
    for kind in ("meeting", "progress_note"):
        config["reminders"][kind]["overdue"] = {"every_days": 7, "escalate_after_days": 14}
json.dump(config, open(sys.argv[4], "w", encoding="utf-8"), ensure_ascii=False)
PY
}
for choice in summary each; do
  for rules in example weekly; do
    name="midyear-$choice-$rules"
    midyear_config "$choice" "$rules" "$work/$name.json"
    "$TORIKUMI" plan import "$plan" --db "$work/$name.db" >/dev/null
    "$TORIKUMI" remind --config "$work/$name.json" --db "$work/$name.db" --once --now 2026-12-07T10:00:00+09:00 >"$work/$name.out" 2>/dev/null
  done
done
check "each, the example's rules: a December first import enters 2 reminders" grep -qxF "1 plans, 71 reminders planned, 2 due, 2 entered, 0 withdrawn, 2 attempts: 0 delivered, 2 to retry, 0 failed" "$work/midyear-each-example.out"
check "summary, the example's rules: its one overdue item in a summary" grep -qxF "1 plans, 71 reminders planned, 2 due, 1 held back (first import), 1 summaries of 1 overdue items, 2 entered, 0 withdrawn, 2 attempts: 0 delivered, 2 to retry, 0 failed" "$work/midyear-summary-example.out"
check "each, weekly rules: 15 reminders at once, 14 of them overdue" grep -qxF "1 plans, 465 reminders planned, 15 due, 15 entered, 0 withdrawn, 15 attempts: 0 delivered, 15 to retry, 0 failed" "$work/midyear-each-weekly.out"
check "summary, weekly rules: 3 summaries, one per owner, and the reminder still ahead" grep -qxF "1 plans, 465 reminders planned, 15 due, 14 held back (first import), 3 summaries of 14 overdue items, 4 entered, 0 withdrawn, 4 attempts: 0 delivered, 4 to retry, 0 failed" "$work/midyear-summary-weekly.out"
db_midyear="$work/midyear-summary-weekly.db"
check "the delivery log lists each summary with its subject" bash -c "'$TORIKUMI' remind log --db '$db_midyear' | grep -E '^    【東区役所】取組の期限超過 [0-9]+件のまとめ\$' | sort | tr '\n' ',' | grep -qxF '    【東区役所】取組の期限超過 2件のまとめ,    【東区役所】取組の期限超過 4件のまとめ,    【東区役所】取組の期限超過 8件のまとめ,'"
check "remind again that day enters nothing more" bash -c "'$TORIKUMI' remind --config '$work/midyear-summary-weekly.json' --db '$db_midyear' --once --now 2026-12-07T15:00:00+09:00 2>/dev/null | grep -qE '^1 plans, 465 reminders planned, 15 due, 14 held back \(first import\), 0 entered, 0 withdrawn, '"
python3 -c "import json,sys; p=json.load(open(sys.argv[1])); p['tasks'][0]['title'] += '（改）'; json.dump(p, open(sys.argv[2], 'w'), ensure_ascii=False)" "$plan" "$work/midyear-edited.json"
check "an edited plan imported again is no first import" bash -c "'$TORIKUMI' plan import '$work/midyear-edited.json' --db '$db_midyear' >/dev/null && '$TORIKUMI' remind --config '$work/midyear-summary-weekly.json' --db '$db_midyear' --once --now 2026-12-07T16:00:00+09:00 2>/dev/null | grep -qE '^1 plans, 465 reminders planned, 15 due, 14 held back \(first import\), 0 entered, '"
check "a week on, each overdue item's next repeat goes out one by one" bash -c "'$TORIKUMI' remind --config '$work/midyear-summary-weekly.json' --db '$db_midyear' --once --now 2026-12-14T10:00:00+09:00 2>/dev/null | grep -qE '^1 plans, 465 reminders planned, [0-9]+ due, [1-9][0-9]* entered, '"

# The directory: the config's is the database's first; then the database's is read, and a config
# whose directory differs is said to be ignored until `directory import` takes it.
db_dir="$work/directory.db"
"$TORIKUMI" plan import "$plan" --db "$db_dir" >/dev/null
"$TORIKUMI" remind --config "$work/midyear-summary-example.json" --db "$db_dir" --once --dry-run --now 2026-12-07T10:00:00+09:00 >"$work/directory-dry.out" 2>"$work/directory-dry.err"
check "a dry run plans with the config's directory and stores nothing" bash -c "grep -qF 'directory: 4 owners and one entry for the rest from $work/midyear-summary-example.json, not stored' '$work/directory-dry.err' && grep -qE '^1 plans, 71 reminders planned' '$work/directory-dry.out' && '$TORIKUMI' directory show --db '$db_dir' | grep -qxF '(empty: owners get no reminders)'"
"$TORIKUMI" remind --config "$work/midyear-summary-example.json" --db "$db_dir" --once --now 2026-12-07T10:00:00+09:00 >/dev/null 2>"$work/directory-first.err"
check "remind's first start stores the config's directory and says so" grep -qF "torikumi remind: directory: 4 owners and one entry for the rest from $work/midyear-summary-example.json, kept in the database from now on" "$work/directory-first.err"
check "directory show lists the owners" bash -c "'$TORIKUMI' directory show --db '$db_dir' | grep -qxF '  北野 三郎 <gakko-renkei@example.org>'"
python3 -c "import json,sys; c=json.load(open(sys.argv[1])); del c['directory']['owners']['学校連携担当']; json.dump(c, open(sys.argv[2], 'w'), ensure_ascii=False)" "$work/midyear-summary-example.json" "$work/directory-changed.json"
"$TORIKUMI" remind --config "$work/directory-changed.json" --db "$db_dir" --once --dry-run --now 2026-12-07T10:00:00+09:00 >/dev/null 2>"$work/directory-again.err"
check "a changed config directory is not read, and remind does not say so each run (cron would mail it)" bash -c "! grep -q directory '$work/directory-again.err' && '$TORIKUMI' directory show --db '$db_dir' | grep -qxF '  北野 三郎 <gakko-renkei@example.org>'"
check "directory import --config replaces it" bash -c "'$TORIKUMI' directory import --config '$work/directory-changed.json' --db '$db_dir' --by 管理者 | grep -qxF 'imported $work/directory-changed.json: 3 owners and one entry for every owner not listed' && ! '$TORIKUMI' directory show --json --db '$db_dir' | grep -q 学校連携担当"
check "the import is in the history, by whom" bash -c "'$TORIKUMI' history @directory --db '$db_dir' | grep -c 'directory import' | grep -qx 2 && '$TORIKUMI' history @directory --db '$db_dir' | tail -1 | grep -q '管理者  directory import'"
printf '{"webhooks": []}' >"$work/directory-none.json"
check "a config without a directory does not empty the stored one" bash -c "! '$TORIKUMI' directory import --config '$work/directory-none.json' --db '$db_dir' 2>'$work/e' && grep -qF 'a directory without an entry would send no reminder at all' '$work/e' && '$TORIKUMI' directory show --json --db '$db_dir' | grep -q 多機関協働担当"
printf '{"owners": {"x": {"recipients": [{"email": "nobody"}]}}}' >"$work/directory-bad.json"
check "a bad directory file is refused with its path, and nothing changes" bash -c "! '$TORIKUMI' directory import '$work/directory-bad.json' --db '$db_dir' 2>'$work/e' && grep -qF 'directory.owners[\"x\"].recipients[0].email: expected an email address, got \"nobody\"' '$work/e' && '$TORIKUMI' directory show --json --db '$db_dir' | grep -q 多機関協働担当"

# Agencies: the directory's owners are agencies of kind ward_section; an import adds partners,
# and a member who left stays as a former member.
cat >"$work/agencies.json" <<'JSON'
{"agencies": [
  {"name": "多機関協働担当", "kind": "区役所", "members": [
    {"name": "東 花子", "email": "kyosei@example.org", "role": "contact", "since": "2026-04-01"},
    {"name": "北 次郎", "email": "jiro@example.org", "role": "contact", "until": "2026-03-31"}]},
  {"name": "東区地域包括支援センター", "kind": "community_support_center", "members": [
    {"name": "南 三郎", "email": "saburo@example.jp", "role": "member", "pledged": "2026-04-01"}]}]}
JSON
check "the directory's owners are listed as agencies" bash -c "'$TORIKUMI' agency list --db '$db_dir' | grep -q '^ward_section  多機関協働担当  '"
check "agency import adds and replaces by name" bash -c "'$TORIKUMI' agency import '$work/agencies.json' --db '$db_dir' --by 管理者 | grep -qxF 'imported $work/agencies.json: 1 added, 1 changed, 0 unchanged'"
check "agency show lists current and former members" bash -c "'$TORIKUMI' agency show 多機関協働担当 --db '$db_dir' >'$work/agency.out' && grep -qF '  contact  北 次郎 <jiro@example.org>  ..2026-03-31  (former)' '$work/agency.out' && grep -qF '  contact  東 花子 <kyosei@example.org>  2026-04-01..' '$work/agency.out'"
check "the directory follows the agency's current contact" bash -c "'$TORIKUMI' directory show --json --db '$db_dir' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"owners\"][\"多機関協働担当\"][\"recipients\"] == [{\"name\": \"東 花子\", \"email\": \"kyosei@example.org\"}], d'"
printf '{"agencies": [{"name": "x", "kind": "city_hall", "members": [{"email": "nobody"}]}]}' >"$work/agencies-bad.json"
check "a bad agencies file is refused with its paths, and nothing changes" bash -c "! '$TORIKUMI' agency import '$work/agencies-bad.json' --db '$db_dir' 2>'$work/e' && grep -qF 'agencies.agencies[0].kind: expected ward_section, community_support_center' '$work/e' && grep -qF 'agencies.agencies[0].members[0].email: expected an email address, got \"nobody\"' '$work/e' && ! '$TORIKUMI' agency show x --db '$db_dir' 2>/dev/null"
check "agency remove removes one, and an unknown one is refused" bash -c "'$TORIKUMI' agency remove 東区地域包括支援センター --db '$db_dir' | grep -qxF 'removed 東区地域包括支援センター and its 1 member' && ! '$TORIKUMI' agency remove 東区地域包括支援センター --db '$db_dir' 2>'$work/e' && grep -qxF 'torikumi agency remove: no agency \"東区地域包括支援センター\"' '$work/e'"
check "an agency's subscription has the agency's feed, percent-encoded" bash -c "'$TORIKUMI' subscription create --agency 多機関協働担当 --db '$db_dir' >'$work/o' && head -1 '$work/o' | grep -qF '(agency 多機関協働担当)' && tail -1 '$work/o' | grep -qxE 'http://127\.0\.0\.1:8080/calendars/agency/%E5%A4%9A%E6%A9%9F%E9%96%A2%E5%8D%94%E5%83%8D%E6%8B%85%E5%BD%93\.ics\?token=tks_[A-Za-z0-9_-]{43}'"
check "a person's subscription has a feed whose path holds no address" bash -c "'$TORIKUMI' subscription create --person KYOSEI@example.org --db '$db_dir' >'$work/o' && head -1 '$work/o' | grep -qF '(person KYOSEI@example.org)' && tail -1 '$work/o' | grep -qxE 'http://127\.0\.0\.1:8080/calendars/person/[0-9a-f]{16}\.ics\?token=tks_[A-Za-z0-9_-]{43}'"
check "an agency not stored is refused" bash -c "! '$TORIKUMI' subscription create --agency 西区社会福祉協議会 --db '$db_dir' 2>'$work/e' && grep -qxF \"torikumi subscription create: $db_dir: no agency \\\"西区社会福祉協議会\\\"\" '$work/e'"
check "an address no agency has is refused" bash -c "! '$TORIKUMI' subscription create --person nobody@example.org --db '$db_dir' 2>'$work/e' && grep -qxF \"torikumi subscription create: $db_dir: no agency has a member with the address \\\"nobody@example.org\\\"\" '$work/e'"
check "--owner is for a plan's subscription" bash -c "'$TORIKUMI' subscription create --agency 多機関協働担当 --owner x --db '$db_dir' 2>'$work/e'; [ \$? -eq 2 ] && head -1 '$work/e' | grep -qxF \"torikumi subscription create: --owner is for a plan's subscription, not --agency\""
check "subscription list names them" bash -c "'$TORIKUMI' subscription list --db '$db_dir' | grep -qE '^[0-9]+  agency 多機関協働担当  created ' && '$TORIKUMI' subscription list --db '$db_dir' | grep -qE '^[0-9]+  person KYOSEI@example.org  created '"
check "agency without NAME says what it expects" bash -c "! '$TORIKUMI' agency show --db '$db_dir' 2>'$work/e'; head -1 '$work/e' | grep -qxF 'torikumi agency show: expected show NAME'"

check "a newer database is refused naming both versions" bash -c "python3 -c \"import sqlite3; c=sqlite3.connect('$work/future.db'); c.execute('PRAGMA user_version = 99'); c.commit()\" && ! '$TORIKUMI' plan list --db '$work/future.db' 2>'$work/e' && grep -qF 'database schema version 99 is newer than this torikumi understands (version 16); use a newer torikumi' '$work/e'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
