#!/usr/bin/env bash
# Builds the release app and serves dist/ on http://127.0.0.1:8080/ (Ctrl-C
# stops it). PORT=9000 bash scripts/serve.sh picks another port.
#
# Served by e2e/server.mjs, the same static server the end-to-end tests use,
# rather than `trunk serve`: trunk serve injects an inline live-reload script
# that the page's CSP blocks, and what is served here should be exactly the
# files a static host would get. The server sends the headers README's
# "Static hosting" asks of a host: Content-Security-Policy (the page's policy
# plus frame-ancestors 'none'), X-Content-Type-Options: nosniff and
# Referrer-Policy: no-referrer (SECURITY_HEADERS in e2e/server.mjs).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=setup.sh
source scripts/setup.sh
bash scripts/build.sh

exec node e2e/server.mjs --root dist --host 127.0.0.1 --port "${PORT:-8080}"
