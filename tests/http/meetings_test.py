#!/usr/bin/env python3
"""End to end: a meeting convened through `torikumi serve` and a webhook receiver.

The June multi-agency meeting of the Higashi plan is sent to its five agencies; answers come back
as each channel brings them (an Outlook-shaped REPLY, a Google-shaped one with a comment through
SendGrid's form, the web link, a phone answer the office records, a COUNTER through Mailgun's
signed form); the office declines the counter, moves the meeting and cancels another. After each
step the state on the meeting page is checked, and every message the gateway receives is read
with Python's email package and python3-icalendar (METHOD, UID, SEQUENCE, the Reply-To).

The meeting page and the answer page are then opened in headless Chromium (when installed), at
desk and phone widths in both languages, checked with axe-core's WCAG 2 A/AA rules and shot.

usage: meetings_test.py TORIKUMI SOURCE_DIR [SCREENSHOT_DIR]
"""
import base64
import email
import email.policy
import hashlib
import hmac
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import dateutil.rrule
import icalendar

torikumi, source_dir = sys.argv[1], sys.argv[2]
screenshots = sys.argv[3] if len(sys.argv) > 3 else None
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_support  # noqa: E402
import webhook_support  # noqa: E402
failures = []
checks_run = [0]

JUNE = "higashi-kyosei/multi-agency-meeting/2026-06"
AUGUST = "higashi-kyosei/multi-agency-meeting/2026-08"
OCTOBER = "higashi-kyosei/multi-agency-meeting/2026-10"
INBOUND_SECRET = "inbound-secret-for-the-meetings-test-0123456789"
MAILGUN_KEY = "key-mailgun-signing-for-tests"
SECRET = base64.b64encode(b"torikumi-meetings-test-secret-32").decode()


def check(condition, what):
    checks_run[0] += 1
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def request(port, method, path, body=None, headers=None, token=None, cookie=None):
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = "Bearer " + token
    if cookie:
        headers["Cookie"] = cookie
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def invitations(after=0):
    """The invitation payloads received, from the `after`th on."""
    return [payload for _, _, payload in receiver.deliveries()
            if payload["type"].startswith("invitation.")][after:]


def wait_for(count, after):
    for _ in range(300):
        if len(invitations(after)) >= count:
            break
        time.sleep(0.1)
    return invitations(after)


def read_payload(payload, method, sequence, what):
    """Checks one payload's message and calendar with other implementations; returns the calendar."""
    message = email.message_from_string(payload["message"]["raw"], policy=email.policy.default)
    check(message.get_content_type() == "multipart/mixed", what + ": multipart/mixed")
    parts = [part.get_content_type() for part in message.walk()]
    check(parts[:5] == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"],
          what + ": the MIME layout (%r)" % parts)
    calendar_part = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    check(calendar_part.get_param("method") == method, what + ": method=%s on the part" % method)
    calendar = icalendar.Calendar.from_ical(calendar_part.get_content())
    check(str(calendar["METHOD"]) == method, what + ": METHOD:%s" % method)
    event = calendar.walk("VEVENT")[0]
    check(int(event["SEQUENCE"]) == sequence, what + ": SEQUENCE %d (%s)" % (sequence, event.get("SEQUENCE")))
    check(str(event["UID"]) == JUNE + "@invitations.higashi.example.jp" or str(event["UID"]).startswith(AUGUST),
          what + ": the invitation's UID")
    check("ORGANIZER" in event and "mailto:jimukyoku@higashi.example.jp" in str(event["ORGANIZER"]).lower(),
          what + ": ORGANIZER is the office's mailbox")
    reply_to = message["Reply-To"]
    check(reply_to is not None and re.search(r"rsvp\+[a-z0-9]{32}@higashi\.example\.jp", str(reply_to)),
          what + ": Reply-To is the invitation's rsvp+TOKEN@ address")
    check(payload["calendar"]["method"] == method and payload["invitation"]["sequence"] == sequence,
          what + ": the payload says the same")
    return event, str(reply_to.addresses[0].addr_spec) if reply_to else ""


def to_of(payload):
    return payload["recipients"][0]["email"]


def reply_message(reply_to, sender, calendar_text, message_id):
    return ("From: %s\r\nTo: %s\r\nSubject: Accepted\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/alternative; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            "ok\r\n--b1\r\nContent-Type: text/calendar; charset=UTF-8; method=%s\r\n\r\n%s\r\n--b1--\r\n"
            % (sender, reply_to, message_id,
               "COUNTER" if "METHOD:COUNTER" in calendar_text else "REPLY", calendar_text))


def outlook_reply(uid, attendee, partstat, sequence):
    # Outlook/Exchange: no ORGANIZER, the Windows zone name.
    return ("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"
            "BEGIN:VTIMEZONE\r\nTZID:Tokyo Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
            "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
            "BEGIN:VEVENT\r\nATTENDEE;PARTSTAT=%s;CN=中村 美咲:mailto:%s\r\n"
            "DTSTART;TZID=Tokyo Standard Time:20260610T140000\r\nUID:%s\r\nSEQUENCE:%d\r\n"
            "DTSTAMP:20260520T030000Z\r\nEND:VEVENT\r\nEND:VCALENDAR" % (partstat, attendee, uid, sequence))


def google_reply(uid, attendee, partstat, comment, sequence):
    # Google: ORGANIZER kept, the comment in X-RESPONSE-COMMENT, sent from a calendar address.
    return ("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
            "METHOD:REPLY\r\nBEGIN:VEVENT\r\nDTSTART:20260610T050000Z\r\nDTEND:20260610T063000Z\r\n"
            "DTSTAMP:20260520T040000Z\r\nORGANIZER;CN=事務局:mailto:jimukyoku@higashi.example.jp\r\n"
            "UID:%s\r\nATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=%s;CN=%s;\r\n"
            " X-RESPONSE-COMMENT=\"%s\":mailto:%s\r\nSEQUENCE:%d\r\nSTATUS:CONFIRMED\r\n"
            "END:VEVENT\r\nEND:VCALENDAR" % (uid, partstat, attendee, comment, attendee, sequence))


def counter(uid, attendee, sequence):
    # Thunderbird: the organiser ROLE=CHAIR, a proposed time.
    return ("BEGIN:VCALENDAR\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\nVERSION:2.0\r\n"
            "METHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:%s\r\nSEQUENCE:%d\r\nDTSTAMP:20260520T050000Z\r\n"
            "ORGANIZER;ROLE=CHAIR:mailto:jimukyoku@higashi.example.jp\r\n"
            "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:%s\r\n"
            "DTSTART;TZID=Asia/Tokyo:20260611T140000\r\nDTEND;TZID=Asia/Tokyo:20260611T153000\r\n"
            "COMMENT:11日ならば出席できます\r\nEND:VEVENT\r\nEND:VCALENDAR" % (uid, sequence, attendee))


def multipart_form(fields):
    boundary = "----torikumi-test-boundary"
    out = b""
    for name, value in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, name)).encode()
        out += value.encode() + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary


def page_of(port, cookie, occurrence=JUNE):
    response, body = request(port, "GET", "/meetings/" + occurrence, cookie=cookie)
    return response, body.decode()


def row_of(page, name):
    """The participants table's row of a person, its text without tags."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S):
        text = re.sub(r"<[^>]+>", " ", row)
        if name in text:
            return re.sub(r"\s+", " ", text)
    return ""


def participant_reminders(port, token):
    """The rules of the June meeting's upcoming participant reminders, from the API."""
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/reminders", token=token)
    check(response.status == 200, "the plan's reminders are read (%d)" % response.status)
    upcoming = json.loads(body)["upcoming"] if response.status == 200 else []
    return [entry["rule"] for entry in upcoming
            if entry["kind"].startswith("participant-") and entry["occurrence"] == JUNE]


