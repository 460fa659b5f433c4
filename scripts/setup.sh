#!/usr/bin/env bash
# Installs whatever the build and the tests need and is not there yet. Every
# step checks first and skips if its tool is present at the right version, so
# running it again costs a few seconds.
#
#   bash scripts/setup.sh          install / check only
#   source scripts/setup.sh        the same, and also exports PATH and the
#                                  test variables into the calling shell
#                                  (build.sh, test.sh, serve.sh do this)
#
# Versions: trunk is pinned below (0.22 needs a newer rustc than ours); the
# wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock, so it is
# read from there; npm tools are pinned in e2e/package-lock.json.

set -euo pipefail

INSYN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="132"
APT_PACKAGES=(chromium chromium-driver poppler-utils)

say() { printf '[setup] %s\n' "$*"; }

# Cargo-installed tools live here; binaryen's wasm-opt from npm must come
# first so Trunk does not pick an older system wasm-opt (Debian's binaryen
# 108 emits a wasm that fails at run time).
export PATH="$INSYN_ROOT/e2e/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

setup_wasm_target() {
  if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    say "rust target wasm32-unknown-unknown: present"
  else
    say "rust target wasm32-unknown-unknown: installing"
    rustup target add wasm32-unknown-unknown
  fi
}

setup_trunk() {
  local have=""
  if command -v trunk >/dev/null 2>&1; then
    have="$(trunk --version | awk '{print $2}')"
  fi
  if [[ "$have" == "$TRUNK_VERSION" ]]; then
    say "trunk $TRUNK_VERSION: present"
  else
    say "trunk: found '${have:-none}', installing $TRUNK_VERSION (takes several minutes)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

# The wasm-bindgen version in Cargo.lock (the one the app links against).
lockfile_wasm_bindgen_version() {
  awk '
    /^\[\[package\]\]/ { in_wb = 0 }
    /^name = "wasm-bindgen"$/ { in_wb = 1; next }
    in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$INSYN_ROOT/Cargo.lock"
}

setup_wasm_bindgen_cli() {
  if [[ ! -f "$INSYN_ROOT/Cargo.lock" ]]; then
    say "Cargo.lock missing: generating it"
    (cd "$INSYN_ROOT" && cargo generate-lockfile)
  fi
  local want have=""
  want="$(lockfile_wasm_bindgen_version)"
  if [[ -z "$want" ]]; then
    say "could not read the wasm-bindgen version from Cargo.lock" >&2
    return 1
  fi
  if command -v wasm-bindgen >/dev/null 2>&1; then
    have="$(wasm-bindgen --version | awk '{print $2}')"
  fi
  if [[ "$have" == "$want" ]] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    say "wasm-bindgen-cli $want: present"
  else
    say "wasm-bindgen-cli: found '${have:-none}', installing $want (takes a few minutes)"
    # Deliberately without --locked: that is the combination known to
    # install on this project's toolchain.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

setup_npm() {
  local e2e="$INSYN_ROOT/e2e"
  # npm ci rewrites node_modules/.package-lock.json, so a lockfile newer than
  # it means the pinned set changed since the last install.
  if [[ -d "$e2e/node_modules" && -f "$e2e/node_modules/.package-lock.json" \
        && ! "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]]; then
    say "npm packages in e2e/: present"
  else
    say "npm packages in e2e/: npm ci"
    (cd "$e2e" && npm ci --no-audit --no-fund)
  fi
}

setup_apt() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if (( ${#missing[@]} == 0 )); then
    say "apt packages (${APT_PACKAGES[*]}): present"
    return 0
  fi
  say "apt packages missing: ${missing[*]}: installing"
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

verify_tools() {
  local v
  v="$(wasm-opt --version)"
  if [[ "$v" != *"version $WASM_OPT_VERSION"* ]]; then
    say "wasm-opt on PATH is '$v' ($(command -v wasm-opt)), expected binaryen $WASM_OPT_VERSION" >&2
    return 1
  fi
  say "using $(trunk --version), $(wasm-bindgen --version), $v"
  say "using $(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/chromedriver --version | cut -d' ' -f1-2)"
}

setup_apt
setup_wasm_target
setup_npm
setup_trunk
setup_wasm_bindgen_cli
verify_tools

# For wasm-bindgen-test-runner (component tests) and e2e/browser.mjs.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER:-wasm-bindgen-test-runner}"
# Lets build.sh skip a second round of checks when called from a script that
# already sourced this one.
export INSYN_SETUP_DONE=1
