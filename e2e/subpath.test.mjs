// The build made with --public-url /insyn/ works when served under /insyn/,
// as on a static host's project sub-path: every asset URL must carry the
// prefix, or the page stays blank there.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { openPage } from './browser.mjs';
import { DIST_SUBPATH, SUBPATH, requireBuild } from './paths.mjs';
import { assertNoProblems } from './app.mjs';

let server;
before(async () => {
  requireBuild(DIST_SUBPATH, `scripts/build.sh --public-url ${SUBPATH} --dist dist-subpath`);
  server = await startServer({ root: DIST_SUBPATH, prefix: SUBPATH });
});
after(async () => server?.close());

test(`sub-path build served under ${SUBPATH} loads and renders`, async () => {
  const b = await openPage();
  try {
    assert.ok(server.url.endsWith(SUBPATH));
    await b.page.goto(server.url, { waitUntil: 'load' });
    await b.page.locator('main').waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await b.page.locator('header h1').textContent(), 'Insyn');
    await b.page.waitForLoadState('networkidle');

    const origin = new URL(server.url).origin;
    const outsidePrefix = b.requests.filter(
      (u) => u.startsWith(origin) && !new URL(u).pathname.startsWith(SUBPATH),
    );
    assert.deepEqual(outsidePrefix, [], 'every request stays under the sub-path');
    assertNoProblems(b, 'under the sub-path');
  } finally {
    await b.close();
  }
});
