#!/usr/bin/env bash
# Installs what a fresh Debian 12 + Swift machine lacks, builds GoalWatch, and runs it on the shipped
# example: the exports in examples/inbox/ go into a local store in .state/, the stored series are listed,
# the shipped rule tests run, and the example goals are shown as they stood on the exports' last day.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/install-deps.sh
swift build -c release
goalwatch=.build/release/goalwatch
config=examples/goalwatch.yml

$goalwatch check --config "$config"
$goalwatch ingest --config "$config" examples/inbox/*
$goalwatch series --config "$config"
$goalwatch test rules/tests/*.yml
$goalwatch goals --config "$config" --at 2026-11-27T12:00:00Z
