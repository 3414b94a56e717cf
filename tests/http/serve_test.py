#!/usr/bin/env python3
"""End-to-end test of `torikumi serve`: the real binary on a free loopback port, driven over HTTP.

usage: serve_test.py TORIKUMI SOURCE_DIR
"""
import datetime
import email.utils
import gzip
import http.client
import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import icalendar
import recurring_ical_events

torikumi, source_dir = sys.argv[1], sys.argv[2]
failures = []
checks_run = [0]


def check(condition, what):
    checks_run[0] += 1
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def request(port, method, path, body=None, headers=None, token=None):
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = "Bearer " + token
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def post_json(port, path, document, token, method="POST"):
    return request(port, method, path, body=json.dumps(document).encode(),
                   headers={"Content-Type": "application/json"}, token=token)


TOKEN = re.compile(r"tkm_[A-Za-z0-9_-]{43}")
SECRET = re.compile(r"tks_[A-Za-z0-9_-]{43}")


def cli(*args):
    env = dict(os.environ, TORIKUMI_NOW="2026-09-01T09:00:00+09:00")
    return subprocess.run([torikumi, *args], capture_output=True, text=True, env=env)


def start(plans, extra=()):
    env = dict(os.environ, TORIKUMI_NOW="2026-09-01T09:00:00+09:00")
    process = subprocess.Popen([torikumi, "serve", "--listen", "127.0.0.1:0", *extra, *plans],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    first = process.stdout.readline()  # "torikumi serve: listening on http://127.0.0.1:PORT/"
    if "listening on http://127.0.0.1:" not in first:
        print(first, process.stderr.read())
        sys.exit(1)
    port = int(first.rsplit(":", 1)[1].strip().rstrip("/"))
    announced = [first]
    # Ready: /healthz answers.
    for _ in range(100):
        try:
            response, _ = request(port, "GET", "/healthz")
            if response.status == 200:
                break
        except OSError:
            time.sleep(0.05)
    return process, port, announced


with tempfile.TemporaryDirectory() as scratch:
    plan_path = os.path.join(source_dir, "examples/higashi/plan.json")
    with open(plan_path, encoding="utf-8") as file:
        hostile = json.load(file)
    hostile["id"] = "hostile"
    hostile["initiative"] = "<script>alert(1)</script>"
    hostile["organisation"]["name"] = "\"><img src=x onerror=alert(2)>"
    hostile_path = os.path.join(scratch, "hostile.json")
    with open(hostile_path, "w", encoding="utf-8") as file:
        json.dump(hostile, file, ensure_ascii=False)
    database = os.path.join(scratch, "serve.db")

    process, port, announced = start([plan_path, hostile_path], ["--max-body", "65536", "--db", database])
    stderr_lines = []
    reader = threading.Thread(target=lambda: stderr_lines.extend(process.stderr), daemon=True)
    reader.start()
    # What the first start prints: the dashboard, the database, a new admin token, each plan's feed.
    out_rest = "".join(process.stdout.readline() for _ in range(8))
    check("dashboard: http://127.0.0.1:%d/" % port in out_rest, "the dashboard URL is printed")
    check("database: %s (2 plans)" % database in out_rest, "the database is named")
    admin = TOKEN.search(out_rest)
    check(admin is not None, "a first admin token is printed")
    admin = admin.group(0) if admin else ""
    feed_url = re.search(r"feed: (http://\S+/calendars/higashi-kyosei\.ics\?token=(tks_\S+))", out_rest)
    check(feed_url is not None, "the plan's feed URL with its subscription is printed (%r)" % out_rest)
    subscription = feed_url.group(2) if feed_url else ""
    check("subscribe: webcal://127.0.0.1:%d/calendars/higashi-kyosei.ics?token=" % port in out_rest, "a webcal link")
    made = cli("token", "create", "--role", "viewer", "--label", "閲覧者", "--db", database)
    viewer = TOKEN.search(made.stdout).group(0) if TOKEN.search(made.stdout) else ""
    check(made.returncode == 0 and viewer, "a viewer token from the CLI (%r)" % made.stdout)
    made = cli("token", "create", "--role", "editor", "--label", "編集者", "--db", database)
    editor = TOKEN.search(made.stdout).group(0) if TOKEN.search(made.stdout) else ""
    check(made.returncode == 0 and editor, "an editor token from the CLI")
    editor_id = re.search(r"token (\d+)", made.stdout).group(1) if re.search(r"token (\d+)", made.stdout) else "0"
    time.sleep(1.5)  # the server reads tokens made by another process within a second

    # /healthz
    response, body = request(port, "GET", "/healthz")
    check(response.status == 200 and body == b"ok\n", "/healthz answers ok")

    # Feeds need their subscription secret (or a token).
    plain_feed = "/calendars/higashi-kyosei.ics"
    feed_path = plain_feed + "?token=" + subscription
    response, body = request(port, "GET", plain_feed)
    check(response.status == 401 and response.getheader("WWW-Authenticate", "").startswith("Bearer"),
          "a feed without its secret is 401")
    response, body = request(port, "GET", plain_feed + "?token=tks_" + "x" * 43)
    check(response.status == 401, "a feed with a wrong secret is 401")
    response, body = request(port, "GET", "/calendars/hostile.ics?token=" + subscription)
    check(response.status == 401, "a subscription opens its own plan's feed only")
    response, body = request(port, "GET", plain_feed, token=viewer)
    check(response.status == 200, "a viewer's token opens a feed")

    # The plan feed: type, validators, conditional GET.
    response, identity = request(port, "GET", feed_path)
    check(response.status == 200, "the feed is 200")
    check(response.getheader("Content-Type") == "text/calendar; charset=utf-8", "the feed is text/calendar")
    check(identity.startswith(b"BEGIN:VCALENDAR\r\n"), "the feed is a calendar")
    etag = response.getheader("ETag")
    check(etag is not None and etag.startswith('"') and not etag.startswith("W/"), "a strong ETag")
    check(response.getheader("Last-Modified", "").endswith(" GMT"), "a Last-Modified date")
    response, body = request(port, "GET", feed_path, headers={"If-None-Match": etag})
    check(response.status == 304 and body == b"", "304 on a matching ETag")
    check(response.getheader("ETag") == etag, "the 304 carries the ETag")
    response, body = request(port, "GET", feed_path, headers={"If-None-Match": '"other"'})
    check(response.status == 200 and body == identity, "200 on another ETag")
    # If-Modified-Since (RFC 9110 13.1.3), when there is no If-None-Match: no change since.
    last_modified = response.getheader("Last-Modified")
    stamp = email.utils.parsedate_to_datetime(last_modified)
    for since, status, what in [
            (last_modified, 304, "If-Modified-Since equal to Last-Modified is 304"),
            (email.utils.format_datetime(stamp + datetime.timedelta(days=1), usegmt=True), 304,
             "If-Modified-Since after Last-Modified is 304"),
            (email.utils.format_datetime(stamp - datetime.timedelta(seconds=1), usegmt=True), 200,
             "If-Modified-Since before Last-Modified is 200"),
            (stamp.strftime("%A, %d-%b-%y %H:%M:%S GMT"), 304, "the RFC 850 form is read"),
            (stamp.strftime("%a %b ") + "%2d" % stamp.day + stamp.strftime(" %H:%M:%S %Y"), 304,
             "the asctime form is read"),
            ("yesterday", 200, "an If-Modified-Since that is no date is ignored")]:
        response, body = request(port, "GET", feed_path, headers={"If-Modified-Since": since})
        check(response.status == status and body == (b"" if status == 304 else identity),
              "%s (%s: %d)" % (what, since, response.status))
        response, body = request(port, "GET", plain_feed, token=viewer, headers={"If-Modified-Since": since})
        check(response.status == status, "%s, answered by a worker (%d)" % (what, response.status))
    response, body = request(port, "GET", feed_path,
                             headers={"If-None-Match": '"other"', "If-Modified-Since": last_modified})
    check(response.status == 200, "If-None-Match decides when both are sent")

    # gzip, compressed once: the same bytes every time, and its own tag.
    response, compressed = request(port, "GET", feed_path, headers={"Accept-Encoding": "gzip, deflate, br"})
    check(response.getheader("Content-Encoding") == "gzip", "gzip when accepted")
    check(gzip.decompress(compressed) == identity, "the gzip body is the feed")
    check(len(compressed) < len(identity) / 3, "gzip is smaller")
    gzip_etag = response.getheader("ETag")
    check(gzip_etag != etag, "the gzip representation has its own ETag")
    check(response.getheader("Vary") == "Accept-Encoding", "Vary: Accept-Encoding")
    response, again = request(port, "GET", feed_path, headers={"Accept-Encoding": "gzip"})
    check(again == compressed, "the same gzip bytes")
    response, body = request(port, "GET", feed_path, headers={"Accept-Encoding": "gzip", "If-None-Match": gzip_etag})
    check(response.status == 304, "304 on the gzip ETag")
    response, body = request(port, "GET", feed_path, headers={"Accept-Encoding": "gzip;q=0"})
    check(response.getheader("Content-Encoding") is None and body == identity, "no gzip at q=0")
    response, body = request(port, "HEAD", feed_path)
    check(response.status == 200 and body == b"" and response.getheader("ETag") == etag, "HEAD of the feed")

    # One connection carrying requests sent together: subscribed feeds are answered by the event
    # loop, the rest by the full server, in the order sent.
    def raw_exchange(data, answers):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            raw.sendall(data)
            received, replies = b"", []
            while len(replies) < answers:
                end = received.find(b"\r\n\r\n")
                if end < 0:
                    chunk = raw.recv(65536)
                    if not chunk:
                        break
                    received += chunk
                    continue
                head = received[:end].decode("latin-1")
                length = re.search(r"(?im)^Content-Length: (\d+)", head)
                length = int(length.group(1)) if length else 0
                while len(received) < end + 4 + length:
                    chunk = raw.recv(65536)
                    if not chunk:
                        break
                    received += chunk
                replies.append((head, received[end + 4:end + 4 + length]))
                received = received[end + 4 + length:]
            raw.settimeout(2)
            try:
                closed = received == b"" and raw.recv(1) == b""
            except socket.timeout:
                closed = False
            return replies, closed

    host = "Host: 127.0.0.1\r\n"
    replies, closed = raw_exchange(
        ("GET %s HTTP/1.1\r\n%s\r\n" % (feed_path, host) +
         "GET /healthz HTTP/1.1\r\n%s\r\n" % host +
         "GET %s HTTP/1.1\r\n%sIf-None-Match: %s\r\n\r\n" % (feed_path, host, etag) +
         "GET %s HTTP/1.1\r\n%sConnection: close\r\n\r\n" % (feed_path, host)).encode(), 4)
    check([head.split("\r\n")[0] for head, _ in replies] ==
          ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 304 Not Modified", "HTTP/1.1 200 OK"],
          "four requests sent together are answered in order (%r)" % [h.split("\r\n")[0] for h, _ in replies])
    check(len(replies) == 4 and replies[0][1] == identity and replies[1][1] == b"ok\n" and
          replies[2][1] == b"" and replies[3][1] == identity, "each with its own body")
    check(len(replies) == 4 and "Connection: close" in replies[3][0] and closed,
          "Connection: close is answered and the connection closed")
    replies, closed = raw_exchange(("GET %s HTTP/1.0\r\n\r\n" % feed_path).encode(), 1)
    check(len(replies) == 1 and replies[0][1] == identity and closed, "HTTP/1.0 without keep-alive is closed after its feed")
    replies, closed = raw_exchange(("GET %s HTTP/1.1\r\n%sRange: bytes=0-14\r\n\r\n" % (feed_path, host)).encode(), 1)
    check(len(replies) == 1 and replies[0][0].startswith("HTTP/1.1 200") and replies[0][1] == identity and
          "Accept-Ranges: none" in replies[0][0],
          "a range of the feed is answered with the whole feed: 200, Accept-Ranges: none")
    replies, closed = raw_exchange(("GET %s HTTP/1.1\r\n%s\r\n" % (feed_path, host)).encode()[:-10], 0)
    check(not closed, "a half-sent head keeps its connection open (until the read timeout)")

    # Owner and organisation feeds: the plan's subscription opens its owners' feeds; an
    # organisation feed needs its own, which only an admin makes through the API.
    owner_path = "/calendars/higashi-kyosei/owner/" + urllib.parse.quote("多機関協働担当") + ".ics?token=" + subscription
    response, owner_feed = request(port, "GET", owner_path)
    check(response.status == 200 and b"RRULE:" in owner_feed and len(owner_feed) < len(identity), "the owner feed")
    response, body = post_json(port, "/api/subscriptions", {"organisation": "東区役所", "label": "区の共有カレンダー"}, editor)
    check(response.status == 403 and response.getheader("Content-Type") == "application/json; charset=utf-8" and
          json.loads(body) == {"error": "token %s is an editor's; an organisation's subscription needs an admin's" % editor_id},
          "an editor cannot make an organisation subscription (%d %r)" % (response.status, body))
    response, body = post_json(port, "/api/subscriptions", {"plan": "higashi-kyosei", "label": "編集者のカレンダー"}, editor)
    check(response.status == 201, "an editor makes a plan's subscription (%d %r)" % (response.status, body))
    editors = json.loads(body) if response.status == 201 else {"url": "", "id": 0}
    editors_path = editors["url"].split("%d" % port, 1)[-1]
    response, body = request(port, "GET", editors_path)
    check(response.status == 200 and body == identity, "the editor's subscription opens the plan's feed")
    response, body = post_json(port, "/api/subscriptions", {"organisation": "東区役所", "label": "区の共有カレンダー"}, admin)
    check(response.status == 201, "an admin makes an organisation subscription (%d %r)" % (response.status, body))
    org = json.loads(body) if response.status == 201 else {"url": "", "webcal": ""}
    check(org["webcal"].startswith("webcal://127.0.0.1:%d/calendars/org/" % port), "with its webcal link")
    org_path = org["url"].split("%d" % port, 1)[-1]
    response, org_feed = request(port, "GET", org_path)
    check(response.status == 200 and "東区役所".encode() in org_feed, "the organisation feed")
    response, body = post_json(port, "/api/subscriptions", {"plan": "higashi-kyosei"}, viewer)
    check(response.status == 403, "a viewer cannot make subscriptions")

    # Reads need a token; errors are JSON with the right status.
    response, body = request(port, "GET", "/api/plans")
    check(response.status == 401 and "error" in json.loads(body), "the API without a token is 401")
    response, body = request(port, "GET", "/api/plans", token="tkm_" + "y" * 43)
    check(response.status == 401 and json.loads(body) == {"error": "unknown or revoked token"}, "an unknown token is 401")
    for path, status, message in [
        ("/api/plans/nope", 404, 'no plan "nope"'),
        ("/calendars/nope.ics", 404, 'no plan "nope"'),
        ("/calendars/a/b.ics", 404, "no feed at /calendars/a/b.ics"),
        ("/api/nothing/here", 404, "no such resource: /api/nothing/here"),
        ("/api/plans/higashi-kyosei/occurrences?fy=x", 400, 'fy: expected a year from 1949 to 2099, got "x"'),
        ("/api/plans/higashi-kyosei/occurrences?status=finished", 400,
         'status: expected planned, scheduled, done, skipped, cancelled or overdue, got "finished"'),
    ]:
        response, body = request(port, "GET", path, token=viewer)
        check(response.status == status, "%s is %d (got %d)" % (path, status, response.status))
        check(response.getheader("Content-Type") == "application/json; charset=utf-8", path + " is JSON")
        check(json.loads(body) == {"error": message}, "%s says %r (got %r)" % (path, message, body))
    # Outside /api/, a path nothing serves is a page in the visitor's language.
    for lang, words in [("ja", "ページ「/nothing/here」はありません。"), ("en", "no such page: /nothing/here")]:
        response, body = request(port, "GET", "/nothing/here?lang=" + lang, token=viewer)
        text = body.decode() if isinstance(body, bytes) else body
        check(response.status == 404 and response.getheader("Content-Type") == "text/html; charset=utf-8"
              and words in text, "/nothing/here is a 404 page in %s (got %d)" % (lang, response.status))

    # The API.
    response, body = request(port, "GET", "/api/plans", token=viewer)
    plans = json.loads(body)
    check([plan["id"] for plan in plans] == ["higashi-kyosei", "hostile"], "the plan list")
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/occurrences?kind=meeting&period=%E4%B8%AD%E6%9C%9F",
                             token=viewer)
    meetings = json.loads(body)["occurrences"]
    check([m["id"] for m in meetings] == ["higashi-kyosei/multi-agency-meeting/2026-08",
                                          "higashi-kyosei/multi-agency-meeting/2026-10"], "中期's meetings")
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/progress", token=viewer)
    progress = json.loads(body)
    check(response.status == 200 and len(progress["periods"]) == 3, "progress by period")

    # Writes: an editor's token; 401 without one, 403 for a viewer; the feed changes at once.
    meeting = "higashi-kyosei/multi-agency-meeting/2026-08"
    completion = "/api/occurrences/" + urllib.parse.quote(meeting, safe="") + "/completion"
    response, body = post_json(port, completion, {"note": "12名参加"}, None)
    check(response.status == 401, "a completion without a token is 401")
    response, body = post_json(port, completion, {"note": "12名参加"}, viewer)
    check(response.status == 403 and "editor" in json.loads(body)["error"], "a viewer's completion is 403")
    response, body = post_json(port, completion, {"note": "12名参加", "completed_at": "2026-08-12T15:30"}, editor)
    check(response.status == 201, "an editor's completion is 201 (%d %r)" % (response.status, body))
    if response.status == 201:
        done = json.loads(body)["occurrence"]
        check(done["status"] == "done" and done["completed_at"] == "2026-08-12T15:30:00+09:00", "the occurrence is done")
    response, changed = request(port, "GET", feed_path)
    check(response.status == 200 and changed != identity and response.getheader("ETag") != etag,
          "a completion changes the feed's bytes and ETag")
    response, body = request(port, "GET", feed_path, headers={"If-None-Match": etag})
    check(response.status == 200, "the old ETag no longer matches")
    response, body = post_json(port, completion, {}, editor)
    check(response.status == 409 and json.loads(body) == {"error": 'occurrence "%s" is done already' % meeting},
          "a second completion is 409")
    response, body = request(port, "DELETE", completion, token=editor)
    check(response.status == 200 and json.loads(body)["occurrence"]["status"] == "planned", "DELETE undoes it")
    response, body = post_json(port, "/api/occurrences/higashi-kyosei%2Fnope%2F2026-08/completion", {}, editor)
    check(response.status == 404 and "unknown occurrence" in json.loads(body)["error"], "an unknown occurrence is 404")
    skip = "/api/occurrences/" + urllib.parse.quote(meeting, safe="") + "/skip"
    response, body = post_json(port, skip, {"reason": " "}, editor)
    check(response.status == 422 and "reason" in json.loads(body)["error"], "a skip without a reason is 422")
    response, body = request(port, "POST", skip, body=b"{nope", headers={"Content-Type": "application/json"},
                             token=editor)
    check(response.status == 400 and json.loads(body)["error"].startswith("body: expected a JSON object"),
          "a body that is not JSON is 400")
    schedule = "/api/occurrences/" + urllib.parse.quote("higashi-kyosei/multi-agency-meeting/2026-10", safe="") + "/schedule"
    response, body = post_json(port, schedule, {"start": "2026-10-15T10:00", "place": "東区役所 2階 大会議室"}, editor)
    check(response.status == 200 and json.loads(body)["occurrence"]["scheduled_start"] == "2026-10-15T10:00:00+09:00",
          "a meeting moved (%r)" % body[:200])
    response, body = post_json(port, schedule, {"start": "2027-06-01"}, editor)
    check(response.status == 422 and "outside" in json.loads(body)["error"], "a date outside the fiscal year is 422")
    response, body = post_json(port, "/api/plans/higashi-kyosei/notes",
                               {"period": "中期", "text": "8月の会議で事例共有"}, editor)
    check(response.status == 201, "a progress note (%d %r)" % (response.status, body))
    response, body = post_json(port, "/api/plans/higashi-kyosei/notes", {"period": "夏期", "text": "x"}, editor)
    check(response.status == 422 and "unknown period" in json.loads(body)["error"], "a note of an unknown period is 422")
    # A note's fiscal year: a whole number from 1949 to 2099, never wrapped round.
    for year, shown in [(2147483648, "2147483648"), (-2147483648, "-2147483648"), (1948, "1948"),
                        (2100, "2100"), (2026.5, "2026.5"), ("2026", '"2026"')]:
        response, body = post_json(port, "/api/plans/higashi-kyosei/notes",
                                   {"period": "中期", "text": "x", "fiscal_year": year}, editor)
        check(response.status == 400 and
              json.loads(body) == {"error": "fiscal_year: expected a year from 1949 to 2099, got " + shown},
              "a note of fiscal year %s is 400 naming the field (%d %r)" % (shown, response.status, body))
    response, body = request(port, "POST", "/api/plans/higashi-kyosei/notes",
                             body=b'{"period": "\xe4\xb8\xad\xe6\x9c\x9f", "text": "x", "fiscal_year": 1e999}',
                             headers={"Content-Type": "application/json"}, token=editor)
    check(response.status == 400 and json.loads(body) == {"error": "body: expected a JSON object, got invalid JSON"},
          "a number no double holds is a 400, not a crash (%d %r)" % (response.status, body))
    # Input limits (http/contract/limits.hpp), in characters as the forms' maxlength counts them:
    # 422 naming the field and the limit, and nothing written.
    for path, fields, refusal in [
            (completion, {"note": "あ" * 501}, "note: 501 characters, over the limit of 500"),
            (skip, {"reason": "x" * 501}, "reason: 501 characters, over the limit of 500"),
            (schedule, {"start": "2026-10-15T10:00", "place": "x" * 201}, "place: 201 characters, over the limit of 200"),
            ("/api/plans/higashi-kyosei/notes", {"period": "中期", "text": "x" * 2001},
             "text: 2001 characters, over the limit of 2000"),
            ("/api/subscriptions", {"plan": "higashi-kyosei", "label": "x" * 101}, "label: 101 characters, over the limit of 100")]:
        response, body = post_json(port, path, fields, editor)
        check(response.status == 422 and json.loads(body) == {"error": refusal},
              "a field over its limit is 422 naming it: %s (%d %r)" % (refusal, response.status, body[:200]))
    response, body = post_json(port, "/api/plans/higashi-kyosei/kpis/nope/2026", {"value": 3}, editor, method="PUT")
    check(response.status == 404, "an unknown KPI is 404")
    response, body = request(port, "GET", "/api/history?limit=3", token=viewer)
    history = json.loads(body)["entries"]
    check(response.status == 200 and len(history) == 3 and history[0]["action"] == "note", "the audit history, newest first")
    check(history[1]["by"] == "編集者", "the audit names the token's label")

    # A progress note edited and deleted by the id the API gives it.
    response, body = post_json(port, "/api/plans/higashi-kyosei/notes", {"period": "後期", "text": "書きかけ"}, editor)
    note_id = json.loads(body).get("id", 0) if response.status == 201 else 0
    check(response.status == 201 and note_id > 0, "a new note's answer carries its id (%d %r)" % (response.status, body))
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/progress", token=viewer)
    check(note_id in [note["id"] for note in json.loads(body)["notes"]], "the progress document lists the note by its id")
    note_path = "/api/plans/higashi-kyosei/notes/%d" % note_id
    response, body = post_json(port, note_path, {"text": "書き直した"}, viewer, method="PUT")
    check(response.status == 403, "a viewer may not edit a note (%d)" % response.status)
    response, body = post_json(port, note_path, {"text": "書き直した"}, editor, method="PUT")
    check(response.status == 200 and json.loads(body)["id"] == note_id and json.loads(body)["text"] == "書き直した",
          "PUT edits the note (%d %r)" % (response.status, body))
    for fields, status, refusal in [({"text": "x" * 2001}, 422, "text: 2001 characters, over the limit of 2000"),
                                    ({"text": " "}, 422, "a note needs text"),
                                    ({"text": 7}, 400, "text: expected a string, got 7")]:
        response, body = post_json(port, note_path, fields, editor, method="PUT")
        check(response.status == status and json.loads(body) == {"error": refusal},
              "an edit is refused: %s (%d %r)" % (refusal, response.status, body))
    response, body = post_json(port, "/api/plans/higashi-kyosei/notes/99999", {"text": "x"}, editor, method="PUT")
    check(response.status == 404 and json.loads(body) == {"error": "unknown note 99999"}, "an unknown note is 404 (%r)" % body)
    response, body = request(port, "DELETE", note_path, token=editor)
    answer = json.loads(body)
    check(response.status == 200 and answer["deleted"] is True and answer["text"] == "書き直した",
          "DELETE deletes the note and answers what it said (%d %r)" % (response.status, body))
    response, body = request(port, "DELETE", note_path, token=editor)
    check(response.status == 404 and json.loads(body) == {"error": "unknown note %d" % note_id},
          "a deleted note is no longer found (%d %r)" % (response.status, body))
    response, body = request(port, "GET", "/api/history?subject=higashi-kyosei&limit=3", token=viewer)
    check([entry["action"] for entry in json.loads(body)["entries"]] == ["note delete", "note edit", "note"],
          "the history keeps each version of the note")

    # The directory (who 担当 is): editors and admins read it, admins change it; its history
    # entries hold addresses, withheld from a viewer.
    owner_path = "/api/directory/owners/" + urllib.parse.quote("地域福祉課")
    entry = {"recipients": [{"name": "東 花子", "email": "hanako@example.org"}],
             "escalation": [{"name": "課長", "email": "chief@example.org"}]}
    for token, status in [(None, 401), (viewer, 403), (editor, 403)]:
        response, body = post_json(port, owner_path, entry, token, method="PUT")
        check(response.status == status, "PUT %s by %s is %d (%d %r)" % (owner_path, token and token[:8], status,
                                                                           response.status, body))
    response, body = post_json(port, owner_path, entry, admin, method="PUT")
    check(response.status == 200 and json.loads(body)["created"] is True and json.loads(body)["owner"] == "地域福祉課",
          "an admin's PUT makes the entry (%d %r)" % (response.status, body))
    for token, status in [(None, 401), (viewer, 403), (editor, 200)]:
        response, body = request(port, "GET", "/api/directory", token=token)
        check(response.status == status, "GET /api/directory by %s is %d (%d)" % (token and token[:8], status,
                                                                                 response.status))
    check(json.loads(body)["owners"]["地域福祉課"] == entry, "the entry reads back (%r)" % body)
    for document, refusal in [({"recipients": []}, "entry.recipients: expected at least one person"), ({"recipients": [{"email": "x"}]}, "expected an email address"),
                              ({"recipients": [{"email": "a@b"}], "cc": 1}, "entry.cc: unknown field")]:
        response, body = post_json(port, owner_path, document, admin, method="PUT")
        check(response.status == 422 and refusal in json.loads(body)["error"],
              "a bad entry is refused: %r (%d %r)" % (document, response.status, body))
    response, body = post_json(port, "/api/directory", {"owners": {"x": {"recipients": "none"}}}, admin, method="PUT")
    check(response.status == 422, "a bad directory is refused whole (%r)" % body)
    response, body = request(port, "GET", "/api/directory/owners/" + urllib.parse.quote("地域福祉課"), token=editor)
    check(response.status == 200 and json.loads(body)["recipients"] == entry["recipients"], "and nothing changed")
    response, body = request(port, "GET", "/api/history?subject=%40directory", token=viewer)
    entries = json.loads(body)["entries"]
    check(entries and all(e["withheld"] and e["after"] is None for e in entries) and b"hanako" not in body,
          "a viewer's history withholds the directory's addresses (%r)" % body)
    response, body = request(port, "GET", "/api/history?subject=%40directory", token=editor)
    check(b"hanako@example.org" in body, "an editor's shows them")
    response, body = request(port, "DELETE", owner_path, token=admin)
    check(response.status == 200 and json.loads(body)["removed"] is True, "an admin removes the entry (%r)" % body)
    response, body = request(port, "DELETE", owner_path, token=admin)
    check(response.status == 404, "then it is not found (%r)" % body)

    # Agencies: read like the directory (their members' addresses), changed by admins; the
    # directory's owner removed above is still an agency, its former member kept.
    agency_path = "/api/agencies/" + urllib.parse.quote("東区地域包括支援センター")
    centre = {"kind": "地域包括支援センター",
              "members": [{"name": "南 三郎", "email": "saburo@example.jp", "role": "member",
                           "pledged": "2026-04-01"}]}
    for token, status in [(None, 401), (viewer, 403), (editor, 403)]:
        response, body = post_json(port, agency_path, centre, token, method="PUT")
        check(response.status == status, "PUT an agency by %s is %d (%d %r)" % (token and token[:8], status,
                                                                             response.status, body))
    response, body = post_json(port, agency_path, centre, admin, method="PUT")
    check(response.status == 200 and json.loads(body)["created"] is True
          and json.loads(body)["agency"]["kind"] == "community_support_center",
          "an admin's PUT makes the agency (%d %r)" % (response.status, body))
    for token, status in [(None, 401), (viewer, 403), (editor, 200)]:
        response, body = request(port, "GET", "/api/agencies", token=token)
        check(response.status == status and (status != 200 or response.getheader("Cache-Control") == "no-store"),
              "GET /api/agencies by %s is %d (%d)" % (token and token[:8], status, response.status))
    names = {agency["name"]: agency for agency in json.loads(body)["agencies"]}
    check("東区地域包括支援センター" in names and "地域福祉課" in names and names["地域福祉課"]["members"] == [],
          "the agencies hold the new one and the owner whose entry was removed; the member who joined and left "
          "the same day leaves no row (%r)" % body)
    response, body = post_json(port, agency_path, dict(centre, name="別の名前"), admin, method="PUT")
    check(response.status == 422 and "body.name: expected" in json.loads(body)["error"],
          "a body naming another agency is refused (%d %r)" % (response.status, body))
    response, body = post_json(port, "/api/agencies", {"agencies": [{"name": "x", "kind": "city_hall"}]}, admin,
                               method="PUT")
    check(response.status == 422 and "body.agencies[0].kind: expected ward_section" in json.loads(body)["error"],
          "a bad import is refused at its path (%d %r)" % (response.status, body))
    response, body = post_json(port, "/api/agencies", {"agencies": [dict(centre, name="東区社会福祉協議会",
                                                                         kind="social_welfare_council")]},
                               admin, method="PUT")
    check(response.status == 200 and json.loads(body) == {"added": 1, "changed": 0, "unchanged": 0},
          "an import adds (%d %r)" % (response.status, body))
    response, body = request(port, "GET", "/api/history?subject=" + urllib.parse.quote("@agency/東区地域包括支援センター"),
                             token=viewer)
    check(b"saburo" not in body and json.loads(body)["entries"][0]["withheld"],
          "a viewer's history withholds an agency's members (%r)" % body)
    response, body = request(port, "DELETE", agency_path, token=admin)
    check(response.status == 200 and json.loads(body)["removed"] is True, "an admin removes an agency (%r)" % body)
    response, body = request(port, "GET", agency_path, token=editor)
    check(response.status == 404 and json.loads(body)["error"] == 'no agency "東区地域包括支援センター"',
          "then it is not found (%d %r)" % (response.status, body))

    # Agencies' feeds: the meetings an agency takes part in, across every stored plan (the Higashi
    # plan and its hostile copy both convene the example's agencies), PUBLISH without attendees;
    # and a person's, of the agencies they are in now. Admins make their subscriptions.
    with open(os.path.join(source_dir, "examples/agencies.json"), encoding="utf-8") as file:
        response, body = post_json(port, "/api/agencies", json.load(file), admin, method="PUT")
    check(response.status == 200, "the example agencies are imported (%d %r)" % (response.status, body))
    council = "堺市社会福祉協議会東区事務所"
    response, body = post_json(port, "/api/subscriptions", {"agency": council}, editor)
    check(response.status == 403 and json.loads(body) == {
              "error": "token %s is an editor's; an agency's subscription needs an admin's" % editor_id},
          "an editor cannot make an agency's subscription (%d %r)" % (response.status, body))
    response, body = post_json(port, "/api/subscriptions", {"agency": "西区社会福祉協議会"}, admin)
    check(response.status == 422 and json.loads(body) == {"error": 'no agency "西区社会福祉協議会"'},
          "an agency not stored has no subscription (%d %r)" % (response.status, body))
    response, body = post_json(port, "/api/subscriptions", {"agency": council, "label": "社協の予定表"}, admin)
    check(response.status == 201, "an admin makes an agency's subscription (%d %r)" % (response.status, body))
    agency_made = json.loads(body) if response.status == 201 else {"url": "", "webcal": ""}
    check(agency_made["webcal"].startswith("webcal://127.0.0.1:%d/calendars/agency/%s.ics?token=tks_" %
                                           (port, urllib.parse.quote(council))),
          "its link names the agency, percent-encoded (%r)" % agency_made["webcal"])
    agency_path = agency_made["url"].split("%d" % port, 1)[-1]
    response, agency_feed = request(port, "GET", agency_path)
    check(response.status == 200 and response.getheader("Content-Type") == "text/calendar; charset=utf-8",
          "the agency's feed opens with its secret (%d)" % response.status)
    response, again = request(port, "GET", agency_path)
    check(again == agency_feed, "and is served from memory the next time, the same bytes")
    response, body = request(port, "GET", agency_path.split("?")[0])
    check(response.status == 401, "without its secret the agency's feed is 401")
    response, body = request(port, "GET", agency_path.split("?")[0], token=viewer)
    check(response.status == 200 and body == agency_feed, "a viewer's token reads it, as any feed")
    for word in (b"ATTENDEE", b"ORGANIZER", b"METHOD:REQUEST"):
        check(word not in agency_feed, "the agency's feed has no %s" % word.decode())
    calendar = icalendar.Calendar.from_ical(agency_feed)
    check(str(calendar.get("METHOD")) == "PUBLISH", "the agency's feed is PUBLISH")
    check(str(calendar.get("X-WR-CALNAME")) == council + "の会議", "it is named after the agency (%r)"
          % str(calendar.get("X-WR-CALNAME")))
    check([str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"], "with its zone")
    # The Higashi plan's meetings as its own feed writes them now (the October one was moved
    # above: an override), the hostile copy's as its feed does; nothing else.
    def meeting_events(feed, plan):
        keys = ("UID", "RECURRENCE-ID", "DTSTART", "DTEND", "RRULE", "SUMMARY", "LOCATION", "STATUS", "SEQUENCE")
        return sorted([tuple(event.get(key).to_ical() if event.get(key) is not None else b"" for key in keys)
                       for event in icalendar.Calendar.from_ical(feed).walk("VEVENT")
                       if str(event.get("UID")) == plan + "/multi-agency-meeting@torikumi"])
    uids = sorted({str(event.get("UID")) for event in calendar.walk("VEVENT")})
    check(uids == ["higashi-kyosei/multi-agency-meeting@torikumi", "hostile/multi-agency-meeting@torikumi"],
          "it holds both plans' meetings, and nothing else (%r)" % uids)
    higashi_now = request(port, "GET", feed_path)[1]
    check(meeting_events(agency_feed, "higashi-kyosei") == meeting_events(higashi_now, "higashi-kyosei") and
          len(meeting_events(agency_feed, "higashi-kyosei")) == 2,
          "the plan's meetings as the plan's feed writes them: the series and its moved October meeting")
    check(meeting_events(agency_feed, "hostile") == meeting_events(request(port, "GET", "/calendars/hostile.ics",
                                                                            token=viewer)[1], "hostile"),
          "the copy's as its feed writes them")
    check(not calendar.walk("VTODO"), "no to-do: a meeting is an event")
    instances = recurring_ical_events.of(calendar).between(datetime.date(2026, 4, 1), datetime.date(2027, 4, 1))
    starts = sorted(event.get("DTSTART").dt.isoformat() for event in instances)
    second_wednesdays = ["2026-04-08T14:00:00+09:00", "2026-06-10T14:00:00+09:00", "2026-08-12T14:00:00+09:00",
                         "2026-10-14T14:00:00+09:00", "2026-12-09T14:00:00+09:00", "2027-02-10T14:00:00+09:00"]
    moved = [start if start != "2026-10-14T14:00:00+09:00" else "2026-10-15T10:00:00+09:00"
             for start in second_wednesdays]
    check(starts == sorted(second_wednesdays + moved),
          "expanded by recurring-ical-events: each plan's six meetings, the Higashi plan's October one "
          "where it was moved (%r)" % starts)
    # An agency that takes part in no meeting: a calendar without events.
    response, body = post_json(port, "/api/subscriptions", {"agency": "学校連携担当"}, admin)
    check(response.status == 201, "an agency invited to nothing still has its subscription (%r)" % body)
    school_path = json.loads(body)["url"].split("%d" % port, 1)[-1] if response.status == 201 else "/"
    response, body = request(port, "GET", school_path)
    school = icalendar.Calendar.from_ical(body) if response.status == 200 else icalendar.Calendar()
    check(response.status == 200 and not school.walk("VEVENT") and
          str(school.get("X-WR-CALNAME")) == "学校連携担当の会議",
          "the feed of an agency invited to no meeting has no event (%d %r)" % (response.status, body[:200]))
    # A person's feed: 森 由紀 is the council's contact, so her feed is the council's meetings.
    response, body = post_json(port, "/api/subscriptions", {"person": "mori@shakyo-higashi.example.jp"}, editor)
    check(response.status == 403, "an editor cannot make a person's subscription (%d %r)" % (response.status, body))
    response, body = post_json(port, "/api/subscriptions", {"person": "nobody@example.org"}, admin)
    check(response.status == 422 and json.loads(body) == {
              "error": 'no agency has a member with the address "nobody@example.org"'},
          "an address no agency has is refused (%d %r)" % (response.status, body))
    response, body = post_json(port, "/api/subscriptions", {"person": "Mori@shakyo-higashi.example.jp"}, admin)
    check(response.status == 201, "an admin makes a person's subscription (%d %r)" % (response.status, body))
    person_path = json.loads(body)["url"].split("%d" % port, 1)[-1] if response.status == 201 else "/"
    check(re.fullmatch(r"/calendars/person/[0-9a-f]{16}\.ics\?token=tks_[A-Za-z0-9_-]{43}", person_path) is not None,
          "its link carries no address (%r)" % person_path)
    response, person_feed = request(port, "GET", person_path)
    person = icalendar.Calendar.from_ical(person_feed) if response.status == 200 else icalendar.Calendar()
    check(response.status == 200 and str(person.get("X-WR-CALNAME")) == "森 由紀の会議" and
          sorted({str(event.get("UID")) for event in person.walk("VEVENT")}) == uids and
          b"ATTENDEE" not in person_feed,
          "the person's feed holds her agency's meetings (%d %r)" % (response.status, person_feed[:300]))
    response, body = request(port, "GET", person_path.split("?")[0], token=viewer)
    check(response.status == 403, "a viewer's token does not open a person's feed (%d %r)" % (response.status, body))
    response, body = request(port, "GET", person_path.split("?")[0], token=admin)
    check(response.status == 200 and body == person_feed, "an admin's does")
    response, body = request(port, "GET", person_path.split("?")[0] + "?token=" + agency_made["url"].split("token=")[-1])
    check(response.status == 401, "the agency's secret does not open the person's feed")

    # Another process records: the server shows it within a second or two, in the plan's feed
    # and in the agencies' feeds of the meeting.
    before = request(port, "GET", feed_path)[1]
    recorded = cli("done", "higashi-kyosei/multi-agency-meeting/2026-06", "--db", database, "--by", "cli")
    check(recorded.returncode == 0, "the CLI records beside the server (%r)" % recorded.stderr)
    time.sleep(2.0)
    after = request(port, "GET", feed_path)[1]
    check(after != before, "a completion from the CLI reaches the feed")
    response, body = request(port, "GET", agency_path)
    june = [event for event in icalendar.Calendar.from_ical(body).walk("VEVENT")
            if event.get("RECURRENCE-ID") is not None and str(event.get("UID")).startswith("higashi-kyosei/")
            and event.get("RECURRENCE-ID").dt.isoformat() == "2026-06-10T14:00:00+09:00"]
    check(response.status == 200 and body != agency_feed and len(june) == 1 and
          str(june[0].get("SUMMARY")).startswith("✓ ") and meeting_events(body, "higashi-kyosei") ==
          meeting_events(after, "higashi-kyosei"),
          "and reaches the agency's feed: the June meeting an override marked done, as in the plan's feed")
    # The example agencies go again, as they came: the directory checks below want a database whose
    # agencies have had no contact and no lead. Their feeds go with them; a person's follows.
    with open(os.path.join(source_dir, "examples/agencies.json"), encoding="utf-8") as file:
        for agency in json.load(file)["agencies"]:
            request(port, "DELETE", "/api/agencies/" + urllib.parse.quote(agency["name"]), token=admin)
    response, body = request(port, "GET", agency_path)
    check(response.status == 404 and json.loads(body) == {"error": 'no agency "%s"' % council},
          "an agency removed has no feed (%d %r)" % (response.status, body))
    response, body = request(port, "GET", person_path)
    check(response.status == 404, "nor a person no agency has (%d %r)" % (response.status, body))

    # Bodies over the limit: with Content-Length, and chunked (which cpp-httplib 0.11.4 does not
    # limit itself).
    response, body = request(port, "POST", completion, body=b"x" * 100000,
                             headers={"Content-Type": "application/json"}, token=editor)
    check(response.status == 413 and json.loads(body)["error"] == "request body over the limit of 65536 bytes",
          "413 with Content-Length")

    def chunked_post(size, chunk=8192):
        raw = socket.create_connection(("127.0.0.1", port), timeout=10)
        raw.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n\r\n"
                     % (completion, editor)).encode())
        sent = 0
        try:
            while sent < size:
                raw.sendall(b"%x\r\n" % chunk + b"y" * chunk + b"\r\n")
                sent += chunk
            raw.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server may close while we still send
        data = b""
        while True:
            try:
                piece = raw.recv(65536)
            except OSError:
                break
            if not piece:
                break
            data += piece
        raw.close()
        return data

    answer = chunked_post(1024 * 1024)
    check(answer.startswith(b"HTTP/1.1 413 "), "413 for a chunked body over the limit (got %r)" % answer[:40])
    check(answer.count(b"HTTP/1.1") == 1, "the rest of a refused chunked body is not read as requests")

    # The dashboard: sign-in first, then pages in Japanese and in English, user text escaped.
    response, body = request(port, "GET", "/plans/higashi-kyosei")
    check(response.status == 303 and response.getheader("Location") == "/signin?next=%2Fplans%2Fhigashi-kyosei",
          "a page without a session sends to the sign-in")
    response, body = request(port, "GET", "/signin")
    check([value for name, value in response.getheaders() if name.lower() == "cache-control"] == ["no-store"],
          "the sign-in page is not stored, and says so once (%r)" % response.getheaders())
    signin_cookie = response.getheader("Set-Cookie", "").split(";")[0]
    csrf = re.search(r'name="csrf" value="([^"]+)"', body.decode())
    check(response.status == 200 and csrf and signin_cookie.startswith("torikumi_signin="), "the sign-in form")
    form = urllib.parse.urlencode({"csrf": csrf.group(1) if csrf else "", "next": "/", "token": "tkm_wrong"})
    response, body = request(port, "POST", "/signin", body=form.encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": signin_cookie})
    check(response.status == 401 and "トークンが正しくない" in body.decode(), "a wrong token is refused")
    response, body = request(port, "GET", "/signin")
    signin_cookie = response.getheader("Set-Cookie", "").split(";")[0]
    csrf = re.search(r'name="csrf" value="([^"]+)"', body.decode()).group(1)
    form = urllib.parse.urlencode({"csrf": "forged", "next": "/", "token": editor})
    response, body = request(port, "POST", "/signin", body=form.encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": signin_cookie})
    check(response.status == 403, "a sign-in without the form's CSRF token is refused")
    form = urllib.parse.urlencode({"csrf": csrf, "next": "//evil.example/", "token": editor})
    response, body = request(port, "POST", "/signin", body=form.encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": signin_cookie})
    session_header = response.getheader("Set-Cookie", "")
    check(response.status == 303 and response.getheader("Location") == "/", "signed in, and never sent off-site")
    check("HttpOnly" in session_header and "SameSite=Strict" in session_header, "an HttpOnly, SameSite=Strict cookie")
    session = session_header.split(";")[0]
    # The double-submitted pair must be there and not empty: an empty cookie with an empty field
    # is no secret.
    for cookie in ["torikumi_signin=", ""]:
        form = urllib.parse.urlencode({"csrf": "", "next": "/", "token": editor})
        response, body = request(port, "POST", "/signin", body=form.encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        check(response.status == 403 and "torikumi_session=" not in response.getheader("Set-Cookie", ""),
              "a sign-in with an empty CSRF pair is refused (cookie %r: %d)" % (cookie, response.status))

    def sign_in(token):
        response, body = request(port, "GET", "/signin")
        pair = response.getheader("Set-Cookie", "").split(";")[0]
        field = re.search(r'name="csrf" value="([^"]+)"', body.decode()).group(1)
        form = urllib.parse.urlencode({"csrf": field, "next": "/", "token": token})
        response, body = request(port, "POST", "/signin", body=form.encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": pair})
        return response.getheader("Set-Cookie", "").split(";")[0]

    # Signing out ends the session on the server, even without the form's CSRF token: a copy of
    # the old cookie opens nothing.
    leaving = sign_in(viewer)
    response, body = request(port, "GET", "/", headers={"Cookie": leaving})
    check(leaving.startswith("torikumi_session=") and response.status == 200, "a second session opens the overview")
    response, body = request(port, "POST", "/signout", body=b"",
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": leaving})
    check(response.status == 303 and "Max-Age=0" in response.getheader("Set-Cookie", ""), "sign-out clears the cookie")
    response, body = request(port, "GET", "/", headers={"Cookie": leaving})
    check(response.status == 303 and response.getheader("Location") == "/signin?next=%2F",
          "the old cookie no longer opens a page after sign-out (%d)" % response.status)

    # The account page: an admin makes a link to an agency's meetings (東区社会福祉協議会, imported
    # above, which no plan invites) from the same form as a plan's; an editor's form has plans only.
    admin_session = sign_in(admin)
    response, body = request(port, "GET", "/account", headers={"Cookie": admin_session})
    page = body.decode()
    agency_option = '<option value="agency:東区社会福祉協議会">東区社会福祉協議会</option>'
    check(response.status == 200 and agency_option in page and 'value="person:saburo@example.jp"' in page,
          "an admin's account page offers the agencies and their current members (%d)" % response.status)
    response, body = request(port, "GET", "/account", headers={"Cookie": session})
    check(response.status == 200 and 'value="agency:' not in body.decode(), "an editor's offers no agency")
    editor_csrf = re.search(r'name="csrf" value="([^"]+)"', body.decode())
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    form = urllib.parse.urlencode({"csrf": csrf.group(1) if csrf else "", "feed": "agency:東区社会福祉協議会",
                                   "label": "社協"})
    response, body = request(port, "POST", "/account/subscriptions", body=form.encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": admin_session})
    link = re.search(r'id="https">(http://[^<]+)</code>', body.decode())
    check(response.status == 200 and link is not None and "東区社会福祉協議会の会議（機関）" in body.decode() and
          "/calendars/agency/" in link.group(1),
          "the form makes the agency's link, shown once (%d)" % response.status)
    response, body = request(port, "GET", html.unescape(link.group(1)).split("%d" % port, 1)[-1] if link else "/")
    made_calendar = icalendar.Calendar.from_ical(body) if response.status == 200 else icalendar.Calendar()
    check(response.status == 200 and str(made_calendar.get("X-WR-CALNAME")) == "東区社会福祉協議会の会議" and
          not made_calendar.walk("VEVENT"), "its feed: an agency no plan invites has no meeting (%d)" % response.status)
    form = urllib.parse.urlencode({"csrf": editor_csrf.group(1) if editor_csrf else "",
                                   "feed": "agency:東区社会福祉協議会"})
    response, body = request(port, "POST", "/account/subscriptions", body=form.encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": session})
    check(response.status == 403 and "機関のカレンダー購読リンクは管理者のトークンでのみ作れます。" in body.decode(),
          "an editor's session is refused an agency's link, in Japanese (%d)" % response.status)
    response, body = request(port, "GET", "/", headers={"Cookie": session})
    page = body.decode()
    check(response.status == 200 and response.getheader("Content-Type") == "text/html; charset=utf-8", "the overview")
    check('<html lang="ja">' in page and "重要取組の進捗" in page and "編集者" in page, "the overview is in Japanese")
    check("<script" not in page and "<img" not in page, "a hostile plan renders harmless")
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in page, "the hostile title is shown as text")
    check("script-src" not in response.getheader("Content-Security-Policy", "") and
          "default-src 'none'" in response.getheader("Content-Security-Policy", ""), "pages carry a CSP")
    response, body = request(port, "GET", "/?lang=en", headers={"Cookie": session})
    check('<html lang="en">' in body.decode(), "?lang=en switches to English")
    check("lang=en" in response.getheader("Set-Cookie", ""), "the language is kept in a cookie")
    response, body = request(port, "GET", "/plans/higashi-kyosei", headers={"Cookie": session + "; lang=en"})
    check(response.status == 200 and '<html lang="en">' in body.decode() and "<svg" in body.decode(),
          "the plan page in English with its timeline")
    response, body = request(port, "GET", "/plans/higashi-kyosei", headers={"Cookie": session})
    page = body.decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    check(csrf is not None and 'action="/plans/higashi-kyosei/actions/done"' in page, "an editor's plan page has forms")
    form = {"occurrence": "higashi-kyosei/multi-agency-meeting/2026-12", "note": "フォームから"}
    response, body = request(port, "POST", "/plans/higashi-kyosei/actions/done", body=urllib.parse.urlencode(form).encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": session})
    check(response.status == 403, "a form without the CSRF token is refused")
    form["csrf"] = csrf.group(1) if csrf else ""
    response, body = request(port, "POST", "/plans/higashi-kyosei/actions/done", body=urllib.parse.urlencode(form).encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": session})
    check(response.status == 303 and response.getheader("Location") == "/plans/higashi-kyosei?done=recorded", "the form records")
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/occurrences?status=done", token=viewer)
    check("higashi-kyosei/multi-agency-meeting/2026-12" in [o["id"] for o in json.loads(body)["occurrences"]],
          "the form's completion is stored")
    response, body = request(port, "POST", "/plans/higashi-kyosei/actions/done", body=urllib.parse.urlencode(form).encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": session})
    check(response.status == 409 and "記録できませんでした" in body.decode()
          and "」はすでに完了です。取り消してから記録し直してください。" in body.decode(),
          "a form that conflicts says so, in Japanese")
    long_note = dict(form, note="あ" * 501)
    response, body = request(port, "POST", "/plans/higashi-kyosei/actions/done", body=urllib.parse.urlencode(long_note).encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": session})
    check(response.status == 422 and "メモが501文字です。500文字以内で入力してください。" in body.decode(),
          "a form's field over its maxlength is refused by the server too, in Japanese (%d)" % response.status)
    # The note and KPI forms: refused without the CSRF token; with it, an edit goes back to the
    # note, a deletion answers a page that says what it deleted, a KPI figure is on the plan page.
    form_headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": session}
    response, body = post_json(port, "/api/plans/higashi-kyosei/notes", {"period": "後期", "text": "フォームで直す"}, editor)
    form_note = str(json.loads(body)["id"])
    record_forms = [("editnote", {"note": form_note, "text": "フォームで直した"}),
                    ("deletenote", {"note": form_note}),
                    ("kpi", {"kpi": "suicide-rate", "year": "2026", "value": "14.1"})]
    for verb, fields in record_forms:
        response, body = request(port, "POST", "/plans/higashi-kyosei/actions/" + verb,
                                 body=urllib.parse.urlencode(fields).encode(), headers=form_headers)
        check(response.status == 403, "the %s form without the CSRF token is refused (%d)" % (verb, response.status))
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/kpis", token=viewer)
    check(json.loads(body)["values"] == [], "nothing was recorded by the refused forms")
    answers = {}
    for verb, fields in record_forms:
        response, body = request(port, "POST", "/plans/higashi-kyosei/actions/" + verb,
                                 body=urllib.parse.urlencode(dict(fields, csrf=form["csrf"])).encode(), headers=form_headers)
        answers[verb] = (response.status, response.getheader("Location"), body.decode())
    check(answers["editnote"][:2] == (303, "/plans/higashi-kyosei?done=saved#note-" + form_note), "the edit form goes back to the note (%r)" % (answers["editnote"][:2],))
    check(answers["deletenote"][0] == 200 and "進捗の記入を削除しました" in answers["deletenote"][2] and
          "フォームで直した" in answers["deletenote"][2], "the delete form's page says what was deleted")
    check(answers["kpi"][:2] == (303, "/plans/higashi-kyosei?done=recorded"), "the KPI form goes back to the plan (%r)" % (answers["kpi"][:2],))
    response, body = request(port, "GET", "/plans/higashi-kyosei", headers=form_headers)
    check("実績値: 14.1（人口10万人当たり自殺者数） <span class=\"meta\">(2026年度)</span>" in body.decode(),
          "the plan page shows the KPI figure")
    for fields, cookie, refusal in [({"value": "abc"}, session, "value: 「abc」は数値ではありません。数値を入力してください。"),
                                    ({"year": "3000"}, session + "; lang=en", 'year: expected a year from 1949 to 2099, got "3000"')]:
        wrong = dict(record_forms[2][1], csrf=form["csrf"], **fields)
        response, body = request(port, "POST", "/plans/higashi-kyosei/actions/kpi", body=urllib.parse.urlencode(wrong).encode(),
                                 headers=dict(form_headers, Cookie=cookie))
        check(response.status == 400 and html.escape(refusal, quote=True) in body.decode(),
              "a KPI form refused in the page's language: %s (%d)" % (refusal, response.status))
    response, body = request(port, "GET", "/plans/higashi-kyosei/history", headers=form_headers)
    page = body.decode()
    check(response.status == 200 and "進捗の記入を削除" in page and "KPIの実績値を記録" in page and "値: 14.1" in page,
          "the history page shows the changes in words (%d)" % response.status)
    response, body = request(port, "GET", "/plans/higashi-kyosei/history?page=99", headers=form_headers)
    check(response.status == 400 and "page: 「99」は選べません" in body.decode(), "a page past the last is a 400 page")
    response, body = request(port, "GET", "/plans/higashi-kyosei/history?occurrence=higashi-kyosei%2Fmulti-agency-meeting%2F2026-12",
                             headers=form_headers)
    check(response.status == 200 and "完了を記録" in body.decode() and "KPIの実績値を記録" not in body.decode(),
          "one occurrence's history")
    response, body = request(port, "GET", "/plans/higashi-kyosei/history")
    check(response.status == 303, "the history page needs a sign-in as the plan page does (%d)" % response.status)
    response, body = request(port, "GET", "/plans/hostile", headers={"Cookie": session})
    check(response.status == 200 and "<script" not in body.decode(), "the hostile plan's page renders harmless")
    response, body = request(port, "GET", "/plans/higashi-kyosei/form", headers={"Cookie": session})
    check(response.status == 200 and "進捗の状況" in body.decode(), "the progress form")
    policy = response.getheader("Content-Security-Policy", "")
    script = re.search(r'<script src="(/assets/print\.js\?v=[0-9a-f]+)" defer></script>', body.decode())
    check("script-src 'self'" in policy and "default-src 'none'" in policy and script is not None,
          "the form page loads its print script, and its policy allows the server's own scripts (%r)" % policy)
    response, body = request(port, "GET", script.group(1) if script else "/assets/print.js")
    check(response.status == 200 and response.getheader("Content-Type") == "text/javascript; charset=utf-8" and
          "max-age=31536000" in response.getheader("Cache-Control", "") and
          response.getheader("X-Content-Type-Options") == "nosniff" and b"window.print()" in body,
          "the print script: JavaScript, cached for a year, never sniffed")
    response, body = request(port, "GET", "/plans/higashi-kyosei/overdue", headers={"Cookie": session})
    check(response.status == 200 and "期限超過 (" in body.decode() and
          "script-src" not in response.getheader("Content-Security-Policy", ""),
          "the overdue page, without scripts")
    response, body = request(port, "GET", "/plans/higashi-kyosei/overdue?kind=someday",
                             headers={"Cookie": session + "; lang=en"})
    check(response.status == 400 and "kind: expected meeting, campaign or deliverable, got &quot;someday&quot;" in body.decode(),
          "an overdue filter it does not know is a 400 page that says so (%d)" % response.status)
    response, body = request(port, "GET", "/plans/nope", headers={"Cookie": session})
    check(response.status == 404 and "見つかりません" in body.decode(), "a missing plan's page is 404")
    # Revoking the token ends its session (the CLI, another process).
    token_id = re.search(r"token (\d+)", made.stdout)
    revoked = cli("token", "revoke", token_id.group(1) if token_id else "0", "--db", database)
    check(revoked.returncode == 0, "the editor's token is revoked (%r)" % revoked.stderr)
    check(revoked.stdout == "token %s revoked\nsubscription %s revoked (made with token %s)\n" % (editor_id, editors["id"], editor_id),
          "and with it the subscription the editor made (%r)" % revoked.stdout)
    listed = cli("subscription", "list", "--db", database)
    org_id = re.search(r"(?m)^(\d+)  organisation ", listed.stdout)
    revoked = cli("subscription", "revoke", org_id.group(1) if org_id else "0", "--db", database)
    check(revoked.returncode == 0, "the organisation's subscription is revoked (%r %r)" % (listed.stdout, revoked.stderr))
    time.sleep(2.0)
    response, body = request(port, "GET", org_path)
    check(response.status == 401, "a revoked subscription no longer opens its feed")
    response, body = request(port, "GET", editors_path)
    check(response.status == 401, "a revoked editor's subscription no longer opens the feed (%d)" % response.status)
    response, body = request(port, "GET", feed_path)
    check(response.status == 200, "the subscription torikumi serve made stays")
    response, body = request(port, "GET", "/", headers={"Cookie": session})
    check(response.status == 303, "a revoked token's session is over")
    response, body = request(port, "GET", "/api/plans", token=editor)
    check(response.status == 401, "a revoked token is 401")

    # Metrics: requests by route and status.
    response, body = request(port, "GET", "/metrics")
    metrics = body.decode()
    # 3 by ETag, 8 by If-Modified-Since (four dates no earlier than the change, each twice).
    check('torikumi_http_requests_total{route="/calendars/{plan}.ics",method="GET",status="304"} 11' in metrics,
          "metrics count the 304s")
    check('torikumi_http_request_duration_seconds_bucket{route="/calendars/{plan}.ics",le="+Inf"}' in metrics,
          "metrics have a latency histogram")
    # The labels come from the server's own route table: each a route template, never a raw path.
    labels = set(re.findall(r'torikumi_http_requests_total\{route="([^"]*)"', metrics))
    check(labels == {"/", "/healthz", "/account", "/account/subscriptions", "/api/plans", "/api/directory",
                     "/api/agencies", "/api/plans/{id}", "/api/plans/{id}/occurrences",
                     "/api/plans/{id}/progress", "/api/other", "/calendars/{plan}.ics",
                     "/calendars/{plan}/owner/{name}.ics", "/calendars/org/{name}.ics",
                     "/calendars/agency/{name}.ics", "/calendars/person/{key}.ics", "/plans/{id}",
                     "/plans/{id}/form", "/plans/{id}/overdue", "/plans/{id}/history", "/assets/print.js",
                     "other"},
          "every route the test called is counted under its template (%s)" % sorted(labels))

    # SIGTERM: a request in flight (a chunked body half sent) is answered, an idle keep-alive
    # connection does not hold the exit, and the exit code is 0.
    idle = socket.create_connection(("127.0.0.1", port), timeout=10)
    idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    idle.recv(4096)
    in_flight = socket.create_connection(("127.0.0.1", port), timeout=10)
    in_flight.sendall(("POST /api/plans/higashi-kyosei/notes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n" % admin).encode())
    time.sleep(0.2)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    rest = json.dumps({"period": "後期", "text": "停止中に届いた記録"}).encode()[1:]
    in_flight.sendall(b"%x\r\n" % len(rest) + rest + b"\r\n0\r\n\r\n")
    answer = in_flight.recv(65536)
    check(answer.startswith(b"HTTP/1.1 201 "), "the request in flight is answered after SIGTERM (got %r)" % answer[:60])
    refused = False
    try:
        request(port, "GET", "/healthz")
    except OSError:
        refused = True
    check(refused, "no new connection is accepted after SIGTERM")
    code = process.wait(timeout=15)
    check(code == 0, "SIGTERM exits 0 (got %s)" % code)
    check(time.monotonic() - started < 10, "SIGTERM exits within the keep-alive timeout")
    idle.settimeout(2)
    idle_end = None
    try:
        while idle_end != b"":  # the rest of the /healthz answer, then the end
            idle_end = idle.recv(4096)
    except OSError as error:
        idle_end = error
    check(idle_end == b"", "the idle keep-alive connection was closed, not left hanging (%r)" % (idle_end,))
    reader.join(timeout=2)

    # One JSON line per request, never a token or a query string.
    logged = [line for line in stderr_lines if line.startswith("{")]
    parsed = [json.loads(line) for line in logged]
    check(len(parsed) >= 60, "one log line per request (%d)" % len(parsed))
    requests_logged = [entry for entry in parsed if "method" in entry]
    check(all({"time", "method", "path", "route", "status", "ms"} <= entry.keys() for entry in requests_logged),
          "log lines have their fields")
    secrets = [admin, viewer, editor, subscription]
    check(not any(secret and secret in line for line in stderr_lines for secret in secrets) and
          not any("tkc_" in line or "tks_" in line or "tkm_" in line for line in stderr_lines),
          "no token, secret or session is ever logged")
    check(stderr_lines and stderr_lines[-1].strip() == "torikumi serve: stopped", "the server says it stopped")

    # A second start on the same file: no new admin token; the feed's subscription is kept.
    process, port, announced = start([plan_path], ["--db", database])
    out_rest = "".join(process.stdout.readline() for _ in range(3))
    check(TOKEN.search(out_rest) is None and "made before" in out_rest, "a restart makes no new secrets (%r)" % out_rest)
    response, body = request(port, "GET", feed_path)
    check(response.status == 200, "the subscription still opens the feed after a restart")
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/occurrences?status=done", token=viewer)
    check(len(json.loads(body)["occurrences"]) >= 2, "what was recorded survives the restart")
    process.send_signal(signal.SIGTERM)
    check(process.wait(timeout=15) == 0, "the second server exits 0")

    # With a config: reading open to all (server.require_sign_in false), reminders dispatched from
    # inside the server to a webhook receiver on loopback that checks each signature.
    import base64
    import webhook_support
    secret = base64.b64encode(b"torikumi-serve-test-secret-32byt").decode()
    receiver = webhook_support.WebhookReceiver(secret)
    received = receiver.received  # the live list, appended to as deliveries come
    config_path = os.path.join(scratch, "config.json")
    with open(config_path, "w", encoding="utf-8") as file:
        json.dump({"webhooks": [{"url": "http://127.0.0.1:%d/hook" % receiver.server_port, "secret": "whsec_" + secret}],
                   "directory": {"owners": {}, "unlisted": {"recipients": [{"name": "企画総務課",
                                                                          "email": "kikaku@example.org"}]}},
                   "server": {"base_url": "http://127.0.0.1:18999", "require_sign_in": False, "language": "en",
                              "metrics": "token"}},
                  file, ensure_ascii=False)
    process, port, announced = start([plan_path], ["--db", database, "--config", config_path])
    out_rest = "".join(process.stdout.readline() for _ in range(5))
    check("dashboard: http://127.0.0.1:18999/" in out_rest, "the config's public address is used (%r)" % out_rest)
    check("directory: one entry for every owner from %s, kept in the database from now on (http://127.0.0.1:18999/directory)" % config_path
          in out_rest, "the config's directory is the database's first (%r)" % out_rest)
    check("reminders: to 1 webhook" in out_rest, "the dispatcher runs inside the server")
    response, body = request(port, "GET", "/api/plans")
    check(response.status == 200, "require_sign_in false opens reading")
    response, body = request(port, "GET", plain_feed)
    check(response.status == 200, "and the feeds")
    response, body = post_json(port, completion, {}, None)
    check(response.status == 401, "writing still needs a token")
    response, body = request(port, "GET", "/plans/higashi-kyosei")
    page = body.decode()
    check(response.status == 200 and '<html lang="en">' in page, "the config's language is the dashboard's default")
    check('id="reminders"' in page and "Upcoming" in page, "the plan page lists the reminders")
    for _ in range(100):
        if received:
            break
        time.sleep(0.1)
    check(received and all(ok for _, ok, _ in received), "reminders arrive, each signature valid (%d)" % len(received))
    check(all(webhook_id.startswith(payload["plan"]["id"] + "/") and payload["plan"]["id"] in ("higashi-kyosei", "hostile")
              for webhook_id, _, payload in received), "each for its own plan, of the two stored")
    # The pass records each delivery after its answer: wait until the log has caught up.
    for _ in range(100):
        response, body = request(port, "GET", "/api/deliveries?state=delivered")
        delivered = json.loads(body)["deliveries"] if response.status == 200 else []
        if delivered and len(delivered) == len({webhook_id for webhook_id, _, _ in received}):
            break
        time.sleep(0.1)
    ids = sorted({webhook_id for webhook_id, _, _ in received})
    check(sorted(entry["reminder"] for entry in delivered) == ids and ids,
          "the delivery log lists what arrived (%d delivered, %d received)" % (len(delivered), len(ids)))
    check(len(ids) == len(received), "each reminder arrived once")
    # The plans came in mid-year (1 September) and were never reminded of: their first import
    # sends one summary per owner of what is overdue, in place of a reminder each, and the plan
    # page says so from what the outbox holds.
    summaries = [payload for _, _, payload in received
                 if payload["type"] == "reminder.summary" and payload["plan"]["id"] == "higashi-kyosei"]
    check(summaries and all(p["id"].startswith("higashi-kyosei/first-import/owner-") for p in summaries) and
          len({p["summary"]["owner"] for p in summaries}) == len(summaries),
          "a first import mid-year sends one summary per owner (%d)" % len(summaries))
    check(not any(p["type"] == "reminder.due" and p["reminder"]["kind"] == "overdue" for _, _, p in received),
          "in place of the overdue reminders")
    items = sum(len(p["summary"]["items"]) for p in summaries)
    response, body = request(port, "GET", "/plans/higashi-kyosei")
    line = "As the plan came in mid-year, its %d overdue item%s went out as one summary per owner (%d summar%s, 2026-09-01)." % (
        items, "" if items == 1 else "s", len(summaries), "y" if len(summaries) == 1 else "ies")
    check(line in body.decode(), "the plan page says so (%s)" % line)
    response, body = request(port, "GET", "/plans/higashi-kyosei?lang=ja")
    line = "年度途中の取り込みのため、期限超過 %d 件は担当ごとに 1 通のまとめで送りました（%d 通、2026-09-01）" % (items, len(summaries))
    check(line in body.decode(), "in Japanese too (%s)" % line)
    response, body = request(port, "GET", "/api/deliveries?state=lost")
    check(response.status == 400 and json.loads(body) == {"error": 'state: expected pending, delivered, dead or withdrawn, got "lost"'},
          "a bad state filter is 400")
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/reminders")
    upcoming = json.loads(body)["upcoming"] if response.status == 200 else []
    check(upcoming and all(entry["send_at"] > "2026-09-01T00:00:00Z" for entry in upcoming), "upcoming reminders by API")
    # Webhook URLs, their receivers' answers and the recipients' addresses are for editors and
    # admins: a viewer, or anyone when reading needs no sign-in, gets the documents without them.
    hook = "127.0.0.1:%d/hook" % receiver.server_port
    for who, token in [("anyone", None), ("a viewer", viewer)]:
        response, body = request(port, "GET", "/api/plans/higashi-kyosei/reminders", token=token)
        recipients = [r for entry in json.loads(body)["upcoming"] for r in entry["recipients"]]
        check(response.status == 200 and recipients and all(r == {"name": "企画総務課"} for r in recipients) and
              b"kikaku@example.org" not in body, "%s sees the recipients without their addresses" % who)
        response, body = request(port, "GET", "/api/deliveries", token=token)
        listed = json.loads(body)["deliveries"]
        check(response.status == 200 and listed and all("endpoint" not in d and "last_error" not in d for d in listed) and
              hook.encode() not in body, "%s sees the deliveries without webhook URLs or answers" % who)
        check(all(d.keys() == {"reminder", "plan", "occurrence", "rule", "subject", "send_at", "state", "attempts",
                                "next_attempt_at", "last_attempt_at", "last_status", "delivered_at"} for d in listed),
              "%s gets every other field of a delivery" % who)
    response, body = request(port, "GET", "/plans/higashi-kyosei")
    check(response.status == 200 and hook.encode() not in body and b"kikaku@example.org" not in body,
          "the plan page shows no webhook URL or address without an editor's session")
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/reminders", token=admin)
    recipients = [r for entry in json.loads(body)["upcoming"] for r in entry["recipients"]]
    check(recipients and all(r == {"name": "企画総務課", "email": "kikaku@example.org"} for r in recipients),
          "an admin sees the recipients' addresses")
    response, body = request(port, "GET", "/api/deliveries", token=admin)
    check(all(d["endpoint"] == "http://" + hook and "last_error" in d for d in json.loads(body)["deliveries"]),
          "and the deliveries' webhook URLs")
    # server.metrics "token": even on loopback, /metrics needs a bearer token (of any role).
    response, body = request(port, "GET", "/metrics")
    check(response.status == 401 and response.getheader("WWW-Authenticate", "").startswith("Bearer") and
          json.loads(body) == {"error": '/metrics needs a token: Authorization: Bearer TOKEN (server.metrics: "token")'},
          "metrics in the token mode refuse a request without a token (%d %r)" % (response.status, body))
    response, body = request(port, "GET", "/metrics", token="tkm_" + "z" * 43)
    check(response.status == 401 and json.loads(body) == {"error": "unknown or revoked token"},
          "and one with an unknown token")
    response, body = request(port, "GET", "/metrics", token=viewer)
    check(response.status == 200, "a viewer's token reads the metrics")
    counted = re.search(r'torikumi_webhook_deliveries\{state="delivered"\} (\d+)', body.decode())
    check(counted and int(counted.group(1)) >= len(ids), "metrics count deliveries")
    process.send_signal(signal.SIGTERM)
    check(process.wait(timeout=30) == 0, "the server with its dispatcher exits 0")
    receiver.shutdown()

print("%d passed, %d failed" % (checks_run[0] - len(failures), len(failures)))
sys.exit(1 if failures else 0)
