#!/usr/bin/env python3
"""Notification-delivery benchmark (DESIGN §14: 10,000 alerts, each its own group, delivered to a
loopback webhook at ≥ 2× Alertmanager's rate, with the outbox still durable).

    swift build -c release --package-path bench/notify
    python3 bench/notify_bench.py                        # 10,000 alerts, 3 runs of each system
    python3 bench/notify_bench.py --alerts 1000 --runs 1 # a quick one

The same burst goes to both systems, and both post to the same kind of sink (bench/notify's
notify-bench-sink: a one-thread SwiftNIO server that answers 200 and counts requests), a fresh one per run:

- GoalWatch: notify-bench-driver runs the library's pipeline on a fresh store file (synchronous=FULL):
  AlertRouter.record of one evaluation with N firing alerts, flush into the outbox (one transaction),
  OutboxWorker + HTTPDeliveryTransport to the sink. Route `group_by: ['...']`, `group_wait: 0s`; the
  receiver is a `webhook` with `format: alertmanager_webhook` and `concurrency: --concurrency`.
- Alertmanager (when prometheus-alertmanager is on PATH, unless --no-alertmanager): a fresh instance
  (no cluster) with the same route and a webhook_config to the sink; the N alerts are posted to
  /api/v2/alerts in one request.

Figures per run: the time from the burst (the driver's start of AlertRouter.record; the start of the POST
to Alertmanager) until the sink has read the N-th request, the requests it got (after a second's quiet,
so duplicates would show), notifications/s, the CPU seconds (user+sys) the process used between the burst
and the N-th request, and its peak RSS (VmHWM). For GoalWatch also when the outbox was empty again.
"""
import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "notify")
NETWORKS = ["instagram", "facebook", "tiktok", "linkedin", "x"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

GOALWATCH_CONFIG = """storage:
  path: {state}/goalwatch.sqlite
alerting:
  route:
    receiver: sink
    group_by: ['...']
    group_wait: 0s
    group_interval: 5m
    repeat_interval: 4h
receivers:
  - name: sink
    webhook: {{url: "http://127.0.0.1:{port}/hook", format: alertmanager_webhook}}
    concurrency: {concurrency}
"""

ALERTMANAGER_CONFIG = """route:
  receiver: sink
  group_by: ['...']
  group_wait: 0s
  group_interval: 5m
  repeat_interval: 4h
receivers:
  - name: sink
    webhook_configs:
      - url: "http://127.0.0.1:{port}/hook"
"""


class Lines:
    """The lines a child prints, read by a thread so that two children can be watched at once."""

    def __init__(self, process: subprocess.Popen):
        self.queue: "queue.Queue[str]" = queue.Queue()
        self.thread = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self.thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.queue.put(line.rstrip("\n"))
        self.queue.put("")

    def expect(self, prefix: str, timeout: float) -> list:
        """The words of the first line starting with `prefix`, skipping others."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no '{prefix}' line within {timeout:.0f} s")
            line = self.queue.get(timeout=left)
            if line == "":
                raise RuntimeError(f"the process ended before printing '{prefix}'")
            if line.startswith(prefix):
                return line.split()


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def peak_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def start_sink(binary: str, expect: int):
    sink = subprocess.Popen([os.path.join(binary, "notify-bench-sink"), "--port", "0", "--expect", str(expect)],
                            stdout=subprocess.PIPE, text=True)
    lines = Lines(sink)
    port = int(lines.expect("listening", 30)[1])
    return sink, lines, port


def sink_stats(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=10) as response:
        return json.loads(response.read())


def settle(port: int, expected: int) -> int:
    """The requests the sink got once a second has passed without a new one (at most 10 s)."""
    deadline = time.monotonic() + 10
    count = sink_stats(port)["requests"]
    while time.monotonic() < deadline:
        time.sleep(1)
        now = sink_stats(port)["requests"]
        if now == count and now >= expected:
            return now
        count = now
    return count


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_goalwatch(args, binary: str) -> dict:
    sink, sink_lines, port = start_sink(binary, args.alerts)
    state = tempfile.mkdtemp(prefix="goalwatch-notify-bench-", dir=args.tmp)
    try:
        config = os.path.join(state, "goalwatch.yml")
        with open(config, "w") as out:
            out.write(GOALWATCH_CONFIG.format(state=state, port=port, concurrency=args.concurrency))
        driver = subprocess.Popen([os.path.join(binary, "notify-bench-driver"), "--config", config, "--alerts", str(args.alerts)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            lines = Lines(driver)
            lines.expect("ready", 120)
            cpu_before = cpu_seconds(driver.pid)
            sink_cpu_before = cpu_seconds(sink.pid)
            driver.stdin.write("go\n")
            driver.stdin.flush()
            burst = float(lines.expect("burst", 30)[1])
            recorded = float(lines.expect("recorded", 60)[1])
            received = float(sink_lines.expect("received", args.timeout)[2])
            cpu = cpu_seconds(driver.pid) - cpu_before
            sink_cpu = cpu_seconds(sink.pid) - sink_cpu_before
            flushed = lines.expect("flushed", 30)
            drained = float(lines.expect("drained", 60)[1])
            requests = settle(port, args.alerts)
            rss = peak_rss_mib(driver.pid)
            depth = outbox_depth(os.path.join(state, "goalwatch.sqlite"))
            driver.stdin.close()
            driver.wait(timeout=30)
        finally:
            stop(driver)
    finally:
        stop(sink)
        shutil.rmtree(state, ignore_errors=True)
    seconds = received - burst
    return {"seconds": seconds, "requests": requests, "rate": args.alerts / seconds, "cpu": cpu, "rss": rss, "sink_cpu": sink_cpu,
            "recorded_after": recorded - burst, "flushed_after": float(flushed[2]) - burst, "delivered_by_flush": int(flushed[3]), "drained_after": drained - burst, "outbox_left": depth}


def outbox_depth(path: str):
    """Entries left in the outbox, read with the sqlite3 module (None when it cannot be read)."""
    try:
        import sqlite3
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    except Exception:  # noqa: BLE001 - a figure for the report only
        return None


def alertmanager_alerts(count: int) -> bytes:
    alerts = []
    for index in range(count):
        account = f"acct{index:05d}"
        alerts.append({
            "labels": {"alertname": "BenchFollowersFalling", "account": account,
                       "network": NETWORKS[index % len(NETWORKS)], "severity": "warning"},
            "annotations": {"summary": f"followers of {account} are falling"},
        })
    return json.dumps(alerts).encode()


def free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_alertmanager(args, binary: str, body: bytes) -> dict:
    sink, sink_lines, port = start_sink(binary, args.alerts)
    state = tempfile.mkdtemp(prefix="alertmanager-notify-bench-", dir=args.tmp)
    try:
        config = os.path.join(state, "alertmanager.yml")
        with open(config, "w") as out:
            out.write(ALERTMANAGER_CONFIG.format(port=port))
        web = free_port()
        base = f"http://127.0.0.1:{web}"
        manager = subprocess.Popen(
            [args.alertmanager, f"--config.file={config}", f"--storage.path={state}",
             f"--web.listen-address=127.0.0.1:{web}", "--cluster.listen-address=", "--log.level=warn"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(state, "alertmanager.log"), "w"))
        try:
            wait_ready(base + "/-/ready", manager)
            cpu_before = cpu_seconds(manager.pid)
            sink_cpu_before = cpu_seconds(sink.pid)
            request = urllib.request.Request(base + "/api/v2/alerts", data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            burst = time.time()
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
            posted = time.time()
            received = float(sink_lines.expect("received", args.timeout)[2])
            cpu = cpu_seconds(manager.pid) - cpu_before
            sink_cpu = cpu_seconds(sink.pid) - sink_cpu_before
            requests = settle(port, args.alerts)
            rss = peak_rss_mib(manager.pid)
        finally:
            stop(manager)
    finally:
        stop(sink)
        shutil.rmtree(state, ignore_errors=True)
    seconds = received - burst
    return {"seconds": seconds, "requests": requests, "rate": args.alerts / seconds, "cpu": cpu, "rss": rss, "sink_cpu": sink_cpu,
            "posted_after": posted - burst}


def wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"alertmanager exited ({process.returncode}) before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("alertmanager was not ready within 60 s")


def check_sink(args, binary: str) -> None:
    """The sink alone under wrk (when installed): its request rate must be far above both systems'."""
    wrk = shutil.which("wrk")
    if not wrk:
        print("sink check: wrk not on PATH (scripts/install-deps.sh --test-oracles installs it): skipped")
        return
    sink, _, port = start_sink(binary, 1 << 62)
    try:
        body = json.dumps({"version": "4", "alerts": [{"labels": {"alertname": "x" * 600}}]})
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                         'wrk.headers["Content-Type"] = "application/json"\n')
        result = subprocess.run([wrk, "-t1", "-c64", "-d5s", "-s", script.name, f"http://127.0.0.1:{port}/hook"],
                                capture_output=True, text=True)
        os.unlink(script.name)
        rate = next((line.split()[1] for line in result.stdout.splitlines() if line.startswith("Requests/sec")), "?")
        print(f"sink check: wrk, 1 thread, 64 connections, 5 s, {len(body)}-byte bodies: {rate} requests/s")
    finally:
        stop(sink)


