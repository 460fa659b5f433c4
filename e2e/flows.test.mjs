// What staff do with Insyn, end to end on the release build: open the example
// case, move the date, add a measure, type an identity number, compare rule
// sets, follow the timeline, look at what a guardian sees, and trust that no
// name or personnummer is stored. One Chromium for the file, a new empty
// context per test, the clock fixed at TODAY (see app.mjs) so the answers
// never drift with the calendar.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TODAY,
  tid,
  openApp,
  openTab,
  openTrainingCase,
  setDate,
  cell,
  cellOutcome,
  waitForOutcome,
  waitForText,
  waitForValue,
  waitUntil,
  assertNoProblems,
  squash,
  TEST_PERSONNUMMER,
  withHyphen,
  wrongCheckDigit,
} from './app.mjs';
import { servedApp } from './app.mjs';

const ALLOWED = 'Har åtkomst';
const DENIED = 'Ingen åtkomst';
const GRANTABLE = 'Kan beviljas';


const served = servedApp();

/** Runs `body(session)` on a freshly opened app and closes it, failing on any page problem. */
async function withApp(body, options) {
  const session = await openApp(served.browser, served.server.url, options);
  try {
    await body(session);
    assertNoProblems(session, 'during the test');
  } finally {
    await session.close();
  }
}

test('the example case opens with its people in the matrix and the rule set in force today named in the header', async () => {
  await withApp(async ({ page }) => {
    const rows = await page.locator(`${tid('access-matrix')} tbody th[scope=row]`).allTextContents();
    assert.deepEqual(rows.map(squash), [
      'Barnet (Alva Exempel)',
      'Vårdnadshavare 1 (Sara Exempel)',
      'Vårdnadshavare 2 (Johan Exempel)',
    ]);
    // The columns name the case's care units, not their ids.
    const columns = squash(await page.locator(`${tid('access-matrix')} thead`).textContent());
    assert.match(columns, /Journal: Vårdcentralen Lunden/);
    assert.match(columns, /Journal: BUP Centrum/);

    assert.equal(await page.locator(tid('asked-date')).inputValue(), TODAY, 'the matrix answers for today');
    assert.match(await page.locator(tid('access-matrix')).locator('caption').textContent(), /den 2026-11-23 \(barnet är 11 år\)/);
    const header = squash(await page.locator(tid('answering-rule-set')).textContent());
    assert.match(header, /VGR/);
    assert.match(header, /RS 2026-01475/);
    assert.match(header, /version 2026/);

    // The case editor shows the same case.
    assert.equal(await page.locator(tid('child-name')).inputValue(), 'Alva Exempel');
    assert.equal(await page.locator(tid('child-birth-date')).inputValue(), '2015-05-10');
  });
});

test('on the 13th birthday the guardians lose their proxy and their automatic journal access', async () => {
  await withApp(async ({ page }) => {
    for (const guardian of ['vh1', 'vh2']) {
      for (const capability of ['proxy', 'journal:vc-lunden']) {
        assert.equal(await cellOutcome(page, guardian, capability), ALLOWED, `${guardian} × ${capability} before 13`);
      }
    }
    await page.locator(tid('jump-13')).click();
    await waitForValue(page.locator(tid('asked-date')), '2028-05-10');
    assert.match(await page.locator(`${tid('access-matrix')} caption`).textContent(), /barnet är 13 år/);
    for (const guardian of ['vh1', 'vh2']) {
      await waitForOutcome(page, guardian, 'proxy', DENIED);
      // From 13 a guardian reads a unit's journal only if its verksamhetschef
      // decides so (utökad direktåtkomst 13–15): no access now, but grantable.
      await waitForOutcome(page, guardian, 'journal:vc-lunden', GRANTABLE);
    }
    await cell(page, 'vh1', 'journal:vc-lunden').click();
    // The explanation says who can grant it.
    const route = page.locator(`${tid('explanation')} ${tid('grant-route')}`);
    await waitForText(route, 'Beslutar');
    assert.match(await route.textContent(), /Barnets samtycke/);
  });
});

