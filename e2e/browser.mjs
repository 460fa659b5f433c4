// Launches the machine's Chromium (never a downloaded one) through
// playwright-core and records what the tests assert on: console errors,
// uncaught exceptions, failed requests and requests leaving the machine.

import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// The background-networking flags stop Chromium's own calls home, which this
// machine's closed network would refuse (noise in the logs, and they would
// count as external requests). --no-sandbox because tests run as root in CI.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/i;

/** True for URLs that stay on this machine (or never touch the network). */
export function isLocalUrl(url) {
  const u = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(u.protocol)) return true;
  return LOOPBACK.test(u.hostname);
}

/** Launches one headless Chromium, for a test file to share between its tests. */
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The context options every test page gets unless it overrides them. */
const DEFAULT_CONTEXT = { viewport: { width: 1280, height: 900 }, locale: 'sv-SE' };

/**
 * Opens a fresh browser profile and one page.
 * Returns { context, page, consoleErrors, pageErrors, failedRequests,
 * externalRequests, requests, problems(), close() }.
 * `contextOptions` go to Playwright (e.g. { bypassCSP: true } for axe).
 */
export async function openPage(contextOptions = {}) {
  // A new user-data-dir each time: no cache or storage carried between tests.
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'insyn-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...DEFAULT_CONTEXT,
    ...contextOptions,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return record(context, page, async () => {
    await context.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true });
  });
}

/**
 * A new, empty context (no storage, cookies or cache from other tests) with
 * one page in a browser from launchBrowser(); same result as openPage().
 */
export async function openContextPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ ...DEFAULT_CONTEXT, ...contextOptions });
  const page = await context.newPage();
  return record(context, page, async () => {
    await context.close().catch(() => {});
  });
}

function record(context, page, close) {
  const consoleErrors = [];
  const pageErrors = [];
  const failedRequests = [];
  const externalRequests = [];
  const requests = [];

  page.on('console', (msg) => {
    // The location says which URL a "Failed to load resource" was about.
    if (msg.type() === 'error') consoleErrors.push(`${msg.text()} [${msg.location()?.url ?? ''}]`);
  });
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  context.on('request', (req) => {
    requests.push(req.url());
    if (!isLocalUrl(req.url())) externalRequests.push(req.url());
  });
  context.on('requestfailed', (req) =>
    failedRequests.push(`${req.url()} (${req.failure()?.errorText ?? 'failed'})`),
  );
  context.on('response', (res) => {
    if (res.status() >= 400) failedRequests.push(`${res.url()} (HTTP ${res.status()})`);
  });

  return {
    context,
    page,
    consoleErrors,
    pageErrors,
    failedRequests,
    externalRequests,
    requests,
    /** Everything that should be empty on a healthy page load, as one object. */
    problems() {
      return { consoleErrors, pageErrors, failedRequests, externalRequests };
    },
    close,
  };
}

/**
 * Records, from before the first navigation, the ways a page could let data out
 * that `record()` does not already keep (it keeps every request of the
 * context): each WebSocket any page of the context opens, each service worker,
 * and each Content-Security-Policy violation a page reports. The violations
 * come from a `securitypolicyviolation` listener that an init script adds
 * before any of the page's own scripts run; the page's policy forbids inline
 * scripts, but not the ones the browser is told to inject. Call this before
 * the first `goto`. Returns { websockets, serviceWorkers, cspViolations() }.
 */
export async function watchLeaks({ context, page }) {
  const websockets = [];
  const serviceWorkers = [];
  const watch = (p) => p.on('websocket', (ws) => websockets.push(ws.url()));
  watch(page);
  context.on('page', watch);
  context.on('serviceworker', (worker) => serviceWorkers.push(worker.url()));
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  return {
    websockets,
    serviceWorkers,
    /** Every violation reported so far by the context's open pages; throws if a page lacks the listener. */
    async cspViolations() {
      const lists = await Promise.all(
        context.pages().map((p) =>
          p.evaluate(() => {
            if (!Array.isArray(window.__cspViolations)) throw new Error('no securitypolicyviolation listener in the page');
            return window.__cspViolations;
          }),
        ),
      );
      return lists.flat();
    },
  };
}
