#!/usr/bin/env python3
"""Evaluation benchmark (DESIGN §14): one evaluation cycle of 50 fleet-wide alerting rules (+ 1,000 goals)
over the reference workload, timed with `goalwatch replay`, and, where Prometheus is installed, the same
50 rules evaluated by Prometheus over the same samples.

    swift build -c release
    python3 bench/rules_bench.py                          # 1,000 accounts x 90 days, the reference workload
    python3 bench/rules_bench.py --accounts 50 --days 10  # a quick one

Steps, all in the work folder (default bench/rules-work/<accounts>x<days>d):
1. Data ending at the current hour (bench/generate.py --until), one CSV file per network, loaded with
   `goalwatch ingest` into a fresh store. Skipped when ingested.json says the store already holds the
   same accounts and days ending at the current hour.
2. bench-rules.yml (50 Prometheus-compatible alerting rules in one group: 10 templates x 5 networks) and
   bench-goals.yml (one goal per account on its Instagram followers).
3. `goalwatch replay --from now-23h --to now --step 1h --format json` (24 cycles), once with the rules
   only and once with rules and goals: time per cycle (evaluation_seconds / evaluations), the time to
   load the windows from the store, and the process' peak RSS.
4. Prometheus (when `prometheus` and `promtool` are on PATH, unless --no-prometheus): the last 8 days of
   the same samples (what the rules read: a 7d offset and 1d windows) backfilled with promtool into a
   TSDB, Prometheus started on it with the same rule file at evaluation_interval 5s; once the start-up
   compaction of the backfilled blocks has settled, the median of the group's evaluationTime over at
   least 10 evaluations.
"""
import argparse
import concurrent.futures
import datetime
import glob
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import METRICS, NETWORKS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# (alert name, expression with {n} for the network, for, what it says). Thresholds are chosen from the
# generator's distributions so that some, not all, of the 1,000 series of a network fire.
TEMPLATES = [
    ("LowEngagementRate", 'engagements{{network="{n}"}} / impressions{{network="{n}"}} < 0.026', "0s"),
    ("FollowersFalling", 'deriv(followers{{network="{n}"}}[6h]) < 0', "0s"),
    ("LowDailyImpressions", 'avg_over_time(impressions{{network="{n}"}}[1d]) < 2150', "2h"),
    ("HighHourlySpend", 'sum by (account) (spend{{network="{n}"}}) > 38', "0s"),
    ("FewDailyLeads", 'sum_over_time(leads{{network="{n}"}}[1d]) < 43', "2h"),
    ("FollowersFlatWeek", 'followers{{network="{n}"}} / followers{{network="{n}"}} offset 7d < 1.001', "2h"),
    ("CostPerLeadHigh", 'spend{{network="{n}"}} / clamp_min(leads{{network="{n}"}}, 1) > 30', "0s"),
    ("SpendAtCap", 'max_over_time(spend{{network="{n}"}}[6h]) > 39.9', "0s"),
    ("FollowersForecastDown", 'predict_linear(followers{{network="{n}"}}[1d], 7*86400) < followers{{network="{n}"}}', "0s"),
    ("ImpressionSpikes", 'quantile_over_time(0.9, impressions{{network="{n}"}}[1d]) > 4700', "0s"),
]

CONFIG = """storage:
  path: state/goalwatch.sqlite
  retention: 3650d
evaluation: {{interval: 1m, lookback: 2h, timezone: UTC}}
rule_files: [{rule_files}]
sources:
  - name: bench-csv
    kind: file
    path: data/csv/*.csv
    csv:
      delimiter: ","
      timestamp: {{column: Time, format: rfc3339}}
      labels: {{Network: network, Account: account}}
      metrics: {{followers: followers, impressions: impressions, engagements: engagements, link_clicks: link_clicks, leads: leads, spend: spend}}
"""

PROMETHEUS_CONFIG = """global:
  evaluation_interval: 5s
  scrape_interval: 1m
rule_files: [{rules}]
"""

