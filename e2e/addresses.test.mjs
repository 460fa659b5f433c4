// The page's address, end to end on the release build: each view has its own
// fragment (#/läget, #/tidslinje, …) so back and forward move between views
// and a trainer can link to one, and a training case can be shared as a link
// whose case sits in the fragment, only when it has no names or personnummer.
// Opening such a link checks it as a file is checked and lists every problem.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  tid,
  openApp,
  openTab,
  openTrainingCase,
  waitForText,
  waitUntil,
  assertNoProblems,
  squash,
  servedApp,
  TEST_PERSONNUMMER,
  withHyphen,
} from './app.mjs';

const served = servedApp();

async function withApp(body, options = {}) {
  const session = await openApp(served.browser, options.url ?? served.server.url, options);
  try {
    await body(session);
    assertNoProblems(session, 'during the test');
  } finally {
    await session.close();
  }
}

/** The page's fragment, decoded: "#/jämför" rather than "#/j%C3%A4mf%C3%B6r". */
const fragment = (page) => decodeURIComponent(new URL(page.url()).hash);
const selectedTab = (page) => page.locator('[role=tab][aria-selected=true]').getAttribute('data-testid');

/** Waits until the selected tab is `id` and returns the fragment. */
async function waitForView(page, id) {
  await waitUntil(() => selectedTab(page), (t) => t === `tab-${id}`, `the ${id} view`);
  return fragment(page);
}

/** base64url of a case object, as Insyn writes a shared link's fragment. */
const encode = (caseObject) => Buffer.from(JSON.stringify(caseObject)).toString('base64url');

/** The example case without names: what a trainer may share. */
const NAMELESS = {
  format_version: 1,
  title: 'Delat övningsfall',
  region: 'vgr',
  child: { birth_date: '2012-08-20', has_e_id: true },
  guardians: [
    { id: 'vh1', registered: { from: '2012-08-20' } },
    { id: 'vh2', registered: { from: '2012-08-20' } },
  ],
  care_units: [{ id: 'bmm', name: 'Barnmottagningen Väster' }],
  measures: [
    {
      id: 'b1', decided_on: '2024-02-01', decided_by: 'verksamhetschef', unit: 'bmm',
      period: { from: '2024-02-01' }, type: 'blocking', guardians: ['vh2'],
    },
  ],
};

test('each view has its own address, and back and forward move between the views', async () => {
  await withApp(async ({ page }) => {
    // The address follows once the view is drawn (address.rs), so wait for it.
    const address = (expected) => waitUntil(async () => fragment(page), (f) => f === expected, `the address ${expected}`);
    await openTab(page, 'timeline');
    await address('#/tidslinje');
    await openTab(page, 'compare');
    await address('#/jämför');
    await openTab(page, 'guardian-view');
    await address('#/vad-ser-vårdnadshavaren');

    await page.goBack();
    assert.equal(await waitForView(page, 'compare'), '#/jämför');
    await page.goBack();
    assert.equal(await waitForView(page, 'timeline'), '#/tidslinje');
    await page.goBack();
    await waitForView(page, 'situation');
    await page.goForward();
    assert.equal(await waitForView(page, 'timeline'), '#/tidslinje');
    await page.locator(tid('timeline')).waitFor();
  });
});

test('a link to a view opens that view, and no view’s address carries a name or personnummer', async () => {
  await withApp(
    async ({ page }) => {
      await waitForView(page, 'decide');
      await openTrainingCase(page, 'one-guardian-risk-blocking');
      const seen = [page.url()];
      for (const id of ['situation', 'documents', 'timeline', 'compare', 'guardian-view', 'rule-sets']) {
        await openTab(page, id);
        seen.push(page.url());
      }
      for (const url of seen) {
        assert.doesNotMatch(decodeURIComponent(url), /Elsa|Maria|Peter|Test|2393|\d{6}[-+]?\d{4}/, url);
      }
    },
    { url: `${servedUrl()}#/vilken-åtgärd`, waitFor: 'main' },
  );
});

test('a link is not made for a case with names or personnummer, and the refusal says which fields', async () => {
  await withApp(async ({ page }) => {
    await page.locator(tid('share-case')).click();
    const status = page.locator(tid('case-file-status'));
    await waitForText(status, 'Länken skapas inte');
    assert.match(squash(await status.textContent()), /namn eller personnummer/);
    const fields = (await page.locator(`${tid('case-file-problems')} li`).allTextContents()).map(squash);
    assert.deepEqual(fields, [
      'Barnet, namn',
      'Vårdnadshavare 1 (Sara Exempel), namn',
      'Vårdnadshavare 2 (Johan Exempel), namn',
    ]);
    assert.equal(await page.locator(tid('share-link')).count(), 0);
    assert.equal(fragment(page), '', 'the address is untouched');
  });
});

