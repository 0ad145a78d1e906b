#!/usr/bin/python3
"""The outside world of deploy/goalwatch.yml, for the real daemon under the probe (PROBE_DAEMON=real): one
loopback HTTP server standing in for both the `marketing-oncall` webhook and the `care-api` source.

  receiver.py SECRET_FILE LOG PORT_FILE

Listens on a free port of 127.0.0.1 and writes the port to PORT_FILE. Each request becomes one line of LOG:
a POST as `POST <path> <verdict>`, where the verdict says whether its X-GoalWatch-Signature verifies with
the secret in SECRET_FILE (GoalWatch's signing, docs/payloads.md); a GET as `GET <path> authorization=<the
Authorization header>`, answered with a one-sample native snapshot. Either way the daemon read a credential
from /run/credentials/goalwatch.service to make the request."""
import hashlib, hmac, http.server, json, sys, time

secret_file, log_path, port_file = sys.argv[1:4]
with open(secret_file, "rb") as f:
    secret = f.read()
if secret.endswith(b"\n"):
    secret = secret[:-1]  # as GoalWatch reads a secret file: one trailing newline dropped


def record(line):
    with open(log_path, "a") as log:
        log.write(line + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        timestamp = self.headers.get("X-GoalWatch-Timestamp", "")
        signature = self.headers.get("X-GoalWatch-Signature")
        expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        verdict = "unsigned" if signature is None else "signature ok" if hmac.compare_digest(expected, signature) else "signature mismatch"
        alerts = ",".join(sorted({a.get("labels", {}).get("alertname", "?") for a in json.loads(body).get("alerts", [])}))
        record(f"POST {self.path} {verdict} alerts={alerts}")
        self.reply(b"")

    def do_GET(self):
        record(f"GET {self.path} authorization={self.headers.get('Authorization')}")
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        snapshot = {"version": 1, "taken_at": now, "series": [{"labels": {"network": "probe"}, "metrics": {"probe_requests": 1}}]}
        self.reply(json.dumps(snapshot).encode(), "application/json")

    def reply(self, body, content_type="text/plain"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
