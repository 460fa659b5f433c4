// Date fields, typed as staff type them, end to end on the release build: an
// impossible day in an empty optional field (a custody end, a blocking's end)
// and a year typed digit by digit. Every date field says what it cannot read,
// next to the field and in the error summary, and the matrix says its answer
// may be incomplete instead of answering as if the field were empty.
//
// The machine's Chromium has only its en-US locale, so a date input reads
// MM/DD/YYYY here: `typeDate` types the digits in that order (a Swedish
// Chrome shows ÅÅÅÅ-MM-DD, but the browser behaves the same way).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  tid,
  openApp,
  openTab,
  openTrainingCase,
  setDate,
  cellOutcome,
  waitForOutcome,
  waitForText,
  waitUntil,
  assertNoProblems,
  squash,
  servedApp,
} from './app.mjs';

const served = servedApp();

async function withApp(body) {
  const session = await openApp(served.browser, served.server.url);
  try {
    await body(session);
    assertNoProblems(session, 'during the test');
  } finally {
    await session.close();
  }
}

const field = (page, path) => page.locator(`[data-path="${path}"]`);

/** The message next to the field at `path` (its first aria-describedby target). */
async function errorNextTo(page, path) {
  const id = (await field(page, path).getAttribute('aria-describedby')).split(/\s+/)[0];
  return squash((await page.locator(`[id="${id}"]`).textContent()) ?? '');
}

/** Types `digits` (MMDDYYYY, or fewer) into a date input from its first segment, key by key. */
async function typeDate(page, locator, digits) {
  await locator.focus();
  await page.keyboard.type(digits, { delay: 20 });
}

/**
 * Starts recording, inside the page, every answer the matrix gives (its
 * caption, or that it cannot be shown), so a test can tell what was
 * evaluated between two moments, not just what is shown at the end.
 */