def meeting_starts(feed):
    """The starts a client shows of a feed's meetings (not its actions): each series expanded,
    less its EXDATEs, each instance an override replaces at its own start; ISO text in the
    events' zone."""
    calendar = icalendar.Calendar.from_ical(feed)
    starts, replaced = [], set()
    events = [event for event in calendar.walk("VEVENT") if not str(event["UID"]).startswith("action-")]
    for event in events:
        if event.get("RECURRENCE-ID") is not None:
            replaced.add(event["RECURRENCE-ID"].dt)
    for event in events:
        first = event["DTSTART"].dt
        if event.get("RRULE") is None:
            starts.append(first)
            continue
        rule = dateutil.rrule.rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)
        exdates = event.get("EXDATE", [])
        excluded = {when.dt for each in (exdates if isinstance(exdates, list) else [exdates])
                    for when in each.dts}
        starts.extend(when for when in rule if when not in excluded and when not in replaced)
    return sorted(when.isoformat() for when in starts)


def start(database, config_path, plan_path, now):
    env = dict(os.environ, TORIKUMI_NOW=now)
    process = subprocess.Popen([torikumi, "serve", "--listen", "127.0.0.1:0", "--db", database,
                                "--config", config_path, plan_path],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    first = process.stdout.readline()
    if "listening on http://127.0.0.1:" not in first:
        print(first, process.stderr.read())
        sys.exit(1)
    port = int(first.rsplit(":", 1)[1].strip().rstrip("/"))
    for _ in range(100):
        try:
            response, _ = request(port, "GET", "/healthz")
            if response.status == 200:
                break
        except OSError:
            time.sleep(0.05)
    threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
    return process, port


def sign_in(port, token):
    response, body = request(port, "GET", "/signin")
    pair = response.getheader("Set-Cookie", "").split(";")[0]
    field = re.search(r'name="csrf" value="([^"]+)"', body.decode()).group(1)
    form = urllib.parse.urlencode({"csrf": field, "next": "/", "token": token})
    response, _ = request(port, "POST", "/signin", body=form.encode(),
                          headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": pair})
    return response.getheader("Set-Cookie", "").split(";")[0]


def post_form(port, path, fields, cookie):
    return request(port, "POST", path, body=urllib.parse.urlencode(fields).encode(),
                   headers={"Content-Type": "application/x-www-form-urlencoded"}, cookie=cookie)


def inbound(port, raw, path="/inbound/email/" + INBOUND_SECRET, content_type="message/rfc822"):
    return request(port, "POST", path, body=raw.encode() if isinstance(raw, str) else raw,
                   headers={"Content-Type": content_type})


with tempfile.TemporaryDirectory() as scratch:
    receiver = webhook_support.WebhookReceiver(SECRET)
    config_path = os.path.join(scratch, "config.json")
    with open(config_path, "w", encoding="utf-8") as file:
        json.dump({"webhooks": [{"url": "http://127.0.0.1:%d/hook" % receiver.server_port, "secret": "whsec_" + SECRET}],
                   "meetings": {"organizer": {"name": "東区役所 多機関協働 事務局", "email": "jimukyoku@higashi.example.jp"},
                                "reply_domain": "higashi.example.jp",
                                "inbound": {"secret": INBOUND_SECRET, "mailgun_signing_key": MAILGUN_KEY}},
                   "server": {"require_sign_in": True, "language": "ja"}},
                  file, ensure_ascii=False)
    database = os.path.join(scratch, "meetings.db")
    plan_path = os.path.join(source_dir, "examples/higashi/plan.json")
    env = dict(os.environ, TORIKUMI_NOW="2026-05-20T10:00:00+09:00")
    imported = subprocess.run([torikumi, "agency", "import", os.path.join(source_dir, "examples/agencies.json"),
                               "--db", database], capture_output=True, text=True, env=env)
    check(imported.returncode == 0, "the example agencies are imported (%s)" % imported.stderr)

    process, port = start(database, config_path, plan_path, "2026-05-20T10:00:00+09:00")
    out = "".join(process.stdout.readline() for _ in range(8))
    admin = re.search(r"tkm_[A-Za-z0-9_-]{43}", out)
    check(admin is not None, "the first admin token is printed")
    admin = admin.group(0) if admin else ""
    cookie = sign_in(port, admin)

    # 1. The meeting page before sending: the participants' people, no answers, a send button.
    response, page = page_of(port, cookie)
    check(response.status == 200, "the meeting page opens (%d)" % response.status)
    check("招待はまだ送っていません" in page and "招待を送る" in page, "nothing sent yet, a send button")
    check("会議の種類：定例会議" in page and "守秘義務" not in page, "the page names the meeting's type")
    check("nakamura@houkatsu-higashi.example.jp" in page and "ono@houkatsu-higashi.example.jp" not in page,
          "current members are invited, a former one is not")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)

    # 2. Send: ten people of five agencies get a REQUEST at SEQUENCE 0.
    response, _ = post_form(port, "/meetings/%s/send" % JUNE, {"csrf": csrf, "send": "first"}, cookie)
    check(response.status == 303, "sending answers with a redirect (%d)" % response.status)
    sent = wait_for(10, 0)
    check(len(sent) == 10, "ten invitations reach the gateway (%d)" % len(sent))
    check(all(ok for _, ok, _ in receiver.deliveries()), "every webhook is signed")
    reply_to = {}
    links = {}
    for payload in sent:
        check(payload["type"] == "invitation.request", "a REQUEST (%s)" % payload["type"])
        _, address = read_payload(payload, "REQUEST", 0, "invitation to " + to_of(payload))
        reply_to[to_of(payload)] = address
        links[to_of(payload)] = payload["links"]["answer"]
        check("山田" not in json.dumps(payload, ensure_ascii=False), "nothing personal in the payload")
    uid = JUNE + "@invitations.higashi.example.jp"
    response, page = page_of(port, cookie)
    check("最初の送付" in page and "SEQUENCE 0" in page, "the page says when it was sent")
    check(page.count("送信済み") + page.count("送信待ち") == 10, "the history lists ten messages")
    # The participants' reminders are planned: the API lists one per person a week before, and a
    # nudge to the 事務局 five days before; the plan page one row for each; the CLI each.
    participant = participant_reminders(port, admin)
    check(sorted(participant) == ["participant-nudge-5d"] + ["participant-unanswered-7d"] * 10,
          "ten unanswered reminders and a nudge are upcoming (%r)" % participant)
    response, plan_page = request(port, "GET", "/plans/higashi-kyosei", cookie=cookie)
    plan_page = re.sub(r"\s+", " ", plan_page.decode())
    check(re.search(r"未回答の方へ回答のお願い（会議の7日前）[^<]*→ [^<]*中村 美咲", plan_page) is not None,
          "the plan page shows the unanswered reminder with who it goes to")
    check("事務局へ未回答の機関のお知らせ（会議の5日前）" in plan_page, "and the nudge")
    listed = subprocess.run([torikumi, "remind", "upcoming", "higashi-kyosei", "--config", config_path,
                             "--db", database, "--now", "2026-05-20T10:00:00+09:00"],
                            capture_output=True, text=True)
    check(listed.returncode == 0 and
          re.search(r"2026-06-03T09:00:00\+09:00  participant-unanswered-7d  [^\n]*\n    to nakamura@", listed.stdout),
          "`remind upcoming` lists them (%s%s)" % (listed.stdout[-300:], listed.stderr))

    # 2b. The agenda: an item for everyone from the page, a case item for two agencies through
    # the API, a move; a viewer sees the meeting and the open item but not the case item.
    CASE = "山田太郎さん（仮名）の支援方針"
    response, _ = post_form(port, "/meetings/%s/agenda" % JUNE,
                            {"csrf": csrf, "do": "add", "title": "前回の振り返り", "presenter": "",
                             "minutes": "10", "visibility": "participants"}, cookie)
    check(response.status == 303, "an item is added on the page (%d)" % response.status)
    response, _ = post_form(port, "/meetings/%s/agenda" % JUNE,
                            {"csrf": csrf, "do": "add", "title": "各機関の活動報告", "presenter": "東区地域包括支援センター",
                             "minutes": "20", "visibility": "participants"}, cookie)
    response, body = request(port, "POST", "/api/occurrences/%s/agenda" % JUNE,
                             body=json.dumps({"title": CASE, "presenter": "こども家庭センター", "minutes": 30,
                                              "visibility": "named_agencies",
                                              "agencies": ["こども家庭センター", "東区地域包括支援センター"]},
                                             ensure_ascii=False).encode(),
                             headers={"Content-Type": "application/json"}, token=admin)
    check(response.status == 201, "a case item is added through the API (%d %s)" % (response.status, body[:200]))
    case_id = json.loads(body)["item"]["id"] if response.status == 201 else 0
    response, body = request(port, "POST", "/api/occurrences/%s/agenda" % JUNE,
                             body=json.dumps({"title": "報告", "presenter": "学校連携担当"}).encode(),
                             headers={"Content-Type": "application/json"}, token=admin)
    check(response.status == 422 and "takes no part in this meeting" in body.decode(),
          "a presenter who takes no part is refused (%d %s)" % (response.status, body[:200]))
    response, page = page_of(port, cookie)
    first_item = re.search(r'name="item" value="(\d+)"><button class="secondary" name="do" value="down"', page)
    check(first_item is not None, "the first item has a down button")
    response, _ = post_form(port, "/meetings/%s/agenda" % JUNE,
                            {"csrf": csrf, "do": "down", "item": first_item.group(1) if first_item else "0"}, cookie)
    check(response.status == 303, "an item moves down (%d)" % response.status)
    response, body = request(port, "GET", "/api/occurrences/%s/agenda" % JUNE, token=admin)
    items = json.loads(body)["items"] if response.status == 200 else []
    check([item.get("title") for item in items] == ["各機関の活動報告", "前回の振り返り", CASE],
          "the office sees three items in order (%r)" % [item.get("title") for item in items])
    check(items and items[2]["agencies"] == ["東区地域包括支援センター", "こども家庭センター"],
          "the case item names its agencies in the participants' order")
    made = subprocess.run([torikumi, "token", "create", "--role", "viewer", "--label", "閲覧者", "--db", database],
                          capture_output=True, text=True)
    viewer = re.search(r"tkm_[A-Za-z0-9_-]{43}", made.stdout)
    viewer = viewer.group(0) if viewer else ""
    check(made.returncode == 0 and viewer, "a viewer token is made")
    time.sleep(1.5)  # the server reads tokens made by another process within a second
    response, body = request(port, "GET", "/api/occurrences/%s/agenda" % JUNE, token=viewer)
    check(response.status == 200 and "山田" not in body.decode() and json.loads(body)["items"][2] ==
          {"id": case_id, "position": 3, "visibility": "named_agencies", "withheld": True},
          "a viewer's API read withholds the case item (%d %s)" % (response.status, body[:300]))
    viewer_cookie = sign_in(port, viewer)
    response, viewer_page = page_of(port, viewer_cookie)
    check(response.status == 200 and "前回の振り返り" in viewer_page and "非公開の議題" in viewer_page
          and "山田" not in viewer_page and 'name="do"' not in viewer_page,
          "a viewer's page shows the open items, the case item as restricted, no forms")
    response, page = page_of(port, cookie)
    check(CASE in page and "合計 60分" in page, "the office's page shows the case item and the total")
    # People: a token belongs to a person, whose agencies decide what they see. こども家庭センター's
    # 堺 (a viewer) sees the case item; 基幹相談支援センター's 西田 (an editor) does not, and may not
    # change it; the secretariat sees it without belonging to either agency.
    people_tokens = {}
    for who, role, person in (("kodomo", "viewer", "kodomo-katei@example.org"),
                              ("nishida", "editor", "nishida@kikan-soudan.example.jp"),
                              ("secretariat", "secretariat", None)):
        made = subprocess.run([torikumi, "token", "create", "--role", role, "--db", database]
                              + (["--person", person] if person else []), capture_output=True, text=True)
        found = re.search(r"tkm_[A-Za-z0-9_-]{43}", made.stdout)
        check(made.returncode == 0 and found, "a %s token for %s (%s)" % (role, person, made.stderr))
        people_tokens[who] = found.group(0) if found else ""
    made = subprocess.run([torikumi, "token", "create", "--role", "viewer", "--person", "stranger@example.jp",
                           "--db", database], capture_output=True, text=True)
    check(made.returncode != 0 and "no agency has a member with the address" in made.stderr,
          "a token for an address no agency has is refused (%s)" % made.stderr)
    time.sleep(1.5)
    for who, sees in (("kodomo", True), ("nishida", False), ("secretariat", True)):
        response, body = request(port, "GET", "/api/occurrences/%s/agenda" % JUNE, token=people_tokens[who])
        check(response.status == 200 and (CASE in body.decode()) == sees,
              "%s %s the case item through the API" % (who, "sees" if sees else "does not see"))
        person_page = page_of(port, sign_in(port, people_tokens[who]))[1]
        check((CASE in person_page) == sees and "前回の振り返り" in person_page,
              "%s %s the case item on the page, and sees the open items" % (who, "sees" if sees else "does not see"))
    response, body = request(port, "PATCH", "/api/agenda/%d" % case_id, body=json.dumps({"minutes": 5}).encode(),
                             headers={"Content-Type": "application/json"}, token=people_tokens["nishida"])
    check(response.status == 403 and "named agencies only" in body.decode(),
          "an editor of another agency may not change the case item (%d %s)" % (response.status, body[:200]))
    response, body = request(port, "DELETE", "/api/agenda/%d" % case_id, token=people_tokens["nishida"])
    check(response.status == 403, "nor remove it (%d)" % response.status)
    nishida_page = page_of(port, sign_in(port, people_tokens["nishida"]))[1]
    check(nishida_page.count('name="do" value="remove"') == 2, "the editor's page offers to remove the two open items only")
    response, body = request(port, "PATCH", "/api/agenda/%d" % case_id, body=json.dumps({"minutes": 25}).encode(),
                             headers={"Content-Type": "application/json"}, token=people_tokens["kodomo"])
    check(response.status == 403 and "writing needs" in body.decode(),
          "a viewer who sees it still may not change it (%d %s)" % (response.status, body[:200]))
    # Carried over to August from the page; the copy says where it came from.
    response, page = page_of(port, cookie, AUGUST)
    carry = re.search(r'name="do" value="carry"><input type="hidden" name="item" value="%d">' % case_id, page)
    check(carry is not None, "August offers June's case item to carry over")
    response, body = post_form(port, "/meetings/%s/agenda" % AUGUST, {"csrf": csrf, "do": "carry", "item": str(case_id)},
                               cookie)
    check(response.status == 303, "it is carried over (%d %s)" % (response.status, re.sub(r"<[^>]+>|\s+", " ", body.decode())[-300:]))
    response, page = page_of(port, cookie, AUGUST)
    check(CASE in page and "前回から引き継ぎ" in page, "August has it, marked carried over")
    response, body = request(port, "GET", "/api/history?subject=" + urllib.parse.quote(JUNE, safe=""), token=admin)
    check(response.status == 200 and "agenda add" in body.decode() and "山田" not in body.decode(),
          "the audit log has the agenda's changes and no title")

    # 2c. April's meeting is held: attendance, minutes with a case item, approval by the
    # secretariat; the meeting is then done, and the progress form says so without retyping.
    APRIL = "higashi-kyosei/multi-agency-meeting/2026-04"
    response, body = request(port, "POST", "/api/occurrences/%s/agenda" % APRIL,
                             body=json.dumps({"title": CASE, "visibility": "named_agencies",
                                              "agencies": ["こども家庭センター"]}, ensure_ascii=False).encode(),
                             headers={"Content-Type": "application/json"}, token=admin)
    april_case = json.loads(body)["item"]["id"] if response.status == 201 else 0
    response, body = request(port, "POST", "/api/occurrences/%s/agenda" % APRIL,
                             body=json.dumps({"title": "今年度の進め方"}, ensure_ascii=False).encode(),
                             headers={"Content-Type": "application/json"}, token=admin)
    april_open = json.loads(body)["item"]["id"] if response.status == 201 else 0
    response, page = page_of(port, cookie, APRIL)
    emails = re.findall(r'name="email-(\d+)" value="([^"]+)"', page)
    check(len(emails) == 10, "April's attendance lists the ten people it invites (%d)" % len(emails))
    form = {"csrf": csrf}
    for index, address in emails:
        form["email-" + index] = address
        form["presence-" + index] = "absent" if address.startswith("nishida") else "present"
        if address.startswith("kodomo-katei"):
            form["presence-" + index], form["proxy-" + index] = "proxy", "子育て支援課長"
    response, _ = post_form(port, "/meetings/%s/attendance" % APRIL, form, cookie)
    check(response.status == 303, "attendance is recorded (%d)" % response.status)
    response, page = page_of(port, cookie, APRIL)
    check("出席 5機関9名" in page, "the page counts 5 agencies and 9 people present")
    response, sheet = request(port, "GET", "/meetings/%s/attendance-sheet" % APRIL, cookie=cookie)
    sheet = sheet.decode()
    check(response.status == 200 and "出席簿" in sheet and "署名" in sheet and "中村 美咲" in sheet,
          "the attendance sheet lists everyone with a column to sign")
    response, _ = post_form(port, "/meetings/%s/minutes" % APRIL,
                            {"csrf": csrf, "do": "save", "outcome-%d" % april_case: "支援方針を確認し、見守りを継続する。",
                             "outcome-%d" % april_open: "年6回の開催を確認した。"}, cookie)
    check(response.status == 303, "the minutes' draft is saved (%d)" % response.status)
    nishida_cookie = sign_in(port, people_tokens["nishida"])
    nishida_csrf = re.search(r'name="csrf" value="([^"]+)"', page_of(port, nishida_cookie, APRIL)[1]).group(1)
    response, _ = post_form(port, "/meetings/%s/minutes" % APRIL, {"csrf": nishida_csrf, "do": "submit"}, nishida_cookie)
    check(response.status == 303, "an editor submits the minutes (%d)" % response.status)
    response, body = post_form(port, "/meetings/%s/minutes" % APRIL, {"csrf": nishida_csrf, "do": "approve"},
                               nishida_cookie)
    check(response.status == 403 and "会議録を承認できるのは事務局と管理者だけです。" in body.decode(),
          "an editor may not approve them (%d)" % response.status)
    secretariat_cookie = sign_in(port, people_tokens["secretariat"])
    secretariat_page = page_of(port, secretariat_cookie, APRIL)[1]
    note = "多機関協働担当を中心とした会議を開催（4月8日、5機関9名出席）"
    check(note in secretariat_page, "the secretariat's page says what approving will record")
    secretariat_csrf = re.search(r'name="csrf" value="([^"]+)"', secretariat_page).group(1)
    response, _ = post_form(port, "/meetings/%s/minutes" % APRIL, {"csrf": secretariat_csrf, "do": "approve"},
                            secretariat_cookie)
    check(response.status == 303, "the secretariat approves them (%d)" % response.status)
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/occurrences?kind=meeting", token=admin)
    april = [o for o in json.loads(body)["occurrences"] if o["id"] == APRIL] if response.status == 200 else []
    check(april and april[0]["status"] == "done", "April's meeting is done (%r)" % (april[:1],))
    response, form_page = request(port, "GET", "/plans/higashi-kyosei/form", cookie=cookie)
    check(note in form_page.decode(), "the 様式4 form's progress says it without retyping")
    response, body = post_form(port, "/meetings/%s/minutes" % APRIL,
                               {"csrf": csrf, "do": "save", "outcome-%d" % april_open: "書き換え"}, cookie)
    check(response.status == 409 and "承認済みで確定しています" in body.decode(),
          "approved minutes are locked (%d)" % response.status)
    # Who sees the case item's outcome: こども家庭センター's person and the secretariat, not 西田, in
    # the API and the print; every view of it is in the audit log.
    for who, sees in (("kodomo", True), ("nishida", False)):
        response, body = request(port, "GET", "/api/occurrences/%s/minutes" % APRIL, token=people_tokens[who])
        text = body.decode()
        check(response.status == 200 and ("見守りを継続する" in text) == sees and ("山田" in text) == sees
              and "年6回の開催" in text, "%s %s the case outcome in the API" % (who, "sees" if sees else "does not see"))
    response, printed = request(port, "GET", "/meetings/%s/minutes-print" % APRIL, cookie=nishida_cookie)
    printed = printed.decode()
    check(response.status == 200 and "山田" not in printed and "見守り" not in printed and "年6回の開催" in printed
          and "非公開の議題" in printed, "西田's print withholds the case item")
    response, body = request(port, "GET", "/api/history?subject=" + urllib.parse.quote(APRIL, safe=""), token=admin)
    entries = json.loads(body)["entries"] if response.status == 200 else []
    views = [e for e in entries if e["action"] == "restricted view"]
    check(any(e["after"]["where"] == "api" for e in views) and any(e["after"]["where"] == "page" for e in views),
          "the views of the case item are in the audit log (%d)" % len(views))
    check("見守り" not in body.decode() and "山田" not in body.decode(), "and no outcome or title is")
    response, _ = post_form(port, "/meetings/%s/minutes" % APRIL,
                            {"csrf": csrf, "do": "correct", "reason": "出席者数の訂正"}, cookie)
    response, body = request(port, "GET", "/api/occurrences/%s/minutes" % APRIL, token=admin)
    versions = json.loads(body)["versions"] if response.status == 200 else []
    check([(v["version"], v["state"]) for v in versions] == [(1, "approved"), (2, "draft")]
          and versions[1]["reason"] == "出席者数の訂正", "a correction is version 2, with its reason")

    # 2d. Actions: the secretariat raises one from the case item's outcome on the page (for
    # こども家庭センター, due 5 June), the office one for everyone through the API (the centre's,
    # due Friday 22 May); they are tracked items of the plan: withheld from 西田 where the item
    # is, on June's agenda while open, counted in 前期's progress, in their owners' feeds named
    # generically, reminded to their owners; done and reopened, audited without what they say.
    case_action_text = CASE + "について家庭訪問を行う"
    response, _ = post_form(port, "/meetings/%s/actions" % APRIL,
                            {"csrf": secretariat_csrf, "do": "add", "what": case_action_text,
                             "owner": "こども家庭センター", "due": "2026-06-05", "item": str(april_case)},
                            secretariat_cookie)
    check(response.status == 303, "the secretariat raises an action from the case item (%d)" % response.status)
    response, body = request(port, "POST", "/api/occurrences/%s/actions" % APRIL,
                             body=json.dumps({"what": "各機関の連絡先一覧を更新する", "owner": "東区地域包括支援センター",
                                              "due": "2026-05-22"}, ensure_ascii=False).encode(),
                             headers={"Content-Type": "application/json"}, token=admin)
    check(response.status == 201, "an action is raised through the API (%d %s)" % (response.status, body[:200]))
    open_action = json.loads(body)["action"]["id"] if response.status == 201 else 0
    for bad, says in (({"what": "報告", "owner": "東区地域包括支援センター", "due": "2026-04-01"},
                       "before the meeting (2026-04-08)"),
                      ({"what": "報告", "owner": "学校連携担当", "due": "2026-05-29"}, "takes no part"),
                      ({"what": "報告", "owner": "東区地域包括支援センター", "due": "5月29日"},
                       "body.due: expected a date YYYY-MM-DD"),
                      ({"what": "", "owner": "東区地域包括支援センター", "due": "2026-05-29"}, "body.what")):
        response, body = request(port, "POST", "/api/occurrences/%s/actions" % APRIL,
                                 body=json.dumps(bad, ensure_ascii=False).encode(),
                                 headers={"Content-Type": "application/json"}, token=admin)
        check(response.status == 422 and says in body.decode(),
              "a bad action is refused: %s (%d %s)" % (says, response.status, body[:200]))
    response, body = request(port, "POST", "/api/occurrences/%s/actions" % APRIL,
                             body=json.dumps({"what": "報告", "owner": "東区地域包括支援センター", "due": "2026-05-29",
                                              "item": april_case}, ensure_ascii=False).encode(),
                             headers={"Content-Type": "application/json"}, token=people_tokens["nishida"])
    check(response.status == 403, "西田 may not raise one from the item he does not see (%d)" % response.status)
    response, body = request(port, "GET", "/api/occurrences/%s/actions" % APRIL, token=people_tokens["nishida"])
    listed = json.loads(body)["actions"] if response.status == 200 else []
    check(len(listed) == 2 and listed[0].get("withheld") is True and "what" not in listed[0]
          and listed[0]["owner"] == "こども家庭センター" and listed[1]["what"] == "各機関の連絡先一覧を更新する"
          and "山田" not in body.decode(), "西田 sees the open action and the case action withheld (%s)" % body[:300])
    case_action = listed[0]["id"] if listed else 0
    response, body = request(port, "PATCH", "/api/actions/%d" % case_action, body=b'{"done": true}',
                             headers={"Content-Type": "application/json"}, token=people_tokens["nishida"])
    check(response.status == 403, "nor mark it done (%d)" % response.status)
    response, body = request(port, "GET", "/api/occurrences/%s/actions" % APRIL, token=people_tokens["kodomo"])
    check(response.status == 200 and case_action_text in body.decode(), "こども家庭センター's person sees it")
    # June's agenda carries them while they are open.
    response, body = request(port, "GET", "/api/occurrences/%s/agenda" % JUNE, token=people_tokens["nishida"])
    carried = json.loads(body).get("open_actions", []) if response.status == 200 else []
    check([a["id"] for a in carried] == [open_action, case_action] and carried[1].get("withheld") is True
          and "山田" not in body.decode(), "June's agenda lists both open actions, by due day (%r)" % carried)
    response, june_page = page_of(port, cookie, JUNE)
    check("前回までの宿題（未完了）" in june_page and "各機関の連絡先一覧を更新する" in june_page
          and case_action_text in june_page, "June's page lists them for the office")
    response, june_page = page_of(port, nishida_cookie, JUNE)
    check("各機関の連絡先一覧を更新する" in june_page and "山田" not in june_page and "非公開の宿題" in june_page,
          "and for 西田, the case action restricted")
    # Progress: both due in 前期, none done, none overdue on 20 May.
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/progress", token=admin)
    first_term = json.loads(body)["periods"][0] if response.status == 200 else {}
    check(first_term.get("actions") == {"due": 2, "done": 0, "overdue": 0},
          "前期's progress counts the two actions (%r)" % first_term.get("actions"))
    # Their owners' feeds hold them, named by owner and meeting only.
    action_feeds = {}
    for agency, action_id in (("こども家庭センター", case_action), ("東区地域包括支援センター", open_action)):
        response, feed = request(port, "GET", "/calendars/agency/%s.ics" % urllib.parse.quote(agency), token=admin)
        calendar = icalendar.Calendar.from_ical(feed)
        events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
        event = events.get("action-%d@torikumi" % action_id)
        check(event is not None and str(event["SUMMARY"]) == "宿題（%s）: 多機関協働担当を中心とした会議の開催" % agency
              and "山田".encode() not in feed and "連絡先一覧".encode() not in feed,
              "%s's feed holds its action, generically (%s)" % (agency, event and event["SUMMARY"]))
        action_feeds[agency] = event
    check(action_feeds["こども家庭センター"] is not None
          and str(action_feeds["こども家庭センター"].get("CLASS")) == "CONFIDENTIAL"
          and action_feeds["東区地域包括支援センター"] is not None
          and action_feeds["東区地域包括支援センター"].get("CLASS") is None,
          "the case action's event is CLASS:CONFIDENTIAL, the other not")
    # Reminders planned for their owners: 3 days before and on the due day.
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/reminders", token=admin)
    planned = {re.sub(r"/\d{8}T\d{4}Z$", "", entry["id"]).split("/", 3)[-1]: entry["recipients"]
               for entry in json.loads(body)["upcoming"]
               if entry["kind"] == "participant-action"} if response.status == 200 else {}
    kodomo_to = [r["email"] for r in planned.get("participant-action-3d/a-%d" % case_action, [])]
    check("participant-action-0d/a-%d" % case_action in planned and kodomo_to == ["kodomo-katei@example.org"]
          and "participant-action-0d/a-%d" % open_action in planned,
          "the owners' reminders are planned, to the owning agency's people (%r)" % planned)
    # Done on the page, reopened and done again through the API; the plan's counts follow.
    response, _ = post_form(port, "/meetings/%s/actions" % APRIL,
                            {"csrf": secretariat_csrf, "do": "done", "action": str(case_action)}, secretariat_cookie)
    check(response.status == 303, "the secretariat marks the case action done (%d)" % response.status)
    for done in (False, True):
        response, body = request(port, "PATCH", "/api/actions/%d" % open_action,
                                 body=json.dumps({"done": done}).encode(),
                                 headers={"Content-Type": "application/json"}, token=admin)
        check(response.status == (409 if not done else 200),
              "%s (%d %s)" % ("reopening an open action conflicts" if not done else "the open action is done",
                              response.status, body[:200]))
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/progress", token=admin)
    first_term = json.loads(body)["periods"][0] if response.status == 200 else {}
    check(first_term.get("actions") == {"due": 2, "done": 2, "overdue": 0},
          "前期's progress counts them done (%r)" % first_term.get("actions"))
    response, body = request(port, "GET", "/api/occurrences/%s/agenda" % JUNE, token=admin)
    check(response.status == 200 and json.loads(body)["open_actions"] == [], "June's agenda no longer lists them")
    response, body = request(port, "PATCH", "/api/actions/%d" % open_action, body=b'{"done": false}',
                             headers={"Content-Type": "application/json"}, token=admin)
    check(response.status == 200 and json.loads(body)["action"]["done_at"] is None, "an action is reopened")
    response, body = request(port, "GET", "/api/history?subject=" + urllib.parse.quote(APRIL, safe=""), token=admin)
    kinds = [e["action"] for e in json.loads(body)["entries"] if e["action"].startswith("action ")]
    check(kinds == ["action reopen", "action done", "action done", "action add", "action add"]
          and "山田" not in body.decode() and "連絡先一覧" not in body.decode(),
          "the audit log has each change and nothing they say (%r)" % kinds)

    # 3. Outlook accepts (no ORGANIZER, a Windows zone), answering from an alias.
    nakamura = "nakamura@houkatsu-higashi.example.jp"
    raw = reply_message(reply_to[nakamura], "Misaki Nakamura <m.nakamura@alias.example.jp>",
                        outlook_reply(uid, nakamura, "ACCEPTED", 0), "outlook-1@example.jp")
    response, body = inbound(port, raw)
    check(response.status == 200, "the Outlook REPLY is taken (%d %s)" % (response.status, body[:200]))
    response, body = inbound(port, raw)
    check(response.status == 200 and json.loads(body)["answers"][0]["replay"], "its replay changes nothing (%s)" % body[:200])
    response, page = page_of(port, cookie)
    check("出席" in row_of(page, "中村 美咲") and "メール" in row_of(page, "中村 美咲"),
          "中村 is shown attending, by email (%s)" % row_of(page, "中村 美咲"))
    participant = participant_reminders(port, admin)
    check(participant.count("participant-unanswered-7d") == 9 and "participant-accepted-1d" in participant,
          "中村 is no longer asked to answer, and is reminded the day before (%r)" % participant)

    # 4. Google declines with a comment, through SendGrid's raw form.
    nishida = "nishida@kikan-soudan.example.jp"
    raw = reply_message(reply_to[nishida], "Google Calendar <calendar-notification@google.com>",
                        google_reply(uid, nishida, "DECLINED", "別の会議と重なっています", 0), "google-1@google.com")
    form, content_type = multipart_form({"email": raw, "to": reply_to[nishida], "from": "calendar-notification@google.com"})
    response, body = inbound(port, form, content_type=content_type)
    check(response.status == 200, "the Google REPLY through SendGrid's form is taken (%d %s)" % (response.status, body[:200]))
    response, page = page_of(port, cookie)
    check("欠席" in row_of(page, "西田 亮") and "別の会議と重なっています" in row_of(page, "西田 亮"),
          "西田 is shown not attending, with the comment (%s)" % row_of(page, "西田 亮"))

    # 5. The web link: a GET shows and records nothing; the POST records.
    kodomo = "kodomo-katei@example.org"
    link = urllib.parse.urlsplit(links[kodomo])
    path = link.path + "?" + link.query
    response, body = request(port, "GET", path)
    answer_page = body.decode()
    check(response.status == 200 and "ご出席の可否" in answer_page and "こども家庭センター" in answer_page,
          "the answer link shows the choices without sign-in (%d)" % response.status)
    response, page = page_of(port, cookie)
    check("未回答" in row_of(page, "堺 次郎"), "opening the link answered nothing")
    nonce = re.search(r'name="nonce" value="([a-z0-9]+)"', answer_page).group(1)
    response, _ = request(port, "POST", path, body=urllib.parse.urlencode(
        {"answer": "tentative", "comment": "午後なら", "nonce": nonce}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(response.status == 303, "the answer is posted (%d)" % response.status)
    response, page = page_of(port, cookie)
    check("未定" in row_of(page, "堺 次郎") and "回答用リンク" in row_of(page, "堺 次郎"),
          "堺 is shown tentative, by the link (%s)" % row_of(page, "堺 次郎"))
    forged = path[:-4] + ("0000" if not path.endswith("0000") else "1111")
    response, body = request(port, "GET", forged)
    check(response.status == 403 and "署名が合いません" in body.decode(), "a forged link is refused (%d)" % response.status)

    # 6. The office records a phone answer.
    response, _ = post_form(port, "/meetings/%s/answer" % JUNE,
                            {"csrf": csrf, "email": "mori@shakyo-higashi.example.jp", "answer": "delegated",
                             "channel": "phone", "delegate": "生活支援コーディネーター", "comment": ""}, cookie)
    check(response.status == 303, "a phone answer is recorded (%d)" % response.status)
    response, page = page_of(port, cookie)
    check("代理出席" in row_of(page, "森 由紀") and "電話" in row_of(page, "森 由紀"),
          "森 is shown attending by proxy, by phone (%s)" % row_of(page, "森 由紀"))

    # 7. A COUNTER through Mailgun's signed form, declined by the office: a DECLINECOUNTER.
    center = "center@houkatsu-higashi.example.jp"
    raw = reply_message(reply_to[center], "<center@houkatsu-higashi.example.jp>", counter(uid, center, 0),
                        "counter-1@example.jp")
    timestamp = "1779238800"  # 2026-05-20T01:00:00Z, the server's now
    token = "mailgun-token-0001"
    signature = hmac.new(MAILGUN_KEY.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    form, content_type = multipart_form({"body-mime": raw, "timestamp": timestamp, "token": token,
                                         "signature": signature, "recipient": reply_to[center]})
    response, body = inbound(port, form, path="/inbound/email/mime", content_type=content_type)
    check(response.status == 200, "the COUNTER through Mailgun is taken (%d %s)" % (response.status, body[:200]))
    response, page = page_of(port, cookie)
    check("日時の提案" in page and "6月11日" in page, "the page shows the proposed time")
    number = re.search(r'name="counter" value="(\d+)"', page)
    check(number is not None, "with the office's buttons")
    before = len(invitations())
    response, _ = post_form(port, "/meetings/%s/counter" % JUNE,
                            {"csrf": csrf, "counter": number.group(1) if number else "0", "decision": "decline",
                             "comment": "他機関の都合によります"}, cookie)
    check(response.status == 303, "the counter is declined (%d)" % response.status)
    declined = wait_for(1, before)
    check(len(declined) == 1 and declined[0]["type"] == "invitation.declinecounter" and to_of(declined[0]) == center,
          "a DECLINECOUNTER goes to its author alone")
    if declined:
        read_payload(declined[0], "DECLINECOUNTER", 0, "the DECLINECOUNTER")

    # 8. The meeting moves a week: everyone gets the update at SEQUENCE 1.
    before = len(invitations())
    response, _ = request(port, "POST", "/api/occurrences/%s/schedule" % JUNE,
                          body=json.dumps({"start": "2026-06-17T14:00:00+09:00"}).encode(),
                          headers={"Content-Type": "application/json"}, token=admin)
    check(response.status == 200, "the meeting is moved (%d)" % response.status)
    response, _ = post_form(port, "/meetings/%s/send" % JUNE, {"csrf": csrf, "send": "changes"}, cookie)
    updates = wait_for(10, before)
    check(len(updates) == 10 and all(p["type"] == "invitation.update" for p in updates),
          "ten updates (%d)" % len(updates))
    for payload in updates:
        event, _ = read_payload(payload, "REQUEST", 1, "update to " + to_of(payload))
        check(event["DTSTART"].dt.isoformat() == "2026-06-17T14:00:00+09:00", "the update's new time")
    response, page = page_of(port, cookie)
    check("変更前の日時への回答" in row_of(page, "中村 美咲"), "an answer to the earlier time is marked")

    # 9. The October meeting adds 学校連携担当 and drops こども家庭センター: the agencies' feeds
    # follow at once, the one added sees October alone, the one dropped the five others.
    for change in ({"kind": "add", "agency": "学校連携担当", "role": "optional"},
                   {"kind": "drop", "agency": "こども家庭センター", "role": "required"}):
        response, _ = post_form(port, "/meetings/%s/participants" % OCTOBER, dict(change, csrf=csrf), cookie)
        check(response.status == 303, "the October participants change (%d)" % response.status)
    feeds = {}
    for agency in ("学校連携担当", "こども家庭センター", "東区地域包括支援センター"):
        response, feeds[agency] = request(port, "GET", "/calendars/agency/%s.ics" % urllib.parse.quote(agency),
                                          token=admin)
        check(response.status == 200, "%s's feed opens (%d)" % (agency, response.status))
    check(meeting_starts(feeds["学校連携担当"]) == ["2026-10-14T14:00:00+09:00"],
          "学校連携担当's feed holds the October meeting alone (%r)" % meeting_starts(feeds["学校連携担当"]))
    meetings = ["2026-04-08T14:00:00+09:00", "2026-06-17T14:00:00+09:00", "2026-08-12T14:00:00+09:00",
                "2026-10-14T14:00:00+09:00", "2026-12-09T14:00:00+09:00", "2027-02-10T14:00:00+09:00"]
    check(meeting_starts(feeds["こども家庭センター"]) == [when for when in meetings if not when.startswith("2026-10")],
          "こども家庭センター's feed no longer has October (%r)" % meeting_starts(feeds["こども家庭センター"]))
    check(meeting_starts(feeds["東区地域包括支援センター"]) == meetings,
          "the centre's feed keeps all six, June moved (%r)" % meeting_starts(feeds["東区地域包括支援センター"]))
    response, page = page_of(port, cookie, OCTOBER)
    check("学校連携担当" in page and "gakko-renkei@example.org" in page,
          "the October page invites 学校連携担当's people")
    check("kodomo-katei@example.org" not in page, "and no longer こども家庭センター's")

    # 10. The August meeting is sent, then cancelled: a CANCEL at SEQUENCE 1 to everyone.
    response, page = page_of(port, cookie, AUGUST)
    before = len(invitations())
    post_form(port, "/meetings/%s/send" % AUGUST, {"csrf": csrf, "send": "first"}, cookie)
    check(len(wait_for(10, before)) == 10, "the August invitations are sent")
    before = len(invitations())
    response, _ = request(port, "POST", "/api/occurrences/%s/cancel" % AUGUST,
                          body=json.dumps({"reason": "台風のため"}).encode(),
                          headers={"Content-Type": "application/json"}, token=admin)
    check(response.status == 200, "the August meeting is cancelled (%d)" % response.status)
    # Nobody presses 送る: the dispatcher's next pass (every 30 s) follows the change by itself.
    for _ in range(450):
        if len(invitations(before)) >= 10:
            break
        time.sleep(0.1)
    cancels = invitations(before)
    check(len(cancels) == 10 and all(p["type"] == "invitation.cancel" for p in cancels), "ten CANCELs")
    for payload in cancels[:2]:
        event, _ = read_payload(payload, "CANCEL", 1, "cancel to " + to_of(payload))
        check(str(event["STATUS"]) == "CANCELLED", "STATUS:CANCELLED")

    # The envelope rule: nothing the gateway received, no feed, no reminder planned and no
    # message carries the case item or an outcome.
    delivered = [json.dumps(payload, ensure_ascii=False) for _, _, payload in receiver.deliveries()]
    check(delivered and all("山田" not in text and "見守り" not in text and "連絡先一覧" not in text
                            for text in delivered),
          "no webhook payload names the case item (%d)" % len(delivered))
    check(all("山田".encode() not in feed for feed in feeds.values()), "no agency's feed names it")
    for feed_path in ("/calendars/higashi-kyosei.ics",
                      "/calendars/person/%s.ics" % hashlib.sha256(b"kodomo-katei@example.org").hexdigest()[:16]):
        response, feed = request(port, "GET", feed_path, token=admin)
        check(response.status == 200 and "山田".encode() not in feed and "見守り".encode() not in feed,
              "%s does not name it (%d)" % (feed_path, response.status))
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/reminders", token=admin)
    check(response.status == 200 and "山田" not in body.decode(), "no reminder planned names it")
    listed = subprocess.run([torikumi, "remind", "upcoming", "higashi-kyosei", "--config", config_path,
                             "--db", database, "--now", "2026-05-20T10:00:00+09:00"], capture_output=True, text=True)
    check(listed.returncode == 0 and "山田" not in listed.stdout, "nor does `remind upcoming`")

    # 11. The pages in a real browser: axe-core finds no WCAG 2 A/AA violation; screenshots.
    if browser_support.browser and browser_support.driver_path:
        from selenium.webdriver.common.by import By
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
        driver = browser_support.start_browser(scratch)
        try:
            base = "http://127.0.0.1:%d" % port
            driver.get(base + "/signin")
            driver.find_element(By.ID, "token").send_keys(admin)
            driver.find_element(By.ID, "sign-in").click()
            time.sleep(0.5)
            # The plan page too: its reminder board lists the participants' reminders.
            shown_by = {"meeting": "参加機関", "answer": "出欠", "plan": "未回答の方へ回答のお願い",
                        "held": "会議録", "minutes": "会議録", "sheet": "出席簿"}
            for name, target in [("meeting", "/meetings/" + JUNE), ("answer", path),
                                 ("plan", "/plans/higashi-kyosei"),
                                 ("held", "/meetings/higashi-kyosei/multi-agency-meeting/2026-04"),
                                 ("minutes", "/meetings/higashi-kyosei/multi-agency-meeting/2026-04/minutes-print"),
                                 ("sheet", "/meetings/higashi-kyosei/multi-agency-meeting/2026-04/attendance-sheet")]:
                for lang in ["ja", "en"]:
                    for width in [1280, 390]:
                        driver.set_window_size(width, 1000)
                        driver.get(base + target + ("&" if "?" in target else "?") + "lang=" + lang)
                        check(shown_by[name] in driver.page_source or lang == "en",
                              "%s page shown (%s)" % (name, lang))
                        violations = browser_support.axe_violations(driver)
                        check(violations is not None, "axe-core is installed")
                        check(not violations, "axe-core: no WCAG 2 A/AA violation on the %s page (%s, %d px): %s"
                              % (name, lang, width, violations))
                        if screenshots:
                            browser_support.shot(driver, screenshots, "%s-%s-%d" % (name, lang, width), width,
                                                 {"answer": 1300, "meeting": 3000}.get(name, 4200))
        finally:
            driver.quit()
        # Three people of different agencies, each in a browser of their own: the secretariat and
        # こども家庭センター's 堺 see the case item and its outcome; 基幹相談支援センター's 西田 sees
        # the meeting, the open item and its outcome, and the case item only as restricted, in the
        # page and its print.
        april_path = "/meetings/higashi-kyosei/multi-agency-meeting/2026-04"
        for who, sees in (("secretariat", True), ("kodomo", True), ("nishida", False)):
            driver = browser_support.start_browser(os.path.join(scratch, who))
            try:
                base = "http://127.0.0.1:%d" % port
                driver.get(base + "/signin?lang=ja")
                driver.find_element(By.ID, "token").send_keys(people_tokens[who])
                driver.find_element(By.ID, "sign-in").click()
                time.sleep(0.5)
                for name, target in (("meeting", april_path), ("print", april_path + "/minutes-print")):
                    driver.set_window_size(1280, 1000)
                    driver.get(base + target)
                    text = driver.find_element(By.TAG_NAME, "body").text
                    check(("山田太郎さん（仮名）の支援方針" in text) == sees and ("見守りを継続する" in text) == sees,
                          "in a browser, %s %s the case item on the %s" % (who, "sees" if sees else "does not see", name))
                    check("年6回の開催を確認した。" in text, "in a browser, %s sees the open item's outcome (%s)" % (who, name))
                    check(sees or "非公開の議題" in text, "%s's %s marks the case item restricted" % (who, name))
                    violations = browser_support.axe_violations(driver)
                    check(not violations, "axe-core: no violation on %s's %s: %s" % (who, name, violations))
                    if screenshots:
                        browser_support.shot(driver, screenshots, "person-%s-%s" % (who, name), 1280, 3000)
            finally:
                driver.quit()
    else:
        check(os.environ.get("TORIKUMI_REQUIRE_BROWSER") != "1", "Chromium is installed where it is required")

    # 12. Bad input: refused with a clear status, nothing stored.
    response, page = page_of(port, cookie)
    answered_before = page.count("<tr")
    response, body = inbound(port, "not a message at all", path="/inbound/email/" + INBOUND_SECRET)
    check(response.status == 400, "malformed MIME: 400 (%d %s)" % (response.status, body[:120]))
    request_calendar = outlook_reply(uid, nakamura, "ACCEPTED", 0).replace("METHOD:REPLY", "METHOD:REQUEST")
    response, body = inbound(port, reply_message(reply_to[nakamura], "<a@example.jp>", request_calendar, "x-2@x"))
    check(response.status == 422 and b"REQUEST" in body, "a calendar that is no REPLY: 422 (%d %s)" % (response.status, body[:160]))
    response, body = inbound(port, reply_message(reply_to[nakamura], "<a@example.jp>",
                                                 outlook_reply("unknown@elsewhere", nakamura, "DECLINED", 0), "x-3@x"))
    check(response.status == 422 and b"UID" in body, "an unknown UID: 422 (%d %s)" % (response.status, body[:160]))
    response, body = inbound(port, raw, path="/inbound/email/wrong-secret-wrong-secret-wrong-secret-00")
    check(response.status == 401, "a forged secret: 401 (%d)" % response.status)
    big = "From: <a@example.jp>\r\nTo: <x@y>\r\n\r\n" + "x" * (10 * 1024 * 1024 + 10)
    response, body = inbound(port, big)
    check(response.status == 413, "a message over 10 MB: 413 (%d)" % response.status)
    # A message no invitation takes, from a gateway that retries what is refused: answered with
    # the status that gateway takes as final (Mailgun 406, Postmark 403); SendGrid, which retries
    # only a 5xx, gets the 422 itself. The JSON body says why all the same.
    unknown = reply_message(reply_to[nakamura], "<a@example.jp>",
                            outlook_reply("unknown@elsewhere", nakamura, "DECLINED", 0), "x-4@x")
    signature = hmac.new(MAILGUN_KEY.encode(), (timestamp + "mailgun-token-0002").encode(),
                         hashlib.sha256).hexdigest()
    form, content_type = multipart_form({"body-mime": unknown, "timestamp": timestamp,
                                         "token": "mailgun-token-0002", "signature": signature})
    response, body = inbound(port, form, path="/inbound/email/mime", content_type=content_type)
    check(response.status == 406 and b"UID" in body, "Mailgun: 406, no retry (%d %s)" % (response.status, body[:160]))
    response, body = inbound(port, json.dumps({"RawEmail": unknown, "From": "a@example.jp"}).encode(),
                             content_type="application/json")
    check(response.status == 403 and b"UID" in body, "Postmark: 403, no retry (%d %s)" % (response.status, body[:160]))
    form, content_type = multipart_form({"email": unknown, "to": reply_to[nakamura]})
    response, body = inbound(port, form, content_type=content_type)
    check(response.status == 422 and b"UID" in body, "SendGrid: 422 (%d %s)" % (response.status, body[:160]))

    # The meeting page's forms refuse what does not say what to do, in the page's language.
    for form, fields, japanese, english in [
            ("answer", {"email": nakamura, "answer": "maybe", "channel": "phone"},
             "回答（出席・欠席・未定・代理出席）と、受けた方法（電話・FAX・窓口）を選んでください。",
             "expected an answer (accepted, declined, tentative, delegated) and a channel"),
            ("answer", {"email": "stranger@example.jp", "answer": "declined", "channel": "fax"},
             "「stranger@example.jp」はこの会議に招待されていません。",
             'no one invited to "%s" has address "stranger@example.jp"' % JUNE),
            ("participants", {"kind": "swap", "agency": "学校連携担当", "role": "optional"},
             "追加か除外か、と役割（事務局・必須・任意）を選んでください。",
             "expected kind add or drop, and a role"),
            ("counter", {"counter": "x1", "decision": "accept"},
             "日時の提案の番号と、受け入れるか断るかを選んでください。",
             "expected a counter-proposal's number and accept or decline"),
            ("agenda", {"do": "jump", "item": "1"},
             "議題の追加か、並べ替え・削除・引き継ぎをする議題を選んでください。",
             "expected do: add, or up, down, remove or carry with an item's number"),
            ("agenda", {"do": "add", "title": "", "visibility": "participants"},
             "議題の題名を書いてください。", "an agenda item needs a title"),
            ("minutes", {"do": "publish"},
             "会議録の保存・提出・承認・訂正のいずれかを選んでください。",
             "expected do: save, submit, approve or correct"),
            ("counter", {"counter": "999", "decision": "decline"},
             "日時の提案 999 はありません。", "no counter-proposal 999")]:
        for lang, words in (("ja", japanese), ("en", english)):
            response, body = request(port, "POST", "/meetings/%s/%s?lang=%s" % (JUNE, form, lang),
                                     body=urllib.parse.urlencode(dict(fields, csrf=csrf)).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"},
                                     cookie=cookie)
            text = body.decode()
            check(response.status in (404, 422) and words in text.replace("&quot;", '"').replace("&#39;", "'"),
                  "the %s form refuses %r in %s (%d %s)" % (form, fields, lang, response.status,
                                                             re.sub(r"\s+", " ", text)[-400:]))
    response, body = request(port, "GET", "/meetings/higashi-kyosei/awareness/fy2026", cookie=cookie)
    check(response.status == 404 and "取組「higashi-kyosei」に「higashi-kyosei/awareness/fy2026」はありません。"
          in body.decode(), "a page for what is no meeting says so in Japanese (%d)" % response.status)
    response, page = page_of(port, cookie)
    check("出席" in row_of(page, "中村 美咲") and "欠席" not in row_of(page, "中村 美咲"), "nothing refused was stored")

    process.terminate()
    process.wait(timeout=15)

    # 13. A link past its last day: 410, said in Japanese.
    process, port = start(database, config_path, plan_path, "2026-07-01T10:00:00+09:00")
    response, body = request(port, "GET", path)
    check(response.status == 410 and "期限が過ぎた" in body.decode(), "an expired link is refused (%d)" % response.status)
    process.terminate()
    process.wait(timeout=15)

print("%d checks, %d failed" % (checks_run[0], len(failures)))
sys.exit(1 if failures else 0)
