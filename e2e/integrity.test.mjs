// The shipped files are the ones built, and the page keeps to itself.
//
// scripts/build.sh writes the SRI hashes (sha384) of loader.js, the JS
// bindings and the wasm into index.html; loader.js requests the bindings and
// the wasm with their hashes (see loader.js). These tests check that a page
// from the release build makes no request once it has loaded and breaks no
// rule of its Content-Security-Policy while staff use it, that a copy of the
// build with one changed file does not start and says so in Swedish, and that
// the server sends the hosting headers the README asks of a web server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, CONTENT_SECURITY_POLICY } from './server.mjs';
import { launchBrowser, openContextPage } from './browser.mjs';
import { DIST, REPO_ROOT, requireBuild } from './paths.mjs';
import { TABS, TODAY, tid, openTab, setDate, waitForText, waitForValue } from './app.mjs';

/** What the page says when the app cannot start (index.html and loader.js). */
const FAILURE_TEXT = 'Insyn kunde inte startas i den här webbläsaren. Prova att ladda om sidan.';

let server;
let browser;
before(async () => {
  requireBuild(DIST, 'scripts/build.sh');
  server = await startServer({ root: DIST });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const attr = (tag, name) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The loader's tag in a build's index.html: the three files and their hashes. */
async function shipped(dir) {
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  const tag = html.match(/<script\b[^>]*\sdata-js="[^"]*"[^>]*>/)?.[0];
  assert.ok(tag, 'index.html has the loader tag');
  // The build is served at /, so a URL minus its slash is the file in dist.
  const file = (url) => path.join(dir, url.replace(/^\//, ''));
  return {
    html,
    tag,
    loader: { file: file(attr(tag, 'src')), integrity: attr(tag, 'integrity') },
    js: { file: file(attr(tag, 'data-js')), integrity: attr(tag, 'data-js-integrity') },
    wasm: { file: file(attr(tag, 'data-wasm')), integrity: attr(tag, 'data-wasm-integrity') },
  };
}

/**
 * Opens `url` in a new context of the shared browser with the clock at TODAY,
 * recording from the first navigation every request, WebSocket, console
 * error and Content-Security-Policy violation (the listener is added by an
 * init script, before any of the page's scripts run).
 */
async function openRecorded(url) {
  const session = await openContextPage(browser, { timezoneId: 'Europe/Stockholm' });
  const { page, context } = session;
  await context.clock.setFixedTime(new Date(`${TODAY}T12:00:00+01:00`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  const requests = [];
  const websockets = [];
  const consoleErrors = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('websocket', (ws) => websockets.push(ws.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    ...session,
    requests,
    websockets,
    consoleErrors,
    cspViolations: () => page.evaluate(() => window.__cspViolations),
  };
}

/** Serves a copy of the release build after `change(build)` has altered it; returns the server. */
async function servedCopy(change) {
  const dir = await mkdtemp(path.join(tmpdir(), 'insyn-integrity-'));
  await cp(DIST, dir, { recursive: true });
  await change(await shipped(dir), dir);
  const copy = await startServer({ root: dir });
  return {
    url: copy.url,
    close: async () => {
      await copy.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `file`'s new hash into the copy's index.html in place of `old`. */
async function acceptChange(dir, { file, integrity: old }) {
  const indexFile = path.join(dir, 'index.html');
  const html = await readFile(indexFile, 'utf8');
  assert.ok(html.includes(old), 'the old hash is in index.html');
  await writeFile(indexFile, html.replace(old, sri(await readFile(file))));
}

/**
 * Opens `url` and expects the app not to start: the Swedish failure text shows
 * (within `timeout`), the app's header and matrix never appear, and Chromium
 * says in the console that it blocked `fileName` for its integrity.
 */
async function assertRefused(url, fileName, timeout = 10_000) {
  const session = await openRecorded(url);
  try {
    const { page } = session;
    const message = page.locator('#load-error');
    await message.waitFor({ state: 'visible', timeout });
    await waitForText(message, FAILURE_TEXT);
    assert.equal(await message.getAttribute('role'), 'alert');
    // Anything the app would have shown by now.
    assert.equal(await page.locator('header h1').count(), 0, 'the app did not render');
    assert.equal(await page.locator(tid('access-matrix')).count(), 0, 'no access matrix');
    const blocked = session.consoleErrors.filter((text) => /integrity/i.test(text) && text.includes(fileName));
    assert.ok(blocked.length > 0, `Chromium reports ${fileName} blocked for its integrity; console errors:\n${session.consoleErrors.join('\n')}`);
  } finally {
    await session.close();
  }
}

/** Opens `url` and expects the app to start (the control for a refused copy). */
async function assertStarts(url) {
  const session = await openRecorded(url);
  try {
    await session.page.locator(tid('access-matrix')).waitFor({ state: 'visible', timeout: 20_000 });
    return await session.page.locator('body').innerText();
  } finally {
    await session.close();
  }
}

test('index.html carries the sha384 hash of the loader, the JS and the wasm as shipped, and no preload that bypasses them', async () => {
  const build = await shipped(DIST);
  for (const name of ['loader', 'js', 'wasm']) {
    const { file, integrity } = build[name];
    assert.match(integrity ?? '', /^sha384-[A-Za-z0-9+/]{64}$/, `${name} has a sha384 hash`);
    assert.equal(integrity, sri(await readFile(file)), `the ${name} hash is that of ${path.basename(file)}`);
  }
  // The loader requests both files itself, with their hashes.
  assert.doesNotMatch(build.html, /rel="?(?:module)?preload/, 'no preload links');
  // The static message the page shows if the loader never runs.
  assert.match(build.html, new RegExp(`<p id="load-error"[^>]*>${FAILURE_TEXT}`));
});

test('once loaded, editing the birth date, changing the date, visiting every tab and printing send no request, open no WebSocket and break no CSP rule', async () => {
  const session = await openRecorded(server.url);
  try {
    const { page } = session;
    await page.locator(tid('access-matrix')).waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    const atLoad = session.requests.length;

    // Loading fetched each of the app's files once, all from this server:
    // in particular the bindings only once, so import() took the module the
    // integrity-checked modulepreload had fetched.
    const build = await shipped(DIST);
    const loaded = session.requests.map((u) => new URL(u));
    assert.deepEqual(
      loaded.filter((u) => u.origin !== new URL(server.url).origin).map(String),
      [],
      'no request leaves the server',
    );
    for (const name of ['loader', 'js', 'wasm']) {
      const wanted = `/${path.basename(build[name].file)}`;
      assert.equal(loaded.filter((u) => u.pathname === wanted).length, 1, `${wanted} fetched once`);
    }
    assert.equal(await page.locator('#load-error').count(), 0, 'the start-up failure message is gone');

    // Birth date: the example child, born 2015-05-10, is 11 on TODAY; a year earlier, 12.
    const caption = page.locator(`${tid('access-matrix')} caption`);
    await page.locator(tid('child-birth-date')).fill('2014-05-10');
    await waitForValue(page.locator(tid('child-birth-date')), '2014-05-10');
    await waitForText(caption, 'barnet är 12 år');
    // The date of the view.
    await setDate(page, '2028-05-10');
    await waitForText(caption, 'barnet är 14 år');
    for (const tab of TABS) {
      await openTab(page, tab);
      await page.waitForFunction((el) => el.textContent.trim().length > 0, await page.locator('#view-panel').elementHandle());
    }
    await openTab(page, 'situation');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'printed');

    assert.deepEqual(session.requests.slice(atLoad), [], 'no request after the page had loaded');
    assert.deepEqual(session.websockets, [], 'no WebSocket');
    assert.deepEqual(await session.cspViolations(), [], 'no Content-Security-Policy violation');

    // The recorder itself works: an inline script, which the policy forbids,
    // is reported as a violation (and makes no request).
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.head.append(s);
    });
    await page.waitForFunction(() => window.__cspViolations.length > 0);
    assert.match((await session.cspViolations())[0], /^script-src/);
    assert.equal(await page.evaluate(() => window.__inlineRan), undefined, 'the inline script did not run');
  } finally {
    await session.close();
  }
});

test('a wasm changed in one byte is refused: the app does not start and the page says it could not be started', async () => {
  // One letter of the skip link's text, so the wasm stays valid: only the
  // hash tells it from the one built.
  let original;
  const flipOneByte = async ({ wasm }) => {
    const bytes = await readFile(wasm.file);
    original = bytes.indexOf('Hoppa till resultatet');
    assert.ok(original > 0, 'the skip link text is in the wasm');
    bytes[original] ^= 0x20; // "H" -> "h"
    await writeFile(wasm.file, bytes);
  };
  const copy = await servedCopy(flipOneByte);
  try {
    await assertRefused(copy.url, '_bg.wasm');
  } finally {
    await copy.close();
  }
  // The control: the same change with its hash written into index.html starts.
  const accepted = await servedCopy(async (build, dir) => {
    await flipOneByte(build);
    await acceptChange(dir, build.wasm);
  });
  try {
    assert.match(await assertStarts(accepted.url), /hoppa till resultatet/, 'the changed wasm runs once its hash matches');
  } finally {
    await accepted.close();
  }
});

test('changed JS bindings are refused: the app does not start and the page says it could not be started', async () => {
  const append = async ({ js }) => writeFile(js.file, `${await readFile(js.file, 'utf8')}\n// changed after the build\n`);
  const copy = await servedCopy(append);
  try {
    await assertRefused(copy.url, path.basename((await shipped(DIST)).js.file));
  } finally {
    await copy.close();
  }
  const accepted = await servedCopy(async (build, dir) => {
    await append(build);
    await acceptChange(dir, build.js);
  });
  try {
    await assertStarts(accepted.url);
  } finally {
    await accepted.close();
  }
});

test('a changed loader.js is refused by the browser, and the page itself says the app could not be started', async () => {
  const append = async ({ loader }) => writeFile(loader.file, `${await readFile(loader.file, 'utf8')}\n// changed after the build\n`);
  const copy = await servedCopy(append);
  try {
    // The static message in index.html, shown after a few seconds (style/boot.css).
    await assertRefused(copy.url, 'loader.js', 15_000);
  } finally {
    await copy.close();
  }
  const accepted = await servedCopy(async (build, dir) => {
    await append(build);
    await acceptChange(dir, build.loader);
  });
  try {
    await assertStarts(accepted.url);
  } finally {
    await accepted.close();
  }
});

test('the server sends the page’s own policy with frame-ancestors, nosniff and no-referrer, as the README’s nginx example does', async () => {
  const response = await fetch(server.url);
  assert.equal(response.status, 200);
  const html = await response.text();
  const meta = /http-equiv="?Content-Security-Policy"? content="([^"]*)"/.exec(html)?.[1];
  assert.ok(meta, 'index.html keeps its meta policy, for hosts that cannot send headers');
  // frame-ancestors is ignored in a meta tag; it belongs in the header only.
  assert.equal(CONTENT_SECURITY_POLICY, `${meta}; frame-ancestors 'none'`);
  assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  // The other files get them too.
  const { js } = await shipped(DIST);
  const asset = await fetch(new URL(path.basename(js.file), server.url));
  assert.equal(asset.headers.get('x-content-type-options'), 'nosniff');

  const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const nginx = /## Static hosting[\s\S]*?```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(nginx, 'README "Static hosting" has an nginx example');
  assert.ok(nginx.includes(`add_header Content-Security-Policy "${CONTENT_SECURITY_POLICY}" always;`), 'nginx sends the same policy');
  assert.match(nginx, /add_header X-Content-Type-Options nosniff always;/);
  assert.match(nginx, /add_header Referrer-Policy no-referrer always;/);
});

test('another page cannot show the app in a frame', async () => {
  const session = await openContextPage(browser);
  try {
    const { page } = session;
    const refused = page.waitForEvent('console', {
      predicate: (msg) => /frame-ancestors/.test(msg.text()),
      timeout: 10_000,
    });
    await page.setContent(`<iframe src="${server.url}" title="Insyn"></iframe>`);
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.equal(await frame.locator('header h1').count().catch(() => 0), 0, 'no app in the frame');
  } finally {
    await session.close();
  }
});
