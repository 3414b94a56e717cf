#!/usr/bin/env python3
"""A ward office's day in the browser, from an empty database (issue 15's proof): bring the
Higashi sheet in through the upload form and its preview, mark a deadline done, bring in an
edited copy and see its warnings, changes and the orphan that keeps its record, save it anyway
and deal with the warnings, set the plan's meeting rule and a task's owner (and see a bad schedule
refused on the form), see the meetings timed in the feed, mark a meeting done with a note and find
the note in 様式4, and give the owner its people on the directory page. Screenshots in OUT_DIR; every page checked with axe-core.

usage: walkthrough_test.py TORIKUMI SOURCE_DIR OUT_DIR
"""
import json
import os
import sys
import tempfile
import urllib.parse

import icalendar
import recurring_ical_events

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_support as support  # noqa: E402

support.require_browser("walkthrough_test")
from selenium.webdriver.common.by import By  # noqa: E402

torikumi, source_dir, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out_dir, exist_ok=True)
check = support.Checks("walkthrough_test")
scratch = tempfile.mkdtemp()
plan_id = "higashi-chiiki-kyosei-shakai"
sheet_path = os.path.join(source_dir, "tests/data/sheets/higashi.txt")
with open(sheet_path, encoding="utf-8") as file:
    sheet = file.read()

# The edited copy: 前期's platform deadline goes, the awareness work starts in May, and a schedule
# is written as nobody can date it.
gone = (" <input type=\"checkbox\"/> 区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場"
        "（プラットフォーム）の整備（～6月）")
assert gone in sheet
edited = sheet.replace(gone, "").replace("区内小中学校への区役所内相談窓口等の周知（4～3月）",
                                         "区内小中学校への区役所内相談窓口等の周知（5～3月）")
edited = edited.replace("不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）（～3月）",
                        "不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）（夏頃）")
edited_path = os.path.join(scratch, "higashi-edited.txt")
with open(edited_path, "w", encoding="utf-8") as file:
    file.write(edited)
refused_line = next(number for number, line in enumerate(edited.split("\n"), 1) if "（夏頃）" in line)

# A plan JSON that breaks its own rules in several ways: each reason is refused in Japanese.
bad_plan_path = os.path.join(scratch, "bad-plan.json")
with open(bad_plan_path, "w", encoding="utf-8") as file:
    json.dump({"format_version": 1, "id": "bad", "organisation": {"name": "東区役所"}, "initiative": "防災",
               "time_zone": "Asia/Tokio",
               "periods": [{"name": "前期", "first_month": 4, "last_month": 9},
                           {"name": "後期", "first_month": 11, "last_month": 3}],
               "meeting_rule": {"week": 2, "weekday": "水", "day_of_month": 10, "start": "14:00"},
               "business_calendar": {"closed_days": ["2026/08/13"]},
               "tasks": [{"id": "a", "title": "会議", "when": "（6月）", "kind": "meeting",
                          "meeting_rule": {"day_of_month": 1, "start": "25:00", "on_closed_day": "never"}}]},
              file, ensure_ascii=False)

