#!/usr/bin/env python3
"""The dashboard as a person uses it, in headless Chromium driven by Selenium (Debian's chromium,
chromium-driver, python3-selenium, fonts-noto-cjk): sign in with a token, open the overview and a
plan page, mark an occurrence done through its form, and see the page and the feed change.
Screenshots go to OUT_DIR. Exits 77 (skipped) when the browser or its driver is missing.

usage: browser_test.py TORIKUMI SOURCE_DIR OUT_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

torikumi, source_dir, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_support as support  # noqa: E402
from browser_support import fetch, left_behind  # noqa: E402

support.require_browser("browser_test")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

check = support.Checks("browser_test")


os.makedirs(out_dir, exist_ok=True)
scratch = tempfile.mkdtemp()
with open(os.path.join(source_dir, "examples/higashi/plan.json"), encoding="utf-8") as file:
    hostile = json.load(file)
hostile["id"] = "hostile"
hostile["initiative"] = "<script>alert(1)</script>"
hostile_path = os.path.join(scratch, "hostile.json")
with open(hostile_path, "w", encoding="utf-8") as file:
    json.dump(hostile, file, ensure_ascii=False)

env = dict(os.environ, TORIKUMI_NOW="2026-09-01T09:00:00+09:00")
server, base, token, announced = support.start_server(
    torikumi, ["--db", os.path.join(scratch, "b.db"), os.path.join(source_dir, "tests/data/sheets/higashi.txt"),
               hostile_path], env)
driver = None
try:
    feeds = re.findall(r"feed: (http://\S+\?token=tks_\S+)", announced)
    if len(feeds) < 2:
        print("browser_test: the server printed no feed for each plan:\n" + announced, file=sys.stderr)
        sys.exit(1)
    plan_id = [plan["id"] for plan in json.loads(fetch(base + "/api/plans", token)) if plan["id"] != "hostile"][0]
    feed_url = [url for url in feeds if "/calendars/" + plan_id + ".ics" in url][0]

    driver = support.start_browser(scratch, console_log=True)  # the log: CSP reports

    def arrived_at(url):
        """True once the browser's navigation (a form's 303) has landed on `url`, within 10 s."""
        try:
            WebDriverWait(driver, 10).until(expected_conditions.url_to_be(url))
            return True
        except Exception:
            return False

    def shot(name, width, height):
        driver.set_window_size(width, height)
        time.sleep(0.2)
        driver.save_screenshot(os.path.join(out_dir, name + ".png"))

    # Signing in: the dashboard sends to the sign-in form; a token takes the visitor back.
    driver.get(base + "/plans/" + plan_id)
    check("/signin" in driver.current_url, "a page without a session opens the sign-in form")
    shot("signin", 1280, 700)
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.ID, "sign-in").click()
    check(arrived_at(base + "/plans/" + plan_id), "signed in, back on the plan page (%s)" % driver.current_url)
    cookies = {cookie["name"]: cookie for cookie in driver.get_cookies()}
    session = cookies.get("torikumi_session", {})
    check(session.get("httpOnly") and session.get("sameSite") == "Strict", "the session cookie is HttpOnly, SameSite=Strict")

    driver.get(base + "/")
    check("重要取組の進捗" in driver.page_source, "the overview in Japanese")
    shot("overview", 1280, 1400)
    shot("overview-phone", 390, 2400)

    # Marking the December meeting done through its form.
    feed_before = fetch(feed_url)
    driver.get(base + "/plans/" + plan_id)
    meetings = json.loads(fetch(base + "/api/plans/%s/occurrences?kind=meeting&status=planned" % plan_id, token))
    occurrence = [o["id"] for o in meetings["occurrences"] if o["due"] > "2026-09-01"][0]
    details = driver.find_elements(By.CSS_SELECTOR, 'details.edit[data-occurrence="%s"]' % occurrence)
    check(len(details) == 1, "the meeting has its forms")
    if details:
        details[0].find_element(By.TAG_NAME, "summary").click()
        form = details[0].find_element(By.CSS_SELECTOR, 'form[action$="/actions/done"]')
        form.find_element(By.NAME, "note").send_keys("ブラウザから記録")
        shot("plan-form-open", 1280, 2600)
        before_click = driver.find_element(By.TAG_NAME, "html")
        form.find_element(By.TAG_NAME, "button").click()
        WebDriverWait(driver, 10).until(left_behind(before_click))
        check(arrived_at(base + "/plans/" + plan_id + "?done=recorded"), "the form comes back to the plan page")
        flash = driver.find_elements(By.CSS_SELECTOR, "p.flash[role=status]")
        check(flash and flash[0].text == "記録しました。", "the page says the form recorded")
        chip = driver.find_element(By.CSS_SELECTOR, 'span.tag[title="%s"]' % occurrence)
        check("完了" in chip.text, "the page shows the meeting done (%r)" % chip.text)
        check("done" in chip.get_attribute("class"), "the chip is coloured done")
        undo = driver.find_elements(By.CSS_SELECTOR, 'details.edit[data-occurrence="%s"] form[action$="/actions/undo"]'
                                    % occurrence)
        check(len(undo) == 1, "a done meeting offers undo")
    feed_after = fetch(feed_url)
    check(feed_after != feed_before, "the feed changed after the form")
    check(b"\xe2\x9c\x93" in feed_after, "the feed shows the meeting done with a check mark")
    shot("plan", 1280, 2600)
    shot("plan-phone", 390, 3600)
    driver.get(base + "/plans/" + plan_id + "?lang=en")
    check('lang="en"' in driver.page_source and "Mark done" in driver.page_source, "the plan page in English")
    shot("plan-en", 1280, 1600)
    driver.get(base + "/plans/" + plan_id + "/form?lang=ja")
    shot("form", 1280, 1800)

    # The 様式4 page's print button: its script (the page's only one, allowed by its CSP) shows it
    # in place of the hint to use the browser's print, and a click prints.
    button = driver.find_elements(By.CSS_SELECTOR, "button.print")
    check(len(button) == 1 and button[0].is_displayed(), "the form's print button shows once its script runs")
    hint = driver.find_elements(By.CSS_SELECTOR, ".print-hint")
    check(len(hint) == 1 and not hint[0].is_displayed(), "the hint to use the browser's print gives way to it")
    if button:
        driver.execute_script("window.printed = 0; window.print = () => { window.printed += 1; };")
        button[0].click()
        check(driver.execute_script("return window.printed") == 1, "the print button opens the print dialog")
    check(not [entry for entry in driver.get_log("browser") if "Content Security Policy" in entry.get("message", "")],
          "the form page breaks no Content-Security-Policy rule")

    # The note the meeting was marked done with reaches 進捗の状況 of its period, beside its task.
    if details:
        driver.get(base + "/plans/%s/form?period=%%E5%%BE%%8C%%E6%%9C%%9F" % plan_id)  # 後期
        line = "：%d月 ブラウザから記録" % int(occurrence[-2:])
        check(line in driver.find_element(By.TAG_NAME, "main").text, "the form of 後期 says %r" % line)

    # axe-core (below), also run on the page a deleted note's form answers, which no GET opens.
    axe_path = next((path for path in [os.environ.get("TORIKUMI_AXE_JS", ""),
                                       "/usr/local/lib/node_modules/axe-core/axe.min.js",
                                       "/usr/lib/node_modules/axe-core/axe.min.js"]
                     if path and os.path.exists(path)), None)
    axe = None
    if axe_path:
        with open(axe_path, encoding="utf-8") as file:
            axe = file.read()

    def axe_violations():
        """axe-core's WCAG 2 A and AA violations on the page shown."""
        driver.execute_script(axe)
        return driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            ".then(result => done(result.violations.map(v => v.id + ': ' +"
            " v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))));")

    # Progress notes edited and deleted on the plan page, a KPI figure entered, and the history
    # that records each change.
    def post_api(path, document):
        request = urllib.request.Request(base + path, data=json.dumps(document).encode(), method="POST",
                                         headers={"Authorization": "Bearer " + token,
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    to_edit = post_api("/api/plans/%s/notes" % plan_id, {"period": "中期", "text": "ブラウザで直す記入"})["id"]
    to_delete = post_api("/api/plans/%s/notes" % plan_id, {"period": "中期", "text": "ブラウザで消す記入"})["id"]
    driver.set_window_size(1280, 1400)
    driver.get(base + "/plans/" + plan_id + "?lang=ja")
    note = driver.find_element(By.ID, "note-%d" % to_edit)
    note.find_element(By.TAG_NAME, "summary").click()
    textarea = note.find_element(By.NAME, "text")
    check(textarea.get_attribute("value") == "ブラウザで直す記入", "the edit form holds the note's text")
    textarea.clear()
    textarea.send_keys("ブラウザで直した記入")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", note)
    driver.save_screenshot(os.path.join(out_dir, "note-edit-open.png"))
    before_click = driver.find_element(By.TAG_NAME, "html")
    note.find_element(By.CSS_SELECTOR, 'form[action$="/actions/editnote"] button').click()
    WebDriverWait(driver, 10).until(left_behind(before_click))
    check(arrived_at(base + "/plans/%s?done=saved#note-%d" % (plan_id, to_edit)), "the edit comes back to the note (%s)" % driver.current_url)
    check(driver.find_element(By.ID, "note-%d" % to_edit).text.startswith("☑ブラウザで直した記入"),
          "the page shows the note's new text (%r)" % driver.find_element(By.ID, "note-%d" % to_edit).text)
    before_click = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, '#note-%d form[action$="/actions/deletenote"] button' % to_delete).click()
    WebDriverWait(driver, 10).until(left_behind(before_click))
    main_text = driver.find_element(By.TAG_NAME, "main").text
    check("進捗の記入を削除しました" in main_text and "ブラウザで消す記入" in main_text,
          "the page after a deletion says what was deleted (%r)" % main_text[:200])
    shot("note-deleted", 1280, 700)
    if axe:
        violations = axe_violations()
        check(not violations, "axe-core finds no WCAG 2 A/AA violation on the deleted note's page: %s" % violations)
    driver.get(base + "/plans/" + plan_id)
    check(len(driver.find_elements(By.ID, "note-%d" % to_delete)) == 0, "the deleted note left the plan page")

    kpi_form = driver.find_element(By.CSS_SELECTOR, 'form[action$="/actions/kpi"]')
    kpi_details = kpi_form.find_element(By.XPATH, "./ancestor::details")
    kpi_details.find_element(By.TAG_NAME, "summary").click()
    year = kpi_form.find_element(By.CSS_SELECTOR, 'select[name="year"] option:checked')
    check(year.get_attribute("value") == "2026", "the KPI form's year is the plan's fiscal year by default")
    kpi_form.find_element(By.NAME, "value").send_keys("14.1")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", kpi_form)
    driver.save_screenshot(os.path.join(out_dir, "kpi-form-open.png"))
    before_click = driver.find_element(By.TAG_NAME, "html")
    kpi_form.find_element(By.TAG_NAME, "button").click()
    WebDriverWait(driver, 10).until(left_behind(before_click))
    kpi_row = driver.find_element(By.CSS_SELECTOR, "tr.kpi")
    check(re.search(r"実績値: 14\.1\S* \(2026年度\)", kpi_row.text) is not None,
          "the plan page shows the KPI figure (%r)" % kpi_row.text)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", kpi_row)
    driver.save_screenshot(os.path.join(out_dir, "kpi.png"))

    driver.get(base + "/plans/%s/history" % plan_id)
    history = driver.find_element(By.TAG_NAME, "main").text
    for words in ["進捗の記入を削除", "進捗の記入を編集", "KPIの実績値を記録", "完了を記録", "計画の取り込み",
                  "「ブラウザで直す記入」 → 「ブラウザで直した記入」"]:
        check(words in history, "the history page says %s" % words)
    check(re.search(r"2026年9月1日\(火\) \d+:\d\d", history) is not None, "the history's times are in Japanese")
    shot("history", 1280, 1400)
    driver.get(base + "/plans/%s/history?lang=en" % plan_id)
    history = driver.find_element(By.TAG_NAME, "main").text
    check("progress note edited" in history and "Tue 1 Sep 2026" in history, "the history page in English")
    shot("history-en", 1280, 1400)
    driver.get(base + "/plans/%s?lang=ja" % plan_id)
    link = driver.find_element(By.CSS_SELECTOR, 'a.history[title="%s"]' % occurrence)
    link.click()
    check(arrived_at(base + "/plans/%s/history?occurrence=%s" % (plan_id, urllib.parse.quote(occurrence, safe=""))),
          "a chip's history link opens its occurrence's history (%s)" % driver.current_url)
    check("完了を記録" in driver.find_element(By.TAG_NAME, "main").text, "the occurrence's history has its completion")
    shot("history-occurrence", 1280, 900)

    # The agencies page: the example agencies imported beside the running server, then an admin
    # adds a member in a blank row, and an address that is none is refused in Japanese.
    imported = subprocess.run([torikumi, "agency", "import", os.path.join(source_dir, "examples/agencies.json"),
                               "--db", os.path.join(scratch, "b.db"), "--by", "browser_test"],
                              capture_output=True, text=True)
    check(imported.returncode == 0, "the example agencies import (%r)" % imported.stderr)
    driver.set_window_size(1280, 1400)
    driver.get(base + "/agencies?lang=ja")
    cards = driver.find_elements(By.CSS_SELECTOR, "main section.card h2")
    check(any(card.text.startswith("東区地域包括支援センター") and "地域包括支援センター" in card.text for card in cards),
          "the agencies page lists the centre with its kind in Japanese")
    check(any("（退任）" in row.text and "大野 健" in row.text
              for row in driver.find_elements(By.CSS_SELECTOR, "table.members tr.former")),
          "a former member is shown as former")
    shot("agencies", 1280, 2000)
    section = [card for card in driver.find_elements(By.CSS_SELECTOR, "main section.card")
               if card.find_element(By.TAG_NAME, "h2").text.startswith("東区地域包括支援センター")][0]
    section.find_element(By.TAG_NAME, "summary").click()
    form = section.find_element(By.CSS_SELECTOR, 'form[action="/agencies/save"]')
    blank = [row for row in form.find_elements(By.CSS_SELECTOR, "div.member-row")
             if not row.find_element(By.CSS_SELECTOR, "input[type=email]").get_attribute("value")][0]
    blank.find_element(By.CSS_SELECTOR, "input:not([type])").send_keys("新 メンバー")
    blank.find_element(By.CSS_SELECTOR, "input[type=email]").send_keys("new@houkatsu-higashi.example.jp")
    shot("agency-edit-open", 1280, 2000)
    support.submit(driver, form.find_element(By.CSS_SELECTOR, "button"))
    check(driver.current_url.endswith("/agencies?done=saved"), "the agency is saved (%s)" % driver.current_url)
    check("new@houkatsu-higashi.example.jp" in driver.find_element(By.TAG_NAME, "main").text,
          "the new member is listed")
    section = [card for card in driver.find_elements(By.CSS_SELECTOR, "main section.card")
               if card.find_element(By.TAG_NAME, "h2").text.startswith("東区地域包括支援センター")][0]
    section.find_element(By.TAG_NAME, "summary").click()
    form = section.find_element(By.CSS_SELECTOR, 'form[action="/agencies/save"]')
    email = form.find_elements(By.CSS_SELECTOR, "input[type=email]")[0]
    driver.execute_script("arguments[0].type = 'text'; arguments[0].value = 'nakamura at houkatsu';", email)
    support.submit(driver, form.find_element(By.CSS_SELECTOR, "button"))
    text = driver.find_element(By.TAG_NAME, "main").text
    check("agency.members[0].email：「nakamura at houkatsu」はメールアドレスとして使えません。" in text
          and not driver.find_elements(By.CSS_SELECTOR, 'main [lang="en"]'),
          "an address that is none is refused in Japanese (%r)" % text)
    shot("agency-refused", 1280, 900)
    driver.get(base + "/agencies?lang=en")
    check("Community support centre" in driver.find_element(By.TAG_NAME, "main").text, "the agencies page in English")
    shot("agencies-en", 1280, 2000)
    driver.get(base + "/agencies?lang=ja")

    # A phone: no page scrolls sideways at 390 CSS px (the 様式4 sheet is 186 mm wide in print).
    for name, path in [("form-phone", "/plans/%s/form" % plan_id), ("plan-phone-width", "/plans/" + plan_id),
                       ("overview-phone-width", "/"), ("overdue-phone", "/plans/hostile/overdue"),
                       ("form-phone-en", "/plans/%s/form?lang=en" % plan_id),
                       ("overdue-phone-en", "/plans/hostile/overdue?lang=en"),
                       ("history-phone", "/plans/%s/history?lang=ja" % plan_id),
                       ("directory-phone", "/directory?lang=ja"), ("agencies-phone", "/agencies?lang=ja")]:
        driver.set_window_size(390, 900)
        driver.get(base + path)
        widths = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        check(widths[0] <= widths[1], "%s does not scroll sideways at 390 px (document %d px, window %d px)"
              % (path, widths[0], widths[1]))
        height = driver.execute_script("return document.documentElement.scrollHeight")
        shot(name, 390, min(height + 120, 4000))

    # The overdue page: every overdue item, narrowed by a GET form; a value it does not know is a
    # 400 page that says so.
    driver.set_window_size(1280, 1400)
    # (The example plan, loaded as "hostile", has owners and, on 1 September, seven items overdue.)
    driver.get(base + "/plans/hostile/overdue?lang=ja")
    items = driver.find_elements(By.CSS_SELECTOR, "main ul.plain > li")
    check(len(items) > 5, "the overdue page lists the plan's overdue items (%d)" % len(items))
    shot("overdue", 1280, 1400)
    driver.find_element(By.CSS_SELECTOR, 'select[name="kind"] option[value="meeting"]').click()
    before_click = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(driver, 10).until(left_behind(before_click))
    narrowed = driver.find_elements(By.CSS_SELECTOR, "main ul.plain > li")
    check("kind=meeting" in driver.current_url and 0 < len(narrowed) < len(items),
          "the filter form narrows the list to the meetings (%d of %d)" % (len(narrowed), len(items)))
    link = driver.find_element(By.CSS_SELECTOR, "main ul.plain > li a")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    check(arrived_at(base + "/plans/hostile#" + target), "an overdue item links to the plan page")
    check(len(driver.find_elements(By.ID, urllib.parse.unquote(target))) == 1, "on the item's own chip (#%s)" % target)
    driver.get(base + "/plans/hostile/overdue?period=%E5%A4%8F%E6%9C%9F&lang=en")
    check('period: expected 前期, 中期 or 後期, got "夏期"' in driver.find_element(By.TAG_NAME, "main").text,
          "an unknown period is answered with a page that says so")

    # The account page, linked from the header: the visitor's tokens and calendar links. A link
    # made there is shown once with its full URL and copy buttons; the feed answers with it until
    # it is revoked there.
    driver.set_window_size(1280, 1200)
    driver.get(base + "/?lang=ja")
    who = driver.find_element(By.CSS_SELECTOR, "header a.who")
    check(who.text == "first admin", "the header names the visitor (%r)" % who.text)
    who.click()
    check(arrived_at(base + "/account"), "the header links to the account page (%s)" % driver.current_url)
    check("サインイン中のトークン" in driver.find_element(By.TAG_NAME, "main").text, "the account page lists the visitor's token")
    shot("account", 1280, 1200)
    driver.find_element(By.CSS_SELECTOR, 'select[name="feed"] option[value="%s"]' % plan_id).click()
    driver.find_element(By.CSS_SELECTOR, 'form[action="/account/subscriptions"] input[name="label"]').send_keys("ブラウザのカレンダー")
    before_click = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, 'form[action="/account/subscriptions"] button').click()
    WebDriverWait(driver, 10).until(left_behind(before_click))
    shown = driver.find_element(By.ID, "https").text
    webcal = driver.find_element(By.ID, "webcal").text
    check(re.fullmatch(re.escape(base) + r"/calendars/%s\.ics\?token=tks_[A-Za-z0-9_-]{43}" % re.escape(plan_id), shown),
          "the new link's full URL is shown (%r)" % shown)
    check(webcal == "webcal://" + shown[len("http://"):], "and its webcal:// form (%r)" % webcal)
    copy = driver.find_elements(By.CSS_SELECTOR, 'button.copy[data-copy="https"]')
    check(len(copy) == 1 and copy[0].is_displayed(), "the copy button shows once its script runs")
    shot("account-link-made", 1280, 900)
    if copy:
        copy[0].click()
        WebDriverWait(driver, 5).until(lambda _driver: copy[0].text != "コピー")
        check(copy[0].text == "コピーしました", "the copy button says it copied (%r)" % copy[0].text)
    check(not [entry for entry in driver.get_log("browser") if "Content Security Policy" in entry.get("message", "")],
          "the page that shows the link breaks no Content-Security-Policy rule")
    with urllib.request.urlopen(shown, timeout=10) as answer:
        check(answer.status == 200 and answer.headers["Content-Type"].startswith("text/calendar"),
              "the feed answers with the new link (%s, %s)" % (answer.status, answer.headers["Content-Type"]))
    driver.get(base + "/account")
    links = driver.find_elements(By.CSS_SELECTOR, 'form[action^="/account/subscriptions/"] button')
    check(len(links) == 1, "the account page lists the link made there (%d)" % len(links))
    check("ブラウザのカレンダー" in driver.find_element(By.TAG_NAME, "main").text, "with its label")
    shot("account-with-link", 1280, 1200)
    if links:
        before_click = driver.find_element(By.TAG_NAME, "html")
        links[0].click()
        WebDriverWait(driver, 10).until(left_behind(before_click))
        check(arrived_at(base + "/account"), "revoking comes back to the account page")
        check(not driver.find_elements(By.CSS_SELECTOR, 'form[action^="/account/subscriptions/"]'),
              "the revoked link is no longer listed")
    try:
        urllib.request.urlopen(shown, timeout=10)
        check(False, "the revoked link no longer opens the feed")
    except urllib.error.HTTPError as refused:
        check(refused.code in (401, 404), "the revoked link no longer opens the feed (%d)" % refused.code)

    # A path that names nothing: a page in the visitor's language; the API keeps JSON.
    for lang, heading in [("ja", "見つかりません"), ("en", "Not found")]:
        driver.get(base + "/no/such/page?lang=" + lang)
        check(driver.find_element(By.TAG_NAME, "h1").text == heading and 'lang="%s"' % lang in driver.page_source,
              "an unknown path is a page in %s (%r)" % (lang, driver.find_element(By.TAG_NAME, "h1").text))
        shot("missing-" + lang, 1280, 700)
    try:
        fetch(base + "/no/such/page?lang=ja", token)
        check(False, "an unknown path is 404")
    except urllib.error.HTTPError as missing:
        body = missing.read().decode()
        check(missing.code == 404 and missing.headers["Content-Type"].startswith("text/html")
              and "ページ「/no/such/page」はありません。" in body, "an unknown path is a 404 page that says so")
    try:
        fetch(base + "/api/no/such", token)
        check(False, "an unknown API path is 404")
    except urllib.error.HTTPError as missing:
        check(missing.code == 404 and missing.headers["Content-Type"].startswith("application/json"),
              "an unknown API path keeps its JSON 404 (%s)" % missing.headers["Content-Type"])
    driver.get(base + "/plans/nope?lang=ja")
    check("取組「nope」はありません。" in driver.find_element(By.TAG_NAME, "main").text, "an unknown plan says so in Japanese")

    # Accessibility: axe-core's WCAG 2 A and AA rules on every page, in both languages and at both
    # widths, signed in as an editor (so with the forms). scripts/install-deps.sh installs npm's
    # axe-core; TORIKUMI_AXE_JS may name another axe.min.js.
    check(axe is not None, "axe-core is installed (scripts/install-deps.sh, or TORIKUMI_AXE_JS)")
    if axe:
        pages = ["/", "/plans/" + plan_id, "/plans/hostile", "/plans/hostile/overdue",
                 "/plans/hostile/overdue?kind=x", "/plans/%s/form" % plan_id,
                 "/plans/%s/history" % plan_id,
                 "/plans/%s/history?occurrence=%s" % (plan_id, urllib.parse.quote(occurrence, safe="")),
                 "/plans/%s/history?page=x" % plan_id,
                 "/account", "/directory", "/agencies", "/no/such/page", "/plans/nope"]
        for path in pages:
            for lang in ["ja", "en"]:
                for width in [1280, 390]:
                    driver.set_window_size(width, 1000)
                    driver.get(base + path + ("&" if "?" in path else "?") + "lang=" + lang)
                    violations = axe_violations()
                    check(not violations, "axe-core finds no WCAG 2 A/AA violation on %s (%s, %d px): %s"
                          % (path, lang, width, violations))

    # The hostile plan: its title is text, no script element was built.
    driver.get(base + "/plans/hostile")
    check(len(driver.find_elements(By.TAG_NAME, "script")) == 0, "the hostile plan built no script element")
    check("<script>alert(1)</script>" in driver.find_element(By.TAG_NAME, "h1").text, "the hostile title shows as text")

    # Signing out ends the session.
    before_click = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, 'form[action="/signout"] button').click()
    WebDriverWait(driver, 10).until(left_behind(before_click))
    driver.get(base + "/")
    check("/signin" in driver.current_url, "signed out")

    for name in ["signin", "overview", "overview-phone", "plan", "plan-phone", "plan-en", "form", "plan-form-open",
                 "form-phone", "overdue", "overdue-phone", "note-edit-open", "note-deleted", "kpi-form-open", "kpi",
                 "history", "history-en", "history-occurrence", "history-phone",
                 "account", "account-link-made", "account-with-link", "missing-ja", "missing-en",
                 "agencies", "agencies-en", "agency-edit-open", "agency-refused", "agencies-phone"]:
        size = os.path.getsize(os.path.join(out_dir, name + ".png")) if os.path.exists(os.path.join(out_dir, name + ".png")) else 0
        check(size > 10000, "%s.png is not blank (%d bytes)" % (name, size))
finally:
    if driver:
        driver.quit()
    server.terminate()
    code = server.wait(timeout=15)
    check(code == 0, "the server exits 0 on SIGTERM (got %s)" % code)
    shutil.rmtree(scratch, ignore_errors=True)

print("browser_test: screenshots in %s" % out_dir)
check.finish()
