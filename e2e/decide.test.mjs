// Decide and act: a nurse answers "Vilken åtgärd?", previews the recommended
// measure, adds it, and produces the request on paper and as text. Real
// Chromium on the release build; the request is printed to an A4 PDF and read
// back with pdftotext, as a reader of the paper would see it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperDir, printToPdf, comparable } from './printing.mjs';
import {
  tid,
  openApp,
  openTab,
  servedApp,
  waitForText,
  waitForValue,
  waitUntil,
  assertNoProblems,
  squash,
  TEST_PERSONNUMMER,
  withHyphen,
  TODAY,
} from './app.mjs';

const served = servedApp();
const paper = paperDir('insyn-decide-');

/** Skatteverket's test number for an adult, used for the guardian. */
const GUARDIAN_PERSONNUMMER = '191212121212';

async function withApp(fn, options = {}) {
  const session = await openApp(served.browser, served.server.url, options);
  try {
    await fn(session);
    assertNoProblems(session, 'while deciding and documenting');
  } finally {
    await session.close();
  }
}

/** Ticks the question `key` (a Concern's key) in "Vilken åtgärd?". */
async function answerYes(page, key) {
  await page.locator(tid(`concern-${key}`)).check();
}

function assertPrinted(printed, expected, what) {
  assert.ok(
    comparable(printed).includes(comparable(expected)),
    `the printed request should contain ${what}: "${expected}"\n--- printed text ---\n${printed.slice(0, 3000)}`,
  );
}

test('a child who tells of violence at home gets a sealing recommended, with the VGR 2026 line quoted', async () => {
  await withApp(async ({ page }) => {
    await openTab(page, 'decide');
    await answerYes(page, 'child_tells_of_violence');
    const scenario = page.locator(tid('scenario-child_tells_of_violence'));
    await waitForText(scenario, 'Om barnet berättar om hot, våld eller övergrepp');
    assert.match(squash(await scenario.textContent()), /[Ff]örsegling/);
    const combined = page.locator(tid('combined'));
    await combined.locator(tid('propose-sealing')).waitFor();
    assert.equal(await combined.locator(tid('propose-blocking')).count(), 0, 'no blocking besides the sealing');
  });
});

