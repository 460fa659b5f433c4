#!/usr/bin/env bash
# Runs the engine's benchmarks and prints their medians as Markdown tables, for
# the README:
#
#   bash scripts/bench-engine-table.sh            run both benches, then print
#   bash scripts/bench-engine-table.sh --no-run   print from the last run's results
#
# 1. `cargo bench -p insyn-engine --bench scaling`: evaluate (2027-06-01),
#    timeline (birth to 18) and diff (vgr-2019 vs vgr-2026) of generated cases
#    with 1-200 measures (6 units) and 1-50 units (16 measures); one row per size.
# 2. `cargo bench -p insyn-engine --bench evaluation`: the fixed complex case.
#
# Medians come from target/criterion/*/new/estimates.json (found by the
# benchmark's name in the benchmark.json beside it), the latest run of each.
# Figures depend on the machine and its load (report it with them); the script
# only reports and never fails on a slow number.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

run=1
while (( $# > 0 )); do
  case "$1" in
    --no-run) run=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench-engine-table.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if (( run )); then
  export CARGO_TERM_PROGRESS_WHEN=never
  # Criterion's own report goes to stderr so stdout keeps only the tables.
  cargo bench -p insyn-engine --bench scaling -- --noplot >&2
  cargo bench -p insyn-engine --bench evaluation -- --noplot >&2
fi

# Criterion writes under the workspace's target directory (or CARGO_TARGET_DIR).
criterion="${CARGO_TARGET_DIR:-target}/criterion"
python3 - "$criterion" <<'PY'
import json
import os
import sys

root = sys.argv[1]

# Each benchmark's latest result: <dir>/new/benchmark.json names it (full_id, e.g.
# "timeline/measures/256"), <dir>/new/estimates.json holds its estimates in ns.
medians = {}
for directory, _, files in os.walk(root):
    if os.path.basename(directory) != "new" or "benchmark.json" not in files:
        continue
    try:
        with open(os.path.join(directory, "benchmark.json")) as f:
            full_id = json.load(f)["full_id"]
        with open(os.path.join(directory, "estimates.json")) as f:
            medians[full_id] = json.load(f)["median"]["point_estimate"]
    except (OSError, KeyError, ValueError):
        continue


def median(full_id):
    """The median point estimate in nanoseconds, or None without a result."""
    return medians.get(full_id)


def show(ns):
    if ns is None:
        return "–"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            value = ns / scale
            break
    else:
        unit, value = "ns", ns
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    return f"{value:.{digits}f} {unit}"


groups = ("evaluate", "timeline", "diff")
# The sizes of engine/benches/scaling_cases.rs (MEASURE_SIZES, UNIT_SIZES).
def count(n, noun):
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


rows = [("measures", n, f"{count(n, 'measure')}, 6 units") for n in (1, 4, 16, 64, 200)]
rows += [("units", n, f"16 measures, {count(n, 'unit')}") for n in (1, 10, 50)]

print("Scaling (`cargo bench -p insyn-engine --bench scaling`), medians:")
print()
print("| case (2 guardians) | evaluate (2027-06-01) | timeline (birth to 18) | diff (vgr-2019 vs vgr-2026) |")
print("|---|---:|---:|---:|")
for sweep, n, label in rows:
    cells = [show(median(f"{group}/{sweep}/{n}")) for group in groups]
    print(f"| {label} | " + " | ".join(cells) + " |")

print()
print("Complex case (`cargo bench -p insyn-engine --bench evaluation`), medians:")
print()
print("| benchmark | median |")
print("|---|---:|")
for name in (
    "evaluate one date (2 guardians, 4 units, 8 measures)",
    "full timeline birth to 18 (2 guardians, 4 units, 8 measures)",
    "validate and evaluate from JSON",
    "preview of a blocking (two full timelines)",
    "the request for a measure, as text",
):
    print(f"| {name} | {show(median(name))} |")
PY
