// The trainers' mode (utbildningsläge) end to end on the release build: a
// trainer opens it and steps through a case with the keyboard only, the room
// asked before each answer is shown; every stage passes axe-core at 1366×768
// and at 320 px; the keyboard is never lost; Escape leaves. The mode has its
// own address, and presents any case, also one opened from a shared link.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tid, openApp, waitForText, waitUntil, assertNoProblems, servedApp } from './app.mjs';
import { axeViolations, assertNoViolations } from './axe.mjs';

const served = servedApp();

const STEPS_OF_THE_BLOCKING_CASE = [
  '2 september 2019',
  '1 november 2019',
  '26 mars 2026',
  '15 juni 2026',
  '1 januari 2030',
  '1 januari 2033',
];

/** What has the keyboard: its data-testid or id and tag, "BODY" when nothing does. */
const focused = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'BODY';
    return `${e.getAttribute('data-testid') ?? e.id ?? ''} ${e.tagName}`;
  });

const progress = (page) => page.locator(tid('trainer-progress')).textContent();

/** How far the page scrolls sideways (a wide matrix scrolls in its own region instead). */
const sideways = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Presses `key` and waits until the progress line reads `expected`. */
async function pressUntil(page, key, expected) {
  await page.keyboard.press(key);
  await waitUntil(() => progress(page), (p) => p === expected, `after ${key}, the progress should read "${expected}"`);
}

