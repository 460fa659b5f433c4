// Focus visible everywhere (WCAG 2.2 AA: 2.4.7 Focus Visible, 1.4.11 Non-text
// Contrast), at 1366×768 and at 320 px: Tab goes through the header and the case panel, then
// through the main column on every view, and through the trainers' mode; then through
// the states a view shows only after staff have done something (an explanation open,
// a blocking's standard answers, Jämför's differences, every document, decision support
// with its preview, the error summary, the question before a case is replaced, a
// support call's causes); each
// element that gets the keyboard must draw a ring (an outline at least 2 px wide,
// or a box shadow) whose colour has at least 3:1 against the background it is
// drawn on. keyboard.test.mjs follows one task with the keyboard; this file
// looks at every stop, up to a cap per part so it stays quick.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TABS,
  tid,
  openApp,
  openTab,
  openTrainingCase,
  setDate,
  cell,
  waitForText,
  replaceIfAsked,
  answerForSealing,
  TEST_PERSONNUMMER,
  withHyphen,
  wrongCheckDigit,
  servedApp,
} from './app.mjs';

const served = servedApp();

/** At most this many Tab presses per view (a date field takes four). */
const CAP = 60;
/** The case panel is the same on every view: gone through once, all of it. */
const CASE_PANEL_CAP = 200;

/**
 * In the page: whether the focused element is inside `within` (a selector), whether it is
 * the first time it has the keyboard, and what is wrong with how it shows it (null when
 * nothing is, or when it was looked at before), naming it by test id, id or text.
 */
function focusRing(within) {
  const e = document.activeElement;
  const inside = !!e && e !== document.body && !!e.closest(within);
  window.__focusSeen ??= new WeakSet();
  if (!inside || window.__focusSeen.has(e)) return { inside, fresh: false, problem: null };
  window.__focusSeen.add(e);
  const result = (problem) => ({ inside, fresh: true, problem });
  // Headings and the main part take the keyboard only from the app and show no ring by
  // design (main.css); Tab never stops on them.
  if (e.matches(':is(h1, h2, h3, main)[tabindex="-1"]')) return result(null);

  const name =
    (e.dataset?.testid && `[data-testid=${e.dataset.testid}]`) ||
    (e.id && `#${e.id}`) ||
    `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;

  // Colours as [r, g, b, a]: the first rgb()/rgba() in a computed value (a box shadow's
  // lengths follow its colour).
  const parse = (text) => {
    const n = (/rgba?\(([^)]*)\)/.exec(text)?.[1].match(/[\d.]+/g) || []).map(Number);
    return n.length < 3 ? null : [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3])).concat(1);
  // The colour behind `el`: its own background and its ancestors', laid over each other
  // down to the first opaque one (the canvas, white, below all).
  const backgroundAt = (el) => {
    const layers = [];
    for (let p = el; p; p = p.parentElement) {
      const c = parse(getComputedStyle(p).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 1) break;
    }
    return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const check = (colour, behind, what) => {
    const mixed = over(colour, behind);
    const ratio = contrast(mixed, behind);
    return ratio >= 3 ? null : `${name}: ${what} ${hex(mixed)} has ${ratio.toFixed(2)}:1 against ${hex(behind)}, under 3:1`;
  };

  // Where an outline is drawn outside the element, it must not be cut off by a scrolling
  // box's edge nor painted over by a positioned neighbour (a sticky header or column):
  // the middle of each side of the ring is looked at, where it is in the window. An
  // element partly scrolled out of its box (Chromium does not scroll one that is partly
  // in view when it gets the keyboard) is cut off with its ring: the user scrolls to it;
  // except in Regelverk's wide table, which scrolls such a control whole into view.
  const hidden = (el, style) => {
    const out = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) / 2;
    if (out <= 0) return null;
    const r = el.getBoundingClientRect();
    const sides = {
      left: [r.left - out, (r.top + r.bottom) / 2],
      right: [r.right + out, (r.top + r.bottom) / 2],
      top: [(r.left + r.right) / 2, r.top - out],
      bottom: [(r.left + r.right) / 2, r.bottom + out],
    };
    const positioned = (from, to) => {
      for (let p = from; p && p !== to; p = p.parentElement) if (getComputedStyle(p).position !== 'static') return p;
      return null;
    };
    const label = (x) =>
      x.dataset?.testid || x.id || `${x.tagName.toLowerCase()}${[...x.classList].map((c) => `.${c}`).join('')} "${x.textContent.trim().slice(0, 30)}"`;
    for (const [side, [x, y]] of Object.entries(sides)) {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const clip = getComputedStyle(p);
        if (clip.overflowX === 'visible' && clip.overflowY === 'visible') continue;
        const box = p.getBoundingClientRect();
        const [left, top] = [box.left + p.clientLeft, box.top + p.clientTop];
        const [right, bottom] = [left + p.clientWidth, top + p.clientHeight];
        const whole = r.left >= left - 1 && r.right <= right + 1 && r.top >= top - 1 && r.bottom <= bottom + 1;
        // Regelverk's wide table scrolls a control that gets the keyboard fully into view.
        if (!whole && p.matches('.rd-scroll')) return `${name}: is partly scrolled out of ${label(p)}`;
        if (whole && (x < left || x > right || y < top || y > bottom)) {
          return `${name}: the ring's ${side} side is cut off by the edge of ${label(p)}`;
        }
      }
      const hit = document.elementFromPoint(x, y);
      if (!hit || hit.contains(el) || el.contains(hit)) continue;
      let common = hit.parentElement;
      while (common && !common.contains(el)) common = common.parentElement;
      const cover = positioned(hit, common);
      if (cover && !positioned(el, common)) return `${name}: the ring's ${side} side is painted over by ${label(cover)}`;
    }
    return null;
  };

  // SVG draws no outline: a timeline marker shows the keyboard by its label's thick stroke.
  if (e instanceof SVGElement) {
    const behind = backgroundAt(e.ownerSVGElement || e);
    for (const shape of e.querySelectorAll('rect, path, circle, ellipse, polygon')) {
      const style = getComputedStyle(shape);
      const stroke = parse(style.stroke);
      if (stroke && stroke[3] > 0 && parseFloat(style.strokeWidth) >= 2) return result(check(stroke, behind, 'the ring (stroke)'));
    }
    return result(`${name}: an SVG element with no stroke of 2 px or more when focused`);
  }

  // A visually hidden file input shows the keyboard on its label (the button seen).
  const ring = e.type === 'file' && e.labels?.length ? e.labels[0] : e;
  const style = getComputedStyle(ring);
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
    // An outline offset outward lies on what is around the element; one drawn inward
    // (negative offset) lies on the element's own background.
    const behind = parseFloat(style.outlineOffset) >= 0 ? backgroundAt(ring.parentElement) : backgroundAt(ring);
    return result(check(parse(style.outlineColor), behind, 'the outline') || hidden(ring, style));
  }
  if (style.boxShadow !== 'none') {
    return result(check(parse(style.boxShadow), backgroundAt(ring.parentElement), 'the ring (box shadow)'));
  }
  return result(`${name}: no focus ring (outline ${style.outlineStyle} ${style.outlineWidth}, no box shadow)`);
}

