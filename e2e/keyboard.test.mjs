// Keyboard only, end to end, at 1366×768: a nurse who uses no mouse builds a
// case with a blocking (through "Vilken åtgärd?" and its preview), changes the
// date, opens an explanation, produces and prints the request, and steps
// through the trainers' mode. Only Tab, Shift+Tab, Enter, Space and the arrow
// keys (and Escape to leave the mode); after every key the keyboard must be on
// an element in the page, never on <body> or on something taken out of it, and
// where the app moves it (the skip link, the tabs, the preview, the added
// measure's status) the test says where it must land.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperDir, printToPdf, comparable } from './printing.mjs';
import { tid, openApp, waitForText, waitUntil, assertNoProblems, servedApp } from './app.mjs';

const served = servedApp();
const paper = paperDir('insyn-keyboard-');

/** What has the keyboard: its data-testid, else its id, and its tag; "BODY" when nothing does. */
const focused = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body || !e.isConnected) return 'BODY';
    return `${e.getAttribute('data-testid') || e.id || ''} ${e.tagName}`;
  });

/**
 * Whether the focused element shows where the keyboard is: an outline or a ring (box
 * shadow), or, for a file input, its label's ring. Headings and the main part the app
 * moves the keyboard to (tabindex="-1") are not controls and show none by design.
 */
const focusShown = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (e.matches('h1[tabindex="-1"], h2[tabindex="-1"], h3[tabindex="-1"], main[tabindex="-1"]')) return true;
    const shown = (el) => {
      const style = getComputedStyle(el);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    };
    return shown(e) || (e.type === 'file' && [...e.labels].some(shown));
  });

/**
 * Presses `key` and fails if the keyboard ends on nothing (after the frame the app moves
 * it in), or on an element that does not show it has the keyboard.
 */
async function press(page, key) {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const now = await focused(page);
  assert.notEqual(now, 'BODY', `after ${key} the keyboard is on nothing`);
  assert.ok(await focusShown(page), `after ${key} the keyboard is on ${now}, which shows no focus ring`);
  return now;
}

/**
 * Presses `key` (Tab or Shift+Tab) until `what` (a test id or id) has the keyboard; fails
 * if it does not within `most` presses, or if the keyboard stays put (a trap).
 */
async function tabTo(page, what, key = 'Tab', most = 80) {
  let last = await focused(page);
  const stayed = () =>
    page.evaluate(() => {
      const same = window.__keyboardTestLast === document.activeElement;
      window.__keyboardTestLast = document.activeElement;
      return same;
    });
  // A date field takes Tab between its parts (year, month, day, calendar button) first.
  const parts = () => page.evaluate(() => (document.activeElement.type === 'date' ? 4 : 1));
  await stayed();
  let stays = 0;
  for (let i = 0; i < most; i++) {
    if (last.startsWith(`${what} `)) return;
    last = await press(page, key);
    stays = (await stayed()) ? stays + 1 : 0;
    assert.ok(stays < (await parts()), `${key} left the keyboard on ${last}: trapped`);
  }
  assert.fail(`${key} never reached ${what} (last on ${last})`);
}

/** Asserts that `what` has the keyboard (waiting for the frame the app moves it in). */
async function assertFocus(page, what, why) {
  await waitUntil(() => focused(page), (f) => f.startsWith(`${what} `), why);
}