async function recordAnswers(page) {
  await page.evaluate(() => {
    window.__answers = [];
    const note = () => {
      const caption = document.querySelector('[data-testid=access-matrix] caption')?.textContent;
      const unavailable = document.querySelector('[data-testid=matrix-unavailable]')?.textContent;
      const answer = unavailable ?? caption ?? '';
      if (window.__answers.at(-1) !== answer) window.__answers.push(answer);
    };
    note();
    new MutationObserver(note).observe(document.querySelector('main'), {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}
const answers = (page) => page.evaluate(() => window.__answers);

test('an impossible custody end typed into the empty field is reported, and the matrix says its answer may be incomplete', async () => {
  await withApp(async ({ page }) => {
    const path = 'guardians[1].registered.to';
    await typeDate(page, field(page, path), '04312027');
    await page.keyboard.press('Tab');

    await waitUntil(() => errorNextTo(page, path), (t) => /Datumet finns inte/.test(t), 'the message next to the custody end');
    assert.equal(await field(page, path).getAttribute('aria-invalid'), 'true');
    const summary = squash(await page.locator(tid('error-summary')).textContent());
    assert.match(summary, /Vårdnadshavare 2 \(Johan Exempel\), vårdnadshavare, t\.o\.m\.: Datumet finns inte/);
    const incomplete = squash(await page.locator(tid('answer-incomplete')).textContent());
    assert.match(incomplete, /Svaret kan vara ofullständigt/);
    assert.match(incomplete, /Vårdnadshavare 2 \(Johan Exempel\), vårdnadshavare, t\.o\.m\./);

    // Typed right, the message and the warning go, and the custody ends on that day.
    await field(page, path).fill('2027-04-30');
    await waitUntil(() => errorNextTo(page, path), (t) => t === '', 'the message goes');
    assert.equal(await page.locator(tid('answer-incomplete')).count(), 0);
    await setDate(page, '2027-05-01');
    await waitForOutcome(page, 'vh2', 'journal:vc-lunden', 'Ingen åtkomst');
    assert.equal(await cellOutcome(page, 'vh1', 'journal:vc-lunden'), 'Har åtkomst');
  });
});

test('an impossible end typed into an open blocking is reported next to it and in the summary, and the blocking stands', async () => {
  await withApp(async ({ page }) => {
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await waitForOutcome(page, 'vh2', 'journal:barnmottagningen', 'Ingen åtkomst');
    const path = 'measures[0].period.to';
    await typeDate(page, field(page, path), '02302027');
    await page.keyboard.press('Tab');

    await waitUntil(() => errorNextTo(page, path), (t) => /Datumet finns inte/.test(t), 'the message next to the blocking end');
    const summary = squash(await page.locator(tid('error-summary')).textContent());
    assert.match(summary, /Åtgärd 1 \(Blockering\), t\.o\.m\.: Datumet finns inte/);
    await waitForText(page.locator(tid('answer-incomplete')), 'Åtgärd 1 (Blockering), t.o.m.');
    assert.equal(await cellOutcome(page, 'vh2', 'journal:barnmottagningen'), 'Ingen åtkomst');

    // The summary's line takes the keyboard to the field.
    await page.locator(`${tid('error-summary')} [data-error-path="${path}"]`).click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.path), path);

    // Emptied again (every segment cleared), the blocking is open-ended and nothing is wrong.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Tab');
    }
    await waitUntil(() => page.locator(tid('error-summary')).count(), (n) => n === 0, 'the summary goes');
    assert.equal(await page.locator(tid('answer-incomplete')).count(), 0);
  });
});

test('a year typed digit by digit is never evaluated: the matrix answers only for the whole year', async () => {
  await withApp(async ({ page }) => {
    const birth = field(page, 'child.birth_date');
    assert.equal(await birth.inputValue(), '2015-05-10');
    await recordAnswers(page);
    // To the year segment, then 2, 0, 1, 4: the browser's value is 0002-05-10,
    // 0020-05-10 and 0201-05-10 on the way.
    await birth.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('2', { delay: 20 });
    await waitUntil(() => errorNextTo(page, 'child.birth_date'), (t) => /Året 2 går inte att använda/.test(t), 'the half-typed year is named');
    assert.match(squash(await page.locator(tid('error-summary')).textContent()), /Barnet, födelsedatum: Året 2/);
    await page.keyboard.type('014', { delay: 20 });
    await waitUntil(() => page.locator(tid('access-matrix')).locator('caption').textContent(), (t) => /barnet är 12 år/.test(t), 'the whole year is evaluated');
    assert.equal(await page.locator(tid('error-summary')).count(), 0);

    const seen = await answers(page);
    assert.ok(
      seen.every((answer) => /barnet är 1[12] år/.test(answer)),
      `every answer was for a child born 2015 or 2014: ${JSON.stringify(seen)}`,
    );
  });
});

test('"Visa läget den" typed digit by digit answers only for a whole date between 1900 and 2100', async () => {
  await withApp(async ({ page }) => {
    const asked = page.locator(tid('asked-date'));
    await recordAnswers(page);
    await asked.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('2', { delay: 20 });
    await waitForText(page.locator('#asked-date-error'), 'Året 2 går inte att använda');
    await waitForText(page.locator(tid('answer-incomplete')), 'Visa läget den');
    await page.keyboard.type('027', { delay: 20 });
    await waitForText(page.locator(tid('access-matrix')).locator('caption'), 'den 2027-11-23');
    assert.equal(await page.locator(tid('answer-incomplete')).count(), 0);
    const seen = await answers(page);
    assert.ok(
      seen.every((answer) => /den 202[67]-11-23/.test(answer)),
      `every answer was for 2026 or 2027: ${JSON.stringify(seen)}`,
    );
  });
});

test('the timeline’s range says what it cannot read, next to it and in the summary, and its messages go with the view', async () => {
  await withApp(async ({ page }) => {
    await openTab(page, 'timeline');
    const from = page.locator(tid('timeline-from'));
    await from.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('2', { delay: 20 });
    await waitForText(page.locator('#timeline-range-error'), 'Året 2 går inte att använda');
    assert.match(squash(await page.locator(tid('error-summary')).textContent()), /Tidslinjen, fr\.o\.m\.: Året 2/);
    // The range is not part of the answers: no warning on them.
    assert.equal(await page.locator(tid('answer-incomplete')).count(), 0);
    await page.keyboard.type('020', { delay: 20 });
    await waitUntil(() => page.locator('#timeline-range-error').textContent(), (t) => t === '', 'the message goes');
    // Leaving the view takes its messages with it.
    await page.keyboard.press('Backspace');
    await waitForText(page.locator('#timeline-range-error'), 'Datumet finns inte');
    await openTab(page, 'situation');
    await waitUntil(() => page.locator(tid('error-summary')).count(), (n) => n === 0, 'the summary goes with the view');
  });
});
