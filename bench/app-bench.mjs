// Measures the built app in real Chromium and prints a report; asserts
// nothing, so a slow machine never fails a build. Run through
// scripts/bench-app.sh, which builds first.
//
//   node bench/app-bench.mjs [--dist dist] [--selector CSS] [--loads 5] [--edits 20]
//                            [--sizes 1x6,200x50|none] [--runs 1] [--json]
//
// Reports:
//   * wasm and JS size, raw and gzip -9 (what a static host would send)
//   * navigation -> selector visible, median over --loads fresh profiles
//     (default selector [data-testid=access-matrix], falling back to `main`
//     while the page does not have it yet)
//   * edit -> updated DOM (last mutation before the next frame), median over
//     --edits edits, for each entry in EDITS below whose elements exist on
//     the page; "n/a" otherwise.
//   * cases up to the case format's limits (bench/scaling-case.mjs, the
//     engine's scaling cases): for each size, the longest main-thread task
//     (PerformanceObserver "longtask" entries, which the browser reports from
//     50 ms) while opening the case as a file, typing in a name, opening a
//     folded measure, changing its date, jumping the asked date, opening each
//     view and the date chooser's list of changes. With --runs N each case is
//     measured N times, each time in a fresh profile, and each step reports
//     its median: one long task on a busy machine is often another process's.

import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/server.mjs';
import { openPage } from '../e2e/browser.mjs';
import { scalingCase, sizes as scalingSizes } from './scaling-case.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SELECTOR = '[data-testid=access-matrix]';
const FALLBACK_SELECTOR = 'main';

/**
 * Edits to time. Each one: `input` is the field to change, `target` the
 * element whose DOM must change in response, `values` what to type (an array,
 * or a function returning one, called in Node when the run starts), used in
 * turn so every edit is a real change. The value is set the way a user's
 * typing arrives (native setter + input and change events). Add entries here
 * as the UI grows.
 */
export const EDITS = [
  {
    name: 'child birth date -> access matrix',
    input: '[data-testid=child-birth-date]',
    target: '[data-testid=access-matrix]',
    // Minors of ages on both sides of the 13 and 16 year limits, so the
    // matrix changes every time. An adult's birth date, or one after the
    // example case's custody start dates, replaces the matrix with an error.
    values: () => [12, 13, 15, 17].map((age) => birthDateForAge(age)),
  },
];

function birthDateForAge(age) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - 40);
  return d.toISOString().slice(0, 10);
}

