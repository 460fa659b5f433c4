// Full-page screenshots of every view, for looking at the UI (not a test):
// the example case, the one-guardian-risk-blocking case on 2026-11-23, a case
// with notices (a blocking that cannot take effect, a forwarded unlock request,
// a "BUP" unit without a kind), the protected-identity case compared under
// RJL and VGR 2026, and a support call about a greyed name, at 1366×768 and
// 1920×1080 (or the sizes given). Run through scripts/screenshots.sh, which
// builds first.
//
//   node e2e/screenshots.mjs [OUT_DIR] [--dist dist] [--viewports 1366x768,390x844] [--trainer]
//
// Files: OUT_DIR/<width>x<height>-<case>-<view>.png (default /tmp/insyn-shots).
// With --trainer: only the trainers' mode (utbildningsläge), stepped with the keyboard
// through one-guardian-risk-blocking (the story, the blocking's question and answer),
// as the room sees it (the viewport, not the full page) and as a full page:
// OUT_DIR/<width>x<height>-trainer-<stage>[-full].png, at 1366×768, 1920×1080 and
// 390×844 unless --viewports says otherwise.
//
// The clock is fixed at TODAY (app.mjs). Date inputs show mm/dd/yyyy when the
// machine's Chromium has only its en-US locale pack (Debian's chromium without
// chromium-l10n); a Swedish Chrome shows ÅÅÅÅ-MM-DD there.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';
import { DIST, requireBuild } from './paths.mjs';
import {
  TABS,
  TODAY,
  tid,
  openApp,
  openTab,
  openTrainingCase,
  openCaseFile,
  setDate,
  waitForText,
  cell,
} from './app.mjs';

const DEFAULT_VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** A VGR case whose every measure or unit gives a notice on 2026-11-23. */
const NOTICES_CASE = {
  format_version: 1,
  title: 'Varningar: åtgärder som inte får effekt',
  region: 'vgr',
  child: { birth_date: '2012-01-10', name: 'Elsa Test' },
  guardians: [
    { id: 'vh1', name: 'Maria Test', registered: { from: '2012-01-10' } },
    { id: 'vh2', name: 'Peter Test', registered: { from: '2012-01-10' } },
  ],
  care_units: [
    { id: 'a', name: 'Vårdcentralen Dalen' },
    { id: 'b', name: 'Barnmottagningen Centrum' },
    { id: 'bup', name: 'BUP Mölndal' },
  ],
  measures: [
    { id: 'bl1', decided_on: '2026-06-01', period: { from: '2026-06-01' }, type: 'blocking', guardians: ['vh1'] },
    {
      id: 's1', decided_on: '2026-09-01', period: { from: '2026-09-01' }, type: 'sealing',
      initiating_units: ['a'], scope: 'whole', initiative: 'staff',
    },
    { id: 'u1', period: { from: '2026-10-01' }, type: 'unlock_request', sealing: 's1', requesting_unit: 'b' },
  ],
};

/** Each scenario opens the app and brings it to the state to photograph. */
const SCENARIOS = [
  {
    name: 'example',
    // The example case as the app opens, with one explanation chosen so the
    // situation view shows the whole of it.
    async prepare(page) {
      await cell(page, 'vh1', 'journal:vc-lunden').click();
    },
  },
  {
    name: 'notices',
    async prepare(page) {
      await openCaseFile(page, NOTICES_CASE);
      await waitForText(page.locator(tid('notices')), 'BUP Mölndal');
    },
  },
  {
    name: 'protected-rjl-vgr2026',
    async prepare(page) {
      await openTrainingCase(page, 'protected-identity');
      await waitForText(page.locator(tid('required-actions')), 'skyddad identitet');
      await openTab(page, 'compare');
      await page.locator(tid('compare-select-a')).selectOption('rjl');
      await page.locator(tid('compare-select-b')).selectOption('vgr-2026');
      await openTab(page, 'situation');
    },
  },
  {
    name: 'support-vgr-greyed-name',
    // "Supporten" with a call filled in: a VGR guardian of an 8-year-old sees the name
    // greyed under "Växla journal".
    async prepare(page) {
      await openTab(page, 'support');
      await page.locator(tid('support-age')).fill('8');
      await page.locator(tid('support-observation-name_greyed')).check();
      await page.locator(tid('support-result')).waitFor();
    },
  },
  {
    name: 'blocking-2026-11-23',
    async prepare(page) {
      await openTrainingCase(page, 'one-guardian-risk-blocking');
      await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
      await setDate(page, '2026-11-23');
      await cell(page, 'vh2', 'proxy').click();
    },
  },
];

