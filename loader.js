// Starts the app, and only the app that was built. Trunk's default loader is
// an inline <script>, which the page's Content-Security-Policy (script-src
// 'self') forbids, so Trunk.toml's pattern_script emits a tag pointing here
// instead and passes the hashed file names in data attributes. Module scripts
// have no document.currentScript, hence the attribute selector.
//
// Subresource Integrity: scripts/build.sh hashes the files as shipped (sha384,
// after wasm-opt) and adds data-js-integrity and data-wasm-integrity to that
// tag, and an integrity attribute for this file. Both requests made here carry
// their hash, so the browser refuses a file that is not byte for byte the one
// built, and the app does not start:
//   - the wasm: fetch(url, { integrity }), handed to the bindings' init as the
//     response to instantiate (a <link rel=preload> would not do: Chromium
//     ignores integrity on such preloads);
//   - the JS bindings: a <link rel=modulepreload integrity> fetches and checks
//     them into the document's module map, and only once it has loaded does
//     import() of the same URL take the module from there. If the hash does
//     not match, the preload fails and nothing is imported.
const tag = document.querySelector('script[data-js][data-wasm]');

// The tag is `async` (Trunk.toml): this file runs as soon as it has arrived,
// while the style sheets are still loading and the page is still parsed, so
// the wasm downloads and compiles meanwhile (a deferred script would wait for
// every style sheet first). The app mounts to <body>, and the failure message
// goes there too, so both wait for the document to be parsed.
const parsed =
  document.readyState === 'loading'
    ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
    : Promise.resolve();

// Shown by index.html, after a few seconds (style/boot.css), in case this file
// never runs. Now that it runs, it goes once parsed; its text is what a failure shows.
let failureText = 'Insyn kunde inte startas i den här webbläsaren. Prova att ladda om sidan.';
const takeStaticMessage = async () => {
  await parsed;
  const staticMessage = document.getElementById('load-error');
  failureText = staticMessage?.textContent.trim() || failureText;
  staticMessage?.remove();
};

/** Loads the module at `href` into the module map, checked against `integrity`. */
function preloadModule(href, integrity) {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    link.integrity = integrity;
    link.addEventListener('load', resolve);
    link.addEventListener('error', () =>
      reject(new Error(`${href} was refused: not the file that was built (integrity ${integrity})`)),
    );
    document.head.append(link);
  });
}

try {
  const { js, jsIntegrity, wasm, wasmIntegrity } = tag.dataset;
  if (!jsIntegrity || !wasmIntegrity) {
    throw new Error('index.html has no integrity hashes for the JS and the wasm; build with scripts/build.sh');
  }
  // Both downloads at once. The catch only keeps a failed wasm download from
  // also being reported as unhandled when the JS fails first.
  const wasmResponse = fetch(wasm, { integrity: wasmIntegrity });
  wasmResponse.catch(() => {});
  await preloadModule(js, jsIntegrity);
  const bindings = await import(js);
  await takeStaticMessage();
  await bindings.default({ module_or_path: wasmResponse });
} catch (err) {
  // Without this the page would stay blank; say so in the page and the console.
  console.error('Insyn could not start:', err);
  await takeStaticMessage();
  const p = document.createElement('p');
  p.id = 'load-error';
  p.setAttribute('role', 'alert');
  p.className = 'load-error';
  p.textContent = failureText;
  document.body.append(p);
}
