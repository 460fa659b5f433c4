// Privacy by construction, end to end on the release build: once the page has
// loaded, nothing staff do with Insyn makes a request, opens a WebSocket,
// registers a service worker or breaks a rule of the page's
// Content-Security-Policy. Every flow is walked in one page: editing the case,
// the date, every view, "Jämför", "Vilken åtgärd?" with its preview, every
// document of every measure, copying and printing, export with and without
// names, import, a shared link, saving in the browser and opening the saved
// case, a link to a view, "Nytt fall" and "Rensa allt".
//
// What is recorded starts before the first navigation: every request of the
// browser context (browser.mjs's record()), and watchLeaks()'s WebSockets,
// service workers and `securitypolicyviolation` events. The load itself may
// fetch only the files index.html names (the document, its stylesheets,
// loader.js, the JS bindings, the wasm), each once, from the server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { watchLeaks } from './browser.mjs';
import { DIST } from './paths.mjs';
import {
  TABS,
  TODAY,
  tid,
  openApp,
  openTab,
  openTrainingCase,
  openCaseFile,
  setDate,
  waitForText,
  waitForValue,
  waitUntil,
  assertNoProblems,
  servedApp,
} from './app.mjs';

const served = servedApp();

/** The view fragment the tests link to, and the tab it opens. */
const TIMELINE_FRAGMENT = '#/tidslinje';

/** A case without names or personnummer, as a trainer would share it. */
const NAMELESS = {
  format_version: 1,
  title: 'Övningsfall från fil',
  region: 'vgr',
  child: { birth_date: '2013-02-14', has_e_id: true },
  guardians: [
    { id: 'vh1', registered: { from: '2013-02-14' } },
    { id: 'vh2', registered: { from: '2013-02-14' } },
  ],
  care_units: [{ id: 'bmm', name: 'Barnmottagningen Norr' }],
  measures: [
    {
      id: 'f1', decided_on: '2024-09-01', decided_by: 'verksamhetschef', unit: 'bmm',
      period: { from: '2024-09-01' }, type: 'sealing', initiating_units: ['bmm'], scope: 'whole', initiative: 'staff',
    },
  ],
};

/**
 * The URLs a load may request: the page itself and every file index.html
 * names (stylesheets, loader.js and, in the loader's tag, the JS and the wasm),
 * each once. A `data:` URL (the icon) is no request.
 */
async function expectedLoad(pageUrl) {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const named = [...html.matchAll(/\s(?:href|src|data-js|data-wasm)="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((u) => !u.startsWith('data:'));
  assert.ok(named.some((u) => u.endsWith('.wasm')) && named.some((u) => u.endsWith('loader.js')), 'index.html names the loader and the wasm');
  const page = new URL(pageUrl);
  page.hash = '';
  return [page.href, ...named.map((u) => new URL(u, page).href)].sort();
}

/**
 * Opens the app at `url` recording everything from before the first
 * navigation, waits until the load has settled, and checks that the load
 * fetched only its own files. Returns the session with `watched` (watchLeaks)
 * and `afterLoad()`: the requests made since then.
 */
async function openWatched(url, options = {}) {
  let watched;
  const session = await openApp(served.browser, url, {
    ...options,
    beforeLoad: async (s) => {
      watched = await watchLeaks(s);
    },
  });
  try {
    await session.page.waitForLoadState('networkidle');
    const atLoad = session.requests.length;
    const loaded = session.requests.map((u) => Object.assign(new URL(u), { hash: '' }).href).sort();
    assert.deepEqual(loaded, await expectedLoad(url), 'the load fetched only the files index.html names, each once');
    // The listener is in the page, so an empty list below means something.
    assert.deepEqual(await watched.cspViolations(), [], 'no CSP violation while loading');
    return { ...session, watched, afterLoad: () => session.requests.slice(atLoad) };
  } catch (err) {
    await session.close();
    throw err;
  }
}

/** Fails unless nothing was requested after the load, no WebSocket or service worker was opened, and no CSP rule was broken. */
async function assertSentNothing(session, when) {
  assert.deepEqual(session.afterLoad(), [], `no request after the page had loaded (${when})`);
  assert.deepEqual(session.watched.websockets, [], `no WebSocket (${when})`);
  assert.deepEqual(session.watched.serviceWorkers, [], `no service worker (${when})`);
  assert.deepEqual(await session.watched.cspViolations(), [], `no Content-Security-Policy violation (${when})`);
  assertNoProblems(session, when);
}

const field = (page, dataPath) => page.locator(`${tid('case-editor')} [data-path="${dataPath}"]`).first();
const status = (page) => page.locator(tid('case-file-status'));
const storageStatus = (page) => page.locator(tid('storage-status'));

/** Adds the measure the preview shows, after `choose(preview)` has filled in what staff must choose. */
async function addFromPreview(page, choose = async () => {}) {
  const preview = page.locator(tid('measure-preview'));
  await preview.waitFor();
  await choose(preview);
  await preview.locator(tid('preview-consequences')).waitFor();
  await preview.locator(tid('preview-add')).click();
  await preview.waitFor({ state: 'detached' });
}

/** Clicks "Spara filen" in the export question and returns the downloaded text. */
async function exportCase(page, withNames) {
  await page.locator(tid('export-case')).click();
  await page.locator(tid('export-question')).waitFor();
  await page.locator(tid(withNames ? 'export-with-personal-data' : 'export-without-personal-data')).check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(tid('export-save')).click()]);
  return readFile(await download.path(), 'utf8');
}

