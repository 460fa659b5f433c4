// What the engine tells staff beyond the matrix, end to end on the release build:
// warnings (notices) on "Läget" with their quoted guidance, the editor's question
// about a unit that looks like BUP, the timeline's causes named from the case, and
// "Jämför" listing where two rule sets demand different actions of staff. Each
// state is also checked with axe-core, since these are new parts of the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  tid,
  openApp,
  openTab,
  openTrainingCase,
  openCaseFile,
  setDate,
  waitForText,
  waitUntil,
  assertNoProblems,
  squash,
  servedApp,
} from './app.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations'],
};

const served = servedApp();

/** Runs `body(session)` on a freshly opened app (CSP bypassed for axe only) and closes it. */
async function withApp(body) {
  const session = await openApp(served.browser, served.server.url, { contextOptions: { bypassCSP: true } });
  try {
    await body(session);
    assertNoProblems(session, 'during the test');
  } finally {
    await session.close();
  }
}

/** Fails with axe-core's violations on the page as it is now. */
async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const { violations } = await page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
  const described = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.equal(violations.length, 0, `axe violations ${state}:\n${described.join('\n')}`);
}

/** A VGR family (Maria Test, Peter Test) with the given units and measures, as a case file. */
function vgrFamily(birth, { units = [], measures = [] } = {}) {
  return {
    format_version: 1,
    title: 'Testfall',
    region: 'vgr',
    child: { birth_date: birth, name: 'Elsa Test' },
    guardians: [
      { id: 'vh1', name: 'Maria Test', registered: { from: birth } },
      { id: 'vh2', name: 'Peter Test', registered: { from: birth } },
    ],
    care_units: [{ id: 'a', name: 'Vårdcentralen Dalen' }, { id: 'b', name: 'Barnmottagningen Centrum' }, ...units],
    measures,
  };
}

test('a blocking decided for a 14-year-old under VGR 2026 is a quoted warning on Läget and a notice in the timeline', async () => {
  await withApp(async ({ page }) => {
    await openCaseFile(
      page,
      vgrFamily('2012-01-10', {
        measures: [
          { id: 'bl1', decided_on: '2026-06-01', period: { from: '2026-06-01' }, type: 'blocking', guardians: ['vh1'] },
        ],
      }),
    );
    const notice = page.locator(`${tid('notices')} li.notice[data-subject=bl1]`);
    await waitForText(notice, 'Blockering av Maria Test, från 2026-06-01, kan inte få effekt');
    assert.match(squash(await page.locator(tid('notices-pointer')).textContent()), /Observera – 1 sak att kontrollera/);
    assert.match(squash(await notice.textContent()), /fyller 13 år/);
    assert.ok((await notice.locator('.citation blockquote').textContent()).trim().length > 0, 'the guidance is quoted');
    // The matrix still answers: Maria is not blocked.
    assert.equal(
      squash(await page.locator(tid('cell-vh1-journal:a')).locator('.outcome-text').textContent()),
      'Kan beviljas',
    );
    await assertAccessible(page, 'on Läget with a notice');

    await openTab(page, 'timeline');
    const row = page.locator(tid('timeline-row-2026-06-01'));
    await waitForText(row.locator(tid('timeline-notices')), 'kan inte få effekt');
    assert.match(squash(await row.textContent()), /Blockering av Maria Test, från 2026-06-01, börjar gälla/);
    await assertAccessible(page, 'on the timeline with a notice');
  });
});

test('a unit typed as "BUP Mölndal" without a kind: Läget warns, the editor asks, and one click sets the kind', async () => {
  await withApp(async ({ page }) => {
    await page.locator(tid('add-unit')).click();
    const units = page.locator('.unit-item');
    const name = units.last().locator('input[data-path$=".name"]');
    await name.fill('BUP Mölndal');
    const question = page.locator('[data-testid^="unit-kind-question-"]');
    await waitForText(question, 'Är detta en BUP-enhet? Regelverket undantar BUP från visning.');
    // The example case already has a BUP unit with its kind: only the new one is asked about.
    assert.equal(await question.count(), 1);
    await waitForText(page.locator(tid('notices')), 'BUP Mölndal');
    await assertAccessible(page, 'with the unit-kind question');

    await question.locator('button').click();
    await waitUntil(
      () => units.last().locator('input[data-path$=".kind"]').inputValue(),
      (value) => value === 'BUP',
      'the unit kind should be set to BUP',
    );
    await waitUntil(() => question.count(), (n) => n === 0, 'the question should go once the kind is set');
    await waitUntil(() => page.locator(tid('notices')).count(), (n) => n === 0, 'the warning should go too');
  });
});

test('Jämför: RJL against VGR 2026 for a child with protected identity lists the sealing only VGR 2026 requires', async () => {
  await withApp(async ({ page }) => {
    await openTrainingCase(page, 'protected-identity');
    await setDate(page, '2026-06-01');
    await openTab(page, 'compare');
    await page.locator(tid('compare-select-a')).selectOption('rjl');
    await page.locator(tid('compare-select-b')).selectOption('vgr-2026');
    const none = page.locator(tid('diff-none'));
    await waitForText(none, 'samma utfall');
    assert.match(squash(await none.textContent()), /Men de kräver olika åtgärder av personalen/);
    const range = page.locator(tid('action-range-2026-04-20'));
    await waitForText(range, 'Bara VGR 2026 kräver åtgärden "Barnets skyddade identitet: försegling krävs"');
    assert.match(squash(await range.textContent()), /2026-04-20 – 2037-11-29/);
    await assertAccessible(page, 'on Jämför with an action difference');
  });
});
