// axe-core over the rendered page; any violation fails the test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { openPage } from './browser.mjs';
import { DIST, requireBuild } from './paths.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

let server;
before(async () => {
  requireBuild(DIST, 'scripts/build.sh');
  server = await startServer({ root: DIST });
});
after(async () => server?.close());

function describe(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
    )
    .join('\n');
}

test('no axe-core violations on the start page', async () => {
  // addScriptTag injects an inline script, which the page's own CSP blocks;
  // bypassing CSP in this context only is what lets axe in.
  const b = await openPage({ bypassCSP: true });
  try {
    await b.page.goto(server.url, { waitUntil: 'load' });
    await b.page.locator('main').waitFor({ state: 'visible', timeout: 20_000 });
    await b.page.addScriptTag({ path: AXE_PATH });
    const results = await b.page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        resultTypes: ['violations'],
      }),
    );
    assert.equal(results.violations.length, 0, `axe violations:\n${describe(results.violations)}`);
  } finally {
    await b.close();
  }
});
