/**
 * The inspector in Chinese: given the zh-cn bundle in its `l10n` block (as the panel host passes VS Code's), the
 * tabs, section titles and field names are Chinese and the page says its language; job data (ids, field names of
 * the API, error codes) stays as the cloud sent it. Without a bundle it is English. Screenshots for looking.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { cspViolations, fixtureJob, launch, openPreview, shot, showTab } from './support.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('inspector: zh-cn', () => {
  it('tabs, sections and field names in Chinese; ids and API field names as they are', async () => {
    const job = fixtureJob('ice', 'sdk-example');
    const o = await openPreview(browser, job, { lang: 'zh-cn', name: 'zh-cn-overview' });
    const tabs = (await o.page.locator('[role="tab"]').allInnerTexts()).map((s) => s.replace(/\s+\d+$/, '').trim());
    assert.deepEqual(tabs.slice(0, 3), ['概览', '时间线', '片段']);
    assert.ok(tabs.some((x) => x.startsWith('ClipsParam')), `an API field name stays: ${tabs.join(' | ')}`);
    assert.equal(await o.page.getAttribute('html', 'lang'), 'zh-cn');
    const overview = await o.page.locator('#tab-panel').innerText();
    for (const word of ['作业', '名称', '状态', '地域', '创建时间']) assert.ok(overview.includes(word), `${word} in the overview`);
    assert.ok(overview.includes(job.id), 'the job id as it is');
    await shot(o.page, 'zh-cn-overview');
    await showTab(o.page, 'timeline');
    assert.ok((await o.page.locator('#tab-panel').innerText()).includes('适应'), 'the timeline toolbar');
    await shot(o.page, 'zh-cn-timeline');
    assert.deepEqual(await cspViolations(o), []);
    assert.deepEqual(o.pageErrors, []);
  });

  it('without a bundle the inspector is English', async () => {
    const o = await openPreview(browser, fixtureJob('ice', 'sdk-example'), { name: 'en-overview' });
    const tabs = (await o.page.locator('[role="tab"]').allInnerTexts()).map((s) => s.replace(/\s+\d+$/, '').trim());
    assert.deepEqual(tabs.slice(0, 3), ['Overview', 'Timeline', 'Clips']);
    assert.equal(await o.page.getAttribute('html', 'lang'), 'en');
  });
});
