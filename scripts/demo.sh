#!/usr/bin/env bash
# The live demo: installs what a fresh Debian 12 + Swift machine lacks, builds GoalWatch, and runs the daemon
# in the foreground on examples/demo/goalwatch.yml until Ctrl-C. A feeder drops a demo café's snapshots into
# an inbox every few seconds; its Instagram followers start on pace for their SMART goal and then fall
# behind, and its care desk's first response climbs past an hour. Within a minute both alerts arrive,
# signed, at a local webhook sink that prints them. Every run starts from an empty state folder, .state/demo/.
#
#   scripts/demo.sh [--binary PATH]
#
# --binary runs that goalwatch instead of installing packages and building the release binary.
# Environment: GOALWATCH_DEMO_PORT (the sink's port, default 9095; 0 takes any free one),
# GOALWATCH_DEMO_API_PORT (the dashboard's port, default 9464),
# GOALWATCH_DEMO_EVERY (seconds between snapshots, default 5).
set -euo pipefail
cd "$(dirname "$0")/.."

goalwatch=
while [ $# -gt 0 ]; do
  case $1 in
    --binary) goalwatch=$2; shift 2 ;;
    *) echo "usage: $0 [--binary PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$goalwatch" ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
  bash scripts/install-deps.sh
  swift build -c release --product goalwatch
  goalwatch=.build/release/goalwatch
fi
config=examples/demo/goalwatch.yml
state=.state/demo

rm -rf "$state"
mkdir -p "$state"
python3 scripts/demo-feeder.py prepare --state "$state" --goals examples/demo/goals.yml.in

# Ctrl-C (or SIGTERM) stops the daemon gracefully, and the feeder and the sink. The children run in the
# background, where a script's children ignore SIGINT, so this trap is what stops them; a second Ctrl-C
# while they stop is ignored (the daemon's stop is bounded: the cycle under way, then at most 10 s).
children=()
stop() {
  trap '' INT TERM
  trap - EXIT
  [ ${#children[@]} -eq 0 ] || kill -TERM "${children[@]}" 2>/dev/null || true
  wait || true
  echo "demo: stopped; the store, inbox and rules of this run stay in $state until the next run"
}
trap stop EXIT
trap 'exit 130' INT TERM

python3 -u scripts/demo-sink.py --port "${GOALWATCH_DEMO_PORT:-9095}" \
  --secret-file "$state/hook-secret" --url-file "$state/sink-url" &
children+=($!)
for _ in $(seq 100); do
  [ ! -s "$state/sink-url" ] || break
  kill -0 "${children[0]}" 2>/dev/null || exit 1 # the sink said why
  sleep 0.1
done
[ -s "$state/sink-url" ] || { echo "demo: the webhook sink did not start listening" >&2; exit 1; }

"$goalwatch" check --config "$config"
GOALWATCH_LOG=logfmt "$goalwatch" run --config "$config" &
daemon=$!
children+=("$daemon")
python3 -u scripts/demo-feeder.py feed --state "$state" --every "${GOALWATCH_DEMO_EVERY:-5}" &
children+=($!)
echo "demo: the daemon runs (logfmt below), the feeder drops a snapshot every ${GOALWATCH_DEMO_EVERY:-5} s, the sink prints what arrives; Ctrl-C stops"
api="$(cat "$state/api-listen")"
echo "demo: the dashboard is at http://$api/ (goals, pace and forecast), the metrics at http://$api/metrics"
status=0
wait "$daemon" || status=$?
exit "$status"
