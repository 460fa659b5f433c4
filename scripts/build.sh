#!/usr/bin/env bash
# Release build of the web app with Trunk.
#
#   bash scripts/build.sh                                   -> dist/, served at /
#   bash scripts/build.sh --public-url /insyn/ --dist dist-subpath
#                                                           -> for hosting under /insyn/
#   bash scripts/build.sh --app bench/counter --dist dist-counter
#                                                           -> the benchmark's framework floor
#                                                              (bench/counter), built the same way
#
# --offline: every tool comes from scripts/setup.sh; Trunk must never try to
# download one (the network only reaches package registries).
#
# Subresource Integrity: after Trunk (so after wasm-opt) this script hashes the
# files as shipped (sha384) and writes the hashes into index.html: an
# `integrity` attribute on the loader's <script> tag, so the browser refuses a
# changed loader.js, and data-js-integrity / data-wasm-integrity, which
# loader.js passes to the two requests it makes for the bindings and the wasm
# (see loader.js). Trunk's own preload links for those two are dropped: the
# loader makes both requests, and Chromium ignores `integrity` on a wasm preload.
# Finally every integrity attribute in index.html is checked against its file.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

public_url="/"
dist="dist"
app="."
while (( $# > 0 )); do
  case "$1" in
    --public-url) public_url="$2"; shift 2 ;;
    --dist) dist="$2"; shift 2 ;;
    --app) app="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ -z "${INSYN_SETUP_DONE:-}" ]]; then
  # shellcheck source=setup.sh
  source scripts/setup.sh
fi

# Trunk reads Trunk.toml and index.html from the app's directory; --dist stays
# relative to the repository.
mkdir -p "$dist"
dist="$(cd "$dist" && pwd)"
echo "[build] trunk build --release --offline --public-url $public_url --dist $dist (in $app)"
(cd "$app" && trunk build --release --offline --public-url "$public_url" --dist "$dist")

echo "[build] subresource integrity (sha384) for loader.js, the JS bindings and the wasm"
node --input-type=module - "$dist" "$public_url" <<'JS'
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dist, base] = process.argv.slice(2);
const indexFile = path.join(dist, 'index.html');
const fail = (msg) => {
  console.error(`build.sh: ${msg} in ${indexFile}`);
  process.exit(1);
};
/** The dist file a URL in index.html points to (URLs start with the public URL). */
const fileOf = (url) => {
  if (!url.startsWith(base)) fail(`${url} is not under the public URL ${base}`);
  return path.join(dist, decodeURI(url.slice(base.length)));
};
const sri = (url) => `sha384-${createHash('sha384').update(readFileSync(fileOf(url))).digest('base64')}`;
const attr = (tag, name) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

let html = readFileSync(indexFile, 'utf8');

// The loader's tag, from Trunk.toml's pattern_script.
const loaders = html.match(/<script\b[^>]*\sdata-js="[^"]*"[^>]*><\/script>/g) ?? [];
if (loaders.length !== 1) fail(`expected one loader <script data-js data-wasm>, found ${loaders.length}`);
const [loader] = loaders;
const [src, js, wasm] = ['src', 'data-js', 'data-wasm'].map((name) => attr(loader, name));
if (!src || !js || !wasm) fail(`the loader tag lacks src, data-js or data-wasm: ${loader}`);
if (/\sintegrity=/.test(loader)) fail('the loader tag already has an integrity attribute');
const hashes = { [src]: sri(src), [js]: sri(js), [wasm]: sri(wasm) };
html = html.replace(
  loader,
  loader.replace(
    /><\/script>$/,
    ` integrity="${hashes[src]}" data-js-integrity="${hashes[js]}" data-wasm-integrity="${hashes[wasm]}"></script>`,
  ),
);

// Trunk's preloads of the bindings and the wasm: the loader requests both itself.
html = html.replace(/<link\b[^>]*\srel="(?:modulepreload|preload)"[^>]*>/g, (tag) => {
  const href = attr(tag, 'href');
  if (href !== js && href !== wasm) fail(`unexpected preload ${tag}`);
  return '';
});

// The style sheets, one file per part of the page in style/, shipped as one:
// thirteen requests and sheets made the first frame wait on the slowest of
// them. Joined in the page's order, so the cascade is unchanged.
const sheets = html.match(/<link\b[^>]*\srel="stylesheet"[^>]*>/g) ?? [];
if (sheets.length > 1) {
  const parts = sheets.map((tag) => {
    const url = attr(tag, 'href');
    if (!url) fail(`a style sheet without href: ${tag}`);
    return { url, text: readFileSync(fileOf(url), 'utf8') };
  });
  const joined = parts.map(({ url, text }) => `/* ${path.basename(url)} */\n${text}\n`).join('');
  const name = `style-${createHash('sha256').update(joined).digest('hex').slice(0, 16)}.css`;
  writeFileSync(path.join(dist, name), joined);
  for (const { url } of parts) unlinkSync(fileOf(url));
  const url = `${base}${name}`;
  const tag = `<link rel="stylesheet" href="${url}" integrity="${sri(url)}"/>`;
  html = html.replace(sheets[0], tag);
  for (const sheet of sheets.slice(1)) html = html.replace(sheet, '');
}

// Every integrity attribute (the loader's and Trunk's for CSS and the icon)
// must match the file as shipped.
for (const tag of html.match(/<[^>]*\sintegrity="[^"]*"[^>]*>/g) ?? []) {
  const url = attr(tag, 'src') ?? attr(tag, 'href');
  if (!url || attr(tag, 'integrity') !== sri(url)) fail(`stale integrity on ${tag}`);
}
for (const url of [js, wasm]) {
  if (!html.includes(`="${hashes[url]}"`)) fail(`no hash for ${url}`);
}

writeFileSync(indexFile, html);
for (const [url, hash] of Object.entries(hashes)) console.log(`  ${hash}  ${url}`);
JS
ls -l "$dist"
