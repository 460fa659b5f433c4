// Starts the app. Trunk's default loader is an inline <script>, which the
// page's Content-Security-Policy (script-src 'self') forbids, so Trunk.toml's
// pattern_script emits a tag pointing here instead and passes the hashed
// file names in data attributes. Module scripts have no
// document.currentScript, hence the attribute selector.
const tag = document.querySelector('script[data-js][data-wasm]');

try {
  const bindings = await import(tag.dataset.js);
  await bindings.default({ module_or_path: tag.dataset.wasm });
} catch (err) {
  // Without this the page would stay blank; say so in the page and the console.
  console.error('Insyn could not start:', err);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'load-error';
  p.textContent = 'Insyn kunde inte startas i den här webbläsaren. Prova att ladda om sidan.';
  document.body.append(p);
}