test('with the keyboard only, a case gets a blocking, another date, an explanation, a printed request and a run through the trainers’ mode, the keyboard never lost or trapped', async () => {
  const session = await openApp(served.browser, served.server.url, {
    contextOptions: { viewport: { width: 1366, height: 768 } },
  });
  const { page } = session;
  try {
    // The first Tab finds the skip link; it takes the keyboard past the case to the results.
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^ A$/, 'the skip link comes first');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Hoppa till resultatet');
    await press(page, 'Enter');
    await assertFocus(page, 'main', 'the skip link lands on the results');

    // The tabs: one stop in the Tab order (the selected tab), arrows move and select.
    await press(page, 'Tab');
    await assertFocus(page, 'tab-situation', 'after the results’ start, the selected tab');
    await press(page, 'End');
    await assertFocus(page, 'tab-rule-sets', 'End goes to the last tab');
    await press(page, 'ArrowRight');
    await assertFocus(page, 'tab-situation', '→ from the last tab wraps to the first');
    await press(page, 'ArrowLeft');
    await assertFocus(page, 'tab-rule-sets', '← from the first wraps to the last');
    await press(page, 'Home');
    await press(page, 'ArrowRight');
    await assertFocus(page, 'tab-decide', '→ goes to "Vilken åtgärd?"');
    assert.equal(await page.locator(tid('tab-decide')).getAttribute('aria-selected'), 'true');
    assert.equal(
      await page.locator('#view-panel').getAttribute('aria-labelledby'),
      'tab-decide',
      'the panel is named by its tab',
    );
    // Tab leaves the tab list for the panel, Shift+Tab comes back to the selected tab.
    const intoPanel = await press(page, 'Tab');
    assert.ok(
      await page.evaluate(() => document.querySelector('#view-panel').contains(document.activeElement)),
      `Tab from the tabs goes into the panel (went to ${intoPanel})`,
    );
    await press(page, 'Shift+Tab');
    await assertFocus(page, 'tab-decide', 'Shift+Tab from the panel comes back to the selected tab');

    // "Vilken åtgärd?": one guardian at risk, Johan; the blocking proposed, previewed, added.
    await tabTo(page, 'concern-one_guardian_risk');
    await press(page, 'Space');
    // Which guardian: a radio group, one Tab stop; the arrow chooses Johan.
    await tabTo(page, 'risk-guardian-vh1');
    await press(page, 'ArrowDown');
    await assertFocus(page, 'risk-guardian-vh2', '↓ in the group goes to the second guardian');
    assert.equal(await page.locator(tid('risk-guardian-vh2')).isChecked(), true);
    await tabTo(page, 'propose-blocking');
    await press(page, 'Enter');
    await page.locator(tid('measure-preview')).waitFor();
    await assertFocus(page, 'preview-heading', 'the preview starts at its heading');
    await tabTo(page, 'preview-add');
    await press(page, 'Enter');
    await page.locator(tid('measure-preview')).waitFor({ state: 'detached' });
    await assertFocus(page, 'action-notice', 'after adding, the keyboard is on what was done');
    await waitForText(page.locator(tid('action-notice')), 'är tillagd i fallet');
    // The status line says what the edit changed in the matrix.
    await waitForText(page.locator(tid('edit-status')), /Johan Exempel.*nu Ingen åtkomst/);

    // Another date: the arrow keys step the date field's first part.
    await tabTo(page, 'asked-date');
    const before = await page.locator(tid('asked-date')).inputValue();
    await press(page, 'ArrowUp');
    await waitUntil(
      () => page.locator(tid('asked-date')).inputValue(),
      (v) => v !== before && /^\d{4}-\d{2}-\d{2}$/.test(v),
      'the date changed',
    );
    const date = await page.locator(tid('asked-date')).inputValue();
    await waitForText(page.locator(`${tid('access-matrix')} caption`), date);
    await assertFocus(page, 'asked-date', 'the date field keeps the keyboard while it changes');

    // An explanation: Johan's proxy cell (ombud), chosen with Enter.
    await tabTo(page, 'cell-vh2-proxy');
    await press(page, 'Enter');
    await waitForText(page.locator(tid('explanation-title')), 'Johan Exempel');
    assert.equal(await page.locator(tid('cell-vh2-proxy')).getAttribute('aria-pressed'), 'true');
    await assertFocus(page, 'cell-vh2-proxy', 'the cell keeps the keyboard');

    // The request: back to the tabs, → to "Dokument", the request of the blocking.
    await tabTo(page, 'tab-situation', 'Shift+Tab');
    await press(page, 'ArrowRight');
    await press(page, 'ArrowRight');
    await assertFocus(page, 'tab-documents', '→ → goes to "Dokument"');
    await tabTo(page, 'doc-measure');
    const measure = await page.locator(tid('doc-measure')).inputValue();
    assert.match(
      await page.locator(`${tid('doc-measure')} option[value="${measure}"]`).textContent(),
      /Blockering/,
      'the blocking just added is the measure documented',
    );
    await tabTo(page, 'doc-kind-request');
    await press(page, 'Space');
    await page.locator(`${tid('document')}[data-kind="request"]`).waitFor();
    // "Skriv ut" asks the browser to print; a headless browser's dialog never closes, so
    // the call is counted and the page printed to PDF as "Skriv ut" would.
    await page.evaluate(() => {
      window.__printCalls = 0;
      window.print = () => {
        window.__printCalls += 1;
      };
    });
    await tabTo(page, 'doc-print');
    await press(page, 'Enter');
    assert.equal(await page.evaluate(() => window.__printCalls), 1, '"Skriv ut" asked the browser to print');
    await assertFocus(page, 'doc-print', 'the print button keeps the keyboard');
    const printed = await printToPdf(page, paper.dir, 'request');
    assert.ok(comparable(printed.text).includes(comparable('Johan Exempel')), `the printed request names Johan:\n${printed.text.slice(0, 1500)}`);

    // The trainers' mode: Shift+Tab up to "Utbildningsläge", in, step, answer, back, out.
    await tabTo(page, 'open-trainer', 'Shift+Tab', 200);
    await press(page, 'Enter');
    await page.locator(tid('trainer-story')).waitFor();
    await assertFocus(page, 'trainer-title', 'the mode starts at its heading');
    const progress = page.locator(tid('trainer-progress'));
    await press(page, 'ArrowRight');
    await waitForText(progress, /Steg 1 av \d+: fråga/);
    await press(page, 'Space');
    await waitForText(progress, /Steg 1 av \d+: svar/);
    await page.locator(tid('trainer-answer')).waitFor();
    await press(page, 'ArrowLeft');
    await waitForText(progress, /Steg 1 av \d+: fråga/);
    // The moves are buttons in the Tab order too, and Tab goes on past them.
    await tabTo(page, 'trainer-forward');
    await press(page, 'Enter');
    await waitForText(progress, /Steg 1 av \d+: svar/);
    await press(page, 'Tab');
    assert.doesNotMatch(await focused(page), /^trainer-forward /, 'Tab leaves the moves');
    // Escape leaves for the view the trainer came from, "Dokument".
    await page.keyboard.press('Escape');
    await page.locator(tid('trainer')).waitFor({ state: 'detached' });
    assert.equal(await page.locator(tid('tab-documents')).getAttribute('aria-selected'), 'true');
    await assertFocus(page, 'open-trainer', 'leaving, the keyboard is back on "Utbildningsläge"');

    assertNoProblems(session, 'while working with the keyboard only');
  } finally {
    await session.close();
  }
});
