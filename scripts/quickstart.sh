#!/usr/bin/env bash
# Installs what a fresh Debian 12 + Swift machine lacks, builds GoalWatch, and runs it on the shipped example.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/install-deps.sh
swift build -c release
./.build/release/goalwatch version
