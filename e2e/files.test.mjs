// Case files, end to end on the release build: the app reads a file's bytes
// with the engine's one reader, as the CLI does (UTF-8 with or without a byte
// order mark, no other encoding, within the case format's limits), lists every
// problem with its field, and leaves the open case untouched when a file is
// refused. Export asks whether names and personnummer go with the file (no,
// unless staff say so) and names the file after the case's title and the date.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tid, openApp, waitForText, assertNoProblems, squash, servedApp, TODAY } from './app.mjs';
import { scalingCase } from '../bench/scaling-case.mjs';

const served = servedApp();

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations'],
};

async function withApp(body) {
  const session = await openApp(served.browser, served.server.url);
  try {
    await body(session);
    assertNoProblems(session, 'during the test');
  } finally {
    await session.close();
  }
}

/** A VGR family with Swedish letters in its names (Åsa, Örjan), as a case file's text. */
const FAMILY = JSON.stringify(
  {
    format_version: 1,
    title: 'Familj från fil',
    region: 'vgr',
    child: { birth_date: '2016-03-01', name: 'Åsa Test' },
    guardians: [
      { id: 'vh1', name: 'Örjan Test', registered: { from: '2016-03-01' } },
      { id: 'vh2', name: 'Märta Test', registered: { from: '2016-03-01' } },
    ],
    care_units: [{ id: 'vc', name: 'Vårdcentralen Ängen' }],
  },
  null,
  2,
);

/** Chooses a file of `bytes` in "Öppna fil…" and waits for the status line to change. */
async function openFile(page, name, bytes) {
  const status = page.locator(tid('case-file-status'));
  const before = await status.textContent();
  await page.locator(tid('open-case-file')).setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
  await page.waitForFunction(
    ([sel, before]) => document.querySelector(sel)?.textContent !== before,
    [tid('case-file-status'), before],
  );
  return squash(await status.textContent());
}

const childName = (page) => page.locator(tid('child-name')).inputValue();
const problems = (page) => page.locator(`${tid('case-file-problems')} li`).allTextContents();

test('a case file saved with a byte order mark opens like any other', async () => {
  await withApp(async ({ page }) => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FAMILY, 'utf8')]);
    assert.match(await openFile(page, 'med-bom.json', bytes), /Fallet i med-bom\.json är öppnat/);
    assert.equal(await childName(page), 'Åsa Test');
    await waitForText(page.locator(tid('access-matrix')), 'Örjan Test');
  });
});

test('a Latin-1 file is refused with a message to save it as UTF-8, and the open case is kept', async () => {
  await withApp(async ({ page }) => {
    const status = await openFile(page, 'latin1.json', Buffer.from(FAMILY, 'latin1'));
    assert.match(status, /Filen latin1\.json kunde inte öppnas/);
    assert.match(status, /inte sparad som UTF-8/);
    assert.match(status, /Det öppna fallet är oförändrat/);
    // Never read with its letters replaced: the example case is still open.
    assert.equal(await childName(page), 'Alva Exempel');
  });
});

test('a file beyond the case format’s limits gets a message naming the limit, and the page stays responsive', async () => {
  await withApp(async ({ page }) => {
    const tooMany = Buffer.from(JSON.stringify(scalingCase(201, 6)));
    const status = await openFile(page, 'for-manga.json', tooMany);
    assert.match(status, /Åtgärder \(measures\): Listan har 201 poster; högst 200 får finnas/);
    assert.equal(await childName(page), 'Alva Exempel');

    // Over 1 MB: refused before it is read.
    const padding = ' '.repeat(1_000_001);
    const tooLarge = Buffer.from(FAMILY.replace('{', `{${padding}`));
    const started = Date.now();
    const large = await openFile(page, 'for-stor.json', tooLarge);
    assert.match(large, /Filen for-stor\.json kunde inte öppnas\. Filen är för stor: ett fall får vara högst 1 MB/);
    assert.ok(Date.now() - started < 5_000, 'answered at once');
    assert.equal(await childName(page), 'Alva Exempel');
    // The page still answers.
    await page.locator(tid('jump-13')).click();
    await waitForText(page.locator(tid('access-matrix')).locator('caption'), '2028-05-10');
  });
});

