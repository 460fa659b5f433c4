// The work survives, end to end on the release build: the open case comes back after a
// reload (without names unless they are to be kept), named cases are saved in the
// browser and opened again, storage that is blocked or full is said in Swedish and the
// case stays, unreadable values are kept aside and reported, two tabs never overwrite each
// other's save, "Rensa allt" empties storage, and replacing a case with unsaved changes
// asks first in the page.
//
// One Chromium for the file, a new context per test (its own storage), the clock fixed
// at TODAY (app.mjs).

import { test } from 'node:test';
import { createRequire } from 'node:module';
import { openContextPage } from './browser.mjs';
import assert from 'node:assert/strict';
import {
  TODAY,
  tid,
  openApp,
  openTrainingCase,
  waitForText,
  waitForValue,
  waitUntil,
  assertNoProblems,
  squash,
  TEST_PERSONNUMMER,
  withHyphen,
  servedApp,
} from './app.mjs';

const served = servedApp();

/** Runs `body(session)` on a freshly opened app and closes it, failing on any page problem. */
async function withApp(body, options) {
  const session = await openApp(served.browser, served.server.url, options);
  // The app asks in its own page, never with the browser's alert/confirm.
  const nativeDialogs = [];
  session.page.on('dialog', (dialog) => {
    nativeDialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  try {
    await body(session);
    assert.deepEqual(nativeDialogs, [], 'no window.alert/confirm');
    assertNoProblems(session, 'during the test');
  } finally {
    await session.close();
  }
}

/** Everything Insyn keeps in the page's two storages, as { session: {key: value}, local: {...} }. */
async function stored(page) {
  return page.evaluate(() => {
    const all = (storage) => Object.fromEntries(Object.keys(storage).map((k) => [k, storage.getItem(k)]));
    return { session: all(sessionStorage), local: all(localStorage) };
  });
}

async function openStoragePanel(page) {
  const details = page.locator(tid('saved-cases'));
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.locator(tid('save-case')).waitFor({ state: 'visible' });
}

/** Types a name for the case and saves it with "Spara i den här webbläsaren". */
async function saveAs(page, label, { withNames = false } = {}) {
  await openStoragePanel(page);
  await page.locator(tid('saved-label')).fill(label);
  const names = page.locator(tid('save-names'));
  if ((await names.isChecked()) !== withNames) await names.click();
  await page.locator(tid('save-case')).click();
}

const field = (page, path) => page.locator(`[data-testid="case-editor"] [data-path="${path}"]`).first();

/** The status line of the storage panel. */
const status = (page) => page.locator(tid('storage-status'));

async function reload(page) {
  await page.reload({ waitUntil: 'load' });
  await page.locator(tid('case-editor')).waitFor({ state: 'visible', timeout: 20_000 });
}

test('a fresh page stores nothing; after an edit only this tab keeps the case, without names', async () => {
  await withApp(async ({ page }) => {
    assert.deepEqual(await stored(page), { session: {}, local: {} }, 'nothing stored for the page as it starts');
    await field(page, 'title').fill('Mitt fall');
    await page.locator(tid('child-name')).fill('Testbarn Testsson');
    await page.locator(tid('child-personnummer')).fill(withHyphen(TEST_PERSONNUMMER));
    await waitUntil(() => stored(page), (s) => Object.keys(s.session).length === 1, 'the tab keeps a copy');
    const { session, local } = await stored(page);
    assert.deepEqual(Object.keys(session), ['insyn.current-case']);
    assert.deepEqual(local, {});
    const envelope = JSON.parse(session['insyn.current-case']);
    assert.equal(envelope.schema_version, 1);
    assert.match(envelope.saved_at, /^2026-11-23T\d\d:\d\d:\d\d$/);
    assert.equal(envelope.data.case.title, 'Mitt fall');
    const text = session['insyn.current-case'];
    for (const secret of ['Testbarn', 'Sara Exempel', 'Johan', TEST_PERSONNUMMER.slice(2, 8)]) {
      assert.ok(!text.includes(secret), `${secret} is not stored`);
    }
    // Never in the address or the page title either.
    for (const where of [page.url(), await page.title()]) {
      assert.ok(!where.includes('Testbarn') && !where.includes(TEST_PERSONNUMMER.slice(0, 8)), where);
    }
  });
});

test('a reload restores the case without names and personnummer, unless they are to be kept', async () => {
  await withApp(async ({ page }) => {
    await field(page, 'title').fill('Återställt fall');
    await page.locator(tid('child-personnummer')).fill(withHyphen(TEST_PERSONNUMMER));
    await waitForValue(page.locator(tid('child-birth-date')), '2017-01-01');
    await page.locator(tid('child-birth-date')).fill('');
    await field(page, 'guardians[0].registered.from').fill('2017-01-01');
    await field(page, 'guardians[1].registered.from').fill('2017-01-01');
    await waitUntil(() => stored(page), (s) => s.session['insyn.current-case']?.includes('Återställt'), 'written');

    await reload(page);
    assert.equal(await field(page, 'title').inputValue(), 'Återställt fall');
    assert.equal(await page.locator(tid('child-name')).inputValue(), '');
    assert.equal(await page.locator(tid('child-personnummer')).inputValue(), '');
    assert.equal(await field(page, 'guardians[0].name').inputValue(), '');
    // The birth date the personnummer gave is kept, so the answer is the same.
    assert.equal(await page.locator(tid('child-birth-date')).inputValue(), '2017-01-01');
    await waitForText(status(page), 'utan namn och personnummer');
    // Still unsaved: the reload did not make it saved.
    await page.locator(tid('unsaved-badge')).waitFor();

    // Now keep them: names come back after the next reload.
    await openStoragePanel(page);
    await page.locator(tid('keep-names')).check();
    await page.locator(tid('child-name')).fill('Testbarn Testsson');
    await page.locator(tid('child-personnummer')).fill(withHyphen(TEST_PERSONNUMMER));
    await waitUntil(() => stored(page), (s) => s.session['insyn.current-case']?.includes('Testbarn'), 'names kept');
    await reload(page);
    assert.equal(await page.locator(tid('child-name')).inputValue(), 'Testbarn Testsson');
    assert.equal(await page.locator(tid('child-personnummer')).inputValue(), withHyphen(TEST_PERSONNUMMER));
    await openStoragePanel(page);
    assert.equal(await page.locator(tid('keep-names')).isChecked(), true);

    // Unticked again: the tab's copy loses them at once.
    await page.locator(tid('keep-names')).uncheck();
    await waitUntil(() => stored(page), (s) => !s.session['insyn.current-case']?.includes('Testbarn'), 'names out');
  });
});

test('a named case is saved in the browser without names, opened again, and with names only to the end of the day', async () => {
  await withApp(async ({ page, context }) => {
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
    // A label naming the child is refused while names are not saved.
    await saveAs(page, 'Elsa');
    await waitForText(status(page), 'Välj ett annat namn');
    assert.deepEqual((await stored(page)).local, {});

    await saveAs(page, 'Blockering, fall 1');
    await waitForText(status(page), 'sparat i den här webbläsaren som ”Blockering, fall 1”, utan namn och personnummer');
    const { local } = await stored(page);
    const keys = Object.keys(local);
    assert.equal(keys.length, 1);
    assert.match(keys[0], /^insyn\.saved-case\.[0-9a-f]{12}$/);
    for (const secret of ['Elsa', 'Peter', 'Maria', TEST_PERSONNUMMER.slice(2, 8)]) {
      assert.ok(!local[keys[0]].includes(secret), `${secret} not saved`);
    }
    const item = page.locator(`${tid('saved-list')} li`);
    assert.equal(await item.count(), 1);
    assert.match(squash(await item.textContent()), /Blockering, fall 1 \(öppet\)\s*Sparat 2026-11-23 kl\. \d\d:\d\d · utan namn och personnummer/);

    // Saved: another case opens without a question; then the saved one again.
    await openTrainingCase(page, 'normal-family');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Alva Exempel');
    await item.locator('button', { hasText: 'Öppna' }).click();
    await waitForText(status(page), 'Det sparade fallet ”Blockering, fall 1” är öppnat');
    assert.equal(await page.locator(tid('child-name')).inputValue(), '');
    assert.equal(await page.locator(tid('child-birth-date')).inputValue(), '2017-01-01');
    assert.equal(await page.locator(tid('measure-blockering-vh2')).count(), 1);

    // With names: kept until the end of the day, then gone, the case still there.
    await page.locator(tid('child-name')).fill('Elsa Test');
    await saveAs(page, 'Blockering, fall 1', { withNames: true });
    await waitForText(status(page), 'med namn och personnummer till dagens slut');
    assert.match(Object.values((await stored(page)).local)[0], /Elsa Test/);
    assert.match(squash(await item.textContent()), /med namn och personnummer till dagens slut/);

    await context.clock.setFixedTime(new Date('2026-11-24T07:00:00+01:00'));
    await reload(page);
    await openStoragePanel(page);
    assert.match(squash(await item.textContent()), /utan namn och personnummer/);
    const next = Object.values((await stored(page)).local)[0];
    assert.ok(!next.includes('Elsa'), 'the names are gone from storage the next day');
    assert.match(next, /"revision":2/);
  }, { today: TODAY });
});

test('storage that is blocked gives a Swedish message, and the case stays and works', async () => {
  // openApp goes to the page at once; here the init script must come before the app loads.
  const blocked = await openBlocked();
  try {
    const { page } = blocked;
    await waitForText(page.locator(tid('storage-problem')), 'låter inte Insyn spara något');
    await page.locator(tid('child-name')).fill('Testbarn Testsson');
    assert.equal(await page.locator(tid('child-name')).inputValue(), 'Testbarn Testsson');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Testbarn Testsson');
    await saveAs(page, 'Fall');
    await waitForText(status(page), 'låter inte Insyn spara något');
    assertNoProblems(blocked, 'with storage blocked');
  } finally {
    await blocked.close();
  }
});

/** The app in a context whose sessionStorage and localStorage throw, as a blocking policy does. */
async function openBlocked() {
  const s = await openContextPage(served.browser, { timezoneId: 'Europe/Stockholm' });
  await s.context.clock.setFixedTime(new Date(`${TODAY}T12:00:00+01:00`));
  await s.context.addInitScript(() => {
    for (const name of ['sessionStorage', 'localStorage']) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    }
  });
  await s.page.goto(served.server.url, { waitUntil: 'load' });
  await s.page.locator(tid('access-matrix')).waitFor({ state: 'visible', timeout: 20_000 });
  return s;
}

test('storage that is full gives a Swedish message, and the case is unchanged', async () => {
  await withApp(async ({ page }) => {
    await page.evaluate(() => {
      const setItem = Storage.prototype.setItem;
      window.restoreSetItem = () => {
        Storage.prototype.setItem = setItem;
      };
      Storage.prototype.setItem = function (key, value) {
        if (String(key).startsWith('insyn.')) throw new DOMException('quota', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    await page.locator(tid('child-name')).fill('Fullt Minne');
    await waitForText(page.locator(tid('storage-problem')), 'lagring är full');
    assert.equal(await page.locator(tid('child-name')).inputValue(), 'Fullt Minne');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Fullt Minne');
    await saveAs(page, 'Fall');
    await waitForText(status(page), 'lagring är full');
    assert.deepEqual((await stored(page)).local, {});
    // Room again: the next edit is kept and the message goes.
    await page.evaluate(() => window.restoreSetItem());
    await page.locator(tid('child-name')).fill('Fullt Minne igen');
    await page.locator(tid('storage-problem')).waitFor({ state: 'detached' });
    assert.match((await stored(page)).session['insyn.current-case'], /schema_version/);
  });
});

test('a damaged or future-version value is kept aside, reported, and never overwritten', async () => {
  await withApp(async ({ page }) => {
    const future = JSON.stringify({ schema_version: 7, saved_at: '2031-01-01T00:00:00', data: { anything: true } });
    await page.evaluate((future) => {
      sessionStorage.setItem('insyn.current-case', '{"schema_version":1, "saved_at": "trasig');
      localStorage.setItem('insyn.saved-case.fromthefuture', future);
    }, future);
    await reload(page);

    const warnings = page.locator(tid('kept-aside'));
    await waitUntil(() => warnings.count(), (n) => n === 2, 'two values kept aside');
    const text = squash(await page.locator(tid('browser-storage')).textContent());
    assert.match(text, /det öppna fallet i den här fliken kunde inte läsas: de är skadade/);
    assert.match(text, /ett fall sparat i den här webbläsaren kunde inte läsas: de är sparade av en nyare version av Insyn \(lagringsformat 7\)/);
    assert.match(text, /Ladda ner dem om du vill behålla dem, eller ta bort dem/);

    // Kept unchanged under their own keys; the example case is shown.
    let { session, local } = await stored(page);
    assert.equal(session['insyn.kept-aside.current-case'], '{"schema_version":1, "saved_at": "trasig');
    assert.equal(local['insyn.kept-aside.saved-case.fromthefuture'], future);
    assert.equal(local['insyn.saved-case.fromthefuture'], undefined);
    assert.equal(await page.locator(tid('child-name')).inputValue(), 'Alva Exempel');

    // Edits and saves write elsewhere: the kept values stay as they were.
    await page.locator(tid('child-name')).fill('Ny Text');
    await saveAs(page, 'Eget fall');
    await waitForText(status(page), 'Eget fall');
    ({ session, local } = await stored(page));
    assert.equal(session['insyn.kept-aside.current-case'], '{"schema_version":1, "saved_at": "trasig');
    assert.equal(local['insyn.kept-aside.saved-case.fromthefuture'], future);

    // Download one, delete both.
    const download = page.waitForEvent('download');
    await warnings.nth(1).locator(tid('kept-aside-download')).click();
    assert.equal((await download).suggestedFilename(), 'insyn-undanlagt.json');
    await warnings.first().locator(tid('kept-aside-delete')).click();
    await warnings.first().locator(tid('kept-aside-delete')).click();
    await waitUntil(() => warnings.count(), (n) => n === 0, 'both deleted');
    ({ session, local } = await stored(page));
    assert.ok(!Object.keys({ ...session, ...local }).some((k) => k.includes('kept-aside')));
  });
});

test('two tabs editing the same saved case: the second save is refused with a message, nothing is overwritten', async () => {
  await withApp(async ({ page: first, context }) => {
    await saveAs(first, 'Delat fall');
    await waitForText(status(first), 'Delat fall');

    const second = await context.newPage();
    await second.goto(served.server.url, { waitUntil: 'load' });
    await second.locator(tid('access-matrix')).waitFor({ state: 'visible', timeout: 20_000 });
    await openStoragePanel(second);
    await second.locator(`${tid('saved-list')} li button`, { hasText: 'Öppna' }).click();
    await waitForText(status(second), 'Det sparade fallet ”Delat fall” är öppnat');

    // The first tab saves a change; the second hears of it.
    await field(first, 'title').fill('Ändrat i första fliken');
    await first.locator(tid('save-case')).click();
    await waitForText(status(first), 'Delat fall');
    await waitForText(status(second), 'har just sparats i en annan flik');
    const afterFirst = await stored(first);

    // The second tab's save is refused, and the first tab's work stays.
    await field(second, 'title').fill('Ändrat i andra fliken');
    await second.locator(tid('save-case')).click();
    await waitForText(status(second), 'har sparats i en annan flik');
    await waitForText(status(second), 'Ditt fall sparades inte, så ingenting skrevs över');
    assert.deepEqual((await stored(second)).local, afterFirst.local);
    assert.match(Object.values(afterFirst.local)[0], /Ändrat i första fliken/);

    // It can be kept as a new case instead.
    await second.locator(tid('save-as-new')).click();
    await waitForText(status(second), 'sparat i den här webbläsaren');
    const titles = Object.values((await stored(second)).local).map((v) => JSON.parse(v).data.case.title).sort();
    assert.deepEqual(titles, ['Ändrat i andra fliken', 'Ändrat i första fliken']);
    await second.close();
  });
});

test('"Rensa allt" asks, then erases everything Insyn stored in both storages', async () => {
  await withApp(async ({ page }) => {
    await page.evaluate(() => localStorage.setItem('not-insyn', 'stays'));
    await saveAs(page, 'Att radera');
    await page.locator(tid('child-name')).fill('Ska Bort');
    await page.locator(tid('tab-documents')).click();
    await page.locator(tid('staff-name')).fill('Anna Andersson');
    await page.locator(tid('staff-remember')).check();
    await waitUntil(
      () => stored(page),
      (s) => Object.keys(s.local).length === 3 && Object.keys(s.session).length === 1,
      'the saved case, the staff details and the tab copy',
    );

    // Cancelled: nothing happens.
    await page.locator(tid('clear-all')).click();
    const dialog = page.locator(`${tid('clear-all-dialog')}[open]`);
    await dialog.waitFor();
    assert.match(squash(await dialog.textContent()), /Radera allt som Insyn har sparat\?/);
    await dialog.locator(tid('clear-all-dialog-cancel')).click();
    await dialog.waitFor({ state: 'detached' }).catch(() => {});
    assert.equal(Object.keys((await stored(page)).local).length, 3);

    await page.locator(tid('clear-all')).click();
    await page.locator(`${tid('clear-all-dialog')}[open]`).locator(tid('clear-all-dialog-confirm')).click();
    await waitForText(status(page), 'är raderat');
    assert.deepEqual(await stored(page), { session: {}, local: { 'not-insyn': 'stays' } });
    assert.equal(await page.locator(tid('staff-name')).inputValue(), '');
    assert.equal(await page.locator(tid('child-name')).inputValue(), 'Alva Exempel');
    // Typing in the form again does not bring the details back.
    await page.locator(tid('staff-name')).fill('Anna');
    assert.equal(await page.locator(tid('staff-remember')).isChecked(), false);
    assert.deepEqual((await stored(page)).local, { 'not-insyn': 'stays' });
    await reload(page);
    assert.deepEqual(await stored(page), { session: {}, local: { 'not-insyn': 'stays' } });
  });
});

test('replacing a case with unsaved changes asks first, in the page', async () => {
  await withApp(async ({ page }) => {
    // Unchanged: no question.
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');

    await page.locator(tid('child-name')).fill('Ändrad');
    await openStoragePanel(page);
    await page.locator(tid('unsaved-badge')).waitFor();
    await openTrainingCase(page, 'normal-family');
    const dialog = page.locator(`${tid('replace-dialog')}[open]`);
    await dialog.waitFor();
    const text = squash(await dialog.textContent());
    assert.match(text, /Fallet har ändringar som inte är sparade/);
    assert.match(text, /Om du öppnar övningsfallet ”Vanlig familj utan skyddsåtgärder” försvinner/);
    // Focus starts on "Avbryt", so Enter or Escape keeps the work.
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'replace-dialog-cancel');
    await page.keyboard.press('Escape');
    await waitUntil(() => dialog.count(), (n) => n === 0, 'the question closes');
    assert.equal(await page.locator(tid('child-name')).inputValue(), 'Ändrad');

    // "Nytt fall" asks too; confirmed, it replaces.
    await page.locator(tid('new-case')).click();
    await dialog.waitFor();
    assert.match(squash(await dialog.textContent()), /ett nytt, tomt fall/);
    await dialog.locator(tid('replace-dialog-confirm')).click();
    await waitForValue(field(page, 'title'), 'Nytt fall');
    assert.equal(await page.locator(tid('child-name')).inputValue(), '');

    // A file, after an edit: asked, cancelled, unchanged.
    await field(page, 'title').fill('Mitt nya fall');
    await page.locator(tid('open-case-file')).setInputFiles({
      name: 'fall.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format_version: 1, region: 'vgr', child: { birth_date: '2020-01-01' } })),
    });
    await dialog.waitFor();
    assert.match(squash(await dialog.textContent()), /fallet i fall\.json/);
    await dialog.locator(tid('replace-dialog-cancel')).click();
    assert.equal(await field(page, 'title').inputValue(), 'Mitt nya fall');
  });
});

test('no axe-core violations in the storage section, a kept-aside report and both questions', async () => {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const options = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    resultTypes: ['violations'],
  };
  // axe is injected as an inline script, which the page's CSP forbids: bypassed here only.
  await withApp(async ({ page }) => {
    await page.evaluate(() => localStorage.setItem('insyn.saved-case.x', '{"schema_version":3}'));
    await reload(page);
    await saveAs(page, 'Fall 1');
    await page.locator(tid('child-name')).fill('Ändrad');
    const check = async (when) => {
      await page.addScriptTag({ path: axePath });
      const results = await page.evaluate((o) => window.axe.run(document, o), options);
      const lines = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(lines, [], `axe violations ${when}`);
    };
    await page.locator(tid('kept-aside')).waitFor();
    await check('with the section open');
    await openTrainingCase(page, 'normal-family');
    await page.locator(`${tid('replace-dialog')}[open]`).waitFor();
    await check('with the replace question open');
    await page.keyboard.press('Escape');
    await page.locator(tid('clear-all')).click();
    await page.locator(`${tid('clear-all-dialog')}[open]`).waitFor();
    await check('with the "Rensa allt" question open');
    await page.keyboard.press('Escape');
  }, { contextOptions: { bypassCSP: true } });
});