test('the day before the 13th birthday, typed as a date, the guardians still have access, and on the birthday they do not', async () => {
  await withApp(async ({ page }) => {
    await setDate(page, '2028-05-09');
    await waitForOutcome(page, 'vh1', 'journal:vc-lunden', ALLOWED);
    await waitForOutcome(page, 'vh1', 'proxy', ALLOWED);
    await setDate(page, '2028-05-10');
    await waitForOutcome(page, 'vh1', 'proxy', DENIED);
    await waitForOutcome(page, 'vh1', 'journal:vc-lunden', GRANTABLE);
  });
});

test('a blocking of one guardian denies that guardian with the decisive reason quoted, while the other keeps access', async () => {
  await withApp(async ({ page }) => {
    await page.locator(tid('add-measure-kind')).selectOption('blocking');
    await page.locator(tid('add-measure')).click();
    // The measure opens in the preview, with no guardian chosen for staff.
    const preview = page.locator(tid('measure-preview'));
    const draftBox = (guardian) => preview.locator(`[data-path="measures[0].guardians"][value="${guardian}"]`);
    assert.equal(await draftBox('vh1').isChecked(), false);
    assert.equal(await draftBox('vh2').isChecked(), false);
    await draftBox('vh2').check();
    await preview.locator(tid('preview-consequences')).waitFor();
    await page.locator(tid('preview-add')).click();
    await page.locator(tid('action-notice')).waitFor();
    const box = (guardian) => page.locator(`[data-path="measures[0].guardians"][value="${guardian}"]`);
    assert.equal(await box('vh2').isChecked(), true);
    assert.equal(await box('vh1').isChecked(), false);

    await waitForOutcome(page, 'vh2', 'journal:vc-lunden', DENIED);
    assert.equal(await cellOutcome(page, 'vh1', 'journal:vc-lunden'), ALLOWED);

    await cell(page, 'vh2', 'journal:vc-lunden').click();
    assert.equal(await cell(page, 'vh2', 'journal:vc-lunden').getAttribute('aria-pressed'), 'true');
    const explanation = page.locator(tid('explanation'));
    await waitForText(explanation.locator(tid('explanation-title')), 'Vårdnadshavare 2 (Johan Exempel)');
    assert.match(await explanation.locator(tid('explanation-title')).textContent(), /Vårdcentralen Lunden/);

    // The most decisive reason comes first and names the blocking.
    const decisive = explanation.locator(`${tid('reasons')} > li`).first();
    assert.match(await decisive.getAttribute('class'), /\bdecisive\b/);
    assert.match(await decisive.locator('.reason-sentence').textContent(), /blockerad/);
    const quote = squash((await decisive.locator('blockquote').textContent()) ?? '');
    assert.ok(quote.length > 20, `the guidance is quoted: "${quote}"`);
    assert.match(await decisive.locator('.citation-source').textContent(), /^Källa: \S/);

    assert.equal(squash(await explanation.locator(tid('hint')).textContent()), 'Skulle vara tillåtet om blockeringen upphörde.');
  });
});