test('one guardian at risk: the blocking of that guardian is previewed with its automatic end at 13, added, and its request printed and copied', async () => {
  await withApp(
    async ({ page, context }) => {
      // The personnummer the request needs: the child's (it also gives the
      // birth date 2017-01-01) and the blocked guardian's.
      await page.locator('[data-path="child.identity_number"]').fill(TEST_PERSONNUMMER);
      await page.locator('[data-path="guardians[1].identity_number"]').fill(GUARDIAN_PERSONNUMMER);
      await waitForValue(page.locator(tid('child-birth-date')), '2017-01-01');

      await openTab(page, 'decide');
      await answerYes(page, 'one_guardian_risk');
      await page.locator(tid('risk-guardian-vh2')).check();
      const scenario = page.locator(tid('scenario-one_guardian_risk'));
      await waitForText(scenario, 'Om endast en vårdnadshavare utgör risk');
      await page.locator(tid('propose-blocking')).click();

      // The preview: only Johan is chosen, nothing has changed in the case yet.
      const preview = page.locator(tid('measure-preview'));
      await preview.waitFor();
      const box = (g) => preview.locator(`[data-path$=".guardians"][value="${g}"]`);
      assert.equal(await box('vh2').isChecked(), true, 'the guardian at risk is chosen');
      assert.equal(await box('vh1').isChecked(), false, 'the other guardian is not');
      const consequences = preview.locator(tid('preview-consequences'));
      await waitForText(consequences, 'Blockeringen upphör automatiskt på 13-årsdagen 2030-01-01');
      const changed = preview.locator(`${tid('preview-matrix')} tr[data-changed="true"]`);
      await waitUntil(() => changed.count(), (n) => n > 0, 'the matrix marks the changed rows');
      assert.match(squash(await changed.first().textContent()), /Johan Exempel/);
      assert.match(squash(await preview.locator(tid('preview-matrix')).textContent()), /Har åtkomst\s*→\s*Ingen åtkomst/);
      await waitForText(preview.locator(tid('preview-timeline')), '2029-12-31');
      assert.equal(await page.locator('[data-testid^="measure-blockering"]').count(), 0, 'not in the case before confirming');

      await preview.locator(tid('preview-add')).click();
      await page.locator(tid('measure-preview')).waitFor({ state: 'detached' });
      await waitUntil(
        () => page.locator('[data-testid^="measure-blockering"]').count(),
        (n) => n === 1,
        'the blocking is in the case',
      );

      // The request, prefilled from the case.
      await openTab(page, 'documents');
      await page.locator(tid('doc-kind-request')).click();
      const doc = page.locator(tid('document'));
      await waitForText(doc, 'Blankett till Spärr- och loggfunktionen');
      const missing = page.locator(tid('doc-missing'));
      await waitForText(missing, 'motivering');

      await page.emulateMedia({ media: 'print' });
      const { text: printed, pages } = await printToPdf(page, paper.dir, 'request');
      await page.emulateMedia({ media: 'screen' });
      assertPrinted(printed, 'Blankett till Spärr- och loggfunktionen', 'the form name');
      assertPrinted(printed, 'Blockering av Johan Exempel', 'the measure and the guardian');
      assertPrinted(printed, 'Alva Exempel', "the child's name");
      assertPrinted(printed, withHyphen(TEST_PERSONNUMMER), "the child's personnummer");
      assertPrinted(printed, 'Johan Exempel', "the guardian's name");
      assertPrinted(printed, withHyphen(GUARDIAN_PERSONNUMMER), "the guardian's personnummer");
      assertPrinted(printed, `fr.o.m. ${TODAY}`, 'the start date');
      assertPrinted(printed, '13-årsdagen 2030-01-01', 'the automatic end');
      assertPrinted(printed, '[saknas: motivering]', 'what was left out');
      assertPrinted(printed, 'version 2026', 'the rule set version in the footer');
      for (const chrome of ['Vilken åtgärd?', 'Hoppa till resultatet', 'Fallet']) {
        assert.ok(!printed.includes(chrome), `the app's chrome is not printed: ${chrome}`);
      }
      assert.equal(pages, 1, 'the request fits on one A4 page');

      // "Kopiera text" puts the document on the clipboard.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.server.url });
      await page.locator(tid('doc-copy')).click();
      await waitForText(page.locator(tid('doc-copy-status')), 'kopierad');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(copied, /^Blankett till Spärr- och loggfunktionen\n/);
      assert.ok(copied.includes('Blockering av Johan Exempel') && copied.includes(withHyphen(GUARDIAN_PERSONNUMMER)));
      assert.ok(copied.includes('[saknas: motivering]'));
    },
  );
});

test('the page title and address never carry the names or personnummer the documents hold', async () => {
  await withApp(async ({ page }) => {
    await page.locator('[data-path="child.identity_number"]').fill(TEST_PERSONNUMMER);
    await openTab(page, 'decide');
    await answerYes(page, 'child_tells_of_violence');
    await page.locator(tid('propose-sealing')).click();
    // Which unit initiates the sealing is for staff to say; nothing is ticked for them.
    const preview = page.locator(tid('measure-preview'));
    await preview.locator('[data-path$=".initiating_units"][value="vc-lunden"]').check();
    await preview.locator(tid('preview-add')).click();
    await openTab(page, 'documents');
    await waitForText(page.locator(tid('document')), 'Alva Exempel');
    for (const value of [await page.title(), page.url()]) {
      for (const personal of ['Alva', 'Exempel', TEST_PERSONNUMMER, withHyphen(TEST_PERSONNUMMER)]) {
        assert.ok(!value.includes(personal), `"${value}" carries ${personal}`);
      }
    }
  });
});
