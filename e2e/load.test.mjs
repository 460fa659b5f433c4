// The release build loads in real Chromium: the app renders, nothing errors,
// the CSP holds (no inline script needed), and no request leaves the machine.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from './server.mjs';
import { openPage } from './browser.mjs';
import { DIST, requireBuild } from './paths.mjs';
import { TABS, tid, openTab, openTrainingCase, trainingCaseIds, assertNoProblems } from './app.mjs';

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
    assertNoProblems(b, 'while loading');
  } finally {
    await b.close();
  }
});

test('every view of every training case renders with no console error, page error, failed or external request', async () => {
  const b = await openPage();
  try {
    const { page } = b;
    await page.goto(server.url, { waitUntil: 'load' });
    await page.locator(tid('access-matrix')).waitFor({ state: 'visible', timeout: 20_000 });
    const cases = await trainingCaseIds(page);
    assert.ok(cases.length >= 8, `the picker offers the training cases (${cases})`);
    assert.ok(cases.includes('normal-family') && cases.includes('one-guardian-risk-blocking'));

    // Which (case, view) each problem appeared on, so a failure says where to look.
    const seen = [];
    let reported = 0;
    const note = (where) => {
      const all = Object.values(b.problems()).flat();
      // The first 240 characters say what and where; CSP messages run on for lines.
      for (const problem of all.slice(reported)) seen.push(`${where}: ${problem.slice(0, 240)}`);
      reported = all.length;
    };

    for (const id of cases) {
      await openTab(page, 'situation');
      await openTrainingCase(page, id);
      // The view panel shows the case's matrix, or says why it cannot.
      await page
        .locator(`${tid('access-matrix')}, ${tid('matrix-unavailable')}`)
        .first()
        .waitFor({ state: 'visible' });
      for (const tab of TABS) {
        await openTab(page, tab);
        const panel = page.locator('#view-panel');
        await page.waitForFunction((el) => el.textContent.trim().length > 0, await panel.elementHandle());
        note(`${id} / ${tab}`);
      }
    }
    await page.waitForLoadState('networkidle');
    note('after the last view');
    assert.ok(seen.length === 0, `${seen.length} problem(s) while visiting every view:\n${seen.join('\n')}`);
  } finally {
    await b.close();
  }
});
