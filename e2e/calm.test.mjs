// A calm screen, end to end on the release build: on every view of every
// built-in case (one with each kind of measure the cases hold: blocking,
// breaking a blocking, sealing of the whole account, unlock request, extended
// access for the child and for a guardian, exception note), with a cell's
// explanation open, each measure's document, a support call answered and the
// trainers' mode stepped through, what staff read before opening anything names
// no source by its code or seed file, no rule by its id and no measure by the
// case's id. Those stay one click away ("Visa källa", "Visa regel-id") or on
// "Regelverk". An invalid case says why there is no matrix and asks for no cell.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  tid,
  TABS,
  openApp,
  openTab,
  openTrainingCase,
  trainingCaseIds,
  waitForText,
  waitUntil,
  assertNoProblems,
  servedApp,
} from './app.mjs';
import { REPO_ROOT as ROOT } from './paths.mjs';

const served = servedApp();

/** Internal codes staff must never read on a view's main text. */
const INTERNAL = [
  [/SEED-/, 'a source code'],
  [/shared\/seeds|seeds\/\d{3}_/, 'a seed file'],
  [/\(m\d+\)/, 'a measure id'],
  [/forsegling-\d/, 'a measure id'],
  [/Regel: /, 'a rule id'],
  [/\b[a-z]+_[a-z]+_[a-z_]+\b/, 'a rule id (snake_case)'],
];

/** The ids each built-in case gives its measures (engine/cases/*.json). */
const MEASURE_IDS = Object.fromEntries(
  readdirSync(join(ROOT, 'engine/cases'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const c = JSON.parse(readFileSync(join(ROOT, 'engine/cases', f), 'utf8'));
      return [f.replace(/\.json$/, ''), (c.measures ?? []).map((m) => m.id)];
    }),
);

/**
 * The page's text as rendered: `innerText` leaves out what a closed <details>
 * folds (a source's file, a rule's id) and whatever is hidden.
 */
const shownText = (page) => page.evaluate(() => document.body.innerText);

/** Every internal code in `text`, each as "where: what shown: code". */
function codesShown(text, where, measureIds = []) {
  const found = [];
  for (const [pattern, what] of INTERNAL) {
    const match = text.match(pattern);
    if (match) found.push(`${where}: ${what} shown: "${match[0]}"`);
  }
  for (const id of measureIds) {
    const word = new RegExp(`(^|[^\\w-])${id.replace(/[-]/g, '\\-')}($|[^\\w-])`);
    if (word.test(text)) found.push(`${where}: the measure id ${id} shown`);
  }
  return found;
}

function assertCalm(text, where, measureIds = []) {
  const found = codesShown(text, where, measureIds);
  assert.equal(found.length, 0, found.join('\n'));
}

/** What each view needs done before it shows all it can. */
async function fillView(page, view) {
  if (view === 'situation') {
    // The explanation of a cell a measure or rule closes, or any cell.
    const hinted = page.locator('.access-matrix td:has(.has-hint) button');
    const target = (await hinted.count()) > 0 ? hinted.first() : page.locator('.access-matrix .cell-button').first();
    if ((await target.count()) > 0) {
      await target.click();
      await page.locator(tid('explanation-title')).waitFor();
    }
  } else if (view === 'decide') {
    const first = page.locator('[data-testid^="concern-"]').first();
    if ((await first.count()) > 0) await first.check();
  } else if (view === 'support') {
    await page.locator(tid('support-region')).selectOption('vgr');
    await page.locator(tid('support-age')).fill('');
    await page.locator(tid('support-age')).pressSequentially('9');
    await page.locator(tid('support-observation-name_greyed')).check();
    await page.locator(tid('support-result')).waitFor();
  }
}