test('an identity number with a wrong check digit gets a Swedish message and nothing typed is lost', async () => {
  await withApp(async ({ page }) => {
    const name = page.locator(tid('child-name'));
    const number = page.locator(tid('child-personnummer'));
    await name.fill('Testbarn Testsson');
    const wrong = withHyphen(wrongCheckDigit(TEST_PERSONNUMMER));
    await number.fill(wrong);

    // Next to the field: the element the input names in aria-describedby.
    const describedBy = (await number.getAttribute('aria-describedby')).split(/\s+/);
    const fieldMessage = await waitUntil(
      () => page.evaluate((ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy),
      (text) => text.includes('Kontrollsiffran'),
      'the message next to the personnummer field',
    );
    assert.match(fieldMessage, /Kontrollsiffran/);
    assert.equal(await number.getAttribute('aria-invalid'), 'true');
    const summary = page.locator(tid('error-summary'));
    await waitForText(summary, 'Kontrollsiffran');
    assert.match(await summary.textContent(), /Barnet, personnummer/);

    assert.equal(await name.inputValue(), 'Testbarn Testsson', 'the name is kept');
    assert.equal(await number.inputValue(), wrong, 'the personnummer shows what was typed');

    // The summary's entry takes the keyboard to the field.
    await summary.locator('a[data-error-path="child.identity_number"]').click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'child-personnummer');

    await number.fill(withHyphen(TEST_PERSONNUMMER));
    await waitUntil(() => number.getAttribute('aria-invalid'), (v) => v === 'false', 'the field is valid again');
    await waitForValue(page.locator(tid('child-birth-date')), '2017-01-01');
    assert.equal(await page.locator(`[id="${describedBy[0]}"]`).textContent(), '', 'the message is gone');
    // The summary may now list other problems of the case (the guardians were
    // registered from the old birth date), but none about the identity number.
    const remaining = (await summary.count()) ? await summary.textContent() : '';
    assert.doesNotMatch(remaining, /Kontrollsiffran|personnummer/);
    assert.equal(await name.inputValue(), 'Testbarn Testsson');
  });
});

test('comparing VGR 2019 with VGR 2026 marks the blocked guardian’s proxy cell as differing and lists the range from the blocking', async () => {
  await withApp(async ({ page }) => {
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
    await setDate(page, '2026-11-23');
    await openTab(page, 'compare');
    await page.locator(tid('compare-select-a')).selectOption('vgr-2019');
    await page.locator(tid('compare-select-b')).selectOption('vgr-2026');

    for (const side of ['a', 'b']) {
      const td = page.locator(tid(`compare-${side}-vh2-proxy`));
      await waitUntil(() => td.getAttribute('data-differs'), (v) => v === 'true', `compare-${side}-vh2-proxy differs`);
      assert.match(await td.getAttribute('class'), /\bdiffers\b/);
      assert.match(await td.textContent(), /Skiljer sig/, 'marked in text, not by colour alone');
    }
    // Under 2019 a blocking closed the journal only; in 2026 it closes the e-services too.
    assert.equal(await page.locator(tid('compare-a-vh2-proxy')).getAttribute('data-outcome'), 'allowed');
    assert.equal(await page.locator(tid('compare-b-vh2-proxy')).getAttribute('data-outcome'), 'denied');
    // The guardian who is not blocked is the same under both.
    assert.equal(await page.locator(tid('compare-a-vh1-proxy')).getAttribute('data-differs'), 'false');
    assert.match(await page.locator(tid('compare-summary')).textContent(), /Peter Test/);

    const ranges = page.locator(tid('diff-ranges'));
    const range = ranges.locator(tid('diff-range-2026-06-15'));
    await range.waitFor();
    assert.match(squash(await range.locator('.diff-period').textContent()), /^2026-06-15 – \d{4}-\d{2}-\d{2}/);
    assert.match(await range.textContent(), /Peter Test/);

    // The quick button chooses the same pair.
    await page.locator(tid('compare-select-a')).selectOption('national');
    await page.locator(tid('compare-quick-vgr')).click();
    await waitUntil(() => page.locator(tid('compare-select-a')).inputValue(), (v) => v === 'vgr-2019', 'quick button sets A');
    assert.equal(await page.locator(tid('compare-select-b')).inputValue(), 'vgr-2026');
    assert.equal(await page.locator(tid('compare-b-vh2-proxy')).getAttribute('data-differs'), 'true');
  });
});