def report(name: str, runs: list, alerts: int) -> dict:
    for index, run in enumerate(runs, 1):
        extra = ""
        if "drained_after" in run:
            left = run["outbox_left"]
            extra = (f"  recorded after {run['recorded_after'] * 1000:.0f} ms, flushed to the outbox after {run['flushed_after'] * 1000:.0f} ms ({run['delivered_by_flush']} delivered by then), outbox empty after "
                     f"{run['drained_after']:.2f} s ({left if left is not None else '?'} left at exit)")
        if "posted_after" in run:
            extra = f"  POST answered after {run['posted_after'] * 1000:.0f} ms"
        print(f"{name} run {index}: {run['seconds']:.2f} s, {run['requests']} requests, {run['rate']:,.0f} notifications/s, "
              f"CPU {run['cpu']:.2f} s (sink {run['sink_cpu']:.2f} s), peak RSS {run['rss']:.0f} MiB{extra}")
    # Each figure's own median (the runs are noisy on a shared machine).
    median = {key: statistics.median(run[key] for run in runs) for key in ("seconds", "cpu", "rss")}
    median["rate"] = alerts / median["seconds"]
    requests = sorted({run["requests"] for run in runs})
    print(f"{name}: {alerts} notifications in {median['seconds']:.2f} s (median of {len(runs)} runs), "
          f"{median['rate']:,.0f} notifications/s, requests {'/'.join(map(str, requests))}, CPU {median['cpu']:.2f} s, "
          f"peak RSS {median['rss']:.0f} MiB")
    return median