test('no view of any built-in case shows a source code, seed file, rule id or measure id outside "Regelverk" and disclosures', async () => {
  const session = await openApp(served.browser, served.server.url);
  const { page } = session;
  // Every code on every view, reported together.
  const found = [];
  try {
    const ids = await trainingCaseIds(page);
    assert.ok(ids.length >= 14, `${ids.length} built-in cases`);
    for (const id of ids) {
      await openTrainingCase(page, id);
      await waitUntil(
        () => page.locator(tid('training-case')).inputValue(),
        (v) => v === id,
        `case ${id} chosen`,
      );
      const measureIds = MEASURE_IDS[id] ?? [];
      for (const view of TABS.filter((t) => t !== 'rule-sets')) {
        await openTab(page, view);
        await fillView(page, view);
        if (view === 'documents' && measureIds.length > 0) {
          const select = page.locator(tid('doc-measure'));
          const values = await select.locator('option').evaluateAll((o) => o.map((x) => x.value));
          for (const value of values) {
            await select.selectOption(value);
            await page.locator(tid('document')).waitFor();
            found.push(...codesShown(await shownText(page), `${id}, Dokument for ${value}`, measureIds));
          }
        } else {
          found.push(...codesShown(await shownText(page), `${id}, ${view}`, measureIds));
        }
      }
      await openTab(page, 'situation');
    }
    assert.equal(found.length, 0, `${found.length} code(s) shown:\n${found.join('\n')}`);
    assertNoProblems(session, 'while reading every view');
  } finally {
    await session.close();
  }
});

test('the trainers\' mode names sources and measures as staff know them at every step', async () => {
  const session = await openApp(served.browser, served.server.url);
  const { page } = session;
  try {
    await openTrainingCase(page, 'harm-at-home-sealing');
    await page.locator(tid('open-trainer')).click();
    await page.locator(tid('trainer-story')).waitFor();
    const progress = () => page.locator(tid('trainer-progress')).textContent();
    let last = await progress();
    for (let i = 0; i < 40; i++) {
      assertCalm(await shownText(page), `trainers' mode, ${last}`, MEASURE_IDS['harm-at-home-sealing']);
      await page.keyboard.press('ArrowRight');
      const now = await waitUntil(progress, () => true, 'the progress line');
      await page.waitForTimeout(50);
      const settled = await progress();
      if (settled === last && now === last) break;
      last = settled;
    }
    assertNoProblems(session, 'in the trainers\' mode');
  } finally {
    await session.close();
  }
});

test('a source is named as staff know it and its seed file is one click away', async () => {
  const session = await openApp(served.browser, served.server.url);
  const { page } = session;
  try {
    await openTrainingCase(page, 'one-guardian-risk-blocking');
    await page.locator(tid('cell-vh2-proxy')).click();
    const explanation = page.locator(tid('explanation'));
    await waitForText(explanation, 'Källa: VGR:s vägledning RS 2026-01475, 2026');
    const details = explanation.locator('.source-details').first();
    assert.equal(await details.locator('dl').isVisible(), false, 'folded until asked for');
    await details.locator('summary').click();
    await waitForText(details, /shared\/seeds\/\d{3}_[0-9a-f]+\.txt|https?:\/\//);
    const rule = explanation.locator('details.rule-id').first();
    assert.equal(await rule.locator('code').isVisible(), false, 'the rule id folded');
    await rule.locator('summary').click();
    assert.match(await rule.locator('code').textContent(), /^[a-z_]+$/);
    assertNoProblems(session, 'while opening a source');
  } finally {
    await session.close();
  }
});

test('an invalid case says why there is no matrix, once, and does not ask to choose a cell', async () => {
  const session = await openApp(served.browser, served.server.url);
  const { page } = session;
  try {
    const birth = page.locator('[data-path="child.birth_date"]');
    await birth.fill('2030-01-01');
    await page.locator(tid('matrix-unavailable')).waitFor();
    const text = await shownText(page);
    assert.doesNotMatch(text, /Välj en ruta/);
    assert.equal(text.match(/Matrisen kan inte visas/g)?.length, 1);
  } finally {
    await session.close();
  }
});