async function openStoragePanel(page) {
  const details = page.locator(tid('saved-cases'));
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.locator(tid('save-case')).waitFor({ state: 'visible' });
}

/** Every document kind for every measure "Dokument" offers; returns how many were shown. */
async function everyDocument(page) {
  const measures = await page.locator(`${tid('doc-measure')} option`).evaluateAll((os) => os.map((o) => o.value));
  assert.ok(measures.length >= 2, `measures to document: ${measures}`);
  let shown = 0;
  for (const measure of measures) {
    await page.locator(tid('doc-measure')).selectOption(measure);
    for (const kind of ['request', 'note', 'phone', 'answer']) {
      await page.locator(tid(`doc-kind-${kind}`)).click();
      await waitUntil(
        () => page.locator(`${tid('document')}[data-kind="${kind}"], [data-testid^="documents-"]`).count(),
        (n) => n > 0,
        `the ${kind} for ${measure}`,
      );
      shown += await page.locator(tid('document')).count();
    }
  }
  return shown;
}

test('after the page has loaded, no flow of the app sends a request, opens a WebSocket or breaks a rule of its Content-Security-Policy', async () => {
  const session = await openWatched(served.server.url, {
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  try {
    const { page } = session;
    const caption = page.locator(`${tid('access-matrix')} caption`);

    // Edit the case: rename a unit, a change of custody (a third guardian
    // after the second), the child's name, and a blocking added in the editor.
    await field(page, 'care_units[0].name').fill('Vårdcentralen Omdöpt');
    await waitForValue(field(page, 'care_units[0].name'), 'Vårdcentralen Omdöpt');
    await page.locator(tid('add-guardian')).click();
    await field(page, 'guardians[2].name').fill('Ny Vårdnadshavare');
    await field(page, 'guardians[1].registered.to').fill('2026-06-30');
    await field(page, 'guardians[2].registered.from').fill('2026-07-01');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Ny Vårdnadshavare');
    await page.locator(tid('child-name')).fill('Alva Ändrad');
    await page.locator(tid('add-measure-kind')).selectOption('blocking');
    await page.locator(tid('add-measure')).click();
    await addFromPreview(page, (preview) => preview.locator('[data-path="measures[0].guardians"][value="vh1"]').check());
    assert.equal(await page.locator(tid('error-summary')).count(), 0, 'the edited case is valid');

    // The date: typed, and the jump buttons.
    await setDate(page, '2027-03-01');
    await waitForText(caption, '2027-03-01');
    await page.locator(tid('jump-13')).click();
    await waitForText(caption, 'barnet är 13 år');
    await page.locator(tid('jump-today')).first().click();
    await waitForValue(page.locator(tid('asked-date')).first(), TODAY);
    await page.locator(tid('cell-vh1-proxy')).click();
    await page.locator(tid('explanation')).waitFor();

    // Every view; the timeline's date, the rule sets' search.
    for (const tab of TABS) await openTab(page, tab);
    await openTab(page, 'timeline');
    await page.locator(`${tid('timeline-table')} [data-testid^="timeline-date-"]`).first().click();
    await openTab(page, 'rule-sets');
    await page.locator(tid('rule-filter')).fill('blockering');

    // "Jämför": two rule sets, the quick pairs, swapped.
    await openTab(page, 'compare');
    await page.locator(tid('compare-select-a')).selectOption('vgr-2019');
    await page.locator(tid('compare-select-b')).selectOption('vgr-2026');
    await page.locator(tid('compare-summary')).waitFor();
    await page.locator(tid('compare-quick-national')).click();
    await page.locator(tid('compare-quick-vgr')).click();
    await page.locator(tid('compare-swap')).click();
    await waitUntil(() => page.locator(tid('compare-select-a')).inputValue(), (v) => v === 'vgr-2026', 'swapped');

    // "Vilken åtgärd?": a recommendation previewed and added, another previewed and cancelled.
    await openTab(page, 'decide');
    await page.locator(tid('concern-one_guardian_risk')).check();
    await page.locator(tid('risk-guardian-vh2')).check();
    await page.locator(tid('propose-blocking')).click();
    await addFromPreview(page);
    await openTab(page, 'decide');
    await page.locator(tid('concern-one_guardian_risk')).uncheck();
    await page.locator(tid('concern-child_tells_of_violence')).check();
    await page.locator(tid('propose-sealing')).click();
    await page.locator(tid('measure-preview')).waitFor();
    await page.locator(tid('preview-cancel')).click();
    await page.locator(tid('measure-preview')).waitFor({ state: 'detached' });

    // "Dokument": the staff member's details, remembered; every kind of every measure; copy and print.
    await openTab(page, 'documents');
    await page.locator(tid('staff-name')).fill('Anna Andersson');
    await page.locator(tid('staff-remember')).check();
    assert.ok((await everyDocument(page)) >= 4, 'documents were shown');
    await page.locator(tid('doc-kind-request')).click();
    await page.locator(tid('doc-copy')).click();
    await waitForText(page.locator(tid('doc-copy-status')), 'kopierad');
    // "Skriv ut" opens the browser's print dialog, which a headless browser
    // never closes; the button is checked to call it, and page.pdf() prints.
    await page.evaluate(() => {
      window.__printCalls = 0;
      window.print = () => {
        window.__printCalls += 1;
      };
    });
    await page.locator(tid('doc-print')).click();
    assert.equal(await page.evaluate(() => window.__printCalls), 1, '"Skriv ut" asked the browser to print');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'printed');

    // Export, without names and with them; a link is refused while the case has names.
    await openTab(page, 'situation');
    assert.doesNotMatch(await exportCase(page, false), /Alva Ändrad/);
    assert.match(await exportCase(page, true), /Alva Ändrad/);
    await page.locator(tid('share-case')).click();
    await waitForText(status(page), 'Länken skapas inte');

    // Saved in the browser, with the names kept in the tab too.
    await openStoragePanel(page);
    await page.locator(tid('keep-names')).check();
    await page.locator(tid('saved-label')).fill('Arbetsfall');
    await page.locator(tid('save-case')).click();
    await waitForText(storageStatus(page), 'sparat i den här webbläsaren som ”Arbetsfall”');

    // Import a file (the case was saved, so nothing asks), then share it as a link.
    await openCaseFile(page, NAMELESS, 'ovningsfall.json');
    await waitForText(page.locator(tid('access-matrix')), 'Barnmottagningen Norr');
    await page.locator(tid('share-case')).click();
    await waitForText(status(page), 'Länken till övningsfallet är kopierad');
    const link = await page.locator(tid('share-link')).inputValue();
    assert.match(link, /#\/fall\/[A-Za-z0-9_-]+$/);

    // The saved case opened again.
    await page.locator(`${tid('saved-list')} li button`, { hasText: 'Öppna' }).first().click();
    await waitForText(storageStatus(page), 'Det sparade fallet ”Arbetsfall” är öppnat');
    await waitForText(page.locator(`${tid('access-matrix')} thead`), 'Vårdcentralen Omdöpt');

    // The shared link and a link to a view, followed in the page; back and forward.
    await page.goto(link);
    await waitForText(status(page), 'Övningsfallet i den delade länken är öppnat');
    await waitForText(page.locator(tid('access-matrix')), 'Barnmottagningen Norr');
    await page.goto(`${served.server.url}${TIMELINE_FRAGMENT}`);
    await page.locator(tid('timeline')).waitFor();
    assert.equal(await page.locator(tid('tab-timeline')).getAttribute('aria-selected'), 'true');
    await page.goBack();
    await page.goForward();
    await page.locator(tid('timeline')).waitFor();

    // A training case, "Nytt fall", then "Rensa allt".
    await openTab(page, 'situation');
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
    await page.locator(tid('new-case')).click();
    await waitForValue(field(page, 'title'), 'Nytt fall');
    await page.locator(tid('clear-all')).click();
    await page.locator(`${tid('clear-all-dialog')}[open]`).locator(tid('clear-all-dialog-confirm')).click();
    await waitForText(storageStatus(page), 'är raderat');
    await waitForValue(page.locator(tid('child-name')), 'Alva Exempel');

    await assertSentNothing(session, 'after every flow');

    // The recorder works: an inline script, which the policy forbids, is
    // reported as a violation (once per policy: the header's and the meta
    // tag's) and does not run.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.head.append(s);
    });
    const reported = await waitUntil(() => session.watched.cspViolations(), (v) => v.length > 0, 'the inline script is reported');
    for (const violation of reported) assert.match(violation, /^script-src/);
    assert.equal(await page.evaluate(() => window.__inlineRan), undefined, 'the inline script did not run');
  } finally {
    await session.close();
  }
});

test('a shared-case link and a link to a view, opened in a new tab, load only the app’s own files and send nothing after', async () => {
  const shared = await openWatched(`${served.server.url}#/fall/${Buffer.from(JSON.stringify(NAMELESS)).toString('base64url')}`, {
    waitFor: 'main',
  });
  try {
    await waitForText(status(shared.page), 'Övningsfallet i den delade länken är öppnat');
    await waitForText(shared.page.locator(tid('access-matrix')), 'Barnmottagningen Norr');
    await assertSentNothing(shared, 'after opening a shared-case link');
  } finally {
    await shared.close();
  }

  const view = await openWatched(`${served.server.url}${TIMELINE_FRAGMENT}`, { waitFor: 'timeline' });
  try {
    assert.equal(await view.page.locator(tid('tab-timeline')).getAttribute('aria-selected'), 'true');
    await openTab(view.page, 'situation');
    await view.page.locator(tid('access-matrix')).waitFor();
    await assertSentNothing(view, 'after opening a link to the timeline');
  } finally {
    await view.close();
  }
});