/**
 * Presses Tab (or `key`) up to `cap` times while the keyboard stays inside `within` (a
 * selector), adding each problem to `found` under `label`. Returns the number of elements
 * looked at.
 */
async function tabThrough(page, within, cap, label, found, key = 'Tab') {
  let stops = 0;
  for (let i = 0; i < cap; i++) {
    await page.keyboard.press(key);
    const { inside, fresh, problem } = await page.evaluate(focusRing, within);
    if (!inside) break;
    if (fresh) stops += 1;
    if (problem) found.push(`${label}: ${problem}`);
  }
  return stops;
}

/** Tab from the main part's start through what `within` holds (default: the main part). */
async function tabThroughMain(page, label, looked, found, within = 'main', cap = CAP) {
  await page.locator('#main').focus();
  looked[label] = await tabThrough(page, within, cap, label, found);
}

/**
 * Opens the app at `width`×`height`, lets `walk` go through its parts (adding to `looked`
 * how many elements each had, and to `found` what is wrong), then asserts that nothing is,
 * and that Tab really went through each part.
 */
async function checkRings(t, width, height, walk) {
  const session = await openApp(served.browser, served.server.url, {
    contextOptions: { viewport: { width, height } },
  });
  const { page } = session;
  const found = [];
  const looked = {};
  try {
    // The case panel may be drawn after the matrix the page waited for: all of it first.
    await page.locator(tid('child-personnummer')).waitFor();
    await walk(page, looked, found);
    const counts = Object.entries(looked);
    t.diagnostic(`elements looked at: ${counts.map(([part, n]) => `${part} ${n}`).join(', ')}`);
    assert.ok(found.length === 0, `${found.length} element(s) show no clear focus ring:\n${found.join('\n')}`);
    for (const [part, n] of counts) assert.ok(n > 0, `Tab reached nothing in ${part}`);
  } finally {
    await session.close();
  }
}

/** The header, the case panel, every view as it opens, and the trainers' mode. */
async function everyPart(page, looked, found) {
  // From the page's start: the skip link, the header, then the case.
  const start = '.skip-link, .site-header, .case-panel';
  looked['header and case panel'] = await tabThrough(page, start, CASE_PANEL_CAP, 'header and case panel', found);

  for (const tab of TABS) {
    await openTab(page, tab);
    await page.waitForFunction(() => document.querySelector('#view-panel')?.textContent.trim().length > 0);
    // From the main part's start (where the skip link lands): the tabs, then the view.
    await tabThroughMain(page, `view ${tab}`, looked, found);
  }

  // The trainers' mode replaces the page; from its start, its own controls.
  await page.locator(tid('open-trainer')).click();
  await page.locator(tid('trainer-story')).waitFor();
  looked['trainers’ mode'] = await tabThrough(page, tid('trainer'), CAP, 'trainers’ mode', found);
}

