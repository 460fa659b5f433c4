// axe-core on the page as it is now, with the rules the accessibility tests
// use (WCAG 2.2 A and AA and axe's best practices). The page's CSP forbids the
// inline script axe is injected as: open the page with { bypassCSP: true }.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations'],
};

/** Runs axe on the page as it is now; injects it on first use. Returns the violations. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
  return results.violations;
}

/** The violations in words: rule, impact, help, and each element with what fails. */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
    )
    .join('\n');
}

/** Fails with every state's violations listed, state by state (`found`: state → violations). */
export function assertNoViolations(found) {
  const failed = Object.entries(found).filter(([, violations]) => violations.length > 0);
  assert.ok(
    failed.length === 0,
    `axe violations:\n${failed.map(([state, v]) => `== ${state} ==\n${describeViolations(v)}`).join('\n')}`,
  );
}