env = dict(os.environ, TORIKUMI_NOW="2026-12-10T09:00:00+09:00")
server, base, token, _ = support.start_server(torikumi, ["--db", os.path.join(scratch, "w.db")], env)
driver = None
try:
    driver = support.start_browser(scratch)

    def shot(name, width=1280, height=1600):
        support.shot(driver, out_dir, name, width, height)

    def no_violations(what):
        violations = support.axe_violations(driver)
        check(violations is not None, "axe-core is installed (scripts/install-deps.sh, or TORIKUMI_AXE_JS)")
        check(not violations, "axe-core finds no WCAG 2 A/AA violation on %s: %s" % (what, violations))

    def main_text():
        return driver.find_element(By.TAG_NAME, "main").text

    def record(occurrence, note):
        details = driver.find_elements(By.CSS_SELECTOR, 'details.edit[data-occurrence="%s"]' % occurrence)
        if not check(len(details) == 1, "%s has its forms" % occurrence):
            return
        details[0].find_element(By.TAG_NAME, "summary").click()
        form = details[0].find_element(By.CSS_SELECTOR, 'form[action$="/actions/done"]')
        form.find_element(By.NAME, "note").send_keys(note)
        support.submit(driver, form.find_element(By.TAG_NAME, "button"))

    driver.get(base + "/signin")
    driver.find_element(By.ID, "token").send_keys(token)
    support.submit(driver, driver.find_element(By.ID, "sign-in"))

    # 1. The empty overview leads to the upload form; the sheet's preview says it is new.
    driver.get(base + "/")
    support.submit(driver, driver.find_element(By.LINK_TEXT, "計画を取り込む"))
    check(driver.current_url == base + "/import", "the overview links the upload form")
    no_violations("/import")
    shot("import")
    driver.find_element(By.ID, "upload-file").send_keys(bad_plan_path)
    support.submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    text = main_text()
    for sentence in ["「bad-plan.json」を計画として読み取れません。",
                     "plan.periods：2番目の期間「後期」は10月から始まる必要があります（11月からになっています）。",
                     "plan.time_zone：タイムゾーン「Asia/Tokio」はありません（日本なら Asia/Tokyo）。",
                     "plan.meeting_rule：会議の日は、「第何週の何曜日」（week と weekday）か「毎月何日」",
                     "plan.business_calendar.closed_days[0]：日付は 2026-08-13 のように「年-月-日」で書いてください",
                     "plan.tasks[0].meeting_rule.start：時刻は 14:00 のように「時:分」で書いてください（「25:00」",
                     "plan.tasks[0].meeting_rule.on_closed_day：閉庁日に当たったときの扱い「never」はありません"]:
        check(sentence in text, "the refused plan JSON says in Japanese: %s" % sentence)
    check(driver.find_element(By.TAG_NAME, "h1").text == "取り込めませんでした", "headed as not imported")
    check(not driver.find_elements(By.CSS_SELECTOR, 'main [lang="en"]'),
          "every reason has Japanese words: no English message beside them")
    no_violations("a refused plan JSON")
    shot("import-refused-json", 1280, 1200)
    driver.get(base + "/import?lang=en")
    driver.find_element(By.ID, "upload-file").send_keys(bad_plan_path)
    support.submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    check("bad-plan.json: plan.time_zone: unknown time zone \"Asia/Tokio\"" in main_text(),
          "in English the same refusal keeps its English words")
    shot("import-refused-json-en", 1280, 1200)
    driver.get(base + "/import?lang=ja")
    driver.find_element(By.ID, "upload-file").send_keys(sheet_path)
    support.submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    text = main_text()
    check("新しい計画として保存します（改訂 1）。" in text, "the preview says the plan is new")
    check(len(driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")) == 15,
          "the preview lists the sheet's 15 tasks as added")
    check(len(driver.find_elements(By.CSS_SELECTOR, "main svg")) == 1, "the preview draws the timeline")
    no_violations("the preview of a new plan")
    shot("import-preview-new", 1280, 2400)
    support.submit(driver, driver.find_element(By.XPATH, "//button[text()='保存する']"))
    check(driver.current_url == base + "/plans/" + plan_id + "?done=imported",
          "saved, the plan's page (%s)" % driver.current_url)
    check(driver.find_element(By.CSS_SELECTOR, "p.flash").text == "取り込みました。", "the page says it was imported")

    # The same sheet saved from Excel previews as the same plan, now stored: nothing changes.
    driver.get(base + "/import?plan=" + plan_id)
    driver.find_element(By.ID, "upload-file").send_keys(os.path.join(source_dir, "tests/data/sheets/higashi.xlsx"))
    support.submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    check("保存済みの改訂 1 と同じです。" in main_text() and "保存済みの改訂と同じです。" in main_text(),
          "the workbook's preview says it is the stored plan")
    driver.get(base + "/plans/" + plan_id)

    # 2. The platform deadline is done; then the edited copy's preview.
    deadline = plan_id + "/kunai-shochugakko-sodan-jian/fy2026"
    record(deadline, "6月に整備")
    support.submit(driver, driver.find_element(By.LINK_TEXT, "シートを取り込み直す"))
    check("この計画を置き換えます" in main_text(), "the upload form knows the plan it replaces")
    driver.find_element(By.ID, "upload-file").send_keys(edited_path)
    support.submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    text = main_text()
    check("改訂 1 を改訂 2 に置き換えます。" in text, "the preview replaces revision 1 with 2")
    check("%d行目：「（夏頃）」は読めません。季節は読まないため" % refused_line in text
          and "（日程を読み取れません）" in text,
          "the refused schedule is warned about in Japanese with its line (%d)" % refused_line)
    rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")]
    check(any(row.startswith("削除") and "kunai-shochugakko-sodan-jian" in row for row in rows),
          "the deadline is listed as removed")
    check(any(row.startswith("変更") and "kunai-shochugakko " in row + " " and "when" in row for row in rows),
          "the awareness work's schedule is listed as changed: %s" % rows)
    check(deadline in text and "完了の記録 1 件" in text, "the orphan is named with its completion")
    no_violations("the preview of an edited plan")
    shot("import-preview-edited", 1280, 2600)
    plan = json.loads(support.fetch(base + "/api/plans/" + plan_id, token))
    check(any(task["id"] == "kunai-shochugakko-sodan-jian" for task in plan["tasks"]),
          "the preview stored nothing: the stored plan still has the deadline")

    # 3. Saved anyway: the warnings stay on the plan page until dealt with; the orphan is listed.
    driver.find_element(By.NAME, "lenient").click()
    support.submit(driver, driver.find_element(By.XPATH, "//button[text()='保存する']"))
    check(driver.current_url == base + "/plans/" + plan_id + "?done=imported", "the edited sheet saved")
    warnings = driver.find_elements(By.ID, "open-warnings")
    check(len(warnings) == 1 and "（夏頃）" in warnings[0].text, "the plan page shows the import's warnings")
    check(deadline in driver.find_element(By.ID, "orphans").get_attribute("textContent"),
          "the plan page lists the orphan's record")
    shot("plan-open-warnings", 1280, 1400)
    support.submit(driver, driver.find_element(By.XPATH, "//button[text()='確認しました']"))
    check(not driver.find_elements(By.ID, "open-warnings"), "dealt with, the warnings are gone")
    check(driver.find_element(By.CSS_SELECTOR, "p.flash").text == "警告を確認済みにしました。",
          "the page says the warnings were marked dealt with")

    # 4. The plan's meeting rule, then a task's owner; a schedule that is no schedule is refused.
    support.submit(driver, driver.find_element(By.LINK_TEXT, "計画の編集"))
    no_violations("/plans/%s/edit" % plan_id)
    driver.find_element(By.ID, "edit-plan-rule").send_keys("第2水曜日 14:00 90分 3階会議室")
    shot("plan-edit")
    support.submit(driver, driver.find_element(By.XPATH, "//button[text()='保存する']"))
    task = "takikankyo-tanto-chushin-3"
    driver.get(base + "/plans/%s/tasks/%s/edit" % (plan_id, task))
    no_violations("the task's edit form")
    when = driver.find_element(By.ID, "edit-when")
    when.clear()
    when.send_keys("（13月）")
    support.submit(driver, driver.find_element(By.XPATH, "//button[text()='保存する']"))
    alert = driver.find_elements(By.CSS_SELECTOR, "[role=alert]")
    check(alert and alert[0].text == "日程：「（13月）」の2文字目の「13」という月はありません（1～12月）。",
          "a bad schedule is refused on the form, in Japanese (%r)" % (alert[0].text if alert else None))
    shot("task-edit-refused", 1280, 1000)
    when = driver.find_element(By.ID, "edit-when")
    when.clear()
    when.send_keys("（12、2月）")
    driver.find_element(By.ID, "edit-owner").send_keys("多機関協働担当")
    support.submit(driver, driver.find_element(By.XPATH, "//button[text()='保存する']"))
    row = driver.find_element(By.ID, "task-" + task)
    check("担当: 多機関協働担当" in row.text, "the task shows its owner (%r)" % row.text)
    # The sheet taken again over those edits changes nothing: the owner and the meeting rule it
    # does not say stay as edited.
    driver.get(base + "/import?plan=" + plan_id)
    driver.find_element(By.ID, "upload-file").send_keys(edited_path)
    support.submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    check("保存済みの改訂と同じです。" in main_text(),
          "the sheet taken again previews as the stored plan, edits kept (%r)" % main_text()[:400])
    driver.get(base + "/plans/" + plan_id)

    # 5. A calendar link made on the account page, its URL shown once; the feed it opens has the
    # meetings timed by the rule: the 2nd Wednesday of December 2026, 14:00.
    driver.get(base + "/account")
    driver.find_element(By.CSS_SELECTOR, 'select[name="feed"] option[value="%s"]' % plan_id).click()
    support.submit(driver, driver.find_element(By.CSS_SELECTOR, 'form[action="/account/subscriptions"] button'))
    shown = driver.find_element(By.ID, "https").text
    check(shown.startswith(base + "/calendars/%s.ics?token=tks_" % plan_id), "the link's URL is shown (%r)" % shown)
    shot("account-link", 1280, 900)
    feed = support.fetch(shown)
    calendar = icalendar.Calendar.from_ical(feed)
    december = [event for event in recurring_ical_events.of(calendar).between((2026, 12, 1), (2027, 1, 1))
                if "会議の開催" in str(event.get("SUMMARY"))]
    starts = [event.decoded("DTSTART").isoformat() for event in december]
    check(starts == ["2026-12-09T14:00:00+09:00"], "the December meeting is timed in the feed: %s" % starts)
    check(december and str(december[0].get("LOCATION")) == "3階会議室", "with its place")

    # 6. The December meeting done with a note; the note reaches 様式4's 後期.
    driver.get(base + "/plans/" + plan_id)
    record(plan_id + "/takikankyo-tanto-chushin/2026-12", "12名参加")
    driver.get(base + "/plans/%s/form?period=%s" % (plan_id, urllib.parse.quote("後期")))
    check("12月 12名参加" in main_text(), "the note is in 様式4's 後期")
    shot("form-with-note", 1280, 1800)

    # 7. A progress note edited, and a KPI figure entered, on the plan page.
    driver.get(base + "/plans/" + plan_id)
    notes = [note for note in driver.find_elements(By.CSS_SELECTOR, "li[id^=note-]")
             if note.find_elements(By.CSS_SELECTOR, 'form[action$="/actions/editnote"]')]
    if check(notes, "the sheet's progress lines are stored notes an editor can edit"):
        note_id = notes[0].get_attribute("id")
        notes[0].find_element(By.TAG_NAME, "summary").click()
        text = notes[0].find_element(By.NAME, "text")
        text.clear()
        text.send_keys("多機関協働のための会議を4月・6月に開催（12名・9名参加）")
        support.submit(driver, notes[0].find_element(By.CSS_SELECTOR, 'form[action$="/actions/editnote"] button'))
        check(driver.find_element(By.ID, note_id).text.startswith("☑多機関協働のための会議を4月・6月に開催（12名・9名参加）"),
              "the note shows its new text")
    kpi_form = driver.find_element(By.CSS_SELECTOR, 'form[action$="/actions/kpi"]')
    kpi_form.find_element(By.XPATH, "./ancestor::details").find_element(By.TAG_NAME, "summary").click()
    kpi_form.find_element(By.NAME, "value").send_keys("14.0")
    support.submit(driver, kpi_form.find_element(By.TAG_NAME, "button"))
    check("実績値: 14（人口10万人当たり自殺者数）" in main_text(), "the KPI figure is on the plan page")
    shot("plan-after-day", 1280, 2600)
    driver.get(base + "/plans/%s/history" % plan_id)
    history = main_text()
    check("計画の編集" in history and "警告を確認済み" in history and "計画の取り込み" in history,
          "the history page lists the day's imports and edits")
    no_violations("the history page")
    shot("history-after-day", 1280, 1800)

    # 8. The directory: the owner given in step 4 is in no one's list, so its reminders go nowhere;
    # an admin adds it on the directory page (a line that is no address refused first, with its
    # line), and the plan's upcoming reminders go to its people.
    driver.get(base + "/plans/" + plan_id)
    reminders = driver.find_element(By.ID, "reminders").find_element(By.XPATH, "..").text
    check("東 花子" not in reminders, "without a directory, no reminder goes to the owner's people")
    check("次の担当は「担当と宛先」の名簿になく、その項目のリマインダーは送られません：「多機関協働担当」" in reminders,
          "the plan page says which owner gets no reminders (%r)" % reminders[:300])
    support.submit(driver, driver.find_element(By.LINK_TEXT, "担当と宛先"))
    check(driver.current_url == base + "/directory", "the header links the directory")
    text = main_text()
    check("名簿にない担当" in text and "多機関協働担当" in text and "宛先がないため、リマインダーは送られません。" in text,
          "the directory page names the plan's owner it lacks, and says it gets no reminders")
    no_violations("/directory, empty")
    shot("directory-empty", 1280, 1000)

    def add_owner(owner, recipients, escalation=""):
        owner_box = driver.find_element(By.ID, "directory-new-owner")
        form = owner_box.find_element(By.XPATH, "./ancestor::form")
        owner_box.send_keys(owner)
        form.find_element(By.NAME, "recipients").send_keys(recipients)
        form.find_element(By.NAME, "escalation").send_keys(escalation)
        support.submit(driver, form.find_element(By.TAG_NAME, "button"))

    add_owner("多機関協働担当", "東 花子 <hanako@example.org>\n東 花子")
    check("宛先の2行目「東 花子」はメールアドレスとして読めません。" in main_text(),
          "a line that is no address is refused with its line (%r)" % main_text())
    no_violations("a refused directory entry")
    driver.get(base + "/directory")
    add_owner("多機関協働担当", "東 花子 <hanako@example.org>\ntakikan@example.org",
              "地域福祉課長 <chiiki-fukushi@example.org>")
    check(driver.current_url == base + "/directory?done=saved", "saved, back on the directory page")
    check(driver.find_element(By.CSS_SELECTOR, "p.flash").text == "保存しました。", "the page says it was saved")
    text = main_text()
    check("東 花子 <hanako@example.org>" in text and "<takikan@example.org>" in text
          and "地域福祉課長 <chiiki-fukushi@example.org>" in text, "the entry lists its people in order")
    check("宛先がないため" not in text and "名簿にない担当\n" not in text, "no owner of the plan is missing now")
    no_violations("/directory")
    shot("directory", 1280, 1200)
    stored = json.loads(support.fetch(base + "/api/directory", token))
    check([person["email"] for person in stored["owners"].get("多機関協働担当", {}).get("recipients", [])]
          == ["hanako@example.org", "takikan@example.org"], "the API reads the same directory: %s" % stored)
    driver.get(base + "/plans/" + plan_id)
    reminders = driver.find_element(By.ID, "reminders").find_element(By.XPATH, "..").text
    check("東 花子" in reminders, "the plan's reminders now go to the owner's people (%r)" % reminders[:300])
    check("名簿になく" not in reminders, "and no longer warns")

    # English.
    for path, name in [("/import", "import-en"), ("/plans/%s/edit" % plan_id, "plan-edit-en"),
                       ("/plans/%s/tasks/%s/edit" % (plan_id, task), "task-edit-en"),
                       ("/directory", "directory-en")]:
        driver.get(base + path + "?lang=en")
        check('lang="en"' in driver.page_source, "%s in English" % path)
        no_violations(path + " in English")
        shot(name, 1280, 1000)
    driver.get(base + "/?lang=ja")
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait(timeout=10)
check.finish()
