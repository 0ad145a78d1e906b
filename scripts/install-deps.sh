#!/usr/bin/env bash
# Installs the Debian packages GoalWatch needs to build, test and run. Idempotent; needs root (or sudo).
# With --test-oracles it also installs the Prometheus tools the tests compare GoalWatch against
# (promtool from Debian's prometheus package, a real Alertmanager from prometheus-alertmanager, and
# python3-jsonschema to validate payloads against their schema, openssl for a loopback HTTPS receiver; wrk,
# which bench/notify_bench.py uses to check that its webhook sink is not the bottleneck); the tests that
# need them skip, saying so, without.
set -euo pipefail
# make, dpkg-dev (dpkg-deb, readelf via binutils) and python3 are used by the deploy tests and deploy/nspawn-probe.sh;
# python3 also runs scripts/demo.sh's feeder and webhook sink. sqlite3 backs up the store (docs/operations.md), as
# the probe checks.
packages=(libsystemd-dev libsqlite3-dev pkg-config tzdata systemd systemd-container make dpkg-dev binutils python3 sqlite3)
if [ "${1:-}" = "--test-oracles" ]; then
  packages+=(prometheus prometheus-alertmanager python3-jsonschema openssl wrk)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