TSDB_DAYS = 8
BLOCK_SECONDS = 2 * 3600


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--binary", default=".build/release/goalwatch")
    parser.add_argument("--work", help="work folder (default bench/rules-work/<accounts>x<days>d)")
    parser.add_argument("--no-prometheus", action="store_true", help="skip the Prometheus comparison")
    parser.add_argument("--keep", action="store_true", help="keep the Prometheus TSDB (and reuse it while the data is current)")
    parser.add_argument("--evaluations", type=int, default=10, help="Prometheus evaluations to take the median of (at least 10)")
    args = parser.parse_args()
    if args.accounts < 1 or args.days < 2:
        parser.error("--accounts must be at least 1 and --days at least 2")
    args.evaluations = max(args.evaluations, 10)
    sys.stdout.reconfigure(line_buffering=True)
    args.load_at_start = os.getloadavg()[0]

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} not found: run `swift build -c release` first")
    work = os.path.abspath(args.work or os.path.join(HERE, "rules-work", f"{args.accounts}x{args.days}d"))
    os.makedirs(work, exist_ok=True)
    until = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)

    write_rules(work)
    write_goals(work, args.accounts, args.days, until)
    write_configs(work)
    check_rules(binary, work)
    ingest = prepare_history(args, binary, work, until)

    rules_only = replay(binary, os.path.join(work, "goalwatch-rules.yml"))
    with_goals = replay(binary, os.path.join(work, "goalwatch.yml"))

    prometheus = None
    if not args.no_prometheus:
        if shutil.which("prometheus") and shutil.which("promtool"):
            prometheus = run_prometheus(args, work, until)
        else:
            print("prometheus or promtool not on PATH: no comparison", file=sys.stderr)

    summarize(args, ingest, rules_only, with_goals, prometheus, until)


# --- GoalWatch -----------------------------------------------------------------------------------------


def prepare_history(args, binary: str, work: str, until: datetime.datetime):
    """Generates and ingests the data unless the store already holds it; returns the ingest figures or None."""
    marker = os.path.join(work, "ingested.json")
    wanted = {"accounts": args.accounts, "days": args.days, "until": until.isoformat()}
    if os.path.exists(marker) and read_json(marker) == wanted:
        print(f"history: the store already holds {args.accounts} accounts x {args.days} days until "
              f"{until:%Y-%m-%dT%H:%MZ} (delete {marker} to reload)", file=sys.stderr)
        return None
    for name in ("ingested.json", "state", "data"):
        path = os.path.join(work, name)
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)
    print(f"generating {args.accounts} accounts x {args.days} days until {until:%Y-%m-%dT%H:%MZ} …", file=sys.stderr)
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--out", os.path.join(work, "data"),
                    "--accounts", str(args.accounts), "--days", str(args.days), "--split", "network",
                    "--formats", "csv", "--until", until.isoformat()], check=True, stdout=sys.stderr)
    files = sorted(glob.glob(os.path.join(work, "data", "csv", "*.csv")))
    print(f"ingesting {len(files)} files …", file=sys.stderr)
    result = run([binary, "ingest", "--config", os.path.join(work, "goalwatch.yml"), "--format", "json"] + files)
    if result["status"] != 0:
        sys.exit(f"ingest failed ({result['status']}): {result['stderr'][-2000:]}")
    samples = sum(r.get("samples", 0) for r in json.loads(result["stdout"]))
    with open(marker, "w") as out:
        json.dump(wanted, out)
    return {"samples": samples, "seconds": result["seconds"], "rss": result["rss"]}


def write_rules(work: str) -> None:
    lines = ["groups:", "  - name: bench", "    rules:"]
    for name, expression, hold in TEMPLATES:
        for network in NETWORKS:
            lines += [
                f"      - alert: {name}",
                f"        expr: '{expression.format(n=network)}'",
                f"        for: {hold}",
                f"        labels: {{severity: warning, team: social, network: {network}}}",
                "        annotations:",
                f"          summary: '{name}: {{{{ $labels.account }}}} on {{{{ $labels.network }}}} at {{{{ $value | humanize }}}}'",
            ]
    with open(os.path.join(work, "bench-rules.yml"), "w") as out:
        out.write("\n".join(lines) + "\n")