function parseArgs(argv) {
  const opts = {
    dist: path.join(REPO_ROOT, 'dist'),
    selector: DEFAULT_SELECTOR,
    loads: 5,
    edits: 20,
    sizes: scalingSizes().map(([m, u]) => `${m}x${u}`).join(','),
    runs: 1,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'json') opts.json = true;
    else if (key in opts) opts[key] = ['loads', 'edits', 'runs'].includes(key) ? Number(argv[++i]) : argv[++i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return opts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (x) => (x == null ? 'n/a' : `${x.toFixed(1)} ms`);

async function sizes(dist) {
  const out = { wasm: { raw: 0, gzip: 0, files: [] }, js: { raw: 0, gzip: 0, files: [] } };
  for (const name of await readdir(dist)) {
    const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.js') ? 'js' : null;
    if (!kind) continue;
    const buf = await readFile(path.join(dist, name));
    const gz = gzipSync(buf, { level: 9 }).length;
    out[kind].raw += buf.length;
    out[kind].gzip += gz;
    out[kind].files.push({ name, raw: buf.length, gzip: gz });
  }
  return out;
}

// Runs in the page before any of its scripts: records when `selector` first
// matches a rendered element, in ms since navigation start.
function watchSelector(selector) {
  const visible = (el) => el && el.getClientRects().length > 0;
  window.__insynBench = { visibleAt: null };
  const check = () => {
    if (window.__insynBench.visibleAt == null && visible(document.querySelector(selector))) {
      window.__insynBench.visibleAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/** Navigation -> selector visible, one fresh browser profile per load. */
async function timeToVisible(url, selector, loads) {
  // Which selector to wait for is decided once, on a first load.
  let chosen = selector;
  {
    const b = await openPage();
    try {
      await b.page.goto(url, { waitUntil: 'load' });
      await b.page.locator(FALLBACK_SELECTOR).first().waitFor({ state: 'visible', timeout: 20_000 });
      if ((await b.page.locator(selector).count()) === 0) chosen = FALLBACK_SELECTOR;
    } finally {
      await b.close();
    }
  }
  const samples = [];
  for (let i = 0; i < loads; i++) {
    const b = await openPage();
    try {
      await b.page.addInitScript(watchSelector, chosen);
      await b.page.goto(url, { waitUntil: 'load' });
      await b.page.waitForFunction(() => window.__insynBench.visibleAt != null, null, { timeout: 20_000 });
      samples.push(await b.page.evaluate(() => window.__insynBench.visibleAt));
    } finally {
      await b.close();
    }
  }
  return { selector: chosen, fellBack: chosen !== selector, samples, median: median(samples) };
}

/**
 * One edit, timed inside the page: from setting the value to the last DOM
 * mutation touching `target` before the next frame. "Last", not "first",
 * because a reactive UI may patch the DOM in several steps and the user sees
 * the result only once they are all done; they run as microtasks, so all of
 * them land before the frame. The whole document is observed because the UI
 * may replace the target element rather than patch it.
 */
function editOnce({ input, target, value }) {
  return new Promise((resolve, reject) => {
    const field = document.querySelector(input);
    if (!field || !document.querySelector(target)) return reject(new Error(`${input} or ${target} is gone`));
    const touches = (m) => {
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (el?.closest(target)) return true;
      return [...m.addedNodes, ...m.removedNodes].some(
        (n) => n.nodeType === 1 && (n.matches(target) || n.querySelector(target)),
      );
    };
    let last = null;
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(null); // the DOM did not change: reported, not thrown
    }, 5000);
    const observer = new MutationObserver((records) => {
      if (!records.some(touches)) return;
      if (last == null) {
        clearTimeout(timer);
        requestAnimationFrame(() => {
          observer.disconnect();
          resolve(last - t0);
        });
      }
      last = performance.now();
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
    const t0 = performance.now();
    if (setter) setter.call(field, value);
    else field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function timeEdits(url, edits, count) {
  const results = [];
  const b = await openPage();
  try {
    await b.page.goto(url, { waitUntil: 'load' });
    await b.page.locator(FALLBACK_SELECTOR).first().waitFor({ state: 'visible', timeout: 20_000 });
    for (const edit of edits) {
      const present =
        (await b.page.locator(edit.input).count()) > 0 && (await b.page.locator(edit.target).count()) > 0;
      if (!present) {
        results.push({ name: edit.name, median: null, note: `n/a (${edit.input} or ${edit.target} not on the page)` });
        continue;
      }
      const values = typeof edit.values === 'function' ? edit.values() : edit.values;
      const samples = [];
      let unchanged = 0;
      let missing = 0;
      for (let i = 0; i < count; i++) {
        const value = values[i % values.length];
        // A value the page rejects may remove the target; count it and go on,
        // the next value may bring it back.
        const t = await b.page
          .evaluate(editOnce, { input: edit.input, target: edit.target, value })
          .catch(() => undefined);
        if (t === undefined) missing++;
        else if (t == null) unchanged++;
        else samples.push(t);
        // Let the page settle so each sample starts from an idle state.
        await b.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      }
      results.push({
        name: edit.name,
        median: samples.length ? median(samples) : null,
        samples,
        note: [
          unchanged ? `${unchanged} of ${count} edits changed nothing within 5 s` : '',
          missing ? `${missing} of ${count} edits started without ${edit.input} or ${edit.target} on the page` : '',
        ]
          .filter(Boolean)
          .join('; '),
      });
    }
  } finally {
    await b.close();
  }
  return results;
}

// Runs in the page before its scripts: keeps every long task (>= 50 ms) the
// browser reports, so a step can ask for the longest since it began.
function recordLongTasks() {
  window.__insynLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__insynLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Waits until the page has been idle for two frames and a task. */
const idle = (page) =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))),
  );

/**
 * Runs `action`, waits for `done` and for the page to go idle, and returns the
 * longest task that started meanwhile (0 when none reached 50 ms).
 */
async function longestTask(page, action, done) {
  const t0 = await page.evaluate(() => performance.now());
  await action();
  await done();
  await idle(page);
  return page.evaluate(
    (t0) => Math.max(0, ...window.__insynLongTasks.filter((t) => t.start >= t0).map((t) => t.duration)),
    t0,
  );
}

const BENCH_VIEWS = [
  ['decide', 'Vilken åtgärd?'],
  ['documents', 'Dokument'],
  ['timeline', 'Tidslinje'],
  ['compare', 'Jämför'],
  ['guardian-view', 'Vad ser vårdnadshavaren?'],
  ['situation', 'Läget'],
];

/** One generated case of `measures` × `units`: open it, edit it, show every view. */
async function timeLimitCase(url, measures, units) {
  const b = await openPage();
  const steps = {};
  try {
    const { page } = b;
    await page.addInitScript(recordLongTasks);
    await page.goto(url, { waitUntil: 'load' });
    await page.locator(DEFAULT_SELECTOR).waitFor({ state: 'visible', timeout: 20_000 });
    await idle(page);
    const text = JSON.stringify(scalingCase(measures, units), null, 2);
    const status = page.locator('[data-testid=case-file-status]');
    steps.open = await longestTask(
      page,
      () =>
        page.locator('[data-testid=open-case-file]').setInputFiles({
          name: 'skalning.json',
          mimeType: 'application/json',
          buffer: Buffer.from(text),
        }),
      () => page.waitForFunction(() => /är öppnat/.test(document.querySelector('[data-testid=case-file-status]')?.textContent ?? ''), null, { timeout: 60_000 }),
    );
    if (!/är öppnat/.test(await status.textContent())) throw new Error(`the ${measures}x${units} case did not open`);
    // Typing: every key press is an edit of the case.
    const name = page.locator('[data-testid=child-name]');
    await name.click();
    await name.press('End');
    steps.typing = await longestTask(page, () => page.keyboard.type(' Test', { delay: 30 }), async () => {});
    // A large case opens with its measures folded: open the first.
    const fold = page.locator('[data-testid^=fold-measure-]').first();
    steps.unfold = (await fold.count()) ? await longestTask(page, () => fold.click(), async () => {}) : null;
    // A measure's start date, as the date picker sets it (input and change).
    const from = page.locator('[data-path="measures[0].period.from"]');
    const date = await from.inputValue();
    const later = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
    steps.measureDate = await longestTask(page, () => from.fill(later), async () => {});
    steps.askedDate = await longestTask(page, () => page.locator('[data-testid=jump-16]').click(), async () => {});
    for (const [tab] of BENCH_VIEWS) {
      steps[tab] = await longestTask(
        page,
        () => page.locator(`[data-testid=tab-${tab}]`).click(),
        () =>
          page.waitForFunction(
            (sel) => document.querySelector(sel)?.getAttribute('aria-selected') === 'true',
            `[data-testid=tab-${tab}]`,
          ),
      );
    }
    // Back on Läget: the date chooser's list of every change point.
    steps.changePoints = await longestTask(
      page,
      () => page.locator('details.change-points > summary').click(),
      () => page.locator('details.change-points li').first().waitFor(),
    );
    steps.problems = Object.values(b.problems()).flat();
  } finally {
    await b.close();
  }
  return { measures, units, steps };
}

/**
 * The middle value; of an even count the higher of the two, so a step is
 * never reported between "< 50 ms" (0) and the long task one run saw.
 */
const upperMedian = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Each size measured `runs` times; each step's median over the runs (null where a step never ran). */
async function timeLimits(url, sizesArg, runs) {
  if (sizesArg === 'none') return [];
  const results = [];
  for (const size of sizesArg.split(',')) {
    const [measures, units] = size.split('x').map(Number);
    const samples = [];
    for (let run = 0; run < runs; run++) samples.push((await timeLimitCase(url, measures, units)).steps);
    const steps = { problems: samples.flatMap((s) => s.problems) };
    for (const key of Object.keys(samples[0]).filter((k) => k !== 'problems')) {
      const values = samples.map((s) => s[key]).filter((v) => v != null);
      steps[key] = values.length ? upperMedian(values) : null;
    }
    const bytes = Buffer.byteLength(JSON.stringify(scalingCase(measures, units), null, 2));
    results.push({ measures, units, bytes, runs, steps, samples: samples.map(({ problems, ...s }) => s) });
  }
  return results;
}

const ms0 = (x) => (x == null ? '–' : x > 0 ? `${Math.round(x)} ms` : '< 50 ms');

function limitsTable(results) {
  const head = [
    'measures × units',
    'file',
    'open',
    'typing',
    'unfold a measure',
    'measure date',
    'asked date',
    ...BENCH_VIEWS.map(([, l]) => l),
    'list of changes',
  ];
  const rows = results.map((r) => [
    `${r.measures} × ${r.units}`,
    `${(r.bytes / 1024).toFixed(0)} KiB`,
    ms0(r.steps.open),
    ms0(r.steps.typing),
    ms0(r.steps.unfold),
    ms0(r.steps.measureDate),
    ms0(r.steps.askedDate),
    ...BENCH_VIEWS.map(([tab]) => ms0(r.steps[tab])),
    ms0(r.steps.changePoints),
  ]);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const opts = parseArgs(process.argv.slice(2));
const server = await startServer({ root: opts.dist });
try {
  const size = await sizes(opts.dist);
  const load = await timeToVisible(server.url, opts.selector, opts.loads);
  const edits = await timeEdits(server.url, EDITS, opts.edits);
  const limits = await timeLimits(server.url, opts.sizes, opts.runs);

  if (opts.json) {
    console.log(JSON.stringify({ size, load, edits, limits }, null, 2));
  } else {
    console.log(`Insyn app benchmark (${opts.dist})`);
    console.log(`  wasm: ${kib(size.wasm.raw)} raw, ${kib(size.wasm.gzip)} gzip`);
    console.log(`  js:   ${kib(size.js.raw)} raw, ${kib(size.js.gzip)} gzip (${size.js.files.map((f) => f.name).join(', ')})`);
    const fb = load.fellBack ? ` (${opts.selector} not on the page; fell back to ${load.selector})` : '';
    console.log(`  navigation -> ${load.selector} visible: ${ms(load.median)} median of ${load.samples.length}${fb}`);
    for (const e of edits) {
      const value = e.median == null ? (e.samples ? 'n/a' : '') : `${ms(e.median)} median of ${e.samples.length}`;
      console.log(`  edit ${e.name}: ${[value, e.note].filter(Boolean).join(' ')}`);
    }
    if (limits.length) {
      const over = opts.runs > 1 ? ` (median of ${opts.runs} runs)` : '';
      console.log(`  longest main-thread task, generated cases up to the limits${over}:`);
      console.log(limitsTable(limits));
      const problems = limits.flatMap((r) => r.steps.problems.map((p) => `${r.measures}x${r.units}: ${p}`));
      if (problems.length) console.log(`  page problems:\n${problems.join('\n')}`);
    }
  }
} finally {
  await server.close();
}
