#!/usr/bin/env bash
# Builds the release app and measures it in headless Chromium
# (bench/app-bench.mjs): download sizes, time to first useful render,
# edit -> DOM update latency, and the longest main-thread task while opening,
# editing and viewing generated cases up to the case format's limits
# (bench/scaling-case.mjs). Arguments go to the benchmark, e.g.
#   bash scripts/bench-app.sh --selector '[data-testid=access-matrix]' --edits 20 --json
#   bash scripts/bench-app.sh --sizes 16x6,200x50     # or --sizes none
# Reports only; never fails on a slow number.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=setup.sh
source scripts/setup.sh
bash scripts/build.sh --dist dist >/dev/null

node bench/app-bench.mjs --dist dist "$@"