/** The states a view shows only after staff have done something. */
async function statesReachedByActing(page, looked, found) {
  const walk = (label, within = 'main') => tabThroughMain(page, label, looked, found, within, CAP * 2);

  // "Läget" with the explanation of a grantable cell open: its rule ids, the way to grant.
  await page.locator(tid('jump-13')).click();
  await cell(page, 'vh1', 'journal:vc-lunden').click();
  await page.locator(tid('grant-route')).waitFor();
  await walk('explanation of a grantable cell');

  // A blocking: the guardian's view with its standard answer, Jämför's differences, and
  // every document.
  await openTrainingCase(page, 'one-guardian-risk-blocking');
  await replaceIfAsked(page);
  await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
  await setDate(page, '2026-11-23');
  await openTab(page, 'guardian-view');
  await page.locator(`${tid('guardian-view-vh2')} ${tid('standard-answer')}`).waitFor();
  await walk('blocking case, Vad ser vårdnadshavaren?');
  await openTab(page, 'compare');
  await page.locator(tid('compare-quick-vgr')).click();
  await page.locator(`${tid('diff-ranges')} tbody tr`).first().waitFor();
  await walk('Jämför VGR 2019 with VGR 2026');
  await openTab(page, 'documents');
  for (const kind of ['request', 'note', 'phone', 'answer']) {
    await page.locator(tid(`doc-kind-${kind}`)).click();
    await page.locator(`${tid('document')}[data-kind="${kind}"]`).waitFor();
    // The text that is copied, unfolded.
    await page.locator('.doc-plain summary').click();
    await walk(`document ${kind}`);
  }

  // "Vilken åtgärd?" with answers, then the preview of the sealing it proposes.
  await openTrainingCase(page, 'normal-family');
  await replaceIfAsked(page);
  await answerForSealing(page);
  await walk('decision support with answers');
  await page.locator(tid('propose-sealing')).click();
  await page.locator(tid('measure-preview')).waitFor();
  await walk('preview of a sealing');
  await page.locator('[data-path$=".initiating_units"][value="vc-lunden"]').check();
  await page.locator(tid('preview-add')).click();
  await page.locator(tid('action-notice')).waitFor();

  // Errors: the summary's links to the fields, at the top of the main part.
  await page.locator(tid('child-personnummer')).fill(withHyphen(wrongCheckDigit(TEST_PERSONNUMMER)));
  await waitForText(page.locator(tid('error-summary')), 'Kontrollsiffran');
  await walk('the error summary', tid('error-summary'));

  // The question before an edited case is replaced, asked from the keyboard as a keyboard
  // user would (a click shows no ring, by design). "Avbryt" has the keyboard first, and is
  // the last button: back from it to the other.
  await page.locator(tid('training-case')).selectOption('normal-family');
  await page.locator(tid('open-training-case')).focus();
  await page.keyboard.press('Enter');
  await page.locator(tid('replace-dialog-confirm')).waitFor();
  const first = await page.evaluate(focusRing, tid('replace-dialog'));
  if (first.problem) found.push(`replace question: ${first.problem}`);
  looked['the question before a case is replaced'] =
    Number(first.fresh) + (await tabThrough(page, tid('replace-dialog'), CAP, 'replace question', found, 'Shift+Tab'));
  await page.keyboard.press('Escape');
  await page.locator(tid('replace-dialog-confirm')).waitFor({ state: 'hidden' });

  // A support call: the causes, each with what may be told and the answer to copy.
  await openTab(page, 'support');
  await page.locator(tid('support-region')).selectOption('vgr');
  await page.locator(tid('support-age')).fill('8');
  await page.locator(tid('support-observation-name_greyed')).check();
  await page.locator(tid('support-result')).waitFor();
  await walk('a support call with its causes');
}

// At a laptop's size, and at 320 px, where the page reflows into one column (the case
// panel above the answer) and boxes scroll sideways that do not at 1366 px.
for (const [width, height] of [
  [1366, 768],
  [320, 640],
]) {
  test(`at ${width}×${height} every element Tab reaches in the header, the case panel, each view and the trainers’ mode shows a whole focus ring with at least 3:1 contrast against its background`, (t) =>
    checkRings(t, width, height, everyPart));

  test(`at ${width}×${height} the states staff reach by acting (an explanation, standard answers, differences, documents, a preview, errors, a question, a call’s causes) show a whole focus ring on every element Tab reaches`, (t) =>
    checkRings(t, width, height, statesReachedByActing));
}
