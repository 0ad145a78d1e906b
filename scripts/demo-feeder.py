#!/usr/bin/env python3
"""The live demo's data: a demo café's Instagram followers and care-desk first-response times.

  demo-feeder.py prepare --state DIR --goals TEMPLATE
      Lays out DIR for examples/demo/goalwatch.yml: a webhook secret, rules/goals.yml from TEMPLATE with a
      30-day period around today (20 days behind, 10 ahead), and inbox/000-history.ndjson with one sample a
      day since the period started, on pace for the goal.
  demo-feeder.py feed --state DIR [--every SECONDS]
      Drops a live snapshot into DIR/inbox every SECONDS (default 5), stamped with the current time, then
      stops: followers start on pace and then fall behind (an unfollow wave), first response climbs past
      60 minutes and comes back. Each file is written beside the inbox and renamed into it, so the daemon
      never reads half a file.

Only the standard library: scripts/install-deps.sh installs python3.
"""
import argparse
import datetime
import json
import os
import secrets
import sys
import time

NETWORK = {"network": "instagram", "account": "cafe-demo"}
BASELINE = 20000.0
TARGET = 22000.0  # +10 %, as goals.yml.in says
DAYS_BEHIND, DAYS_AHEAD = 20, 10

# Live snapshots: followers as an offset from where the pace says they should be now (the goal tolerates
# 5 % of the way, 100 followers), and the care desk's first response in minutes.
LIVE = [
    (+40, 34), (+55, 38), (+60, 45), (-60, 57), (-260, 66), (-480, 74), (-650, 81), (-760, 79),
    (-820, 72), (-850, 68), (-860, 63), (-870, 52), (-875, 44), (-880, 38), (-885, 36),
]


def period(today):
    start = today - datetime.timedelta(days=DAYS_BEHIND)
    end = today + datetime.timedelta(days=DAYS_AHEAD - 1)  # inclusive: the period ends at 00:00 the day after
    return start, end


def instant(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.timezone.utc)


def expected_followers(now, start, end):
    first, after_last = instant(start), instant(end + datetime.timedelta(days=1))
    ratio = (now - first) / (after_last - first)
    return BASELINE + (TARGET - BASELINE) * ratio


def rfc3339(moment):
    return moment.astimezone(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def line(moment, followers, first_response):
    return json.dumps({"at": rfc3339(moment), **NETWORK, "followers": round(followers), "first_response_minutes": first_response})


def write_atomically(folder, name, text):
    temporary = os.path.join(os.path.dirname(folder), "." + name + ".part")
    with open(temporary, "w") as file:
        file.write(text)
    os.rename(temporary, os.path.join(folder, name))


def prepare(state, template):
    today = datetime.datetime.now(datetime.timezone.utc).date()
    start, end = period(today)
    for folder in ("inbox", "rules"):
        os.makedirs(os.path.join(state, folder), exist_ok=True)
    secret_path = os.path.join(state, "hook-secret")
    with open(secret_path, "w") as file:
        file.write(secrets.token_hex(16) + "\n")
    os.chmod(secret_path, 0o600)
    # Where the daemon serves its dashboard: 127.0.0.1:9464, or the port in GOALWATCH_DEMO_API_PORT.
    with open(os.path.join(state, "api-listen"), "w") as file:
        file.write(f"127.0.0.1:{os.environ.get('GOALWATCH_DEMO_API_PORT', '9464')}\n")
    with open(template) as file:
        goals = file.read().replace("@START@", start.isoformat()).replace("@END@", end.isoformat())
    with open(os.path.join(state, "rules", "goals.yml"), "w") as file:
        file.write(goals)
    # One sample a day at 00:00 since the period started, a little above or below the pace.
    lines = []
    for day in range(DAYS_BEHIND + 1):
        moment = instant(start + datetime.timedelta(days=day))
        wobble = (0, 8, 15, -4, -12)[day % 5]  # day 0 is the baseline: exactly 20,000
        lines.append(line(moment, expected_followers(moment, start, end) + wobble, (36, 41, 33, 45, 39, 30, 42)[day % 7]))
    write_atomically(os.path.join(state, "inbox"), "000-history.ndjson", "\n".join(lines) + "\n")
    print(f"feeder: goal instagram_followers_demo runs {start} to {end}: {BASELINE:,.0f} → {TARGET:,.0f} followers; "
          f"{DAYS_BEHIND + 1} days of history in inbox/000-history.ndjson", flush=True)


def feed(state, every):
    start, end = period(datetime.datetime.now(datetime.timezone.utc).date())
    inbox = os.path.join(state, "inbox")
    for number, (offset, first_response) in enumerate(LIVE, start=1):
        now = datetime.datetime.now(datetime.timezone.utc)
        pace = expected_followers(now, start, end)
        name = f"live-{number:03d}.ndjson"
        write_atomically(inbox, name, line(now, pace + offset, first_response) + "\n")
        print(f"feeder: {now:%H:%M:%S} {name}: followers {pace + offset:,.0f} (the pace wants {pace:,.0f}), "
              f"first response {first_response} min", flush=True)
        if number < len(LIVE):
            time.sleep(every)
    print("feeder: that was the last snapshot; the alerts stay as they are. Ctrl-C stops the demo.", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare_command = commands.add_parser("prepare")
    prepare_command.add_argument("--state", required=True)
    prepare_command.add_argument("--goals", required=True)
    feed_command = commands.add_parser("feed")
    feed_command.add_argument("--state", required=True)
    feed_command.add_argument("--every", type=float, default=5.0)
    arguments = parser.parse_args()
    if arguments.command == "prepare":
        prepare(arguments.state, arguments.goals)
    else:
        feed(arguments.state, arguments.every)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
