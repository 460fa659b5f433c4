// "Supporten" on the release build, as support staff use it during a call:
// they fill in the region, the child's age and what the guardian sees, and
// read the causes, whether each may be told and the answer to give, which
// they copy or print. Also: the view has its own address, no axe-core
// violation at 1366×768 or 320 px, and no sideways scrolling at 320 px.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { servedApp, openApp, openTab, tid, waitForText, waitUntil, assertNoProblems, squash } from './app.mjs';
import { paperDir, printToPdf, comparable } from './printing.mjs';

const served = servedApp();
const paper = paperDir('insyn-support-');
const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations'],
};

/** Opens the app on "Supporten" with the call filled in as the caller gives it. */
async function callAbout(session, { region, age, observation }) {
  const { page } = session;
  await openTab(page, 'support');
  if (region) await page.locator(tid('support-region')).selectOption(region);
  // Key by key, as staff type: the field must keep its focus between the digits.
  await page.locator(tid('support-age')).pressSequentially(String(age));
  await page.locator(tid(`support-observation-${observation}`)).check();
  await page.locator(tid('support-result')).waitFor();
}

/** The causes listed, as their keys, in order. */
const causes = (page) => page.locator(tid('cause')).evaluateAll((list) => list.map((c) => c.dataset.cause));

const cause = (page, key) => page.locator(`[data-testid="cause"][data-cause="${key}"]`);

test('a guardian in Region Jönköpings län who sees the name greyed under Växla journal is told of a blocking, with the message, and no answer is made up', async () => {
  const session = await openApp(served.browser, served.server.url);
  try {
    const { page } = session;
    await callAbout(session, { region: 'rjl', age: 8, observation: 'name_greyed' });
    assert.deepEqual(await causes(page), ['measure-blocking']);
    const blocking = cause(page, 'measure-blocking');
    assert.match(await blocking.locator('.cause-name').textContent(), /^Blockering$/);
    assert.match(
      squash(await blocking.locator(tid('cause-screen')).textContent()),
      /Du har för närvarande inte tillgång till Förnamn Efternamns journal\. Vid frågor kontakta din region/,
    );
    assert.match(await blocking.locator(tid('cause-disclosure')).textContent(), /Berättas inte alltid/);
    // Jönköping's routine gives no standard answer: the view says so instead of writing one.
    assert.equal(await blocking.locator(tid('cause-answer')).count(), 0);
    assert.match(await blocking.locator(tid('cause-guidance')).textContent(), /Regelverket anger inget standardsvar/);
    assert.match(await page.locator(tid('support-basis')).textContent(), /Region Jönköpings län/);
    assertNoProblems(session);
  } finally {
    await session.close();
  }
});