test('a case without names is shared as a link, copied, and opens in another tab checked like a file', async () => {
  await withApp(
    async ({ page, context }) => {
      // The example case with its names emptied.
      for (const path of ['child.name', 'guardians[0].name', 'guardians[1].name']) {
        await page.locator(`[data-path="${path}"]`).fill('');
      }
      await page.locator(tid('share-case')).click();
      await waitForText(page.locator(tid('case-file-status')), 'Länken till övningsfallet är kopierad');
      const link = await page.locator(tid('share-link')).inputValue();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
      assert.match(link, /#\/fall\/[A-Za-z0-9_-]+$/);
      assert.ok(link.length < 8_100, `${link.length} characters`);
      assert.doesNotMatch(Buffer.from(link.split('/fall/')[1], 'base64url').toString(), /Exempel/);

      const other = await context.newPage();
      await other.goto(link, { waitUntil: 'load' });
      await waitForText(other.locator(tid('case-file-status')), 'Övningsfallet i den delade länken är öppnat');
      assert.equal(await other.locator(tid('child-birth-date')).inputValue(), '2015-05-10');
      assert.equal(await other.locator(tid('child-name')).inputValue(), '');
      // The case does not stay in the address: it shows the view.
      assert.equal(fragment(other), '#/läget');
      await other.locator(tid('access-matrix')).waitFor();
      await other.close();
    },
    { contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } },
  );
});

test('opening a shared link replaces the open case and validates it fully', async () => {
  await withApp(
    async ({ page }) => {
      await waitForText(page.locator(tid('case-file-status')), 'Övningsfallet i den delade länken är öppnat');
      assert.equal(await page.locator(tid('case-title')).inputValue(), 'Delat övningsfall');
      await waitForText(page.locator(tid('access-matrix')), 'Barnmottagningen Väster');
      assert.equal(fragment(page), '#/läget');
    },
    { url: `${servedUrl()}#/fall/${encode(NAMELESS)}` },
  );
});

test('a broken shared link shows every problem with its field, and the example case stays', async () => {
  const broken = structuredClone(NAMELESS);
  broken.guardians[1].registered.to = '2010-01-01';
  broken.measures[0].guardians = ['vh7'];
  broken.care_units.push({ id: 'bmm', name: 'Barnmottagningen Öster' });
  await withApp(
    async ({ page }) => {
      const status = page.locator(tid('case-file-status'));
      await waitForText(status, 'Den delade länken kunde inte öppnas');
      const listed = (await page.locator(`${tid('case-file-problems')} li`).allTextContents()).map(squash);
      for (const field of ['guardians[1].registered.to', 'care_units[1].id', 'measures[0].guardians[0]']) {
        assert.ok(listed.some((line) => line.includes(`(${field})`)), `${field} in ${JSON.stringify(listed)}`);
      }
      assert.equal(await page.locator(tid('child-name')).inputValue(), 'Alva Exempel');
      assert.equal(fragment(page), '#/läget');

      // Cut short, as a mail program may break a long line.
      const whole = encode(NAMELESS);
      await page.goto(`${servedUrl()}#/fall/${whole.slice(0, whole.length / 2)}`);
      await waitUntil(() => status.textContent(), (t) => /länken|Länken/.test(t) && !/Barnmottagningen/.test(t), 'a refusal');
      assert.match(squash(await status.textContent()), /Den delade länken kunde inte öppnas/);
      assert.equal(await page.locator(tid('child-name')).inputValue(), 'Alva Exempel');
    },
    { url: `${servedUrl()}#/fall/${encode(broken)}` },
  );
});

test('a shared link holding a name or personnummer is refused when opened, and leaves the address', async () => {
  const named = structuredClone(NAMELESS);
  named.child.name = 'Elsa Test';
  named.child.identity_number = withHyphen(TEST_PERSONNUMMER);
  await withApp(
    async ({ page }) => {
      const status = page.locator(tid('case-file-status'));
      await waitForText(status, 'Den delade länken kunde inte öppnas');
      assert.match(squash(await status.textContent()), /namn eller personnummer/);
      assert.equal(await page.locator(tid('child-name')).inputValue(), 'Alva Exempel');
      assert.equal(fragment(page), '#/läget');
    },
    { url: `${servedUrl()}#/fall/${encode(named)}` },
  );
});

function servedUrl() {
  return served.server.url.replace(/\/?$/, '/');
}
