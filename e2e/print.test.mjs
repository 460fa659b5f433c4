// Printing: staff print the situation (for the journal, a meeting, a
// colleague) and the rule sets. Chromium prints the page to an A4 PDF the
// way "Skriv ut" would (print media), poppler's pdftotext reads it back, and
// the tests assert on what a reader of the paper sees. The PDFs live in a
// temporary directory that is removed afterwards, never in the repository.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { paperDir, printToPdf, comparable } from './printing.mjs';
import { launchBrowser } from './browser.mjs';
import { DIST, requireBuild } from './paths.mjs';
import { tid, openApp, openTab, cell, waitForText, assertNoProblems, squash } from './app.mjs';

let server;
let browser;
const paper = paperDir('insyn-print-');
before(async () => {
  requireBuild(DIST, 'scripts/build.sh');
  server = await startServer({ root: DIST });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Prints the page to an A4 PDF and returns its text (pdftotext, reading order). */
async function printedText(page, name) {
  return (await printToPdf(page, paper.dir, name)).text;
}

function assertPrinted(printed, expected, what) {
  assert.ok(
    comparable(printed).includes(comparable(expected)),
    `the print should contain ${what}: "${squash(expected)}"\n--- printed text (start) ---\n${printed.slice(0, 2000)}`,
  );
}

/** The tab labels are navigation; on paper they would only be noise. */
async function assertTabsNotPrinted(page, printed) {
  await page.emulateMedia({ media: 'print' });
  try {
    for (const id of ['situation', 'timeline', 'compare', 'guardian-view', 'rule-sets']) {
      assert.equal(await page.locator(tid(`tab-${id}`)).isVisible(), false, `tab-${id} is hidden in print`);
    }
    assert.equal(await page.locator('.case-panel').isVisible(), false, 'the case editor is hidden in print');
  } finally {
    await page.emulateMedia({ media: null });
  }
  // "Vad ser vårdnadshavaren?" is only ever the tab's label (and its own view's heading).
  assert.doesNotMatch(printed, /Vad ser vårdnadshavaren\?/, 'no tab label in the print');
  assert.doesNotMatch(printed, /Läget\s+Tidslinje\s+Jämför/, 'no row of tabs in the print');
  assert.doesNotMatch(printed, /Övningsfall/, 'no case picker in the print');
}

test('the printed situation shows the matrix outcomes, the chosen cell’s reason with its source and the menprövning reminder, without the tabs', async () => {
  const session = await openApp(browser, server.url);
  try {
    const { page } = session;
    await cell(page, 'vh1', 'journal:vc-lunden').click();
    const explanation = page.locator(tid('explanation'));
    await waitForText(explanation.locator(tid('explanation-title')), 'Vårdnadshavare 1 (Sara Exempel)');
    const decisive = explanation.locator(`${tid('reasons')} > li`).first();
    const reason = await decisive.locator('.reason-sentence').textContent();
    const quote = await decisive.locator('blockquote').textContent();

    const printed = await printedText(page, 'situation');
    assert.match(printed, /Har åtkomst/);
    assert.match(printed, /Ingen åtkomst/);
    assertPrinted(printed, 'Vem kan se vad den 2026-11-23', 'the date the matrix answers for');
    assertPrinted(printed, 'Vårdnadshavare 1 (Sara Exempel) – Journal: Vårdcentralen Lunden', 'the chosen cell');
    assertPrinted(printed, reason, 'the decisive reason');
    assertPrinted(printed, quote, 'the quoted guidance');
    assert.match(printed, /Källa:/);
    assert.match(printed, /menprövning/);
    assert.match(printed, /VGR: Skydd av barns digitala information/, 'the rule set that answered');
    await assertTabsNotPrinted(page, printed);
    assertNoProblems(session);
  } finally {
    await session.close();
  }
});

test('the printed rule sets show every section open with the parameters’ quotes and rule ids', async () => {
  const session = await openApp(browser, server.url);
  try {
    const { page } = session;
    await openTab(page, 'rule-sets');
    // The quotes to look for, read with the two sections open (a section's parameters are
    // drawn once it is opened), which are then closed again.
    const section = (id) => page.locator(`${tid(`rule-set-${id}`)} > summary`);
    await section('vgr-2026').click();
    await section('rjl').click();
    const param = page.locator(tid('param-vgr-2026-blocking_covers_journal'));
    const quote = await param.locator('blockquote').textContent();
    assert.ok(squash(quote).length > 20, `the parameter has a quote: "${quote}"`);
    const otherQuote = await page
      .locator(`${tid('param-rjl-blocking_covers_journal')} blockquote, ${tid('param-rjl-blocking_covers_journal')} .citation-source`)
      .first()
      .textContent();
    await section('vgr-2026').click();
    await section('rjl').click();
    // The sections are closed on screen; printing must open them.
    assert.equal(await page.locator(`${tid('rule-set-vgr-2026')}[open]`).count(), 0);

    const printed = await printedText(page, 'rule-sets');
    assert.match(printed, /Regelverk/);
    assertPrinted(printed, quote, 'the VGR 2026 parameter’s quote');
    assertPrinted(printed, 'blocking_covers_journal', 'the rule id');
    assertPrinted(printed, otherQuote, 'a quote from another region (Jönköping)');
    assert.match(printed, /Källa:/);
    assert.match(printed, /menprövning/);
    await assertTabsNotPrinted(page, printed);
    // Printing leaves the page as it was.
    assert.equal(await page.locator(`${tid('rule-set-vgr-2026')}[open]`).count(), 0);
    assertNoProblems(session);
  } finally {
    await session.close();
  }
});
