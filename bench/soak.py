#!/usr/bin/env python3
"""Soak of the daemon: `goalwatch run` fed a fresh snapshot every 30 s for an hour, its memory and CPU
read every minute.

    swift build -c release
    python3 bench/soak.py                                  # 60 minutes
    python3 bench/soak.py --minutes 3                      # a quick check of the whole flow
    nohup python3 bench/soak.py --minutes 60 --csv soak.csv > soak.log 2>&1 &
    python3 bench/soak.py --backfill-hours 3               # from a store that already holds 3 hours

With --backfill-hours the store starts with that much history of every series (one snapshot with `at` per
entry, read before the first minute), as a daemon that has run for a while has it: the run then measures the
steady state instead of the first hours of an empty store, whose B-tree pages each still hold many series.

In a fresh temporary folder: a configuration with `evaluation.interval` 15s (--interval), a file source on
an inbox folder (`after_read: delete`), rules that fire and resolve on the fed data (a dip in followers,
an engagement collapse held for a minute, a low impressions average), five recording rules, five goals
(one account's followers on each network, the plain-selector form of DESIGN §14's reference goals), a
route grouping by alert and account, a generic webhook to a loopback HTTP server in this script that
counts requests, and the HTTP API on a free loopback port. The daemon is started with NOTIFY_SOCKET pointing at the script's datagram socket,
so it runs as under systemd, and the soak starts at READY=1.

The feeder writes, every --every seconds (30), a native JSON snapshot of ACCOUNTS accounts x 5 networks x
4 metrics (followers, impressions, engagements, link_clicks) at the current time to a staging folder and
renames it into the inbox. Followers follow random walks; now and then (--dip-chance per series and
snapshot) a series dips 15 % for 1 to 4 snapshots with its engagements near zero, so alerts fire and
resolve, groups are notified and resolved, and the outbox and the webhook deliveries keep working.

Every minute one row: elapsed minute, VmRSS (MiB), the CPU seconds the daemon used in that minute
(utime + stime from /proc/PID/stat), the store file's size with its -wal, webhook requests so far and the
outbox depth (read-only with the sqlite3 module), and the series and samples the daemon holds in memory
(`goalwatch_history_series` and `goalwatch_history_samples` from its /metrics). The rows also go to --csv. At the end a summary: RSS at
minute 5 and at the end, the maximum, the least-squares RSS slope over the second half of the run in
MiB/hour (with its standard error), mean and maximum CPU per minute, its mean in each half and its slope over the run,
and a verdict: flat when the
second-half slope is below --flat-slope MiB/hour (default 1).

Why 1 MiB/hour: it is about what a one-hour run can resolve. The RSS of an idle daemon moves by a few
hundred KiB from minute to minute (malloc arenas, SQLite's page cache, buffers of deliveries in flight);
with ~30 readings over half an hour the slope's standard error is then a few tenths of a MiB/hour, so a
slope under 1 MiB/hour cannot be told apart from that noise, while a leak of 5 KiB or more per evaluation
(240 evaluations an hour) would be above it. The script prints
the standard error beside the slope; a run whose standard error is above a third of the threshold says so.
"""
import argparse
import csv
import datetime
import json
import math
import os
import random
import shutil
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.request

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_bench import NotifySocket, WebhookSink, cpu_seconds, parse_seconds, proc_status, rfc3339, start_daemon, stop  # noqa: E402
from generate import NETWORKS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

CONFIG = """storage:
  path: state/goalwatch.sqlite
evaluation: {{interval: {interval}, lookback: 2m, timezone: UTC}}
rule_files: [rules.yml]
sources:
  - name: feed
    kind: file
    path: inbox/*.json
    every: 1m
    after_read: delete
    non_negative: [followers, impressions, engagements, link_clicks]
alerting:
  route:
    receiver: sink
    group_by: [alertname, account]
    group_wait: 10s
    group_interval: 1m
    repeat_interval: 10m
receivers:
  - name: sink
    webhook: {{url: "{url}", format: generic}}
http:
  listen: 127.0.0.1:{port}
"""

