#!/usr/bin/env python3
"""Ingest benchmark: loads generated daily exports with the release `goalwatch ingest` into a fresh
store and prints samples/second and the peak resident set size of the process.

    swift build -c release
    python3 bench/generate.py --out bench/data          # once: 90 days, 64.8 M samples per format
    python3 bench/ingest_bench.py --data bench/data --format csv
"""
import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

CONFIG = """
storage:
  path: {state}/goalwatch.sqlite
  retention: 3650d
sources:
  - name: bench-csv
    kind: file
    path: {data}/csv/*.csv
    csv:
      delimiter: ","
      timestamp: {{column: Time, format: rfc3339}}
      labels: {{Network: network, Account: account}}
      metrics: {{followers: followers, impressions: impressions, engagements: engagements, link_clicks: link_clicks, leads: leads, spend: spend}}
  - name: bench-ndjson
    kind: file
    path: {data}/ndjson/*.ndjson
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="bench/data")
    parser.add_argument("--format", choices=["csv", "ndjson"], default="csv")
    parser.add_argument("--binary", default=".build/release/goalwatch")
    parser.add_argument("--files", type=int, default=0, help="only the first N files (0: all)")
    args = parser.parse_args()

    data = os.path.abspath(args.data)
    files = sorted(glob.glob(os.path.join(data, args.format, "*." + args.format)))
    if args.files:
        files = files[: args.files]
    if not files:
        sys.exit(f"no {args.format} files under {data}: run bench/generate.py first")
    with tempfile.TemporaryDirectory(prefix="goalwatch-bench-") as state:
        config = os.path.join(state, "goalwatch.yml")
        with open(config, "w") as out:
            out.write(CONFIG.format(state=state, data=data))
        began = time.perf_counter()
        result = subprocess.run([args.binary, "ingest", "--config", config, "--format", "json"] + files,
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - began
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if result.returncode != 0:
            sys.exit(f"ingest failed ({result.returncode}): {result.stderr[-2000:]}")
        reports = json.loads(result.stdout)
        samples = sum(r.get("samples", 0) for r in reports)
        size = sum(os.path.getsize(f) for f in files)
        store = os.path.getsize(os.path.join(state, "goalwatch.sqlite"))
    print(f"format={args.format} files={len(files)} input={size / 1e6:.0f} MB samples={samples}")
    print(f"elapsed={elapsed:.2f} s  throughput={samples / elapsed / 1e6:.2f} M samples/s  "
          f"peak RSS={peak_kib / 1024:.0f} MiB  store={store / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
