/**
 * Look and feel: the panel follows the theme's variables in light, dark and high-contrast themes (screenshots
 * of each go to artifacts/webview/), uses codicons, has a sensible keyboard focus order and ARIA roles and
 * labels for tabs, lanes and tables.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { fixtureJob, launch, openPreview, shot, showTab } from './support.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate callbacks run in the browser; this Node project has no DOM types */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('inspector: look and feel', () => {
  it('follows light, dark and high-contrast themes (screenshots of each)', async () => {
    const seen: Record<string, { bg: string; fg: string; clip: string; border: string }> = {};
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const o = await openPreview(browser, fixtureJob('ice', 'success'), { name: `look-${theme}`, theme });
      await shot(o.page, `theme-${theme}-overview`);
      await showTab(o.page, 'timeline');
      await o.page.click('.item.clip[data-track="0"][data-index="1"]');
      await o.page.waitForSelector('#clip-details .clip-details');
      await shot(o.page, `theme-${theme}-timeline`);
      await showTab(o.page, 'clips');
      await shot(o.page, `theme-${theme}-clips`);
      await showTab(o.page, 'timeline');
      await o.page.waitForSelector('.item.clip');
      // (No named helper functions inside evaluate: the TypeScript loader would wrap them in a helper the page lacks.)
      seen[theme] = await o.page.evaluate(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        fg: getComputedStyle(document.body).color,
        clip: getComputedStyle(document.querySelector('.item.clip')).backgroundColor,
        border: getComputedStyle(document.querySelector('.lane-head')).borderRightColor,
      }));
      // Codicons come from the bundled font.
      const font = await o.page.evaluate(() => getComputedStyle(document.querySelector('.codicon')).fontFamily);
      assert.match(font, /codicon/);
      assert.ok(await o.page.evaluate(() => document.fonts.check('16px codicon')), 'the codicon font loaded');
      await o.page.context().close();
    }
    assert.equal(seen.light?.bg, 'rgb(255, 255, 255)');
    assert.equal(seen.dark?.bg, 'rgb(31, 31, 31)');
    assert.equal(seen['high-contrast']?.bg, 'rgb(0, 0, 0)');
    assert.notEqual(seen.light?.fg, seen.dark?.fg);
    assert.notEqual(seen.light?.clip, seen.dark?.clip, 'clip colours are mixed from the theme');
    assert.equal(seen['high-contrast']?.border, 'rgb(111, 195, 223)', 'high contrast draws the contrast border');
  });

  it('keyboard: header actions, then the selected tab, then the content; arrows move between tabs', async () => {
    const o = await openPreview(browser, fixtureJob('ice', 'success'), { name: 'look-focus' });
    const page = o.page;
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        const el = document.activeElement;
        return `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[${el.getAttribute('role')}]` : ''}:${el.getAttribute('aria-label') ?? el.title ?? el.textContent.trim().slice(0, 20)}`;
      }));
    }
    assert.match(order[0] ?? '', /^button:Copy job id/);
    assert.match(order[1] ?? '', /^button:Refresh/);
    assert.match(order[2] ?? '', /^button\[tab\]:/, 'then the selected tab (one tab stop for the tab list)');
    assert.match(order[3] ?? '', /^button:Copy job id/, 'then the content (the overview\'s first copy button)');
    await page.focus('#tab-overview');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#tab-timeline[aria-selected=true]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-timeline');
    await page.keyboard.press('End');
    await page.waitForSelector('#tab-raw[aria-selected=true]');
    await page.keyboard.press('Home');
    await page.waitForSelector('#tab-overview[aria-selected=true]');
    // Every icon-only button has a name.
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('button')].filter((b: any) => !(b.getAttribute('aria-label') || b.textContent.trim())).length);
    assert.equal(unnamed, 0);
  });

  it('ARIA: tab list and panel, lanes and their items, the clips grid, stream tables, the JSON tree', async () => {
    const o = await openPreview(browser, fixtureJob('vod', 'success'), { name: 'look-aria' });
    const page = o.page;
    assert.equal(await page.getAttribute('.tabs', 'role'), 'tablist');
    assert.equal(await page.locator('.tabs [role=tab]').count(), 6);
    assert.equal(await page.getAttribute('#tab-panel', 'role'), 'tabpanel');
    assert.equal(await page.getAttribute('#tab-panel', 'aria-labelledby'), 'tab-overview');
    await showTab(page, 'streams');
    const labels = await page.locator('table.data-table').evaluateAll((ts: any[]) => ts.map((t) => t.getAttribute('aria-label')));
    assert.ok(labels.length > 0 && labels.every((l) => l === 'Video streams' || l === 'Audio streams'));
    assert.ok((await page.locator('table.data-table th[scope=col]').count()) > 0);
    const ice = await openPreview(browser, fixtureJob('ice', 'success'), { name: 'look-aria-ice', state: { tab: 'timeline' } });
    await ice.page.waitForSelector('.item.clip');
    assert.equal(await ice.page.getAttribute('.tl-lanes', 'aria-roledescription'), 'timeline');
    assert.match(await ice.page.getAttribute('.tl-lanes', 'aria-label') ?? '', /arrows move between clips/);
    const laneLabels = await ice.page.locator('.lane-inner').evaluateAll((ls: any[]) => ls.map((l) => `${l.getAttribute('role')}|${l.getAttribute('aria-label')}`));
    assert.equal(laneLabels.length, 5);
    assert.ok(laneLabels.every((l) => /^list\|(Video|Effect|Subtitle|Audio) \d/.test(l)), laneLabels.join('\n'));
    const itemLabel = await ice.page.getAttribute('.item.clip[data-track="0"][data-index="0"]', 'aria-label');
    assert.equal(itemLabel, 'a84bba07931db925306a0799dc6ebd71, source 2.5–12.5 s, on output 0:00.00–0:10.00, position derived');
    await showTab(ice.page, 'clips');
    assert.equal(await ice.page.locator('.grid-head [role=columnheader]').count(), 12, 'eleven columns and the Caption column');
    assert.equal(await ice.page.locator('[role=gridcell]').first().getAttribute('role'), 'gridcell');
    await showTab(ice.page, 'overview');
    assert.equal(await ice.page.getAttribute('#sec-userdata .json-tree', 'role'), 'tree');
    assert.equal(await ice.page.locator('#sec-userdata [role=treeitem]').count(), 2);
    assert.ok(await ice.page.evaluate(() => window.__inspectorPreview.rendered.length) > 0);
  });
});