RULES = """groups:
  - name: soak-kpis
    rules:
      - record: network:followers:sum
        expr: sum by (network) (followers)
      - record: network:impressions:sum
        expr: sum by (network) (impressions)
      - record: account:engagement_rate:ratio
        expr: engagements / (impressions > 0)
      - record: account:click_through:ratio
        expr: link_clicks / (impressions > 0)
      - record: network:engagement_rate:avg
        expr: avg by (network) (account:engagement_rate:ratio)
  - name: soak-alerts
    rules:
      - alert: FollowersDip
        expr: followers < 0.9 * max_over_time(followers[10m])
        labels: {{severity: warning, team: social}}
        annotations:
          summary: '{{{{ $labels.account }}}} on {{{{ $labels.network }}}} dropped to {{{{ $value | humanize }}}} followers'
      - alert: EngagementCollapsed
        expr: account:engagement_rate:ratio < 0.005
        for: 1m
        labels: {{severity: critical, team: social}}
        annotations:
          summary: 'engagement rate of {{{{ $labels.account }}}} on {{{{ $labels.network }}}} is {{{{ $value | humanizePercentage }}}}'
      - alert: ImpressionsLow
        expr: avg_over_time(impressions[5m]) < 700
        labels: {{severity: info, team: social}}
        annotations:
          summary: 'impressions of {{{{ $labels.account }}}} average {{{{ $value | humanize }}}}'
      - alert: NetworkEngagementLow
        expr: network:engagement_rate:avg < 0.03
        for: 2m
        labels: {{severity: warning, team: social}}
goals:
{goals}
"""

GOAL = """  - name: {network}_followers
    metric: 'followers{{network="{network}", account="acct0000"}}'
    baseline: {{value: {baseline}}}
    target: +5%
    period: {{start: {start}, end: {end}}}
    labels: {{team: social, severity: warning}}
    alerts:
      behind_pace: {{tolerance: 5%, for: 5m}}
      forecast_miss: {{window: 1h, for: 5m}}
"""


