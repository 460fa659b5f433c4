// "Dokument" on paper: "Skriv ut / spara som PDF" prints the document only, on A4, with
// its footer (case, date, rule set and version) and none of the app around it. Chromium
// prints to a PDF as "Skriv ut" would (print media); poppler reads it back. The PDFs live
// in a temporary directory that is removed afterwards.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { paperDir, printToPdf, comparable } from './printing.mjs';
import { launchBrowser } from './browser.mjs';
import { DIST, requireBuild } from './paths.mjs';
import { tid, openApp, openTab, openTrainingCase, setDate, waitForText, assertNoProblems } from './app.mjs';

let server;
let browser;
const paper = paperDir('insyn-documents-');
before(async () => {
  requireBuild(DIST, 'scripts/build.sh');
  server = await startServer({ root: DIST });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Prints the page to an A4 PDF; its text (reading order) and number of pages. */
const printed = (page, name) => printToPdf(page, paper.dir, name);

test('the printed request is the document alone on one A4 page, with its footer and what it lacks marked', async () => {
  const session = await openApp(browser, server.url);
  try {
    const { page } = session;
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
    await setDate(page, '2026-11-23');
    await openTab(page, 'documents');
    await page.locator(tid('staff-name')).fill('Anna Andersson');
    const title = await page.locator(tid('doc-title')).textContent();
    const footer = await page.locator(tid('doc-footer')).textContent();

    const { text, pages } = await printed(page, 'request');
    assert.equal(pages, 1, 'the request fits one page');
    for (const expected of [title, 'Elsa Test', 'Anna Andersson', '[saknas: personnummer för Peter Test]', footer]) {
      assert.ok(comparable(text).includes(comparable(expected)), `printed: "${expected}"\n${text.slice(0, 1500)}`);
    }
    for (const chrome of ['Övningsfall', 'Dina uppgifter', 'Saknas i fallet', 'Kopiera text', 'Källor', 'Vad ser vårdnadshavaren?', 'Visa läget den']) {
      assert.ok(!text.includes(chrome), `not printed: "${chrome}"`);
    }
    assert.equal(await page.title(), 'Insyn – vem kan se barnets journal i 1177?', 'no personal data in the title');
    assertNoProblems(session);
  } finally {
    await session.close();
  }
});