test('the timeline table lists the 13th birthday, and choosing its date sets the date of the situation view', async () => {
  await withApp(async ({ page }) => {
    await openTab(page, 'timeline');
    const table = page.locator(tid('timeline-table'));
    await table.waitFor();
    const row = table.locator(tid('timeline-row-2028-05-10'));
    assert.match(await row.textContent(), /13/);
    const button = row.locator(tid('timeline-date-2028-05-10'));
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await button.click();
    await waitUntil(() => button.getAttribute('aria-pressed'), (v) => v === 'true', 'the date button shows it is chosen');

    await openTab(page, 'situation');
    await waitForValue(page.locator(tid('asked-date')), '2028-05-10');
    await waitForOutcome(page, 'vh1', 'proxy', DENIED);
  });
});

test('on the guardian view a blocked guardian does not see the child on the start page and support gets the standard answer', async () => {
  await withApp(async ({ page }) => {
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
    await setDate(page, '2026-11-23');
    await openTab(page, 'guardian-view');

    const blocked = page.locator(tid('guardian-view-vh2'));
    await blocked.waitFor();
    assert.match(await blocked.locator('h3').textContent(), /Peter Test/);
    assert.equal(await blocked.locator(tid('gv-start-page-vh2')).getAttribute('data-shown'), 'false');
    assert.match(await blocked.locator(tid('gv-start-page-vh2')).textContent(), /Barnet visas inte/);
    const answer = blocked.locator(tid('standard-answer'));
    await answer.waitFor();
    assert.ok(squash(await answer.textContent()).length > 20, 'the standard answer has text');

    // The other guardian is not blocked and sees the child.
    const free = page.locator(tid('guardian-view-vh1'));
    assert.equal(await free.locator(tid('gv-start-page-vh1')).getAttribute('data-shown'), 'true');
    assert.equal(await free.locator(tid('standard-answer')).count(), 0);
  });
});

test('editing names and an identity number sends nothing, and stores only this tab’s copy of the case, without them', async () => {
  await withApp(async ({ page, context, requests }) => {
    await page.waitForLoadState('networkidle');
    const requestsAfterLoad = requests.length;

    await page.locator(tid('child-name')).fill('Testbarn Testsson');
    await page.locator(tid('child-personnummer')).fill(withHyphen(TEST_PERSONNUMMER));
    await page.locator('input[data-path="guardians[0].name"]').fill('Förälder Ett');
    await page.locator('input[data-path="guardians[1].name"]').fill('Förälder Två');
    // The number moves the birth to 2017-01-01; custody starts then too.
    for (const index of [0, 1]) await page.locator(`input[data-path="guardians[${index}].registered.from"]`).fill('2017-01-01');
    await page.locator(tid('add-measure')).click();
    await page.locator('[data-testid="measure-preview"] [data-path="measures[0].guardians"][value="vh1"]').check();
    await page.locator(tid('preview-add')).click();
    await page.locator(tid('cell-vh1-proxy')).click();
    await waitForValue(page.locator(tid('child-birth-date')), '2017-01-01');

    // The tab keeps one copy of the open case (so a reload restores it), without the
    // names and the number: they are kept only if staff tick it (e2e/storage.test.mjs).
    const copy = await page.evaluate(() => sessionStorage.getItem('insyn.current-case'));
    assert.match(copy, /"schema_version":1/);
    for (const secret of ['Testbarn', 'Förälder', TEST_PERSONNUMMER.slice(2, 8)]) {
      assert.ok(!copy.includes(secret), `${secret} is not stored`);
    }
    const stored = await page.evaluate(async () => ({
      localStorage: localStorage.length,
      sessionStorage: Object.keys(sessionStorage),
      cookie: document.cookie,
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      caches: 'caches' in window ? await caches.keys() : [],
      serviceWorkers: (await navigator.serviceWorker?.getRegistrations())?.length ?? 0,
    }));
    assert.deepEqual(stored, {
      localStorage: 0,
      sessionStorage: ['insyn.current-case'],
      cookie: '',
      indexedDB: [],
      caches: [],
      serviceWorkers: 0,
    });
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(requests.slice(requestsAfterLoad), [], 'no request after the page loaded');
  });
});
