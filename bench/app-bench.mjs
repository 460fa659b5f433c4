// Measures the built app in real Chromium and prints a report; asserts
// nothing, so a slow machine never fails a build. Run through
// scripts/bench-app.sh, which builds both apps first.
//
//   node bench/app-bench.mjs [--dist dist] [--counter dist-counter] [--runs 7]
//                            [--samples 9] [--throttle 1,4] [--sizes 16x6,200x50|none] [--json]
//
// Everything runs in one headless Chromium; each measurement gets a fresh
// browser context (no cache or storage from the one before), and a CPU
// throttling rate set through the DevTools protocol
// (Emulation.setCPUThrottlingRate; 4 = a machine four times slower).
// Reports, for each rate in --throttle:
//   * ready: navigation -> Insyn's access matrix shown, and, with --counter,
//     navigation -> the framework floor's button shown (bench/counter: a
//     Leptos counter built the same way). The two apps load alternately,
//     --runs times each, after one load of each that is not counted; the
//     medians and their ratio.
//   * on the heaviest built-in case and on a generated 40-measure case
//     (bench/scaling-case.mjs): edit -> updated matrix, and the switch to
//     each view (tab), the median of --samples. Each is the main thread's
//     time from the input to the next frame drawn: the script's work, style,
//     layout and paint, without the wait for the display's next frame (see
//     interactOnce).
//   * wasm and JS sizes of both apps, raw and gzip -9 (what a static host
//     would send).
// And with --sizes, for each generated case size (bench/scaling-case.mjs,
// the engine's scaling cases), the longest main-thread task (PerformanceObserver
// "longtask" entries, which the browser reports from 50 ms) while opening the
// case as a file, typing in a name, opening a folded measure, changing its
// date, jumping the asked date, opening each view and the date chooser's list
// of changes: each step's median over --runs fresh profiles, unthrottled.

import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/server.mjs';
import { launchBrowser, openContextPage, openPage } from '../e2e/browser.mjs';
import { scalingCase, sizes as scalingSizes } from './scaling-case.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MATRIX = '[data-testid=access-matrix]';
const COUNTER_BUTTON = '[data-testid=counter]';

/**
 * The built-in case with the most to work out: the most measures (an
 * extended access, a sealing and an exception note) and so the most change
 * points on its timeline.
 */
export const HEAVIEST_BUILT_IN = 'honour-control-sealing';
/** The generated case of the performance budget: 40 measures, 6 care units, 2 guardians. */
export const GENERATED = { measures: 40, units: 6 };

/** The tabs, in the order they are switched to. */
const VIEWS = [
  ['decide', 'Vilken åtgärd?'],
  ['documents', 'Dokument'],
  ['timeline', 'Tidslinje'],
  ['compare', 'Jämför'],
  ['guardian-view', 'Vad ser vårdnadshavaren?'],
  ['support', 'Supporten'],
  ['rule-sets', 'Regelverk'],
  ['situation', 'Läget'],
];

