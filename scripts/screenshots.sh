#!/usr/bin/env bash
# Full-page screenshots of every view of the release build, for reviewing
# the UI by eye (not part of scripts/test.sh):
#
#   bash scripts/screenshots.sh [OUT_DIR] [--no-build]
#
# Builds dist/ (unless --no-build), serves it on a free loopback port and
# writes OUT_DIR/<width>x<height>-<case>-<view>.png (default /tmp/insyn-shots)
# for the example case and one-guardian-risk-blocking on 2026-11-23, at
# 1366×768 and 1920×1080. Nothing is written into the repository.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out="/tmp/insyn-shots"
build=1
while (( $# > 0 )); do
  case "$1" in
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "screenshots.sh: unknown option $1" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done

if (( build )); then
  bash scripts/build.sh --dist dist
fi
node e2e/screenshots.mjs "$out" --dist dist
