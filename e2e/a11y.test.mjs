// axe-core over the rendered page; any violation fails the test. Every view
// is checked with the example case and with a case that has a measure (so the
// compare view has differences and the guardian view a standard answer), and
// the situation view also with an explanation open and with a validation
// error shown.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openPage } from './browser.mjs';
import {
  TABS,
  tid,
  openApp,
  openTab,
  openTrainingCase,
  setDate,
  cell,
  waitForText,
  TEST_PERSONNUMMER,
  withHyphen,
  wrongCheckDigit,
  servedApp,
} from './app.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations'],
};

const served = servedApp();

function describe(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
    )
    .join('\n');
}

test('no axe-core violations on the start page', async () => {
  // addScriptTag injects an inline script, which the page's own CSP blocks;
  // bypassing CSP in this context only is what lets axe in.
  const b = await openPage({ bypassCSP: true });
  try {
    await b.page.goto(served.server.url, { waitUntil: 'load' });
    await b.page.locator('main').waitFor({ state: 'visible', timeout: 20_000 });
    await b.page.addScriptTag({ path: AXE_PATH });
    const results = await b.page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
    assert.equal(results.violations.length, 0, `axe violations:\n${describe(results.violations)}`);
  } finally {
    await b.close();
  }
});

/** Runs axe on the page as it is now; injects it on first use. Returns the violations. */
async function axe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
  return results.violations;
}

/** Opens the app with CSP bypassed for axe's injected script (this context only). */
const openForAxe = () => openApp(served.browser, served.server.url, { contextOptions: { bypassCSP: true } });

/** Fails with every state's violations listed, state by state. */
function assertNoViolations(found) {
  const failed = Object.entries(found).filter(([, violations]) => violations.length > 0);
  assert.ok(
    failed.length === 0,
    `axe violations:\n${failed.map(([state, v]) => `== ${state} ==\n${describe(v)}`).join('\n')}`,
  );
}

/** Checks every view of the case now open, waiting for each view to render first. */
async function everyView(page, label, found) {
  for (const tab of TABS) {
    await openTab(page, tab);
    await page.waitForFunction(() => document.querySelector('#view-panel')?.textContent.trim().length > 0);
    found[`${label}, view ${tab}`] = await axe(page);
  }
}

test('no axe-core violations on any view of the example case', async () => {
  const session = await openForAxe();
  try {
    const found = {};
    await everyView(session.page, 'example case', found);
    assertNoViolations(found);
  } finally {
    await session.close();
  }
});

test('no axe-core violations on any view of a case with a blocking, where views show differences and a standard answer', async () => {
  const session = await openForAxe();
  try {
    const { page } = session;
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
    await setDate(page, '2026-11-23');
    const found = {};
    await everyView(page, 'one-guardian-risk-blocking on 2026-11-23', found);
    await openTab(page, 'compare');
    await page.locator(tid('compare-quick-vgr')).click();
    await page.locator(tid('diff-ranges')).waitFor();
    found['compare VGR 2019 with VGR 2026'] = await axe(page);
    assertNoViolations(found);
  } finally {
    await session.close();
  }
});

test('no axe-core violations on the situation view with an explanation open', async () => {
  const session = await openForAxe();
  try {
    const { page } = session;
    const found = {};
    // An allowed cell with content filters, and a grantable one with the way to grant it.
    await cell(page, 'vh1', 'journal:vc-lunden').click();
    await waitForText(page.locator(tid('explanation-title')), 'Sara Exempel');
    found['explanation of an allowed cell'] = await axe(page);
    await page.locator(tid('jump-13')).click();
    await cell(page, 'vh1', 'journal:vc-lunden').click();
    await page.locator(tid('grant-route')).waitFor();
    found['explanation of a grantable cell'] = await axe(page);
    assertNoViolations(found);
  } finally {
    await session.close();
  }
});

test('no axe-core violations with validation errors shown next to fields and in the summary', async () => {
  const session = await openForAxe();
  try {
    const { page } = session;
    const found = {};
    // Skatteverket's test number with a wrong check digit.
    await page.locator(tid('child-personnummer')).fill(withHyphen(wrongCheckDigit(TEST_PERSONNUMMER)));
    await waitForText(page.locator(tid('error-summary')), 'Kontrollsiffran');
    found['wrong check digit in the personnummer'] = await axe(page);
    // An emptied required date: the editor's own message, and the matrix still shown.
    await page.locator(tid('child-personnummer')).fill('');
    await page.locator(tid('child-birth-date')).fill('');
    await waitForText(page.locator(tid('error-summary')), 'Ange ett datum');
    found['emptied birth date'] = await axe(page);
    // An impossible asked date: the matrix cannot be shown, and says why.
    await setDate(page, '2010-01-01');
    await page.locator(tid('matrix-unavailable')).waitFor();
    found['date before the child was born'] = await axe(page);
    assertNoViolations(found);
  } finally {
    await session.close();
  }
});

test('no axe-core violations in "Vilken åtgärd?" with answers, and in the preview of a measure with and without a problem', async () => {
  const session = await openForAxe();
  try {
    const { page } = session;
    const found = {};
    await openTab(page, 'decide');
    await page.locator(tid('concern-child_tells_of_violence')).check();
    await page.locator(tid('concern-one_guardian_risk')).check();
    await page.locator(tid('risk-guardian-vh2')).check();
    await page.locator(tid('propose-sealing')).waitFor();
    found['decision support with answers'] = await axe(page);
    // The sealing proposed names no initiating unit yet: the preview says so by the field.
    await page.locator(tid('propose-sealing')).click();
    const preview = page.locator(tid('measure-preview'));
    await preview.locator(tid('preview-problems')).waitFor();
    found['preview with a problem to fix'] = await axe(page);
    await preview.locator('[data-path$=".initiating_units"][value="vc-lunden"]').check();
    await preview.locator(tid('preview-consequences')).waitFor();
    found['preview of a sealing'] = await axe(page);
    await page.locator(tid('preview-add')).click();
    await page.locator(tid('action-notice')).waitFor();
    found['situation after adding, with the status line'] = await axe(page);
    assertNoViolations(found);
  } finally {
    await session.close();
  }
});
