// Layout on the screens staff have: at 1366×768 (a common laptop), at
// 1920×1080 (a meeting-room projector) and at 320 px (reflow, WCAG 1.4.10) no
// view may make the whole page scroll sideways. A wide table may scroll inside
// its own labelled region, but the page, the header and the case panel stay put.
// At 1366×768 the view tabs fit on one row beside the case (two rows read as two
// lists of tabs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TABS, tid, openApp, openTab, openTrainingCase, setDate, waitForText } from './app.mjs';
import { servedApp } from './app.mjs';

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  // Reflow (WCAG 1.4.10): a 1280 px screen zoomed to 400 %.
  { width: 320, height: 640 },
];

const served = servedApp();

/**
 * How far the page scrolls sideways, and the elements that stick out past the
 * viewport without a clipping (scrolling) ancestor in their containing-block
 * chain: the ones to fix.
 */
async function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - width;
    if (overflow <= 0) return { overflow, culprits: [] };
    // Whether an ancestor that actually contains `el` for layout clips it.
    const clipped = (el) => {
      const fixedOrAbsolute = (e) => ['absolute', 'fixed'].includes(getComputedStyle(e).position);
      let needsPositioned = fixedOrAbsolute(el);
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        const containsIt = !needsPositioned || style.position !== 'static';
        if (containsIt && style.overflowX !== 'visible') return true;
        if (containsIt) needsPositioned = fixedOrAbsolute(p);
      }
      return false;
    };
    const culprits = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1 || clipped(el)) continue;
      // Report the outermost element that sticks out, not all its children.
      const parent = el.parentElement.getBoundingClientRect();
      if (parent.right > width + 1 && !clipped(el.parentElement)) continue;
      const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
      const classes = [...el.classList].map((c) => `.${c}`).join('');
      let note = '';
      if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) {
        // An absolutely positioned element escapes a scrolling ancestor that is not positioned.
        let scroller = el.parentElement;
        while (scroller && scroller !== document.body && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement;
        if (scroller && scroller !== document.body) {
          note = `, escapes the scrolling ${scroller.tagName.toLowerCase()}.${[...scroller.classList].join('.')} (position: static)`;
        }
      }
      culprits.push({ what: `${el.tagName.toLowerCase()}${id}${classes}`, right: box.right, note });
    }
    // One line per kind of element (152 hidden spans are one finding), with the furthest edge.
    const kinds = new Map();
    for (const { what, right, note } of culprits) {
      const key = what + note;
      kinds.set(key, { what, note, right: Math.max(right, kinds.get(key)?.right ?? 0), count: (kinds.get(key)?.count ?? 0) + 1 });
    }
    return {
      overflow,
      culprits: [...kinds.values()].map((k) => `${k.count > 1 ? `${k.count}× ` : ''}${k.what} (right edge up to ${Math.round(k.right)} px${k.note})`),
    };
  });
}

async function checkEveryView(page, label, found) {
  for (const tab of TABS) {
    await openTab(page, tab);
    await page.waitForFunction(() => document.querySelector('#view-panel')?.textContent.trim().length > 0);
    const { overflow, culprits } = await sidewaysOverflow(page);
    if (overflow > 0) found.push(`${label}, view ${tab}: page scrolls ${overflow} px sideways; sticking out: ${culprits.join(', ') || '?'}`);
  }
}

for (const viewport of VIEWPORTS) {
  test(`at ${viewport.width}×${viewport.height} no view of the example or the blocking case scrolls the page sideways`, async () => {
    const session = await openApp(served.browser, served.server.url, { contextOptions: { viewport } });
    try {
      const { page } = session;
      const found = [];
      await checkEveryView(page, 'example case', found);
      await openTab(page, 'situation');
      await openTrainingCase(page, 'one-guardian-risk-blocking');
      await waitForText(page.locator(`${tid('access-matrix')} tbody`), 'Peter Test');
      await setDate(page, '2026-11-23');
      await checkEveryView(page, 'one-guardian-risk-blocking', found);
      assert.ok(found.length === 0, `sideways scrolling:\n${found.join('\n')}`);
    } finally {
      await session.close();
    }
  });
}

test('at 1366×768 a matrix wider than its box says that not every column shows, keeps "Vem" in view when scrolled, and fits the window so its scrollbar is in view with it', async () => {
  const session = await openApp(served.browser, served.server.url, { contextOptions: { viewport: { width: 1366, height: 768 } } });
  try {
    const { page } = session;
    const hint = page.locator(tid('matrix-scroll-hint'));
    const box = page.locator('.matrix-scroll');
    assert.equal(await hint.isVisible(), false, 'the example case’s two units fit: no hint');

    // Two more care units: seven columns after "Vem", wider than the box at 1366 px.
    const columns = page.locator(`${tid('access-matrix')} thead th`);
    const before = await columns.count();
    for (let i = 0; i < 2; i++) await page.locator(tid('add-unit')).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=access-matrix] thead th').length === n, before + 2);
    await hint.waitFor({ state: 'visible' });
    assert.match(await hint.textContent(), /Alla kolumner syns inte: rulla tabellen i sidled/);

    // Looked at, the whole box is in the window, its bottom edge (the scrollbar) included.
    await box.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const shown = await box.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: innerHeight, scrolls: el.scrollWidth > el.clientWidth };
    });
    assert.ok(shown.scrolls, 'the table is wider than its box');
    // Within a pixel: Chromium scrolls by whole pixels, so a box that ends at a fraction of
    // one can be aligned to the window's end only to within it.
    assert.ok(shown.top >= 0 && shown.bottom <= shown.height + 1, `the box (${shown.top}–${shown.bottom} px) fits the ${shown.height} px window`);

    // Scrolled to its far end: "Vem" is still at the box's left edge, the last column whole.
    const edges = await box.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
      const boxRect = el.getBoundingClientRect();
      const heads = el.querySelectorAll('thead th');
      return {
        boxLeft: boxRect.left,
        boxRight: boxRect.left + el.clientLeft + el.clientWidth,
        vemLeft: heads[0].getBoundingClientRect().left,
        lastRight: heads[heads.length - 1].getBoundingClientRect().right,
      };
    });
    assert.ok(Math.abs(edges.vemLeft - edges.boxLeft) <= 2, `"Vem" stays at the left edge (${edges.vemLeft} vs ${edges.boxLeft})`);
    assert.ok(edges.lastRight <= edges.boxRight + 1, `the last column is whole (${edges.lastRight} vs ${edges.boxRight})`);

    // The two new units removed again: the table fits, and the hint goes.
    const remove = page.locator('[data-testid^=remove-unit-]');
    for (let i = 0; i < 2; i++) await remove.last().click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=access-matrix] thead th').length === n, before);
    await hint.waitFor({ state: 'hidden' });
  } finally {
    await session.close();
  }
});