/** The trainers' mode: the stages to photograph, reached with the keyboard only. */
const TRAINER_VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
];

async function trainerShots(browser, server, viewports, out) {
  const files = [];
  for (const viewport of viewports) {
    const session = await openApp(browser, server.url, { today: TODAY, contextOptions: { viewport } });
    const { page } = session;
    try {
      await openTrainingCase(page, 'one-guardian-risk-blocking');
      await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
      await page.locator(tid('open-trainer')).click();
      await page.locator(tid('trainer-story')).waitFor();
      const shoot = async (stage) => {
        await page.waitForTimeout(200);
        for (const full of [false, true]) {
          const file = path.join(out, `${viewport.width}x${viewport.height}-trainer-${stage}${full ? '-full' : ''}.png`);
          await page.screenshot({ path: file, fullPage: full });
          files.push(file);
        }
      };
      await shoot('story');
      // To the blocking (15 juni 2026): each step is a question then its answer.
      const heading = page.locator(tid('trainer-step-heading'));
      await page.keyboard.press('Space');
      await heading.waitFor();
      while (!(await heading.textContent()).includes('15 juni 2026')) {
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(50);
      }
      await shoot('question');
      await page.keyboard.press('Space');
      await page.locator(tid('trainer-answer')).waitFor();
      await shoot('answer');
      const { consoleErrors, pageErrors } = session.problems();
      if (consoleErrors.length || pageErrors.length) console.log([...consoleErrors, ...pageErrors].join('\n'));
    } finally {
      await session.close();
    }
  }
  return files;
}

function parseArgs(argv) {
  const opts = { out: '/tmp/insyn-shots', dist: DIST, viewports: null, trainer: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--trainer') opts.trainer = true;
    else if (argv[i] === '--dist') opts.dist = path.resolve(argv[++i]);
    else if (argv[i] === '--viewports') {
      opts.viewports = argv[++i].split(',').map((size) => {
        const [width, height] = size.split('x').map(Number);
        if (!width || !height) throw new Error(`--viewports: "${size}" is not WIDTHxHEIGHT`);
        return { width, height };
      });
    }
    else if (argv[i].startsWith('--')) throw new Error(`unknown option ${argv[i]}`);
    else opts.out = path.resolve(argv[i]);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
requireBuild(opts.dist, 'scripts/build.sh');
await mkdir(opts.out, { recursive: true });
const server = await startServer({ root: opts.dist });
const browser = await launchBrowser();
const problems = [];
try {
  if (opts.trainer) {
    for (const file of await trainerShots(browser, server, opts.viewports ?? TRAINER_VIEWPORTS, opts.out)) console.log(file);
  }
  for (const viewport of opts.trainer ? [] : opts.viewports ?? DEFAULT_VIEWPORTS) {
    for (const scenario of SCENARIOS) {
      const session = await openApp(browser, server.url, { today: TODAY, contextOptions: { viewport } });
      try {
        await scenario.prepare(session.page);
        for (const tab of TABS) {
          await openTab(session.page, tab);
          // Let layout settle (the timeline measures its width after rendering).
          await session.page.waitForTimeout(300);
          const file = path.join(opts.out, `${viewport.width}x${viewport.height}-${scenario.name}-${tab}.png`);
          await session.page.screenshot({ path: file, fullPage: true });
          console.log(file);
        }
        const { consoleErrors, pageErrors } = session.problems();
        for (const p of [...consoleErrors, ...pageErrors]) problems.push(`${scenario.name}: ${p.slice(0, 200)}`);
      } finally {
        await session.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (problems.length) console.log(`\nThe page reported problems:\n${[...new Set(problems)].join('\n')}`);
