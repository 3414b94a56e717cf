#!/usr/bin/env python3
"""The security suite: `torikumi serve` attacked as an outside probe attacked it, through real
sockets on loopback, with every reproducer of the issue that found the holes. Each must be refused
or answered harmlessly: no answer carries more than its body, no memory of the server's, no
request hides inside another, and slow clients hold no worker.

usage: attack_test.py TORIKUMI SOURCE_DIR
"""
import json
import os
import re
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time

torikumi, source_dir = sys.argv[1], sys.argv[2]
failures = []
checks_run = [0]
SECRET_SHAPES = re.compile(rb"tkm_[A-Za-z0-9_-]{20,}|tks_[A-Za-z0-9_-]{20,}|torikumi_session=[A-Za-z0-9_-]{10,}")


def check(condition, what):
    checks_run[0] += 1
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def exchange(port, data, timeout=5.0, pause=None):
    """Sends `data` (bytes, or a list of pieces sent `pause` seconds apart) on a fresh connection,
    reads until the server closes or `timeout` passes; returns (everything read, closed)."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        for piece in data if isinstance(data, list) else [data]:
            try:
                raw.sendall(piece)
            except OSError:
                break
            if pause:
                time.sleep(pause)
        received, closed = b"", False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            raw.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                chunk = raw.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                closed = True
                break
            if not chunk:
                closed = True
                break
            received += chunk
        return received, closed
    finally:
        raw.close()


def answers(data):
    """The answers in `data`: (status, head text, body) each, with bodies of their Content-Length;
    whatever follows the last is returned as trailing bytes."""
    found = []
    while True:
        end = data.find(b"\r\n\r\n")
        if end < 0:
            break
        head = data[:end].decode("latin-1")
        status = int(head.split(" ", 2)[1])
        length = re.search(r"(?im)^Content-Length: *(\d+)", head)
        length = int(length.group(1)) if length else 0
        if status in (100, 304) or status < 200:
            length = 0
        found.append((status, head, data[end + 4:end + 4 + length]))
        data = data[end + 4 + length:]
    return found, data


def start(args):
    env = dict(os.environ, TORIKUMI_NOW="2026-09-01T09:00:00+09:00")
    process = subprocess.Popen([torikumi, "serve", "--listen", "127.0.0.1:0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    first = process.stdout.readline()
    if "listening on http://127.0.0.1:" not in first:
        print(first, process.stderr.read())
        sys.exit(1)
    port = int(first.rsplit(":", 1)[1].strip().rstrip("/"))
    printed = "".join(process.stdout.readline() for _ in range(7))
    for _ in range(100):
        try:
            received, _ = exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 2)
            if received.startswith(b"HTTP/1.1 200"):
                break
        except OSError:
            time.sleep(0.05)
    return process, port, printed


with tempfile.TemporaryDirectory() as scratch:
    database = os.path.join(scratch, "attack.db")
    plan = os.path.join(source_dir, "examples/higashi/plan.json")
    process, port, printed = start(["--db", database, plan])
    stderr_lines = []
    threading.Thread(target=lambda: stderr_lines.extend(process.stderr), daemon=True).start()
    admin = re.search(r"tkm_[A-Za-z0-9_-]{43}", printed).group(0)
    subscription = re.search(r"calendars/higashi-kyosei\.ics\?token=(tks_\S+)", printed).group(1)
    feed = "/calendars/higashi-kyosei.ics?token=" + subscription
    # A signed-in session too, so that heap holding a cookie would show in a leak.
    received, _ = exchange(port, b"GET /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    signin_cookie = re.search(rb"torikumi_signin=([^;]+)", received).group(1)
    csrf = re.search(rb'name="csrf" value="([^"]+)"', received).group(1)
    form = b"csrf=" + csrf + b"&token=" + admin.encode() + b"&next=%2F"
    received, _ = exchange(port, b"POST /signin HTTP/1.1\r\nHost: x\r\nCookie: torikumi_signin=" + signin_cookie +
                           b"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                           str(len(form)).encode() + b"\r\nConnection: close\r\n\r\n" + form)
    check(received.startswith(b"HTTP/1.1 303"), "sign-in works (%r)" % received[:40])
    received, _ = exchange(port, ("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % feed).encode())
    (status, _, whole_feed), = answers(received)[0]
    check(status == 200 and whole_feed.startswith(b"BEGIN:VCALENDAR"), "the feed")

    def harmless(received, what, statuses):
        """Every answer's bytes are its head and its body, nothing after; no secret in them."""
        found, trailing = answers(received)
        check(found and all(status in statuses for status, _, _ in found),
              "%s: answered %s (got %r)" % (what, statuses, [s for s, _, _ in found] or received[:60]))
        check(trailing == b"", "%s: no bytes beyond the answers' bodies (%d more)" % (what, len(trailing)))
        check(not SECRET_SHAPES.search(received), "%s: no token, secret or cookie in the answer" % what)
        return found

    # 1. Range: no answer is 206, none carries more than its body.
    for round in range(40):  # the probe needed 40 to find the admin token
        received, closed = exchange(port, b"POST /x HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1048575\r\n"
                                    b"Content-Length: 99999999\r\n\r\n", 2)
        found = harmless(received, "POST with Range and a huge length, anonymous", {401})
        if round == 0:
            check(closed and len(found) == 1 and b"needs a token or a session" in found[0][2],
                  "refused 401 before its body, and closed")
    received, closed = exchange(port, ("POST /x HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1048575\r\nAuthorization: "
                                       "Bearer %s\r\nContent-Length: 99999999\r\n\r\n" % admin).encode(), 2)
    found = harmless(received, "POST with Range and a huge length, with a token", {413})
    check(closed and found and found[0][2] == b'{"error":"request body over the limit of 1048576 bytes"}',
          "413 with its JSON body only, and closed")
    received, closed = exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=0-4095\r\nX-Long: " +
                                b"a" * 17000 + b"\r\n\r\n", 2)
    found = harmless(received, "a head over 16 KiB with a Range", {431})
    check(closed, "431 closes the connection")
    for what, path, auth in (("quick path", feed, ""), ("full server", "/calendars/higashi-kyosei.ics",
                                                         "Authorization: Bearer %s\r\n" % admin)):
        for ranges in ("bytes=17000-99999", "bytes=0-1,5-9", "bytes=-0", "bytes=0-", "bytes=99999-",
                       "bytes=0-18446744073709551615", "lines=1-2"):
            for method in ("GET", "HEAD"):
                received, _ = exchange(port, ("%s %s HTTP/1.1\r\nHost: x\r\n%sRange: %s\r\nConnection: close\r\n\r\n"
                                              % (method, path, auth, ranges)).encode(), 2)
                label = "%s %s Range: %s on the %s" % (method, "feed", ranges, what)
                check(received.startswith(b"HTTP/1.1 200 "), "%s: 200 (got %r)" % (label, received[:40]))
                head, _, rest = received.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^Content-Length: *(\d+)", head)
                check(length and int(length.group(1)) == len(whole_feed), "%s: the whole feed's length" % label)
                check(rest == (whole_feed if method == "GET" else b""), "%s: the whole feed, nothing more" % label)
                check(b"Content-Range" not in head and b"Accept-Ranges: none" in head,
                      "%s: no Content-Range, Accept-Ranges: none" % label)

    # 3. Framing that smuggles: refused with 400 (or its own status) and closed, before anything
    # runs; the hidden request is never answered.
    hidden = ("GET /api/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n" % admin).encode()
    cases = [
        ("a body on GET hiding a second request", b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(hidden) + hidden, 400),
        ("a body on HEAD", b"HEAD /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(hidden) + hidden, 400),
        ("a body on OPTIONS", b"OPTIONS / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(hidden) + hidden, 400),
        ("Content-Length with Transfer-Encoding", b"POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
         b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden, 400),
        ("two differing Content-Length", b"POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: %d\r\n\r\n"
         % len(hidden) + hidden, 400),
        ("Content-Length +5", b"POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nabcde" + hidden, 400),
        ("Content-Length 5x", b"POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 5x\r\n\r\nabcde" + hidden, 400),
        ("a transfer coding other than chunked", b"POST /signin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n" + hidden, 501),
        ("a bare LF", b"GET /healthz HTTP/1.1\nHost: x\n\n" + hidden, 400),
        ("two Host fields", b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n" + hidden, 400),
        ("a POST with no length, read until close before", b"POST /signin HTTP/1.1\r\nHost: x\r\n\r\n" + hidden, 411),
        ("obsolete line folding", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n" + hidden, 400),
        ("an unknown method", b"TRACE / HTTP/1.1\r\nHost: x\r\n\r\n" + hidden, 501),
    ]
    for what, data, status in cases:
        received, closed = exchange(port, data, 2)
        found = harmless(received, what, {status})
        check(len(found) == 1 and closed, "%s: one answer, then closed (%d answers, closed %s)" % (what, len(found), closed))

    # Methods the server does not serve are refused by the loop and never become metrics labels:
    # 8 KiB methods made /metrics grow without bound.
    before = len(exchange(port, b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0])
    for i in range(50):
        received, _ = exchange(port, b"M%05d" % i + b"A" * 8000 + b" /x HTTP/1.1\r\nHost: x\r\nContent-Length: 9000\r\n\r\n", 2)
        harmless(received, "an 8 KiB method", {501})
    after = len(exchange(port, b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0])
    check(after - before < 4000, "/metrics does not grow with unknown methods (%d -> %d bytes)" % (before, after))
    # cpp-httplib percent-decodes header values; the loop keeps them as sent.
    encoded = admin.replace("_", "%5F", 1)
    received, _ = exchange(port, ("GET /api/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                                  "Connection: close\r\n\r\n" % encoded).encode())
    check(received.startswith(b"HTTP/1.1 401"), "a percent-encoded token is not the token (%r)" % received[:30])

    # 4. multipart/form-data: only the upload form reads it; a malformed body, too many parts or
    # a body over the limit is refused and closed, never a 500.
    def multipart(path, body, boundary=b"B", token=True):
        return (b"POST " + path + b" HTTP/1.1\r\nHost: x\r\n" +
                (("Authorization: Bearer %s\r\n" % admin).encode() if token else b"") +
                b"Content-Type: multipart/form-data; boundary=" + boundary + b"\r\nContent-Length: " +
                str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
    part = b'--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nx\r\n'
    received, closed = exchange(port, multipart(b"/api/plans/higashi-kyosei/notes", part + b"--B--\r\n"))
    found = harmless(received, "multipart to a JSON route", {415})
    check(closed and found and b"multipart/form-data is not read here" in found[0][2], "415 says why, and closes")
    received, closed = exchange(port, multipart(b"/import/preview", b"--B\r\nno headers end" + b"x" * 100))
    harmless(received, "a malformed multipart body", {400})
    check(closed, "a malformed multipart body is answered 400 and closed")
    received, closed = exchange(port, multipart(b"/import/preview", part * 40 + b"--B--\r\n"))
    found = harmless(received, "40 parts", {413})
    check(closed and found and b"more than 32 parts" in found[0][2], "more than 32 parts: 413, closed")
    received, closed = exchange(port, multipart(b"/import/preview", part + b"--B--\r\n", token=False))
    harmless(received, "multipart without a session", {303, 401})

    # 2. Slow clients: 200 connections that send a byte a second (a slow POST body with a token, a
    # slow head, a head over 16 KiB then slow lines, a POST with no length) hold no worker; the API
    # answers within 1 s all along.
    selector = selectors.DefaultSelector()
    slow = []
    starts = [
        ("POST /api/plans/higashi-kyosei/notes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
         "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{" % admin).encode(),
        b"POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ",
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 17000,
        b"POST /signin HTTP/1.1\r\nHost: x\r\n\r\n",
    ]
    for i in range(200):
        raw = socket.create_connection(("127.0.0.1", port), timeout=5)
        raw.setblocking(False)
        try:
            raw.sendall(starts[i % len(starts)])
        except (BlockingIOError, OSError):
            pass
        slow.append(raw)
    stop_dripping = threading.Event()

    def drip():
        while not stop_dripping.wait(1.0):
            for raw in slow:
                try:
                    raw.send(b"x")
                except OSError:
                    pass

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    worst = 0.0
    answered = 0
    started = time.monotonic()
    while time.monotonic() - started < 6.0:
        for request in (b"GET /api/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin.encode() +
                        b"\r\nConnection: close\r\n\r\n",
                        ("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % feed).encode()):
            before = time.monotonic()
            received, _ = exchange(port, request, 5)
            took = time.monotonic() - before
            worst = max(worst, took)
            if received.startswith(b"HTTP/1.1 200"):
                answered += 1
        time.sleep(0.05)
    stop_dripping.set()
    dripper.join()
    print("slow clients: %d requests answered beside 200 slow connections, worst %.1f ms" % (answered, worst * 1000))
    check(answered > 20, "the API and the feed answered beside 200 slow connections (%d)" % answered)
    check(worst < 1.0, "every answer within 1 s beside 200 slow connections (worst %.3f s)" % worst)
    # The slow heads were cut at the head's 5 s deadline with 408; the rest were refused at once.
    statuses = {}
    for raw in slow:  # what each has been answered by now, without waiting
        try:
            data = raw.recv(4096)
        except OSError:
            data = b""
        status = data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/1.1 ") else "open"
        statuses[status] = statuses.get(status, 0) + 1
        raw.close()
    print("slow connections after 6 s:", statuses)
    check(statuses.get("408", 0) == 40 and statuses.get("431", 0) == 40 and statuses.get("411", 0) == 40,
          "slow heads 408 after the head deadline, long heads 431, no length 411 (%r)" % statuses)
    check(statuses.get("open", 0) == 80, "slow bodies are still being read, within the request's 15 s (%r)" % statuses)

    # The log holds each refusal, with no secret.
    time.sleep(0.3)
    logged = "".join(stderr_lines)
    check('"status":400' in logged and '"status":431' in logged, "refusals are logged")
    check(admin not in logged and subscription not in logged, "the log holds no token or secret")

    process.terminate()
    code = process.wait(timeout=30)
    check(code == 0, "the server exits 0 after the attack (%s)" % code)

print("attack_test: %d checks, %d failed" % (checks_run[0], len(failures)))
print("%d passed, %d failed" % (checks_run[0] - len(failures), len(failures)))
sys.exit(1 if failures else 0)
