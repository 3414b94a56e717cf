#!/usr/bin/env python3
"""End-to-end test of `torikumi serve`: the real binary on a free loopback port, driven over HTTP.

usage: serve_test.py TORIKUMI SOURCE_DIR
"""
import gzip
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

torikumi, source_dir = sys.argv[1], sys.argv[2]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


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

    process, port, announced = start([plan_path, hostile_path], ["--max-body", "65536"])
    stderr_lines = []
    reader = threading.Thread(target=lambda: stderr_lines.extend(process.stderr), daemon=True)
    reader.start()
    out_rest = process.stdout.readline() + process.stdout.readline()
    check("dashboard: http://127.0.0.1:%d/" % port in out_rest, "the dashboard URL is printed")

    # /healthz
    response, body = request(port, "GET", "/healthz")
    check(response.status == 200 and body == b"ok\n", "/healthz answers ok")

    # The plan feed: type, validators, conditional GET.
    feed_path = "/calendars/higashi-kyosei.ics"
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

    # Owner and organisation feeds; a token in the query is accepted and never logged.
    owner_path = "/calendars/higashi-kyosei/owner/" + urllib.parse.quote("多機関協働担当") + ".ics?token=s3cret"
    response, owner_feed = request(port, "GET", owner_path)
    check(response.status == 200 and b"RRULE:" in owner_feed and len(owner_feed) < len(identity), "the owner feed")
    response, org_feed = request(port, "GET", "/calendars/org/" + urllib.parse.quote("東区役所") + ".ics")
    check(response.status == 200 and "東区役所".encode() in org_feed, "the organisation feed")

    # Errors: JSON with the right status.
    for path, status, message in [
        ("/api/plans/nope", 404, 'no plan "nope"'),
        ("/calendars/nope.ics", 404, 'no plan "nope"'),
        ("/calendars/a/b.ics", 404, "no feed at /calendars/a/b.ics"),
        ("/nothing/here", 404, "no such resource: /nothing/here"),
        ("/api/plans/higashi-kyosei/occurrences?fy=x", 400, 'fy: expected a year from 1949 to 2099, got "x"'),
        ("/api/plans/higashi-kyosei/occurrences?status=finished", 400,
         'status: expected planned, scheduled, done, skipped, cancelled or overdue, got "finished"'),
    ]:
        response, body = request(port, "GET", path)
        check(response.status == status, "%s is %d (got %d)" % (path, status, response.status))
        check(response.getheader("Content-Type") == "application/json; charset=utf-8", path + " is JSON")
        check(json.loads(body) == {"error": message}, "%s says %r (got %r)" % (path, message, body))

    # The API.
    response, body = request(port, "GET", "/api/plans")
    plans = json.loads(body)
    check([plan["id"] for plan in plans] == ["higashi-kyosei", "hostile"], "the plan list")
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/occurrences?kind=meeting&period=%E4%B8%AD%E6%9C%9F")
    meetings = json.loads(body)["occurrences"]
    check([m["id"] for m in meetings] == ["higashi-kyosei/multi-agency-meeting/2026-08",
                                          "higashi-kyosei/multi-agency-meeting/2026-10"], "中期's meetings")
    response, body = request(port, "GET", "/api/plans/higashi-kyosei/progress")
    check(response.status == 200 and len(json.loads(body)["periods"]) == 3, "progress by period")

    # Bodies over the limit: with Content-Length, and chunked (which cpp-httplib 0.11.4 does not
    # limit itself). Writes come with the store: a small body is refused as read-only.
    response, body = request(port, "POST", "/api/plans", body=b"x" * 100000,
                             headers={"Content-Type": "application/json"})
    check(response.status == 413 and json.loads(body)["error"] == "request body over the limit of 65536 bytes",
          "413 with Content-Length")

    def chunked_post(size, chunk=8192):
        raw = socket.create_connection(("127.0.0.1", port), timeout=10)
        raw.sendall(b"POST /api/plans HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
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
    response, body = request(port, "POST", "/api/plans", body=b"{}")
    check(response.status == 405 and response.getheader("Allow") == "GET, HEAD", "writes are refused until the store")

    # The dashboard, in Japanese and in English, with user text escaped.
    response, body = request(port, "GET", "/")
    page = body.decode()
    check(response.status == 200 and response.getheader("Content-Type") == "text/html; charset=utf-8", "the overview")
    check('<html lang="ja">' in page and "重要取組の進捗" in page, "the overview is in Japanese")
    check("<script" not in page and "<img" not in page, "a hostile plan renders harmless")
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in page, "the hostile title is shown as text")
    check("script-src" not in response.getheader("Content-Security-Policy", "") and
          "default-src 'none'" in response.getheader("Content-Security-Policy", ""), "pages carry a CSP")
    response, body = request(port, "GET", "/?lang=en")
    check('<html lang="en">' in body.decode(), "?lang=en switches to English")
    check("lang=en" in response.getheader("Set-Cookie", ""), "the language is kept in a cookie")
    response, body = request(port, "GET", "/plans/higashi-kyosei", headers={"Cookie": "lang=en"})
    check(response.status == 200 and '<html lang="en">' in body.decode() and "<svg" in body.decode(),
          "the plan page in English with its timeline")
    response, body = request(port, "GET", "/plans/hostile")
    check(response.status == 200 and "<script" not in body.decode(), "the hostile plan's page renders harmless")
    response, body = request(port, "GET", "/plans/higashi-kyosei/form")
    check(response.status == 200 and "進捗の状況" in body.decode(), "the progress form")
    response, body = request(port, "GET", "/plans/nope")
    check(response.status == 404 and "見つかりません" in body.decode(), "a missing plan's page is 404")

    # Metrics: requests by route and status; each feed rendered once for all those requests.
    response, body = request(port, "GET", "/metrics")
    metrics = body.decode()
    check('torikumi_http_requests_total{route="/calendars/{plan}.ics",method="GET",status="304"} 2' in metrics,
          "metrics count the 304s")
    check('torikumi_http_request_duration_seconds_bucket{route="/calendars/{plan}.ics",le="+Inf"}' in metrics,
          "metrics have a latency histogram")
    check("torikumi_feed_renders_total 3\n" in metrics, "three feeds, each rendered once")

    # SIGTERM: a request in flight (a chunked body half sent) is answered, an idle keep-alive
    # connection does not hold the exit, and the exit code is 0.
    idle = socket.create_connection(("127.0.0.1", port), timeout=10)
    idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    idle.recv(4096)
    in_flight = socket.create_connection(("127.0.0.1", port), timeout=10)
    in_flight.sendall(b"POST /api/plans HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{}{}\r\n")
    time.sleep(0.2)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    in_flight.sendall(b"2\r\n{}\r\n0\r\n\r\n")
    answer = in_flight.recv(65536)
    check(answer.startswith(b"HTTP/1.1 405 "), "the request in flight is answered after SIGTERM (got %r)" % answer[:40])
    refused = False
    try:
        request(port, "GET", "/healthz")
    except OSError:
        refused = True
    check(refused, "no new connection is accepted after SIGTERM")
    code = process.wait(timeout=15)
    check(code == 0, "SIGTERM exits 0 (got %s)" % code)
    check(time.monotonic() - started < 10, "SIGTERM exits within the keep-alive timeout")
    reader.join(timeout=2)

    # One JSON line per request, never a query string.
    logged = [line for line in stderr_lines if line.startswith("{")]
    parsed = [json.loads(line) for line in logged]
    check(len(parsed) >= 30, "one log line per request (%d)" % len(parsed))
    check(all({"time", "method", "path", "route", "status", "ms"} <= entry.keys() for entry in parsed),
          "log lines have their fields")
    check(not any("s3cret" in line or "token" in line for line in stderr_lines), "the token is never logged")
    check(stderr_lines and stderr_lines[-1].strip() == "torikumi serve: stopped", "the server says it stopped")

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
