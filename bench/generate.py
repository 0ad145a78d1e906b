#!/usr/bin/env python3
"""Generates DESIGN §14's reference workload: ACCOUNTS accounts x 5 networks x 6 metrics, hourly, DAYS days.

CSV: wide files, columns Time,Network,Account + the six metrics. NDJSON: the same samples, one object a row.
--split day writes one file per day (what a daily export drops into an inbox); --split network writes one
file per network holding the whole history (what a first history load looks like).

The data starts at --start (midnight UTC), or ends at a given hour: --until-now makes the last sample the
current hour (now rounded down to the hour), as a benchmark against a live evaluator such as Prometheus,
which evaluates rules at wall-clock time, needs; --until 2026-08-29T13:00:00Z names that hour.

    python3 bench/generate.py --out bench/data            # the full reference workload (90 days)
    python3 bench/generate.py --out /tmp/small --days 3   # a quick one
    python3 bench/generate.py --out bench/history --split network --formats csv
    python3 bench/generate.py --out /tmp/live --split network --formats csv --until-now
"""
import argparse
import datetime
import os
import random

NETWORKS = ["instagram", "facebook", "linkedin", "tiktok", "x"]
METRICS = ["followers", "impressions", "engagements", "link_clicks", "leads", "spend"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="output folder (csv/ and ndjson/ are created in it)")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--start", default="2026-06-01", help="first day (UTC)")
    parser.add_argument("--until", help="the last sample's hour (RFC 3339, UTC); the data starts DAYS x 24 h - 1 h earlier")
    parser.add_argument("--until-now", action="store_true", help="the last sample's hour is the current hour (UTC)")
    parser.add_argument("--formats", default="csv,ndjson")
    parser.add_argument("--split", choices=["day", "network"], default="day",
                        help="one file per day (daily exports) or one per network with the whole history")
    args = parser.parse_args()
    if args.until and args.until_now:
        parser.error("--until and --until-now exclude each other")

    formats = set(args.formats.split(","))
    for name in formats:
        os.makedirs(os.path.join(args.out, name), exist_ok=True)
    start = first_hour(args)
    rng = random.Random(14)
    base = [[rng.randint(500, 200_000) for _ in NETWORKS] for _ in range(args.accounts)]
    writers = {}

    def writer(kind: str, key: str):
        if (kind, key) not in writers:
            handle = open(os.path.join(args.out, kind, f"export-{key}.{kind}"), "w")
            if kind == "csv":
                handle.write("Time,Network,Account," + ",".join(METRICS) + "\n")
            writers[(kind, key)] = handle
        return writers[(kind, key)]

    rows = 0
    for day in range(args.days):
        date = start + datetime.timedelta(days=day)
        for hour in range(24):
            at = date + datetime.timedelta(hours=hour)
            stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
            step = day * 24 + hour
            for account in range(args.accounts):
                for n, network in enumerate(NETWORKS):
                    followers = base[account][n] + step * (account % 7) + rng.randint(0, 3)
                    impressions = rng.randint(0, 5000)
                    engagements = impressions // rng.randint(15, 40)
                    clicks = engagements // 4
                    leads = clicks // 9
                    spend = round(rng.random() * 40, 2)
                    values = (followers, impressions, engagements, clicks, leads, spend)
                    key = date.strftime("%Y-%m-%d") if args.split == "day" else network
                    if "csv" in formats:
                        writer("csv", key).write(f"{stamp},{network},acct{account:04d}," + ",".join(str(v) for v in values) + "\n")
                    if "ndjson" in formats:
                        fields = ",".join(f'"{m}":{v}' for m, v in zip(METRICS, values))
                        writer("ndjson", key).write(f'{{"at":"{stamp}","network":"{network}","account":"acct{account:04d}",{fields}}}\n')
                    rows += 1
    for handle in writers.values():
        handle.close()
    files = len(writers) // len(formats)
    print(f"{rows} rows, {rows * len(METRICS)} samples per format, in {files} files per format under {args.out}")


def first_hour(args: argparse.Namespace) -> datetime.datetime:
    """The first sample's time: --start at midnight UTC, or DAYS x 24 hours before the hour after --until."""
    if not (args.until or args.until_now):
        return datetime.datetime.fromisoformat(args.start).replace(tzinfo=datetime.timezone.utc)
    if args.until_now:
        last = datetime.datetime.now(datetime.timezone.utc)
    else:
        last = datetime.datetime.fromisoformat(args.until.replace("Z", "+00:00"))
        if last.tzinfo is None:
            last = last.replace(tzinfo=datetime.timezone.utc)
        last = last.astimezone(datetime.timezone.utc)
    last = last.replace(minute=0, second=0, microsecond=0)
    return last - datetime.timedelta(hours=args.days * 24 - 1)


if __name__ == "__main__":
    main()
