#!/bin/sh
# Proves the shipped units under a real systemd: boots this machine's OS in a systemd-nspawn container
# (systemd as PID 1, a throw-away root: /usr overlaid on a temporary folder, everything else in memory),
# installs GoalWatch there and runs deploy/probe/inside.sh, which starts, reloads, starves the watchdog of,
# kills, stops, socket-activates and uninstalls goalwatch.service. Prints the container's observations and
# exits 1 if any check failed. Needs root and systemd-container.
#
#   deploy/nspawn-probe.sh [--binary PATH] [--deb FILE] [--daemon stand-in|real]
#
# --binary: the goalwatch to install (default .build/debug/goalwatch; /opt/swift is visible inside, so a
# binary that links the toolchain's Swift runtime works). --deb: install this package with dpkg instead of
# deploy/install.sh. --daemon real: run `goalwatch run` as shipped instead of the stand-in daemon.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
binary=$top/.build/debug/goalwatch
deb=
daemon=stand-in
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --deb) deb=$2; shift 2 ;;
    --daemon) daemon=$2; shift 2 ;;
    *) echo "usage: $0 [--binary PATH] [--deb FILE] [--daemon stand-in|real]" >&2; exit 2 ;;
  esac
done
[ -x "$binary" ] || [ -n "$deb" ] || { echo "nspawn-probe.sh: no goalwatch at $binary" >&2; exit 1; }
command -v systemd-nspawn >/dev/null || { echo "nspawn-probe.sh: systemd-nspawn missing (apt install systemd-container)" >&2; exit 1; }

work=$(mktemp -d /var/tmp/goalwatch-probe.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/usr-upper"
[ -z "$deb" ] || cp "$deb" "$work/goalwatch.deb"
cat > "$work/probe.service" <<UNIT
[Unit]
Description=GoalWatch deployment probe
After=multi-user.target
[Service]
Type=oneshot
Environment=PROBE_DAEMON=$daemon
ExecStart=/src/deploy/probe/inside.sh
UNIT

set -- --bind-ro="$top:/src" --bind-ro=/opt/swift:/opt/swift
[ -n "$deb" ] || set -- "$@" --bind-ro="$(readlink -f "$binary"):/probe-bin/goalwatch"
timeout 600 systemd-nspawn -D / --volatile=yes --register=no --keep-unit -b --quiet \
  --overlay="/usr:$work/usr-upper:/usr" --bind="$work:/x" \
  --bind-ro="$work/probe.service:/etc/systemd/system/probe.service" "$@" \
  -- systemd.firstboot=no systemd.wants=probe.service > "$work/console.log" 2>&1 || true

if [ ! -s "$work/result.log" ]; then
  echo "nspawn-probe.sh: the probe wrote no result; console:" >&2
  tail -n 40 "$work/console.log" >&2
  exit 1
fi
cat "$work/result.log"
grep -q '^PROBE PASSED' "$work/result.log"