def write_goals(work: str, accounts: int, days: int, until: datetime.datetime) -> None:
    """One goal per account: +10 % Instagram followers over a period from the data's first day to a month after its last."""
    first = (until - datetime.timedelta(hours=days * 24 - 1)).date()
    end = until.date() + datetime.timedelta(days=30)
    lines = ["goals:"]
    for account in range(accounts):
        lines += [
            f"  - name: followers_acct{account:04d}",
            f"    metric: 'followers{{network=\"instagram\", account=\"acct{account:04d}\"}}'",
            "    target: +10%",
            f"    period: {{start: {first.isoformat()}, end: {end.isoformat()}}}",
            "    alerts:",
            "      behind_pace: {tolerance: 5%}",
            "      forecast_miss: {}",
        ]
    with open(os.path.join(work, "bench-goals.yml"), "w") as out:
        out.write("\n".join(lines) + "\n")


def write_configs(work: str) -> None:
    for name, files in (("goalwatch.yml", "bench-rules.yml, bench-goals.yml"), ("goalwatch-rules.yml", "bench-rules.yml")):
        with open(os.path.join(work, name), "w") as out:
            out.write(CONFIG.format(rule_files=files))


def check_rules(binary: str, work: str) -> None:
    result = run([binary, "check", "--config", os.path.join(work, "goalwatch.yml")])
    if result["status"] != 0:
        sys.exit(f"goalwatch check failed: {result['stderr'][-3000:]}")
    if shutil.which("promtool"):
        result = run(["promtool", "check", "rules", os.path.join(work, "bench-rules.yml")])
        if result["status"] != 0:
            sys.exit(f"promtool check rules failed: {result['stdout'][-2000:]}{result['stderr'][-2000:]}")


def replay(binary: str, config: str) -> dict:
    print(f"replaying 24 hours with {os.path.basename(config)} …", file=sys.stderr)
    result = run([binary, "replay", "--config", config, "--from", "now-23h", "--to", "now", "--step", "1h", "--format", "json"])
    if result["status"] != 0:
        sys.exit(f"replay failed ({result['status']}): {result['stderr'][-2000:]}")
    if result["stderr"].strip():
        print(result["stderr"][-2000:], file=sys.stderr)
    report = json.loads(result["stdout"])
    timing = report["timing"]
    firing: dict = {}
    for transition in report["transitions"]:
        key = json.dumps(transition["labels"], sort_keys=True)
        if transition["event"] == "firing":
            firing[key] = transition["labels"].get("alertname", "")
        elif transition["event"] == "resolved":
            firing.pop(key, None)
    by_name: dict = {}
    for name in firing.values():
        by_name[name] = by_name.get(name, 0) + 1
    return {
        "cycles": timing["evaluations"],
        "cycle_ms": 1000 * timing["evaluation_seconds"] / max(timing["evaluations"], 1),
        "load_seconds": timing["load_seconds"],
        "rss": result["rss"],
        "wall": result["seconds"],
        "firing_at_end": by_name,
        "transitions": len(report["transitions"]),
    }


# --- Prometheus ----------------------------------------------------------------------------------------


def run_prometheus(args, work: str, until: datetime.datetime) -> dict:
    folder = os.path.join(work, "prometheus")
    tsdb = os.path.join(folder, "data")
    marker = os.path.join(tsdb, "bench.json")
    wanted = {"accounts": args.accounts, "days": args.days, "until": until.isoformat()}
    backfill = None
    if args.keep and os.path.exists(marker) and read_json(marker) == wanted:
        print(f"prometheus: reusing the TSDB in {tsdb}", file=sys.stderr)
    else:
        if os.path.isdir(folder):
            shutil.rmtree(folder)
        os.makedirs(tsdb)
        backfill = build_tsdb(work, folder, tsdb, until)
        with open(marker, "w") as out:
            json.dump(wanted, out)
    config = os.path.join(folder, "prometheus.yml")
    with open(config, "w") as out:
        out.write(PROMETHEUS_CONFIG.format(rules=os.path.join(work, "bench-rules.yml")))
    try:
        figures = measure_prometheus(config, tsdb, folder, args.evaluations)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    figures["backfill"] = backfill
    version = subprocess.run(["prometheus", "--version"], capture_output=True, text=True).stdout
    match = re.search(r"version (\d+\.\d+)", version)
    figures["version"] = match.group(1) if match else "?"
    return figures


