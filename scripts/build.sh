#!/usr/bin/env bash
# Release build of the web app with Trunk.
#
#   bash scripts/build.sh                                   -> dist/, served at /
#   bash scripts/build.sh --public-url /insyn/ --dist dist-subpath
#                                                           -> for hosting under /insyn/
#
# --offline: every tool comes from scripts/setup.sh; Trunk must never try to
# download one (the network only reaches package registries).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

public_url="/"
dist="dist"
while (( $# > 0 )); do
  case "$1" in
    --public-url) public_url="$2"; shift 2 ;;
    --dist) dist="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ -z "${INSYN_SETUP_DONE:-}" ]]; then
  # shellcheck source=setup.sh
  source scripts/setup.sh
fi

echo "[build] trunk build --release --offline --public-url $public_url --dist $dist"
trunk build --release --offline --public-url "$public_url" --dist "$dist"
ls -l "$dist"