class Feeder:
    """Random walks of ACCOUNTS x 5 networks, written as a native JSON snapshot every `every` seconds."""

    def __init__(self, folder: str, accounts: int, every: float, dip_chance: float, seed: int):
        self.folder = folder
        self.every = every
        self.dip_chance = dip_chance
        self.rng = random.Random(seed)
        self.series = []
        for account in range(accounts):
            for network in NETWORKS:
                self.series.append({"labels": {"network": network, "account": f"acct{account:04d}"},
                                    "followers": float(self.rng.randint(2_000, 200_000)), "dip": 0})
        self.snapshots = 0
        self.samples = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def baseline(self, network: str) -> int:
        return int(next(s["followers"] for s in self.series
                        if s["labels"]["network"] == network and s["labels"]["account"] == "acct0000"))

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=30)

    def _run(self) -> None:
        next_at = time.monotonic()
        while not self.stopped.is_set():
            self.drop()
            next_at += self.every
            self.stopped.wait(max(next_at - time.monotonic(), 0))

    def backfill(self, hours: float) -> int:
        """Writes `hours` of history before now, one entry per series and `every` seconds, as one snapshot
        in the inbox; the walks go on from where it ends. Returns the samples written."""
        now = datetime.datetime.now(datetime.timezone.utc)
        steps = int(hours * 3600 / self.every)
        entries = []
        for step in range(steps, 0, -1):
            at = rfc3339(now - datetime.timedelta(seconds=step * self.every))
            for series, metrics in zip(self.series, self.advance()):
                entries.append({"labels": series["labels"], "metrics": metrics, "at": at})
        self.write(now, "backfill", entries)
        return 4 * len(entries)

    def drop(self) -> None:
        now = datetime.datetime.now(datetime.timezone.utc)
        entries = [{"labels": series["labels"], "metrics": metrics} for series, metrics in zip(self.series, self.advance())]
        self.write(now, f"{self.snapshots:05d}", entries)
        self.snapshots += 1
        self.samples += 4 * len(entries)

    def advance(self) -> list:
        """One step of every series' walk: the metrics of each, in the order of `series`."""
        steps = []
        for series in self.series:
            series["followers"] = max(series["followers"] * (1 + self.rng.gauss(0.00005, 0.0005)), 0)
            if series["dip"] > 0:
                series["dip"] -= 1
            elif self.rng.random() < self.dip_chance:
                series["dip"] = self.rng.randint(1, 4)
            dipping = series["dip"] > 0
            impressions = self.rng.randint(200, 5000)
            engagements = self.rng.randint(0, 3) if dipping else impressions // self.rng.randint(15, 40)
            steps.append({
                "followers": round(series["followers"] * (0.85 if dipping else 1)),
                "impressions": impressions,
                "engagements": engagements,
                "link_clicks": engagements // 4,
            })
        return steps

    def write(self, now: datetime.datetime, tag: str, entries: list) -> None:
        name = f"feed-{now:%Y%m%dT%H%M%S}-{tag}.json"
        staged = os.path.join(self.folder, "staging", name)
        with open(staged, "w") as out:
            json.dump({"version": 1, "taken_at": rfc3339(now), "source": "soak-feeder", "series": entries}, out)
        os.rename(staged, os.path.join(self.folder, "inbox", name))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def held_history(port: int):
    """The series and samples the daemon holds in memory, from its /metrics; (None, None) when unreadable."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return None, None
    values = {}
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name in ("goalwatch_history_series", "goalwatch_history_samples"):
            values[name] = int(float(value))
    return values.get("goalwatch_history_series"), values.get("goalwatch_history_samples")


def outbox_depth(path: str):
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2) as db:
            return db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    except sqlite3.Error:
        return None


def store_bytes(path: str) -> int:
    return sum(os.path.getsize(path + suffix) for suffix in ("", "-wal") if os.path.exists(path + suffix))


def slope_per_hour(points: list):
    """Least-squares slope of (minute, MiB) points in MiB/hour, and its standard error (None below 3 points)."""
    if len(points) < 2:
        return None, None
    xs = [x / 60 for x, _ in points]
    ys = [y for _, y in points]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None, None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx
    if len(points) < 3:
        return slope, None
    intercept = mean_y - slope * mean_x
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys))
    return slope, math.sqrt(residual / (len(points) - 2) / sxx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "goalwatch"))
    parser.add_argument("--interval", default="15s", help="evaluation.interval (default 15s)")
    parser.add_argument("--every", type=float, default=30, help="seconds between snapshots (default 30)")
    parser.add_argument("--accounts", type=int, default=100)
    parser.add_argument("--dip-chance", type=float, default=0.004, help="chance per series and snapshot that a dip starts")
    parser.add_argument("--flat-slope", type=float, default=1.0, help="MiB/hour under which the RSS counts as flat (default 1)")
    parser.add_argument("--csv", help="also write the rows to this CSV file")
    parser.add_argument("--work", help="work folder (default: a temporary folder, removed at the end)")
    parser.add_argument("--seed", type=int, default=60)
    parser.add_argument("--backfill-hours", type=float, default=0,
                        help="hours of history, one sample per --every, in the inbox before the daemon starts (default 0)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} not found: run `swift build -c release` first")
    if args.minutes < 1:
        parser.error("--minutes must be at least 1")
    parse_seconds(args.interval)

    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="gw-soak-")
    for name in ("state", "inbox", "staging"):
        os.makedirs(os.path.join(work, name), exist_ok=True)
    store = os.path.join(work, "state", "goalwatch.sqlite")
    feeder = Feeder(work, args.accounts, args.every, args.dip_chance, args.seed)
    today = datetime.date.today()
    goals = "".join(GOAL.format(network=network, baseline=feeder.baseline(network),
                                start=(today - datetime.timedelta(days=1)).isoformat(),
                                end=(today + datetime.timedelta(days=6)).isoformat()) for network in NETWORKS)
    sink = WebhookSink()
    with open(os.path.join(work, "goalwatch.yml"), "w") as out:
        port = free_port()
        out.write(CONFIG.format(interval=args.interval, url=sink.url, port=port))
    with open(os.path.join(work, "rules.yml"), "w") as out:
        out.write(RULES.format(goals=goals.rstrip("\n")))

    command = "python3 bench/soak.py" + "".join(f" {a}" for a in sys.argv[1:])
    print(f"command: {command}")
    print(f"started {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M:%SZ}; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}; binary {binary}; work folder {work}")
    print(f"feed: {args.accounts} accounts x {len(NETWORKS)} networks x 4 metrics every {args.every:g} s; "
          f"evaluation every {args.interval}")

    if args.backfill_hours > 0:
        backfilled = feeder.backfill(args.backfill_hours)
        print(f"backfill: {args.backfill_hours:g} hours, {backfilled / 1e6:.2f} M samples in one snapshot in the inbox")
    notify = NotifySocket(work)
    process, log, spawned = start_daemon(binary, os.path.join(work, "goalwatch.yml"), work, notify)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    rows = []
    writer = None
    csv_file = None
    try:
        ready_at, fields = notify.expect("READY", 120, process)
        print(f"READY after {1000 * (ready_at - spawned):.0f} ms; STATUS={fields.get('STATUS', '')}")
        if args.backfill_hours > 0:
            deadline = time.monotonic() + 600
            while os.listdir(os.path.join(work, "inbox")):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the backfill was not read\n{log.tail()}")
                time.sleep(0.2)
            print(f"backfill read {time.monotonic() - ready_at:.1f} s after READY; store {store_bytes(store) / 2**20:.1f} MiB")
        feeder.start()
        if args.csv:
            csv_file = open(args.csv, "w", newline="")
            writer = csv.writer(csv_file)
            writer.writerow(["minute", "rss_mib", "cpu_seconds", "store_bytes", "webhook_requests", "outbox_depth",
                             "snapshots", "held_series", "held_samples", "load_average"])
        print(f"{'minute':>6} {'RSS MiB':>8} {'CPU s':>6} {'store MiB':>9} {'webhooks':>8} {'outbox':>6} {'snapshots':>9} "
              f"{'series':>7} {'samples':>8} {'load':>5}")
        began = time.monotonic()
        cpu_before = cpu_seconds(process.pid)
        for minute in range(1, args.minutes + 1):
            while not stopping.is_set() and time.monotonic() < began + 60 * minute:
                if process.poll() is not None:
                    raise RuntimeError(f"goalwatch exited with status {process.returncode}\n{log.tail()}")
                stopping.wait(min(1.0, max(began + 60 * minute - time.monotonic(), 0)))
            if stopping.is_set():
                print("stopped by SIGTERM")
                break
            cpu = cpu_seconds(process.pid)
            row = {"minute": minute, "rss": proc_status(process.pid)["VmRSS"], "cpu": cpu - cpu_before,
                   "store": store_bytes(store), "webhooks": sink.count(), "outbox": outbox_depth(store),
                   "snapshots": feeder.snapshots, "load": os.getloadavg()[0]}
            row["series"], row["samples"] = held_history(port)
            cpu_before = cpu
            rows.append(row)
            print(f"{minute:>6} {row['rss']:>8.1f} {row['cpu']:>6.2f} {row['store'] / 2**20:>9.1f} {row['webhooks']:>8} "
                  f"{'?' if row['outbox'] is None else row['outbox']:>6} {row['snapshots']:>9} "
                  f"{'?' if row['series'] is None else row['series']:>7} {'?' if row['samples'] is None else row['samples']:>8} "
                  f"{row['load']:>5.2f}")
            if writer:
                writer.writerow([minute, f"{row['rss']:.2f}", f"{row['cpu']:.2f}", row["store"], row["webhooks"],
                                 "" if row["outbox"] is None else row["outbox"], row["snapshots"],
                                 "" if row["series"] is None else row["series"], "" if row["samples"] is None else row["samples"],
                                 f"{row['load']:.2f}"])
                csv_file.flush()
    finally:
        feeder.stop()
        stop(process)
        notify.close()
        sink.close()
        if csv_file:
            csv_file.close()
        errors = log.find(r"level=(error|critical)")
        refused = log.find(r"snapshot refused")
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    summarize(args, rows, feeder, errors, refused)


def summarize(args, rows: list, feeder: Feeder, errors: list, refused: list) -> None:
    if not rows:
        print("no rows: the soak ended before its first minute")
        return
    print()
    print(f"summary ({len(rows)} minutes, {feeder.snapshots} snapshots, {feeder.samples / 1e6:.2f} M samples fed, "
          f"{rows[-1]['webhooks']} webhook requests, outbox {rows[-1]['outbox']} at the end, "
          f"store {rows[-1]['store'] / 2**20:.1f} MiB with its WAL):")
    at_five = next((row for row in rows if row["minute"] == 5), rows[0])
    print(f"  RSS: {at_five['rss']:.1f} MiB at minute {at_five['minute']}, {rows[-1]['rss']:.1f} MiB at the end "
          f"(minute {rows[-1]['minute']}), max {max(r['rss'] for r in rows):.1f} MiB")
    second_half = [row for row in rows if row["minute"] > rows[-1]["minute"] / 2]
    slope, error = slope_per_hour([(row["minute"], row["rss"]) for row in second_half])
    if slope is None:
        print("  RSS slope: too few minutes for a slope")
    else:
        print(f"  RSS slope over the second half (minutes {second_half[0]['minute']}–{second_half[-1]['minute']}): "
              f"{slope:+.2f} MiB/hour" + (f" (standard error {error:.2f})" if error is not None else ""))
    cpus = [row["cpu"] for row in rows]
    held = [row["samples"] for row in rows if row["samples"] is not None]
    if held:
        print(f"  samples held in memory: {held[0]} after minute 1, {held[-1]} at the end, max {max(held)}")
    print(f"  CPU per minute: mean {sum(cpus) / len(cpus):.2f} s, max {max(cpus):.2f} s "
          f"({100 * sum(cpus) / len(cpus) / 60:.1f} % of one core on average)")
    halves = [row["cpu"] for row in rows if row not in second_half], [row["cpu"] for row in second_half]
    cpu_slope, cpu_error = slope_per_hour([(row["minute"], row["cpu"]) for row in rows])
    if halves[0] and cpu_slope is not None:
        print(f"  CPU per minute by half: {sum(halves[0]) / len(halves[0]):.3f} s, then {sum(halves[1]) / len(halves[1]):.3f} s; "
              f"slope over the run {cpu_slope:+.3f} s a minute per hour" + (f" (standard error {cpu_error:.3f})" if cpu_error is not None else ""))
    if errors:
        print(f"  {len(errors)} error lines in the daemon's log, the first: {errors[0]}")
    if refused:
        print(f"  {len(refused)} snapshots refused")
    if slope is None or len(second_half) < 10:
        verdict = "too short for a verdict (at least 20 minutes: the slope is taken over the second half)"
    elif slope < args.flat_slope:
        verdict = f"flat (second-half slope {slope:+.2f} MiB/hour < {args.flat_slope:g} MiB/hour)"
    else:
        verdict = f"GROWING (second-half slope {slope:+.2f} MiB/hour ≥ {args.flat_slope:g} MiB/hour)"
    if error is not None and slope is not None and len(second_half) >= 10 and error > args.flat_slope / 3:
        verdict += f"; noisy: the slope's standard error ({error:.2f}) is above a third of the threshold"
    print(f"verdict: {verdict}")


if __name__ == "__main__":
    main()