def build_tsdb(work: str, folder: str, tsdb: str, until: datetime.datetime) -> dict:
    """Writes the last TSDB_DAYS days as one OpenMetrics file per aligned 2-hour window and backfills each
    with promtool (2.42 re-reads its whole input once per 2-hour block, so one big file is quadratic)."""
    began = time.perf_counter()
    first = until - datetime.timedelta(hours=TSDB_DAYS * 24 - 1)
    cutoff = first.strftime("%Y-%m-%dT%H:%M:%SZ")
    om_folder = os.path.join(folder, "openmetrics")
    os.makedirs(om_folder)
    handles: dict = {}
    seconds_of: dict = {}
    samples = 0
    print(f"prometheus: writing OpenMetrics files from {cutoff} …", file=sys.stderr)
    for path in sorted(glob.glob(os.path.join(work, "data", "csv", "*.csv"))):
        with open(path) as source:
            source.readline()
            for line in source:
                stamp = line[:20]
                if stamp < cutoff:
                    continue
                seconds = seconds_of.get(stamp)
                if seconds is None:
                    seconds = int(datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
                                  .replace(tzinfo=datetime.timezone.utc).timestamp())
                    seconds_of[stamp] = seconds
                window = seconds - seconds % BLOCK_SECONDS
                out = handles.get(window)
                if out is None:
                    out = handles[window] = open(os.path.join(om_folder, f"{window}.om"), "w")
                fields = line.rstrip("\n").split(",")
                labels = f'{{account="{fields[2]}",network="{fields[1]}"}} '
                out.write("".join(f"{metric}{labels}{value} {seconds}\n" for metric, value in zip(METRICS, fields[3:])))
                samples += len(METRICS)
    for out in handles.values():
        out.write("# EOF\n")
        out.close()
    written = time.perf_counter() - began
    files = sorted(glob.glob(os.path.join(om_folder, "*.om")))
    print(f"prometheus: backfilling {len(files)} files with promtool …", file=sys.stderr)

    def create(path: str) -> None:
        result = subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", path, tsdb],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"promtool failed on {path}: {result.stdout[-1000:]}{result.stderr[-1000:]}")

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(create, files))
    shutil.rmtree(om_folder)
    blocks = sum(1 for name in os.listdir(tsdb) if os.path.exists(os.path.join(tsdb, name, "meta.json")))
    return {"samples": samples, "blocks": blocks, "write_seconds": written, "seconds": time.perf_counter() - began}


