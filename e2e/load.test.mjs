// The release build loads in real Chromium: the app renders, nothing errors,
// the CSP holds (no inline script needed), and no request leaves the machine.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from './server.mjs';
import { openPage } from './browser.mjs';
import { DIST, requireBuild } from './paths.mjs';

let server;
before(async () => {
  requireBuild(DIST, 'scripts/build.sh');
  server = await startServer({ root: DIST });
});
after(async () => server?.close());

test('built index.html keeps the CSP and has no inline script', async () => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  assert.match(html, /<html lang="?sv"?/);
  assert.match(html, /http-equiv="?Content-Security-Policy"?/);
  assert.match(html, /script-src 'self' 'wasm-unsafe-eval'/);
  // An inline script would be blocked by that CSP and the app would not start.
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.ok(scripts.length > 0, 'a loader script tag exists');
  for (const tag of scripts) assert.match(tag, /\ssrc=/, `script without src: ${tag}`);
});

test('page loads and renders with no console error and no external request', async () => {
  const b = await openPage();
  try {
    const response = await b.page.goto(server.url, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    await b.page.locator('main').waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await b.page.locator('header h1').textContent(), 'Insyn');
    assert.equal(await b.page.locator('main').count(), 1);
    assert.match(await b.page.title(), /Insyn/);
    assert.equal(await b.page.getAttribute('html', 'lang'), 'sv');
    // Give late failures (a lazily fetched file, a deferred panic) a moment.
    await b.page.waitForLoadState('networkidle');
    assert.ok(b.requests.some((u) => u.endsWith('.wasm')), 'the wasm module was fetched');
    assert.deepEqual(b.problems(), {
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
      externalRequests: [],
    });
  } finally {
    await b.close();
  }
});