def newer_sources(binary: str):
    """The first Swift source of the driver or of the GoalWatch modules it links changed after `binary` was
    built, if any."""
    built = os.path.getmtime(binary)
    sources = os.path.join(os.path.dirname(os.path.dirname(PACKAGE)), "Sources")
    folders = [os.path.join(sources, module) for module in ("GoalWatchCore", "GoalWatchStore", "GoalWatchNotify", "Systemd")]
    for folder in folders + [os.path.join(PACKAGE, "Sources", "notify-bench-driver")]:
        for root, _, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                if name.endswith(".swift") and os.path.getmtime(path) > built:
                    return os.path.relpath(path)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--alerts", type=int, default=10_000, help="alerts in the burst, each its own group")
    parser.add_argument("--runs", type=int, default=3, help="runs of each system; the median is reported")
    parser.add_argument("--concurrency", type=int, default=16,
                        help="GoalWatch's `concurrency` for the sink receiver (default 16; the receiver default is 4)")
    parser.add_argument("--binary", default=os.path.join(PACKAGE, ".build", "release"),
                        help="folder with notify-bench-driver and notify-bench-sink")
    parser.add_argument("--alertmanager", default=shutil.which("prometheus-alertmanager") or shutil.which("alertmanager"))
    parser.add_argument("--no-alertmanager", action="store_true")
    parser.add_argument("--no-sink-check", action="store_true")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for all notifications")
    parser.add_argument("--tmp", default=None, help="where the stores go (default: the system's temporary folder)")
    args = parser.parse_args()

    for program in ("notify-bench-driver", "notify-bench-sink"):
        if not os.access(os.path.join(args.binary, program), os.X_OK):
            sys.exit(f"{program} not built: swift build -c release --package-path bench/notify")
    if args.binary == parser.get_default("binary"):
        stale = newer_sources(os.path.join(args.binary, "notify-bench-driver"))
        if stale:
            sys.exit(f"notify-bench-driver is older than {stale}: swift build -c release --package-path bench/notify "
                     "(if it then reports a GoalWatch type missing, `rm bench/notify/.build/*.yaml` and build again)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; {args.alerts} alerts, each its "
          f"own group (group_by ['...'], group_wait 0s); GoalWatch receiver concurrency {args.concurrency}")
    if not args.no_sink_check:
        check_sink(args, args.binary)
    goalwatch = report("goalwatch", [run_goalwatch(args, args.binary) for _ in range(args.runs)], args.alerts)
    if args.no_alertmanager or not args.alertmanager:
        if not args.no_alertmanager:
            print("prometheus-alertmanager not on PATH: no comparison")
        return
    version = subprocess.run([args.alertmanager, "--version"], capture_output=True, text=True)
    version = (version.stdout or version.stderr).split()[2] if (version.stdout or version.stderr) else "?"
    body = alertmanager_alerts(args.alerts)
    manager = report(f"alertmanager {version}", [run_alertmanager(args, args.binary, body) for _ in range(args.runs)], args.alerts)
    print(f"ratio (goalwatch / alertmanager notifications/s): {goalwatch['rate'] / manager['rate']:.2f}×  (target: ≥ 2×)")
    print(f"CPU per 1,000 notifications: goalwatch {goalwatch['cpu'] / args.alerts * 1000:.3f} s, "
          f"alertmanager {manager['cpu'] / args.alerts * 1000:.3f} s")


if __name__ == "__main__":
    main()