function parseArgs(argv) {
  const opts = {
    dist: path.join(REPO_ROOT, 'dist'),
    counter: null,
    runs: 7,
    samples: 9,
    throttle: '1,4',
    sizes: 'none',
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'json') opts.json = true;
    else if (key in opts) opts[key] = ['runs', 'samples'].includes(key) ? Number(argv[++i]) : argv[++i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (opts.sizes === 'all') opts.sizes = scalingSizes().map(([m, u]) => `${m}x${u}`).join(',');
  opts.rates = opts.throttle.split(',').map(Number);
  return opts;
}

const median = (xs) => {
  if (!xs.length) return null;
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

/** A fresh context and page in `browser`, its CPU slowed `rate` times. */
async function throttledPage(browser, rate) {
  const b = await openContextPage(browser);
  if (rate !== 1) {
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  }
  return b;
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

/** Navigation -> `selector` shown, in a fresh context. */
async function readyOnce(browser, url, selector, rate) {
  const b = await throttledPage(browser, rate);
  try {
    await b.page.addInitScript(watchSelector, selector);
    await b.page.goto(url, { waitUntil: 'load' });
    await b.page.waitForFunction(() => window.__insynBench.visibleAt != null, null, { timeout: 30_000 });
    return await b.page.evaluate(() => window.__insynBench.visibleAt);
  } finally {
    await b.close();
  }
}

/**
 * Each app's ready time at `rate`, loaded alternately (which one goes first
 * alternates too), so both see the same machine: a busy moment slows both.
 * One load of each first, not counted: a browser's first page pays for
 * starting its own machinery, which neither app does.
 */
async function compareReady(browser, apps, rate, runs) {
  const samples = Object.fromEntries(apps.map((app) => [app.name, []]));
  for (let run = -1; run < runs; run++) {
    const order = run % 2 === 0 ? apps : [...apps].reverse();
    for (const app of order) {
      const t = await readyOnce(browser, app.url, app.selector, rate);
      if (run >= 0) samples[app.name].push(t);
    }
  }
  return Object.fromEntries(apps.map((app) => [app.name, { samples: samples[app.name], median: median(samples[app.name]) }]));
}

/**
 * One interaction, timed inside the page: `click` the element at `selector`,
 * or set its value to `value` the way typing does (native setter, then input
 * and change events). Returns the main thread's time from the input to the
 * next frame drawn, and whether anything inside `target` changed.
 *
 * Leptos does its work in the event's task and the microtasks after it; the
 * frame then lays out and paints it (a ResizeObserver's drawing included). A
 * message posted right after the input arrives once that work is done; a
 * requestAnimationFrame callback marks the frame's start, and a task queued
 * from it runs once the frame is drawn. When the work ended before the frame
 * began, the wait between them (for the display's next frame, up to 16.7 ms)
 * is the browser idling, not the app's cost, and is left out.
 */
function interactOnce({ selector, value, target }) {
  return new Promise((resolve, reject) => {
    const el = document.querySelector(selector);
    if (!el) return reject(new Error(`${selector} is not on the page`));
    const touches = (m) => {
      const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (node?.closest(target)) return true;
      return [...m.addedNodes, ...m.removedNodes].some(
        (n) => n.nodeType === 1 && (n.matches(target) || n.querySelector(target)),
      );
    };
    let changed = false;
    const observer = new MutationObserver((records) => {
      changed ||= records.some(touches);
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    let workDone = null;
    let frameStart = null;
    const t0 = performance.now();
    requestAnimationFrame(() => {
      frameStart = performance.now();
      setTimeout(() => {
        const frameEnd = performance.now();
        observer.disconnect();
        const idle = workDone != null && frameStart > workDone ? frameStart - workDone : 0;
        resolve({ ms: frameEnd - t0 - idle, changed });
      }, 0);
    });
    if (value === undefined) {
      el.click();
    } else {
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
      if (setter) setter.call(el, value);
      else el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      workDone = performance.now();
    };
    channel.port2.postMessage(null);
  });
}

/** Waits until the page has drawn two frames and run a task after them. */
const settle = (page) =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))),
  );

/** The cases the budget is measured on: how to open each in a page showing the example case. */
function budgetCases() {
  const generated = JSON.stringify(scalingCase(GENERATED.measures, GENERATED.units), null, 2);
  return [
    {
      name: `heaviest built-in case (${HEAVIEST_BUILT_IN})`,
      key: 'builtIn',
      async open(page) {
        await page.locator('[data-testid=training-case]').selectOption(HEAVIEST_BUILT_IN);
        await page.locator('[data-testid=open-training-case]').click();
      },
    },
    {
      name: `generated case, ${GENERATED.measures} measures × ${GENERATED.units} units`,
      key: 'generated',
      async open(page) {
        await page.locator('[data-testid=open-case-file]').setInputFiles({
          name: 'skalning.json',
          mimeType: 'application/json',
          buffer: Buffer.from(generated),
        });
        await page.waitForFunction(
          () => /är öppnat/.test(document.querySelector('[data-testid=case-file-status]')?.textContent ?? ''),
          null,
          { timeout: 30_000 },
        );
      },
    },
  ];
}

/**
 * The edits timed on each case, each with the values it takes in turn (so
 * every edit is a real change), worked out in the page once the case is open.
 */
const EDITS = [
  {
    key: 'name',
    name: 'edit a guardian’s name -> matrix',
    selector: '[data-path="guardians[0].name"]',
    target: MATRIX,
    values: async () => ['Förälder Ett', 'Förälder Två'],
  },
  {
    key: 'date',
    name: 'edit the asked date -> matrix',
    selector: '[data-testid=asked-date]',
    target: MATRIX,
    // The day before and the day of the 13th and the 16th birthday: each
    // changes who may see what.
    values: async (page) => {
      const birthday = async (age) => (await page.locator(`[data-testid=jump-${age}] .jump-date`).textContent()).trim();
      const dayBefore = (iso) => new Date(Date.parse(iso) - 86_400_000).toISOString().slice(0, 10);
      const [d13, d16] = [await birthday(13), await birthday(16)];
      return [dayBefore(d13), d13, dayBefore(d16), d16];
    },
  },
];

/** Edits and view switches on one case at `rate`: medians of `samples` each. */
async function timeCase(browser, url, budgetCase, rate, samples) {
  const b = await throttledPage(browser, rate);
  const out = { edits: {}, views: {} };
  try {
    const { page } = b;
    await page.goto(url, { waitUntil: 'load' });
    await page.locator(MATRIX).waitFor({ state: 'visible', timeout: 30_000 });
    await budgetCase.open(page);
    await page.locator(MATRIX).waitFor({ state: 'visible', timeout: 30_000 });
    await settle(page);
    const time = async (step) => {
      const result = await page.evaluate(interactOnce, step);
      await settle(page);
      return result;
    };
    for (const edit of EDITS) {
      const values = await edit.values(page);
      const times = [];
      let unchanged = 0;
      for (let i = 0; i < samples; i++) {
        const r = await time({ selector: edit.selector, value: values[i % values.length], target: edit.target });
        if (r.changed) times.push(r.ms);
        else unchanged++;
      }
      out.edits[edit.key] = { samples: times, median: median(times), unchanged };
    }
    // Round after round through every tab: each switch leaves the view before.
    // The first round is each view's first visit in the page, which draws what later
    // visits find ready (the timeline chart's width, the browser's first style of the
    // view's elements): reported apart as well.
    const times = Object.fromEntries(VIEWS.map(([id]) => [id, []]));
    const first = {};
    for (let round = 0; round < samples; round++) {
      for (const [id] of VIEWS) {
        const r = await time({ selector: `[data-testid=tab-${id}]`, target: '#view-panel' });
        if (r.changed) times[id].push(r.ms);
        if (round === 0 && r.changed) first[id] = r.ms;
      }
    }
    for (const [id] of VIEWS) out.views[id] = { samples: times[id], median: median(times[id]), first: first[id] };
    out.problems = Object.values(b.problems()).flat();
  } finally {
    await b.close();
  }
  return out;
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
    await page.locator(MATRIX).waitFor({ state: 'visible', timeout: 20_000 });
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

const rateLabel = (rate) => `${rate}×`;
const ratio = (a, b) => (a != null && b ? `${(a / b).toFixed(2)}×` : 'n/a');
const table = (head, rows) =>
  [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

function report({ opts, size, counterSize, ready, cases, limits }) {
  const lines = [];
  lines.push(`Insyn app benchmark (${opts.dist}${opts.counter ? `, framework floor ${opts.counter}` : ''})`);
  lines.push('', 'Download size (gzip -9; raw in brackets):', '');
  const sizeRow = (label, s) => [label, `${kib(s.wasm.gzip)} (${kib(s.wasm.raw)})`, `${kib(s.js.gzip)} (${kib(s.js.raw)})`];
  lines.push(
    table(
      ['app', 'wasm', 'JS (bindings + loader)'],
      [...(counterSize ? [sizeRow('counter (framework floor)', counterSize)] : []), sizeRow('Insyn', size)],
    ),
  );
  if (counterSize) lines.push('', `Insyn's wasm is ${ratio(size.wasm.gzip, counterSize.wasm.gzip)} the counter's (gzip).`);
  lines.push('', `Ready: navigation -> shown (median of ${opts.runs} loads each, alternately, in one browser):`, '');
  lines.push(
    table(
      ['CPU', ...(opts.counter ? ['counter: button', 'Insyn: access matrix', 'ratio'] : ['Insyn: access matrix'])],
      opts.rates.map((rate) => {
        const r = ready[rate];
        return opts.counter
          ? [rateLabel(rate), ms(r.counter.median), ms(r.insyn.median), ratio(r.insyn.median, r.counter.median)]
          : [rateLabel(rate), ms(r.insyn.median)];
      }),
    ),
  );
  lines.push(
    '',
    `Input -> next frame, main-thread time (median of ${opts.samples}):`,
    '',
  );
  const columns = cases.flatMap((c) => opts.rates.map((rate) => ({ c, rate })));
  const head = ['step', ...columns.map(({ c, rate }) => `${c.key === 'builtIn' ? HEAVIEST_BUILT_IN : `${GENERATED.measures} measures`} ${rateLabel(rate)}`)];
  const cell = (pick) => columns.map(({ c, rate }) => ms(pick(c.results[rate])));
  const rows = [
    ...EDITS.map((e) => [e.name, ...cell((r) => r.edits[e.key].median)]),
    ...VIEWS.map(([id, label]) => [`switch to ${label}`, ...cell((r) => r.views[id].median)]),
  ];
  lines.push(table(head, rows));
  lines.push('', 'The first visit to each view in the page (the first round alone, in the medians above too):', '');
  lines.push(table(head, VIEWS.map(([id, label]) => [`first switch to ${label}`, ...cell((r) => r.views[id].first)])));
  for (const { c, rate } of columns) {
    const r = c.results[rate];
    for (const e of EDITS) {
      if (r.edits[e.key].unchanged) lines.push(`  ${c.name} ${rateLabel(rate)}: ${r.edits[e.key].unchanged} of ${opts.samples} "${e.name}" changed nothing`);
    }
    for (const [id, label] of VIEWS) {
      if (r.views[id].samples.length < opts.samples) lines.push(`  ${c.name} ${rateLabel(rate)}: ${opts.samples - r.views[id].samples.length} switches to ${label} changed nothing`);
    }
    if (r.problems.length) lines.push(`  ${c.name} ${rateLabel(rate)} page problems:\n    ${r.problems.join('\n    ')}`);
  }
  if (limits.length) {
    const over = opts.runs > 1 ? ` (median of ${opts.runs} runs)` : '';
    lines.push('', `Longest main-thread task, generated cases up to the limits${over}:`, '');
    lines.push(limitsTable(limits));
    const problems = limits.flatMap((r) => r.steps.problems.map((p) => `${r.measures}x${r.units}: ${p}`));
    if (problems.length) lines.push(`  page problems:\n${problems.join('\n')}`);
  }
  return lines.join('\n');
}

const opts = parseArgs(process.argv.slice(2));
const servers = [await startServer({ root: opts.dist })];
if (opts.counter) servers.push(await startServer({ root: opts.counter }));
const [insynServer, counterServer] = servers;
const browser = await launchBrowser();
try {
  const size = await sizes(opts.dist);
  const counterSize = opts.counter ? await sizes(opts.counter) : null;
  const apps = [
    ...(counterServer ? [{ name: 'counter', url: counterServer.url, selector: COUNTER_BUTTON }] : []),
    { name: 'insyn', url: insynServer.url, selector: MATRIX },
  ];
  const ready = {};
  for (const rate of opts.rates) ready[rate] = await compareReady(browser, apps, rate, opts.runs);
  const cases = budgetCases().map((c) => ({ ...c, results: {} }));
  for (const c of cases) {
    for (const rate of opts.rates) c.results[rate] = await timeCase(browser, insynServer.url, c, rate, opts.samples);
  }
  const limits = await timeLimits(insynServer.url, opts.sizes, opts.runs);

  if (opts.json) {
    const json = { size, counterSize, ready, cases: cases.map(({ name, key, results }) => ({ name, key, results })), limits };
    console.log(JSON.stringify(json, null, 2));
  } else {
    console.log(report({ opts, size, counterSize, ready, cases, limits }));
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
