#!/usr/bin/env python3
"""Generates DESIGN §14's reference workload: ACCOUNTS accounts x 5 networks x 6 metrics, hourly, DAYS days.

CSV: one wide file per day (a daily export), columns Time,Network,Account + the six metrics.
NDJSON: the same samples, one object per row, one file per day.

    python3 bench/generate.py --out bench/data            # the full reference workload (90 days)
    python3 bench/generate.py --out /tmp/small --days 3   # a quick one
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
    parser.add_argument("--formats", default="csv,ndjson")
    args = parser.parse_args()

    formats = set(args.formats.split(","))
    for name in formats:
        os.makedirs(os.path.join(args.out, name), exist_ok=True)
    start = datetime.datetime.fromisoformat(args.start).replace(tzinfo=datetime.timezone.utc)
    rng = random.Random(14)
    base = [[rng.randint(500, 200_000) for _ in NETWORKS] for _ in range(args.accounts)]
    rows = 0
    for day in range(args.days):
        date = start + datetime.timedelta(days=day)
        csv_lines = ["Time,Network,Account," + ",".join(METRICS)]
        ndjson_lines = []
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
                    if "csv" in formats:
                        csv_lines.append(f"{stamp},{network},acct{account:04d}," + ",".join(str(v) for v in values))
                    if "ndjson" in formats:
                        fields = ",".join(f'"{m}":{v}' for m, v in zip(METRICS, values))
                        ndjson_lines.append(f'{{"at":"{stamp}","network":"{network}","account":"acct{account:04d}",{fields}}}')
                    rows += 1
        name = date.strftime("%Y-%m-%d")
        if "csv" in formats:
            with open(os.path.join(args.out, "csv", f"export-{name}.csv"), "w") as out:
                out.write("\n".join(csv_lines) + "\n")
        if "ndjson" in formats:
            with open(os.path.join(args.out, "ndjson", f"export-{name}.ndjson"), "w") as out:
                out.write("\n".join(ndjson_lines) + "\n")
    print(f"{rows} rows, {rows * len(METRICS)} samples per format, in {args.days} daily files under {args.out}")


if __name__ == "__main__":
    main()