/** Each view tab's box and whether its label is cut, with the tab list's box. */
const tabBoxes = (page) =>
  page.evaluate(() => {
    const list = document.querySelector('.view-tabs ul').getBoundingClientRect();
    return {
      list: { left: list.left, right: list.right },
      tabs: [...document.querySelectorAll('.view-tabs [role=tab]')].map((tab) => {
        const r = tab.getBoundingClientRect();
        return {
          label: tab.textContent.trim(),
          top: r.top,
          left: r.left,
          right: r.right,
          width: r.width,
          height: r.height,
          cut: tab.scrollWidth > tab.clientWidth || tab.scrollHeight > tab.clientHeight,
        };
      }),
    };
  });

test('at 1366×768 the view tabs share one row whichever is selected, each whole and at least 24 px square, and at 320 px they wrap without the page scrolling sideways', async () => {
  const session = await openApp(served.browser, served.server.url, { contextOptions: { viewport: { width: 1366, height: 768 } } });
  try {
    const { page } = session;
    // The selected tab's label is bold, so wider: each in turn, the longest included.
    for (const tab of TABS) {
      await openTab(page, tab);
      const { list, tabs } = await tabBoxes(page);
      assert.equal(tabs.length, TABS.length);
      const rows = new Set(tabs.map((t) => Math.round(t.top)));
      assert.equal(rows.size, 1, `with ${tab} selected the tabs take ${rows.size} rows: ${tabs.map((t) => `${t.label} at ${Math.round(t.top)} px`).join(', ')}`);
      for (const t of tabs) {
        assert.ok(!t.cut, `the label "${t.label}" is cut`);
        assert.ok(t.left >= list.left - 1 && t.right <= list.right + 1, `"${t.label}" (${Math.round(t.left)}–${Math.round(t.right)} px) sticks out of the tab list (${Math.round(list.left)}–${Math.round(list.right)} px)`);
        assert.ok(t.width >= 24 && t.height >= 24, `"${t.label}" is ${t.width}×${t.height} px, under 24×24`);
      }
    }

    await page.setViewportSize({ width: 320, height: 640 });
    for (const tab of ['situation', 'guardian-view']) {
      await openTab(page, tab);
      const { tabs } = await tabBoxes(page);
      const width = await page.evaluate(() => document.documentElement.clientWidth);
      for (const t of tabs) {
        assert.ok(!t.cut && t.right <= width + 1, `at 320 px "${t.label}" is cut or sticks out (right edge ${Math.round(t.right)} px)`);
      }
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(sideways <= 0, `at 320 px with ${tab} selected the page scrolls ${sideways} px sideways`);
    }
  } finally {
    await session.close();
  }
});

test('at 320×640 the training-case picker fits the screen and the chosen case’s whole title is written out below it', async () => {
  const session = await openApp(served.browser, served.server.url, { contextOptions: { viewport: { width: 320, height: 640 } } });
  try {
    const { page } = session;
    const picker = page.locator(tid('training-case'));
    const shown = page.locator(tid('chosen-case-title'));
    // The longest title, which the closed picker cannot show whole at this width.
    const longest = await picker.locator('option').evaluateAll((options) =>
      options.reduce((a, b) => (b.textContent.trim().length > a.textContent.trim().length ? b : a)).value,
    );
    for (const id of ['normal-family', longest]) {
      await picker.selectOption(id);
      const title = (await picker.locator(`option[value="${id}"]`).textContent()).trim();
      await waitForText(shown, title);
      const fit = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const box = (sel) => document.querySelector(sel).getBoundingClientRect();
        const el = document.querySelector('[data-testid=chosen-case-title]');
        return {
          width,
          picker: box('[data-testid=training-case]'),
          title: box('[data-testid=chosen-case-title]'),
          cut: el.scrollWidth > el.clientWidth,
        };
      });
      assert.ok(fit.picker.left >= 0 && fit.picker.right <= fit.width, `the picker (${fit.picker.left}–${fit.picker.right} px) is wider than the ${fit.width} px screen`);
      assert.ok(await shown.isVisible(), `the title of ${id} is not shown`);
      assert.equal((await shown.textContent()).trim(), title);
      assert.ok(!fit.cut && fit.title.left >= 0 && fit.title.right <= fit.width, `the title "${title}" is cut or sticks out (${fit.title.left}–${fit.title.right} px)`);
    }
  } finally {
    await session.close();
  }
});
