"""The webhook receiver the end-to-end tests share: an HTTP server on a free loopback port that
takes torikumi's signed POSTs (Standard Webhooks: webhook-id, webhook-timestamp and
webhook-signature `v1,<base64 HMAC-SHA256>`), checks each signature with the shared secret and
keeps every delivery as (webhook-id, signature valid, JSON payload), in the order they came."""
import base64
import hashlib
import hmac
import http.server
import json
import threading


class WebhookReceiver:
    def __init__(self, secret):
        """`secret`: the endpoint's secret as the config writes it after `whsec_` (base64)."""
        key = base64.b64decode(secret)
        self.received = []  # appended under self.lock; read it through deliveries()
        self.lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                signed = ("%s.%s." % (self.headers["webhook-id"],
                                      self.headers["webhook-timestamp"])).encode() + body
                expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
                with owner.lock:
                    owner.received.append((self.headers["webhook-id"],
                                           expected in self.headers["webhook-signature"].split(" "),
                                           json.loads(body)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server_port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def deliveries(self):
        """What came so far: a list of (webhook-id, signature valid, payload)."""
        with self.lock:
            return list(self.received)

    def shutdown(self):
        self.server.shutdown()
