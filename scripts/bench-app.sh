#!/usr/bin/env bash
# Builds the release app and measures it in headless Chromium
# (bench/app-bench.mjs): download sizes, time to first useful render,
# edit -> DOM update latency, and the longest main-thread task while opening,
# editing and viewing generated cases up to the case format's limits
# (bench/scaling-case.mjs). Arguments go to the benchmark, e.g.
#   bash scripts/bench-app.sh --selector '[data-testid=access-matrix]' --edits 20 --json
#   bash scripts/bench-app.sh --sizes 16x6,200x50     # or --sizes none
#   bash scripts/bench-app.sh --sizes 16x6,200x50 --runs 5   # median of 5 per step
# Reports only; never fails on a slow number.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Set-up and build talk on stderr, so stdout is the report alone (--json
# gives JSON that a script can read).
# shellcheck source=setup.sh
source scripts/setup.sh >&2
bash scripts/build.sh --dist dist >&2

node bench/app-bench.mjs --dist dist "$@"
