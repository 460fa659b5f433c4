// axe-core (WCAG 2.2 A and AA, and axe's best practices; see axe.mjs) over
// every view and state of the app, at 1366×768 and at 320 px: the example
// case on every tab, explanations open, a case with a blocking on the views
// that show it, every document, the print view, decision support and its
// preview, validation errors, and a new, empty case. One page per screen size
// goes through the states in turn (a fresh page per state would cost more than
// the checks). The trainers' mode at each stage is checked in trainer.test.mjs,
// and the support flow in support.test.mjs, at the same two sizes.

import { test } from 'node:test';
import {
  TABS,
  tid,
  openApp,
  openTab,
  openTrainingCase,
  setDate,
  cell,
  waitForText,
  waitUntil,
  replaceIfAsked,
  answerForSealing,
  TEST_PERSONNUMMER,
  withHyphen,
  wrongCheckDigit,
  servedApp,
} from './app.mjs';
import { axeViolations, assertNoViolations } from './axe.mjs';

const served = servedApp();

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 320, height: 640 },
];

const DOCUMENT_KINDS = ['request', 'note', 'phone', 'answer'];

/** Waits until the view panel has drawn something. */
const viewDrawn = (page) => page.waitForFunction(() => document.querySelector('#view-panel')?.textContent.trim().length > 0);

/** Checks every view of the case now open. */
async function everyView(page, label, found) {
  for (const tab of TABS) {
    await openTab(page, tab);
    await viewDrawn(page);
    found[`${label}, view ${tab}`] = await axeViolations(page);
  }
}

/** Shows the document of `kind` in "Dokument" (the view must be open). */
async function showDocument(page, kind) {
  await page.locator(tid(`doc-kind-${kind}`)).click();
  await page.locator(`${tid('document')}[data-kind="${kind}"]`).waitFor();
}

for (const viewport of VIEWPORTS) {
  test(`at ${viewport.width}×${viewport.height} no view or state of the app has an axe-core violation`, async () => {
    const session = await openApp(served.browser, served.server.url, { contextOptions: { viewport, bypassCSP: true } });
    const { page } = session;
    const found = {};
    try {
      // The example case, as the page opens, on every tab.
      await everyView(page, 'example case', found);

      // "Läget" with an explanation open: an allowed cell with content filters, and a
      // grantable one with the way to grant it.
      await openTab(page, 'situation');
      await cell(page, 'vh1', 'journal:vc-lunden').click();
      await waitForText(page.locator(tid('explanation-title')), 'Sara Exempel');
      found['explanation of an allowed cell'] = await axeViolations(page);
      await page.locator(tid('jump-13')).click();
      await cell(page, 'vh1', 'journal:vc-lunden').click();
      await page.locator(tid('grant-route')).waitFor();
      found['explanation of a grantable cell'] = await axeViolations(page);

      // A case with a blocking, where the views show differences and a standard answer.
      await openTrainingCase(page, 'one-guardian-risk-blocking');
      await replaceIfAsked(page);
      await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
      await setDate(page, '2026-11-23');
      for (const tab of ['situation', 'timeline', 'guardian-view']) {
        await openTab(page, tab);
        await viewDrawn(page);
        found[`blocking case, view ${tab}`] = await axeViolations(page);
      }
      await openTab(page, 'compare');
      await page.locator(tid('compare-quick-vgr')).click();
      await page.locator(tid('diff-ranges')).waitFor();
      found['compare VGR 2019 with VGR 2026'] = await axeViolations(page);
      await openTab(page, 'documents');
      for (const kind of DOCUMENT_KINDS) {
        await showDocument(page, kind);
        found[`blocking case, document ${kind}`] = await axeViolations(page);
      }

      // The print view of the request, and of "Läget", as the browser prints them.
      await showDocument(page, 'request');
      await page.emulateMedia({ media: 'print' });
      found['request, print view'] = await axeViolations(page);
      await page.emulateMedia({ media: 'screen' });
      await openTab(page, 'situation');
      await viewDrawn(page);
      await page.emulateMedia({ media: 'print' });
      found['situation, print view'] = await axeViolations(page);
      await page.emulateMedia({ media: 'screen' });

      // "Vilken åtgärd?" with answers, and the preview of the measure it proposes.
      await openTrainingCase(page, 'normal-family');
      await replaceIfAsked(page);
      await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Sara Exempel');
      await answerForSealing(page);
      found['decision support with answers'] = await axeViolations(page);
      // The sealing proposed names no initiating unit yet: the preview says so by the field.
      await page.locator(tid('propose-sealing')).click();
      const preview = page.locator(tid('measure-preview'));
      await preview.locator(tid('preview-problems')).waitFor();
      found['preview with a problem to fix'] = await axeViolations(page);
      await preview.locator('[data-path$=".initiating_units"][value="vc-lunden"]').check();
      await preview.locator(tid('preview-consequences')).waitFor();
      found['preview of a sealing'] = await axeViolations(page);
      await page.locator(tid('preview-add')).click();
      await page.locator(tid('action-notice')).waitFor();
      found['situation after adding, with the status line'] = await axeViolations(page);

      // Validation errors: next to the fields and in the summary.
      await page.locator(tid('child-personnummer')).fill(withHyphen(wrongCheckDigit(TEST_PERSONNUMMER)));
      await waitForText(page.locator(tid('error-summary')), 'Kontrollsiffran');
      found['wrong check digit in the personnummer'] = await axeViolations(page);
      await page.locator(tid('child-personnummer')).fill('');
      await page.locator(tid('child-birth-date')).fill('');
      await waitForText(page.locator(tid('error-summary')), 'Ange ett datum');
      found['emptied birth date'] = await axeViolations(page);
      // An impossible asked date: the matrix cannot be shown, and says why.
      await page.locator(tid('child-birth-date')).fill('2015-05-10');
      await setDate(page, '2010-01-01');
      await page.locator(tid('matrix-unavailable')).waitFor();
      found['date before the child was born'] = await axeViolations(page);

      // A new, empty case: its problems listed, the summary holding the keyboard.
      await page.locator(tid('new-case')).click();
      await replaceIfAsked(page);
      await waitUntil(
        () => page.evaluate(() => document.activeElement?.id),
        (id) => id === 'error-summary',
        'the summary takes the keyboard when a new, empty case opens',
      );
      await viewDrawn(page);
      found['new, empty case'] = await axeViolations(page);
      await openTab(page, 'documents');
      await viewDrawn(page);
      found['new, empty case, view documents'] = await axeViolations(page);

      assertNoViolations(found);
    } finally {
      await session.close();
    }
  });
}
