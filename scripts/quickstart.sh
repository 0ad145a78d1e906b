#!/usr/bin/env bash
# Installs what a fresh Debian 12 + Swift machine lacks, builds GoalWatch, and runs it on the shipped
# example: the exports in examples/inbox/ go into a local store in .state/, then the stored series are listed.
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
