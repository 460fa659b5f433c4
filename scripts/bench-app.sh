#!/usr/bin/env bash
# Builds the release app (dist/) and the framework floor it is compared with
# (bench/counter, a minimal Leptos counter built the same way, into
# dist-counter/), then measures both in one headless Chromium
# (bench/app-bench.mjs): ready time of each at 1x and 4x CPU throttling and
# their ratio, edit -> updated matrix and every view switch on the heaviest
# built-in case and on a 40-measure case, and download sizes. Arguments go to
# the benchmark, e.g.
#   bash scripts/bench-app.sh --runs 15 --samples 15     # more loads and samples
#   bash scripts/bench-app.sh --throttle 1,4,6 --json
#   bash scripts/bench-app.sh --sizes 16x6,200x50 --runs 5
#                  # also the longest task at each case size (or --sizes all)
# Reports only; never fails on a slow number.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Set-up and build talk on stderr, so stdout is the report alone (--json
# gives JSON that a script can read).
# shellcheck source=setup.sh
source scripts/setup.sh >&2
bash scripts/build.sh --dist dist >&2
bash scripts/build.sh --app bench/counter --dist dist-counter >&2

node bench/app-bench.mjs --dist dist --counter dist-counter "$@"