def measure_prometheus(config: str, tsdb: str, folder: str, wanted: int) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(folder, "prometheus.log"), "w")
    command = ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={tsdb}",
               f"--web.listen-address=127.0.0.1:{port}", "--query.lookback-delta=2h",
               "--storage.tsdb.retention.time=30d"]
    print(f"prometheus: starting on {base} …", file=sys.stderr)
    began = time.monotonic()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    rss = None
    try:
        deadline = time.monotonic() + 60
        while not ok(base + "/-/ready"):
            if process.poll() is not None:
                raise RuntimeError(f"prometheus exited with {process.returncode}; see {log.name}")
            if time.monotonic() > deadline:
                raise RuntimeError("prometheus not ready within 60 s")
            time.sleep(0.2)
        ready = time.monotonic() - began
        start_metrics = tsdb_metrics(base)
        # The backfilled 2-hour blocks are compacted by the TSDB's first compaction pass, about a minute
        # after start-up. Evaluations during it are slower; only those after it count.
        settled_at = None
        settled_wall = None
        last_change = time.monotonic()
        previous = None
        before: list = []
        after: list = []
        seen: set = set()
        settle_metrics = None
        deadline = time.monotonic() + 900
        while len(after) < wanted:
            if process.poll() is not None:
                raise RuntimeError(f"prometheus exited with {process.returncode}; see {log.name}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"no {wanted} settled evaluations within 15 minutes; see {log.name}")
            metrics = tsdb_metrics(base)
            state = (metrics.get("prometheus_tsdb_blocks_loaded"), metrics.get("prometheus_tsdb_compactions_total"),
                     metrics.get("prometheus_tsdb_compaction_populating_block"))
            if state != previous:
                previous, last_change = state, time.monotonic()
            if (settled_at is None and metrics.get("prometheus_tsdb_compactions_triggered_total", 0) >= 1
                    and not metrics.get("prometheus_tsdb_compaction_populating_block")
                    and time.monotonic() - last_change >= 10):
                settled_at, settled_wall = time.monotonic(), time.time()
                settle_metrics = metrics
                print(f"prometheus: compaction settled after {settled_at - began:.0f} s "
                      f"({int(metrics.get('prometheus_tsdb_blocks_loaded', 0))} blocks)", file=sys.stderr)
            group = rule_group(base)
            started = rfc3339_seconds(group.get("lastEvaluation", ""))
            if started and group["lastEvaluation"] not in seen:
                seen.add(group["lastEvaluation"])
                sample = {"at": group["lastEvaluation"], "seconds": group["evaluationTime"]}
                # Only evaluations that began once the compaction had settled count.
                (after if settled_wall is not None and started > settled_wall else before).append(sample)
            time.sleep(1)
        end_metrics = tsdb_metrics(base)
        group = rule_group(base)
        alerts: dict = {}
        for rule in group.get("rules", []):
            for alert in rule.get("alerts", []):
                counts = alerts.setdefault(rule["name"], {"firing": 0, "pending": 0})
                counts[alert["state"]] = counts.get(alert["state"], 0) + 1
        compacted_during = end_metrics.get("prometheus_tsdb_compactions_total", 0) - settle_metrics.get("prometheus_tsdb_compactions_total", 0)
        health = group.get("rules", [{}])
        errors = sorted({rule.get("lastError") for rule in health if rule.get("lastError")})
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            rss = usage.ru_maxrss
        except ChildProcessError:
            process.wait()
        log.close()
    return {
        "median_ms": 1000 * statistics.median(s["seconds"] for s in after),
        "min_ms": 1000 * min(s["seconds"] for s in after),
        "max_ms": 1000 * max(s["seconds"] for s in after),
        "count": len(after),
        "before_ms": 1000 * statistics.median(s["seconds"] for s in before) if before else None,
        "before_count": len(before),
        "compactions": end_metrics.get("prometheus_tsdb_compactions_total", 0) - start_metrics.get("prometheus_tsdb_compactions_total", 0),
        "compacted_during": compacted_during,
        "blocks": int(end_metrics.get("prometheus_tsdb_blocks_loaded", 0)),
        "blocks_at_start": int(start_metrics.get("prometheus_tsdb_blocks_loaded", 0)),
        "ready_seconds": ready,
        "rss": rss,
        "alerts": alerts,
        "errors": errors,
    }


def rule_group(base: str) -> dict:
    try:
        with urllib.request.urlopen(base + "/api/v1/rules?type=alert", timeout=10) as response:
            groups = json.load(response)["data"]["groups"]
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        return {}
    return groups[0] if groups else {}


def tsdb_metrics(base: str) -> dict:
    wanted = ("prometheus_tsdb_blocks_loaded", "prometheus_tsdb_compactions_total",
              "prometheus_tsdb_compactions_triggered_total", "prometheus_tsdb_compaction_populating_block")
    values = {}
    try:
        with urllib.request.urlopen(base + "/metrics", timeout=10) as response:
            for line in response.read().decode().splitlines():
                name, _, value = line.partition(" ")
                if name in wanted:
                    values[name] = float(value)
    except (urllib.error.URLError, OSError, ValueError):
        pass
    return values


def rfc3339_seconds(text: str):
    """Seconds since the epoch of Prometheus' `2026-11-28T20:01:02.123456789Z` (None for its zero time)."""
    match = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)", text)
    if not match or text.startswith("0001-"):
        return None
    zone = "+00:00" if match.group(3) == "Z" else match.group(3)
    whole = datetime.datetime.fromisoformat(match.group(1) + zone).timestamp()
    return whole + float("0." + (match.group(2) or "0"))


def ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Output --------------------------------------------------------------------------------------------


