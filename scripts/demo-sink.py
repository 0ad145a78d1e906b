#!/usr/bin/env python3
"""A webhook receiver for the live demo: listens on 127.0.0.1, checks each request's GoalWatch signature
(docs/payloads.md) and prints the notification (GoalWatch JSON v1) so a person can read it.

  demo-sink.py --secret-file FILE --url-file FILE [--port 9095]

Once it listens it writes its address (http://127.0.0.1:PORT/hook) to --url-file, which the demo's
goalwatch.yml reads; --port 0 takes any free port. Every request is answered 200, a bad signature too (it
is printed as such): the demo shows what arrives rather than testing retries.

Only the standard library: scripts/install-deps.sh installs python3.
"""
import argparse
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading
import time

OUTPUT = threading.Lock()


def signature_verdict(secret, headers, body):
    timestamp = headers.get("X-GoalWatch-Timestamp")
    signature = headers.get("X-GoalWatch-Signature")
    if not timestamp or not signature:
        return "unsigned"
    expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return "signature MISMATCH"
    if abs(time.time() - int(timestamp)) > 300:
        return "signature ok but stale (timestamp more than 5 minutes off)"
    return "signature ok"


def figure(value, percent=False):
    if value is None or isinstance(value, str):
        return str(value)
    return f"{value:.0%}" if percent else f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def describe(notification):
    lines = []
    for alert in notification.get("alerts", []):
        labels = dict(alert.get("labels", {}))
        name = labels.pop("alertname", "?")
        shown = " ".join(f"{key}={value}" for key, value in sorted(labels.items()))
        lines.append(f"  {alert.get('status', '?').upper():8} {name}  {shown}")
        summary = alert.get("annotations", {}).get("summary")
        if summary:
            lines.append(f"           {summary}")
        goal = alert.get("goal")
        if goal:
            lines.append(
                f"           goal {goal.get('state')}: value {figure(goal.get('value'))}, target {figure(goal.get('target'))}"
                f" by {str(goal.get('deadline'))[:10]}, progress {figure(goal.get('progress'), True)}"
                f" (pace {figure(goal.get('expected'), True)}), forecast {figure(goal.get('forecast'))}")
    return lines


def handler(secret):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            verdict = signature_verdict(secret, self.headers, body)
            try:
                notification = json.loads(body)
                heading = (f"{notification.get('status', '?')} notification for receiver {notification.get('receiver')}"
                           f" ({notification.get('reason', 'no reason given')})")
                details = describe(notification)
            except ValueError:
                heading, details = f"{len(body)} bytes that are not JSON", []
            key = self.headers.get("Idempotency-Key", "none")
            # Requests arrive on several threads at once: each notification is printed whole, under a
            # lock, so lines of two notifications never mix.
            text = "\n".join([f"sink: {time.strftime('%H:%M:%S')} POST {self.path}: {heading}; {verdict}; Idempotency-Key {key}"]
                             + details)
            with OUTPUT:
                print(text, flush=True)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format, *args):
            pass  # the line above says everything

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9095)
    parser.add_argument("--secret-file", required=True)
    parser.add_argument("--url-file", required=True)
    arguments = parser.parse_args()
    with open(arguments.secret_file, "rb") as file:
        secret = file.read()
    if secret.endswith(b"\n"):
        secret = secret[:-1]  # as GoalWatch reads secret files: one trailing newline dropped
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", arguments.port), handler(secret))
    except OSError as error:
        print(f"sink: cannot listen on 127.0.0.1:{arguments.port}: {error.strerror}; "
              "choose another port with GOALWATCH_DEMO_PORT=PORT (0 for any free one)", file=sys.stderr, flush=True)
        sys.exit(1)
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    temporary = arguments.url_file + ".part"
    with open(temporary, "w") as file:
        file.write(url + "\n")
    os.rename(temporary, arguments.url_file)
    print(f"sink: listening on {url}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
