// Helpers for driving the Insyn app in the end-to-end tests: opening it on a
// fixed "today", choosing a training case, a date or a tab, and waiting for
// what the page shows. Playwright's own `expect` lives in @playwright/test,
// which is not installed; `waitForText` is the small polling stand-in.

import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { openContextPage, launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';
import { DIST, requireBuild } from './paths.mjs';

/**
 * For a test file: serve the release build and launch one Chromium before its
 * tests, close both after. Returns an object whose `server` and `browser` are
 * set once the file's tests run.
 */
export function servedApp() {
  const served = {};
  before(async () => {
    requireBuild(DIST, 'scripts/build.sh');
    served.server = await startServer({ root: DIST });
    served.browser = await launchBrowser();
  });
  after(async () => {
    await served.browser?.close();
    await served.server?.close();
  });
  return served;
}

/**
 * The date the tests' browser believes is today. Fixed so the tests mean
 * the same thing on any day: the example child (born 2015-05-10) is 11, and
 * VGR 2026 (in force from 2026-03-26) is the rule set answering.
 */
export const TODAY = '2026-11-23';

/** The training case open when the app starts. */
export const EXAMPLE_CASE = 'normal-family';

export const TABS = ['situation', 'decide', 'documents', 'timeline', 'compare', 'guardian-view', 'support', 'rule-sets'];

/** `[data-testid="…"]`, quoted, since some test ids contain ":". */
export const tid = (id) => `[data-testid="${id}"]`;

/**
 * Opens the app at `url` in a new context of `browser`, with the clock fixed
 * at noon on `today` (Swedish time), and waits for the access matrix.
 * `beforeLoad(session)`, if given, runs before the first navigation (e.g. to
 * add init scripts). Returns the session from openContextPage (page,
 * problems(), close(), …).
 */
export async function openApp(
  browser,
  url,
  { today = TODAY, contextOptions = {}, waitFor = 'access-matrix', beforeLoad } = {},
) {
  const session = await openContextPage(browser, { timezoneId: 'Europe/Stockholm', ...contextOptions });
  try {
    if (today) await session.context.clock.setFixedTime(new Date(`${today}T12:00:00+01:00`));
    if (beforeLoad) await beforeLoad(session);
    await session.page.goto(url, { waitUntil: 'load' });
    await session.page.locator(tid(waitFor)).waitFor({ state: 'visible', timeout: 20_000 });
  } catch (err) {
    await session.close();
    throw err;
  }
  return session;
}

/** Clicks the view tab `id` (one of TABS) and waits until it is the selected one. */
export async function openTab(page, id) {
  const tab = page.locator(tid(`tab-${id}`));
  await tab.click();
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.getAttribute('aria-selected') === 'true',
    tid(`tab-${id}`),
  );
}

/** Opens a built-in training case through the picker in the case panel. */
export async function openTrainingCase(page, id) {
  await page.locator(tid('training-case')).selectOption(id);
  await page.locator(tid('open-training-case')).click();
}

/** Confirms the question "Ersätt fallet?" if it comes (the case had unsaved changes). */
export async function replaceIfAsked(page) {
  const confirm = page.locator(tid('replace-dialog-confirm'));
  const asked = await confirm.waitFor({ state: 'visible', timeout: 1_000 }).then(
    () => true,
    () => false,
  );
  if (asked) await confirm.click();
}

/**
 * On "Vilken åtgärd?" of the normal-family case: the child tells of violence and one
 * guardian (vh2) is a risk, so a sealing is proposed.
 */
export async function answerForSealing(page) {
  await openTab(page, 'decide');
  await page.locator(tid('concern-child_tells_of_violence')).check();
  await page.locator(tid('concern-one_guardian_risk')).check();
  await page.locator(tid('risk-guardian-vh2')).check();
  await page.locator(tid('propose-sealing')).waitFor();
}

/** Opens `caseObject` (a case in the case format) through "Öppna fil", as staff would. */
export async function openCaseFile(page, caseObject, name = 'fall.json') {
  await page.locator(tid('open-case-file')).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(caseObject)),
  });
  await waitForText(page.locator(tid('case-file-status')), 'är öppnat');
}

/** The ids of every training case the picker offers. */
export async function trainingCaseIds(page) {
  return page.locator(`${tid('training-case')} option`).evaluateAll((options) => options.map((o) => o.value));
}

/** Types `iso` (YYYY-MM-DD) into "Visa läget den"; fill() fires input and change. */
export async function setDate(page, iso) {
  await page.locator(tid('asked-date')).first().fill(iso);
  await waitForValue(page.locator(tid('asked-date')).first(), iso);
}

/** The matrix cell's button for actor × capability, e.g. ("vh1", "journal:vc-lunden"). */
export const cell = (page, actor, capability) => page.locator(tid(`cell-${actor}-${capability}`));

/** The outcome text of a matrix cell ("Har åtkomst", "Ingen åtkomst", "Kan beviljas"). */
export async function cellOutcome(page, actor, capability) {
  return (await cell(page, actor, capability).locator('.outcome-text').textContent())?.trim();
}

/**
 * Polls until `read()` returns a value `accept`s, then returns it; on timeout
 * fails with `what` and the last value seen.
 */
export async function waitUntil(read, accept, what, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read().catch((err) => `<${err.message.split('\n')[0]}>`);
    if (accept(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what}: timed out after ${timeout} ms; last value ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the locator's text contains `expected` (a string or a RegExp). */
export async function waitForText(locator, expected, timeout) {
  const ok = (text) =>
    typeof text === 'string' && (expected instanceof RegExp ? expected.test(text) : text.includes(expected));
  return waitUntil(() => locator.textContent(), ok, `text of ${locator} should match ${expected}`, timeout);
}

/** Waits until the matrix cell shows `outcome`, and returns it. */
export async function waitForOutcome(page, actor, capability, outcome, timeout) {
  return waitUntil(
    () => cellOutcome(page, actor, capability),
    (text) => text === outcome,
    `cell ${actor} × ${capability} should read "${outcome}"`,
    timeout,
  );
}

/** Waits until an input's value is `expected`. */
export async function waitForValue(locator, expected, timeout) {
  return waitUntil(() => locator.inputValue(), (v) => v === expected, `value of ${locator} should be ${expected}`, timeout);
}

/** Fails unless the session saw no console error, page error, failed or external request. */
export function assertNoProblems(session, when = '') {
  const lines = Object.entries(session.problems()).flatMap(([kind, list]) =>
    // The first 240 characters say what and where; CSP messages run on for lines.
    list.map((problem) => `${kind}: ${problem.length > 240 ? `${problem.slice(0, 240)}…` : problem}`),
  );
  assert.ok(lines.length === 0, `${lines.length} problem(s) ${when}:\n${lines.join('\n')}`);
}

// Skatteverket's published test personnummer, the only one the tests write
// out; any other number they need is derived from it at run time.
export const TEST_PERSONNUMMER = '201701012393';

/** "ÅÅÅÅMMDDNNNN" → "ÅÅÅÅMMDD-NNNN". */
export const withHyphen = (digits) => `${digits.slice(0, 8)}-${digits.slice(8)}`;

/** The same number with its last (check) digit changed, so the Luhn check fails. */
export const wrongCheckDigit = (digits) => digits.slice(0, -1) + String((Number(digits.at(-1)) + 1) % 10);

/** Collapses runs of white space (PDF text, multi-line DOM text) to one space. */
export const squash = (text) => text.replace(/\s+/g, ' ').trim();