def summarize(args, ingest, rules_only: dict, with_goals: dict, prometheus, until: datetime.datetime) -> None:
    series = args.accounts * len(NETWORKS) * len(METRICS)
    rules = len(TEMPLATES) * len(NETWORKS)
    print()
    print(f"rules: {rules}, series: {series}, goals: {args.accounts}, history: {args.days} days hourly "
          f"until {until:%Y-%m-%dT%H:%MZ} ({series * args.days * 24 / 1e6:.1f} M samples)")
    print(f"machine: {os.cpu_count()} cores, load average {args.load_at_start:.2f} at the start, "
          f"{os.getloadavg()[0]:.2f} at the end")
    if ingest:
        print(f"ingest: {ingest['samples'] / 1e6:.1f} M samples in {ingest['seconds']:.1f} s "
              f"({ingest['samples'] / ingest['seconds'] / 1e6:.2f} M samples/s), peak RSS {mib(ingest['rss'])}")
    print(f"goalwatch: rules only {rules_only['cycle_ms']:.1f} ms/cycle, rules+goals {with_goals['cycle_ms']:.1f} ms/cycle "
          f"({rules_only['cycles']} cycles), history load {rules_only['load_seconds']:.2f} s / {with_goals['load_seconds']:.2f} s, "
          f"peak RSS {mib(rules_only['rss'])} / {mib(with_goals['rss'])}; replay command {rules_only['wall']:.1f} s / {with_goals['wall']:.1f} s")
    firing = rules_only["firing_at_end"]
    print(f"goalwatch: {sum(firing.values())} alerts firing at the last cycle ("
          + ", ".join(f"{name} {firing[name]}" for name in sorted(firing)) + ")")
    goal_firing = {k: v for k, v in with_goals["firing_at_end"].items() if k not in firing}
    if goal_firing:
        print("goalwatch: goal alerts firing at the last cycle: " + ", ".join(f"{k} {v}" for k, v in sorted(goal_firing.items())))
    if not prometheus:
        return
    backfill = prometheus["backfill"]
    if backfill:
        print(f"prometheus {prometheus['version']}: backfilled {backfill['samples'] / 1e6:.2f} M samples (last {TSDB_DAYS} days) "
              f"into {backfill['blocks']} blocks in {backfill['seconds']:.0f} s")
    print(f"prometheus {prometheus['version']}: rule group {prometheus['median_ms']:.1f} ms (median of {prometheus['count']} "
          f"evaluations, {prometheus['min_ms']:.1f}–{prometheus['max_ms']:.1f} ms), peak RSS {mib(prometheus['rss'])}")
    before = (f"{prometheus['before_ms']:.1f} ms median over {prometheus['before_count']} evaluations before it settled"
              if prometheus["before_ms"] is not None else "no evaluation before it settled")
    print(f"prometheus: start-up compaction {prometheus['blocks_at_start']} → {prometheus['blocks']} blocks "
          f"({int(prometheus['compactions'])} compactions; {int(prometheus['compacted_during'])} during the measured "
          f"evaluations; {before})")
    alerts = prometheus["alerts"]
    print("prometheus: alerts at the end: "
          + ", ".join(f"{name} {counts['firing']}+{counts['pending']} pending" if counts["pending"] else f"{name} {counts['firing']}"
                      for name, counts in sorted(alerts.items())))
    instant = [name for name, _, hold in TEMPLATES if hold == "0s"]
    same = [name for name in instant if alerts.get(name, {}).get("firing", 0) == firing.get(name, 0)]
    print(f"agreement: {len(same)} of the {len(instant)} rules without `for` fire for as many series in both")
    for error in prometheus["errors"]:
        print(f"prometheus: rule error: {error}")
    now_hour = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
    if now_hour != until:
        print(f"note: the hour changed during the run; data ends at {until:%H:%MZ}")
    ratio = prometheus["median_ms"] / rules_only["cycle_ms"] if rules_only["cycle_ms"] else float("inf")
    print(f"ratio (prometheus / goalwatch rules-only): {ratio:.1f}×  (target: ≥ 4×, aim 10×)")
    if with_goals["cycle_ms"]:
        print(f"ratio (prometheus / goalwatch rules+goals, DESIGN §14's whole cycle): {prometheus['median_ms'] / with_goals['cycle_ms']:.1f}×")


# --- Helpers -------------------------------------------------------------------------------------------


def run(command: list) -> dict:
    """Runs a command to completion; its output, wall time and peak RSS (KiB, of that process alone)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"status": process.returncode, "stdout": out.read().decode(errors="replace"),
                "stderr": err.read().decode(errors="replace"), "seconds": elapsed, "rss": usage.ru_maxrss}


def read_json(path: str):
    try:
        with open(path) as source:
            return json.load(source)
    except (OSError, ValueError):
        return None


def mib(kib) -> str:
    return f"{kib / 1024:.0f} MiB" if kib else "?"


if __name__ == "__main__":
    main()