/** Presses Tab until the element with `testid` has the keyboard (at most 40 times). */
async function tabTo(page, testid) {
  for (let i = 0; i < 40; i++) {
    if ((await focused(page)).startsWith(`${testid} `)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${testid}`);
}

/** Chooses `value` in the focused select with the arrow keys, as a keyboard user does. */
async function arrowToOption(page, value) {
  const select = page.locator(tid('trainer-case'));
  for (let i = 0; i < 20; i++) {
    if ((await select.inputValue()) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`the case list never showed ${value}`);
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 320, height: 640 },
]) {
  test(`at ${viewport.width} px a trainer steps through a case with the keyboard only, each answer shown only when asked for, every stage without axe violations`, async () => {
    const session = await openApp(served.browser, served.server.url, { contextOptions: { viewport, bypassCSP: true } });
    const { page } = session;
    const found = {};
    try {
      await tabTo(page, 'open-trainer');
      await page.keyboard.press('Enter');
      await page.locator(tid('trainer-story')).waitFor();
      // The keyboard moves a frame after the mode opens.
      await waitUntil(() => focused(page), (f) => f.endsWith('H1'), 'the keyboard starts at the mode’s heading');
      assert.equal(await page.locator('.app-page').isVisible(), false, 'the editor is folded away');
      found['story of the example case'] = await axeViolations(page);

      // Space on the page steps on; ← steps back.
      await pressUntil(page, 'Space', 'Steg 1 av 5: fråga');
      await pressUntil(page, 'ArrowLeft', 'Fallet');

      // Another case, chosen in the list with the arrows (which do not step the mode there).
      await tabTo(page, 'trainer-case');
      await arrowToOption(page, 'one-guardian-risk-blocking');
      assert.equal(await progress(page), 'Fallet', 'arrows in the case list moved the mode');
      await page.keyboard.press('Tab');
      assert.match(await focused(page), /^trainer-open-case /);
      await page.keyboard.press('Enter');
      await waitForText(page.locator(tid('trainer-story')), 'Elsa är 9 år');
      assert.equal(await sideways(page), 0, 'the story scrolls sideways');
      found['story of the blocking case'] = await axeViolations(page);

      for (const [i, date] of STEPS_OF_THE_BLOCKING_CASE.entries()) {
        const step = `Steg ${i + 1} av ${STEPS_OF_THE_BLOCKING_CASE.length}`;
        await pressUntil(page, i % 2 ? 'PageDown' : 'ArrowRight', `${step}: fråga`);
        await waitForText(page.locator(tid('trainer-step-heading')), date);
        assert.equal(await page.locator(tid('trainer-answer')).count(), 0, `${step}: the answer is shown with the question`);
        assert.notEqual(await focused(page), 'BODY', `${step}: the keyboard was lost`);
        found[`${step}, question`] = await axeViolations(page);

        await pressUntil(page, 'ArrowRight', `${step}: svar`);
        await page.locator(tid('trainer-matrix')).waitFor();
        assert.notEqual(await focused(page), 'BODY', `${step}: the keyboard was lost`);
        assert.equal(await sideways(page), 0, `${step}: the page scrolls sideways`);
        found[`${step}, answer`] = await axeViolations(page);
      }
      // The blocking (step 4), asked without naming it, answered with the guidance's line.
      await pressUntil(page, 'ArrowLeft', 'Steg 6 av 6: fråga');
      for (const expected of ['Steg 5 av 6: svar', 'Steg 5 av 6: fråga', 'Steg 4 av 6: svar', 'Steg 4 av 6: fråga']) {
        await pressUntil(page, 'ArrowLeft', expected);
      }
      const question = await page.locator(tid('trainer-question')).textContent();
      assert.match(question, /Vilken åtgärd skulle du välja\?/);
      assert.doesNotMatch(question, /Blockering/);
      await pressUntil(page, 'ArrowRight', 'Steg 4 av 6: svar');
      await waitForText(page.locator(tid('trainer-advice')), 'Riktlinjen rekommenderar: Blockering');
      await waitForText(page.locator(tid('trainer-revealed')), 'Blockering av Peter Test, från 2026-06-15');
      assert.equal(await page.locator(`${tid('trainer-cell-vh2-proxy')}`).getAttribute('data-changed'), 'true');

      // The keyboard is not trapped: Tab leaves the moves for the answer and beyond.
      await tabTo(page, 'trainer-forward');
      await page.keyboard.press('Tab');
      assert.doesNotMatch(await focused(page), /^trainer-forward /);

      // Escape leaves for "Läget", on the step's date, and the keyboard is back on the button.
      await page.keyboard.press('Escape');
      await page.locator(tid('access-matrix')).waitFor();
      assert.equal(await page.locator(tid('trainer')).count(), 0);
      await waitUntil(() => focused(page), (f) => f.startsWith('open-trainer '), 'the keyboard back on "Utbildningsläge"');
      assert.equal(await page.locator(tid('asked-date')).first().inputValue(), '2026-06-15');
      found['back on the page after leaving'] = await axeViolations(page);
      assertNoViolations(found);
      assertNoProblems(session, 'while presenting');
    } finally {
      await session.close();
    }
  });
}

test('the mode has its own address: #/utbildning opens it, leaving gives the view its address, and back opens it again', async () => {
  const session = await openApp(served.browser, `${served.server.url}#/utbildning`, { waitFor: 'trainer' });
  const { page } = session;
  const fragment = () => decodeURIComponent(new URL(page.url()).hash);
  try {
    assert.equal(fragment(), '#/utbildning');
    await waitForText(page.locator(tid('trainer-story')), 'Vanlig familj utan skyddsåtgärder');
    await page.locator(tid('trainer-leave')).click();
    await page.locator(tid('access-matrix')).waitFor();
    await waitUntil(async () => fragment(), (f) => f === '#/läget', 'the address of "Läget"');
    await page.goBack();
    await page.locator(tid('trainer')).waitFor();
    assert.equal(fragment(), '#/utbildning');
    assertNoProblems(session, 'while opening and leaving the mode');
  } finally {
    await session.close();
  }
});

test('a case opened from a shared link is presented as it is: no story, its steps, its blocking asked about before it is shown', async () => {
  const shared = {
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
  const link = `${served.server.url}#/fall/${Buffer.from(JSON.stringify(shared)).toString('base64url')}`;
  const session = await openApp(served.browser, link);
  const { page } = session;
  try {
    await waitForText(page.locator(tid('case-file-status')), 'delade länken är öppnat');
    await page.locator(tid('open-trainer')).click();
    const story = page.locator(tid('trainer-story'));
    await waitForText(story, 'Delat övningsfall');
    await waitForText(story, 'Fallet har ingen berättelse i Insyn');
    assert.equal(await page.locator(tid('trainer-case')).inputValue(), '');
    const heading = page.locator(tid('trainer-step-heading'));
    await page.keyboard.press('ArrowRight');
    await heading.waitFor();
    while (!(await heading.textContent()).includes('1 februari 2024')) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await waitUntil(() => progress(page), (p) => p.endsWith('fråga'), 'the next question');
    }
    const question = await page.locator(tid('trainer-question')).textContent();
    assert.match(question, /Vilken åtgärd skulle du välja\?/);
    assert.doesNotMatch(question, /Blockering/);
    await page.keyboard.press('Space');
    await waitForText(page.locator(tid('trainer-revealed')), 'Blockering av vårdnadshavare 2, från 2024-02-01, börjar gälla');
    assert.equal(await page.locator(tid('trainer-claims')).count(), 0, 'a shared case has no notes of its own');
    assertNoProblems(session, 'while presenting a shared case');
  } finally {
    await session.close();
  }
});