test('an invalid file lists every problem with its field and leaves the open case untouched', async () => {
  await withApp(async ({ page }) => {
    const broken = JSON.parse(FAMILY);
    broken.guardians[1].registered.to = '2015-01-01';
    broken.care_units.push({ id: 'vc', name: 'Vårdcentralen igen' });
    broken.measures = [
      { id: 'b1', period: { from: '2020-01-01' }, type: 'blocking', guardians: ['vh3'] },
    ];
    const status = await openFile(page, 'fel.json', Buffer.from(JSON.stringify(broken)));
    assert.match(status, /Filen fel\.json kunde inte öppnas/);
    const listed = (await problems(page)).map(squash);
    const expect = [
      /^Vårdnadshavare 2 \(Märta Test\), vårdnadshavare, t\.o\.m\. \(guardians\[1\]\.registered\.to\): .*ligger före/,
      /^Vårdenhet 2 \(Vårdcentralen igen\), id \(care_units\[1\]\.id\): Id "vc" används två gånger/,
      /^Åtgärd 1 \(Blockering\), vårdnadshavare \(measures\[0\]\.guardians\[0\]\): Vårdnadshavaren "vh3" finns inte/,
    ];
    for (const pattern of expect) assert.ok(listed.some((line) => pattern.test(line)), `${pattern} in ${JSON.stringify(listed)}`);
    assert.equal(await childName(page), 'Alva Exempel');

    // A type error names its field too.
    const typed = JSON.parse(FAMILY);
    typed.child.birth_date = 20160301;
    await openFile(page, 'typfel.json', Buffer.from(JSON.stringify(typed)));
    assert.match((await problems(page)).join(' '), /Barnet, födelsedatum \(child\.birth_date\): följer inte fallformatet/);
    assert.equal(await childName(page), 'Alva Exempel');
  });
});

test('export asks whether names and personnummer go with the file, leaves them out by default and names the file after the title and the date', async () => {
  await withApp(async ({ page }) => {
    await page.locator(tid('export-case')).click();
    const question = page.locator(tid('export-question'));
    await question.waitFor();
    assert.match(squash(await question.textContent()), /Ta med namn och personnummer i filen\?/);
    assert.equal(await page.locator(tid('export-without-personal-data')).isChecked(), true);

    const without = await download(page);
    assert.equal(without.name, `insyn-vanlig-familj-utan-skyddsatgarder-${TODAY}.json`);
    assert.doesNotMatch(without.text, /Exempel/, 'no names');
    const withoutCase = JSON.parse(without.text);
    assert.equal(withoutCase.child.birth_date, '2015-05-10');
    assert.equal(withoutCase.guardians.length, 2);
    await waitForText(page.locator(tid('case-file-status')), 'utan namn och personnummer');

    await page.locator(tid('export-case')).click();
    await page.locator(tid('export-with-personal-data')).check();
    const withNames = await download(page);
    assert.equal(withNames.name, without.name);
    assert.equal(JSON.parse(withNames.text).child.name, 'Alva Exempel');
    assert.equal(JSON.parse(withNames.text).guardians[1].name, 'Johan Exempel');

    // The file without names opens again, and answers as before.
    const status = await openFile(page, without.name, Buffer.from(without.text));
    assert.match(status, /är öppnat/);
    assert.equal(await childName(page), '');
  });
});

/** Clicks "Spara filen" and returns the download's file name and text. */
async function download(page) {
  const [event] = await Promise.all([page.waitForEvent('download'), page.locator(tid('export-save')).click()]);
  const path = await event.path();
  return { name: event.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('the export question, a refused file’s problems, a shared link, folded measures and the incomplete-answer warning pass axe-core', async () => {
  const session = await openApp(served.browser, served.server.url, {
    contextOptions: { bypassCSP: true, permissions: ['clipboard-read', 'clipboard-write'] },
  });
  try {
    const { page } = session;
    const found = {};
    await page.locator(tid('export-case')).click();
    await page.locator(tid('export-question')).waitFor();
    found['export question'] = await axe(page);
    await page.locator(tid('export-cancel')).click();

    const broken = JSON.parse(FAMILY);
    broken.guardians[1].registered.to = '2015-01-01';
    await openFile(page, 'fel.json', Buffer.from(JSON.stringify(broken)));
    found['a refused file'] = await axe(page);

    for (const path of ['child.name', 'guardians[0].name', 'guardians[1].name']) {
      await page.locator(`[data-path="${path}"]`).fill('');
    }
    await page.locator(tid('share-case')).click();
    await page.locator(tid('share-link')).waitFor();
    found['a shared link'] = await axe(page);

    const field = page.locator('[data-path="guardians[1].registered.to"]');
    await field.focus();
    await page.keyboard.type('0431');
    await page.locator(tid('answer-incomplete')).waitFor();
    found['an unreadable date'] = await axe(page);

    // The case has unsaved changes: replacing it asks first.
    await page.locator(tid('open-case-file')).setInputFiles({
      name: 'stor.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(scalingCase(30, 6))),
    });
    await page.locator(tid('replace-dialog-confirm')).click();
    await page.locator('[data-testid^=fold-measure-]').first().waitFor();
    found['folded measures'] = await axe(page);

    const failures = Object.entries(found).filter(([, v]) => v.length);
    assert.equal(failures.length, 0, failures.map(([state, v]) => `${state}:\n${v.join('\n')}`).join('\n'));
  } finally {
    await session.close();
  }
});

/** axe-core's violations on the page as it is now, one line each. */
async function axe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const { violations } = await page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