test('a guardian in VGR who sees the name greyed under Växla journal is given VGR’s standard answer reworded to a blocking, and it copies', async () => {
  const session = await openApp(served.browser, served.server.url, {
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  try {
    const { page } = session;
    await callAbout(session, { region: 'vgr', age: 8, observation: 'name_greyed' });
    assert.deepEqual(await causes(page), ['measure-blocking']);
    const blocking = cause(page, 'measure-blocking');
    assert.match(await blocking.locator(tid('cause-screen')).textContent(), /Du har för närvarande inte tillgång till/);
    const answer = squash(await blocking.locator(tid('cause-answer')).textContent());
    assert.match(answer, /^Ditt barns journal är för närvarande blockerad, vilket innebär/);
    assert.doesNotMatch(answer, /förseglad/);
    assert.match(answer, /Spärr- och Loggfunktionen i Västra Götalandsregionen$/);
    // The greyed name is read from Jönköping's routine for VGR, and marked as read so.
    await blocking.locator('.cause-more-sources > summary').click();
    assert.match(await blocking.locator('.cause-more-sources').textContent(), /Tolkat/);

    await blocking.locator(tid('copy-answer')).click();
    await waitForText(blocking.locator(tid('answer-status')), 'Texten är kopierad.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(squash(copied), answer);
    assertNoProblems(session);
  } finally {
    await session.close();
  }
});

test('a guardian whose child just turned 13 is given the age rule with its quoted line and an answer that may be told, printed alone on the paper', async () => {
  const session = await openApp(served.browser, served.server.url);
  try {
    const { page } = session;
    await callAbout(session, { region: 'vgr', age: 13, observation: 'just_had_birthday' });
    assert.deepEqual(await causes(page), ['rule-guardian_access_until_age']);
    const age = cause(page, 'rule-guardian_access_until_age');
    assert.equal(await age.locator('.cause-name').textContent(), 'Barnet har fyllt 13 år');
    assert.match(await age.locator(tid('cause-disclosure')).textContent(), /Får berättas/);
    const answer = squash(await age.locator(tid('cause-answer')).textContent());
    assert.match(answer, /^Ditt barn har fyllt 13 år\. Från 13 år har vårdnadshavare inte längre automatisk tillgång till barnets journal i 1177/);
    assert.match(answer, /tills barnet fyller 16 år\.$/);
    assert.match(
      squash(await age.locator('.cited-line blockquote').first().textContent()),
      /till den dagen barnet fyller 13 år/,
    );
    assert.equal(await age.locator('.cited-certainty').first().textContent(), 'Står i källan');

    // "Skriv ut svaret": the browser is asked to print, and the paper holds the answer alone.
    await page.evaluate(() => {
      window.__printCalls = 0;
      window.print = () => {
        window.__printCalls += 1;
      };
    });
    await age.locator(tid('print-answer')).click();
    await waitUntil(() => page.evaluate(() => window.__printCalls), (n) => n === 1, 'the answer was sent to print');
    const printed = await printToPdf(page, paper.dir, 'answer-13');
    assert.equal(printed.pages, 1);
    assert.ok(comparable(printed.text).includes(comparable(answer)), printed.text);
    assert.match(printed.text, /Svar till vårdnadshavaren/);
    for (const noise of ['Supporten', 'Vad beskriver vårdnadshavaren', 'Kopiera svaret', 'Källa:', 'Övningsfall', 'Barnet har fyllt 13 år']) {
      assert.ok(!printed.text.includes(noise), `"${noise}" is not on the paper:\n${printed.text}`);
    }
    assertNoProblems(session);
  } finally {
    await session.close();
  }
});

test('the view has its own address, and starts from the call, not from the case', async () => {
  const session = await openApp(served.browser, `${served.server.url}#/supporten`, { waitFor: 'support-call-date' });
  try {
    const { page } = session;
    assert.equal(await page.locator(tid('tab-support')).getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator(tid('support-call-date')).inputValue(), '2026-11-23', 'the day of the call is today');
    assert.equal(await page.locator('.case-panel').isVisible(), false, 'the case panel steps aside');
    assert.equal(await page.locator(tid('answering-rule-set')).isVisible(), false, "the case's rule set is not named");
    await openTab(page, 'situation');
    assert.equal(await page.locator('.case-panel').isVisible(), true);
    assertNoProblems(session);
  } finally {
    await session.close();
  }
});

for (const viewport of [{ width: 1366, height: 768 }, { width: 320, height: 640 }]) {
  test(`no axe-core violations on "Supporten" at ${viewport.width}×${viewport.height}, empty and with several causes open, and no sideways scrolling`, async () => {
    const session = await openApp(served.browser, served.server.url, {
      contextOptions: { viewport, bypassCSP: true },
    });
    try {
      const { page } = session;
      await openTab(page, 'support');
      await page.addScriptTag({ path: AXE_PATH });
      const axe = () => page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
      const found = {};
      found.empty = (await axe()).violations;
      await callAbout(session, { region: 'vgr', age: 8, observation: 'no_journal' });
      await page.locator('.cause-more-sources > summary').first().click();
      await page.locator('.cited-note > summary').first().click();
      found['five causes'] = (await axe()).violations;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page scrolls ${overflow} px sideways`);
      await page.locator(tid('support-age')).fill('tretton');
      await page.locator('#support-age-problem').waitFor();
      found['an age that is not a number'] = (await axe()).violations;
      const failed = Object.entries(found).filter(([, v]) => v.length > 0);
      assert.ok(
        failed.length === 0,
        failed
          .map(([state, v]) => `== ${state} ==\n${v.map((x) => `${x.id}: ${x.help}\n  ${x.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n')}`)
          .join('\n'),
      );
    } finally {
      await session.close();
    }
  });
}
