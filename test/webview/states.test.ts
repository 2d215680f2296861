/**
 * Empty and broken states render a clear message, never a blank or half-drawn panel: no timeline, a timeline
 * that did not parse (reason and raw string), an unknown status, missing fields, a job not fetched yet, a
 * trimmed snapshot being fetched again, no response body, ClipsParam that is not JSON. Every tab is tried.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { type Job } from '../../src/model/job.js';
import { INSPECTOR_TABS } from '../../src/protocol/webview.js';
import { cspViolations, fixtureJob, launch, type Opened, openPreview, shot, showTab } from './support.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate callbacks run in the browser; this Node project has no DOM types */
declare const window: any;

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const text = async (page: Page, sel: string): Promise<string> => (await page.locator(sel).first().innerText()).replace(/\s+/g, ' ').trim();

/** Visits every tab: each must show something (text), and nothing may throw. */
async function everyTabShowsSomething(o: Opened): Promise<void> {
  for (const tab of INSPECTOR_TABS) {
    if (await o.page.getAttribute(`#tab-${tab}`, 'aria-selected') !== 'true') await showTab(o.page, tab);
    const shown = (await o.page.locator('#tab-panel').innerText()).trim();
    assert.ok(shown.length > 10, `tab ${tab} shows text (got ${JSON.stringify(shown)})`);
  }
  assert.deepEqual(await cspViolations(o), []);
  assert.deepEqual(o.pageErrors, []);
  assert.deepEqual(o.consoleErrors, []);
  assert.deepEqual(await o.page.evaluate(() => window.__inspectorPreview.logs), []);
}

describe('inspector: empty and broken states', () => {
  it('a timeline that did not parse: the reason, and the raw string exactly as received', async () => {
    const job = fixtureJob('ice', 'timeline-invalid');
    assert.ok(job.timeline?.parseError);
    const o = await openPreview(browser, job, { name: 'state-bad-timeline', state: { tab: 'timeline' } });
    assert.match(await text(o.page, '#timeline-error'), /The Timeline could not be read Timeline is not valid JSON: trailing comma/);
    const raw = await o.page.locator('.raw-timeline').textContent();
    assert.equal(raw, job.timeline.parseError !== null ? job.timeline.rawText : '');
    assert.equal(await o.page.locator('#tab-timeline .tab-badge.error').innerText(), '!');
    await o.page.click('.timeline-state button:has-text("Copy")');
    await o.page.waitForFunction(() => window.__inspectorPreview.copied.length === 1);
    await showTab(o.page, 'clips');
    assert.match(await text(o.page, '#timeline-error'), /could not be read/);
    await shot(o.page, 'state-bad-timeline');
    await everyTabShowsSomething(o);
  });

  it('an unknown status: shown as Unknown with the cloud\'s own value and an explanation', async () => {
    const o = await openPreview(browser, fixtureJob('ice', 'status-unknown'), { name: 'state-unknown' });
    assert.equal(await o.page.getAttribute('.job-header .chip.status', 'data-status'), 'unknown');
    assert.equal(await text(o.page, '.job-header .raw-status'), 'Canceled');
    assert.match(await text(o.page, '#unknown-status'), /Unknown status: Canceled/);
    await shot(o.page, 'state-unknown-status');
    await everyTabShowsSomething(o);
  });

  it('an empty status and missing fields: dashes that say why, never blanks', async () => {
    const job = fixtureJob('mpc-editing', 'minimal');
    const o = await openPreview(browser, job, { name: 'state-minimal-mpc' });
    assert.equal(await text(o.page, '.job-header .raw-status'), '(empty)');
    // No time at all: said once instead of a column of dashes (test/webview/times.test.ts).
    assert.match(await text(o.page, '#sec-times'), /ListEditingJobs reports no times/);
    assert.equal(await o.page.getAttribute('#sec-job .missing', 'title'), 'The API gives no name for this job', 'other missing facts keep their dash that says why');
    assert.match(await text(o.page, '#sec-outputs'), /No output yet|names no output/);
    await everyTabShowsSomething(o);
  });

  it('ICE minimal (queued, no outputs, no timeline) and VOD minimal (no outputs, no streams)', async () => {
    const ice = await openPreview(browser, fixtureJob('ice', 'minimal'), { name: 'state-minimal-ice' });
    assert.equal(await ice.page.getAttribute('.job-header .chip.status', 'data-status'), 'queued');
    await showTab(ice.page, 'timeline');
    assert.match(await text(ice.page, '.empty-state'), /This job has no timeline The job carries no Timeline\./);
    await everyTabShowsSomething(ice);
    const vod = await openPreview(browser, fixtureJob('vod', 'minimal'), { name: 'state-minimal-vod', state: { tab: 'streams' } });
    assert.match(await text(vod.page, '.empty-state'), /No stream information Stream lists appear when the transcode jobs finish\./);
    await everyTabShowsSomething(vod);
  });

  it('not fetched yet (the first poll failed): the reference, the error with its hint, a Fetch button', async () => {
    const job = fixtureJob('ice', 'success');
    const o = await openPreview(browser, job, {
      name: 'state-not-fetched',
      tracked: { snapshot: null, lastError: { kind: 'api', code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.', hint: 'the AccessKey id is not known to this cloud', at: '2024-06-11T02:20:00Z' } },
    });
    assert.match(await text(o.page, '#last-error'), /^The job could not be fetched: InvalidAccessKeyId\.NotFound Specified access key is not found\. Hint: the AccessKey id is not known/);
    assert.match(await text(o.page, '.empty-state'), /This job has not been fetched yet/);
    assert.match(await text(o.page, '.overview'), new RegExp(`Job ID ${job.id}`));
    await o.page.click('.empty-state button:has-text("Fetch now")');
    await o.page.waitForFunction(() => window.__inspectorPreview.refreshes === 1);
    await shot(o.page, 'state-not-fetched');
    await everyTabShowsSomething(o);
  });

  it('a trimmed snapshot with its clips dropped: "fetching the full timeline", not an empty lane', async () => {
    const base = fixtureJob('ice', 'success');
    const job: Job = { ...base, raw: null, timeline: base.timeline && base.timeline.parseError === null ? { ...base.timeline, tracks: base.timeline.tracks.map((t) => ({ ...t, clips: [] })) } : null };
    const o = await openPreview(browser, job, { name: 'state-trimmed', tracked: { snapshotTrimmed: true }, state: { tab: 'timeline' } });
    assert.match(await text(o.page, '.empty-state'), /Fetching the full timeline/);
    await showTab(o.page, 'raw');
    assert.match(await text(o.page, '.empty-state'), /The response body is not kept across restarts/);
    await everyTabShowsSomething(o);
  });

  it('ClipsParam that is not JSON is shown as received, said so', async () => {
    const job = fixtureJob('ice', 'clipsparam-invalid');
    assert.equal(typeof job.clipsParam, 'string');
    const o = await openPreview(browser, job, { name: 'state-clipsparam', state: { tab: 'clipsParam' } });
    assert.match(await text(o.page, '.not-json'), /ClipsParam is not JSON; shown as received/);
    assert.equal(await o.page.locator('.not-json pre').textContent(), job.clipsParam);
    assert.equal(await o.page.locator('#tab-clipsParam .tab-badge.error').count(), 1);
    await everyTabShowsSomething(o);
  });

  it('the job is removed from the tracked jobs while open: a notice, the last snapshot stays', async () => {
    const o = await openPreview(browser, fixtureJob('vod', 'success'), { name: 'state-untracked' });
    await o.page.evaluate(() => {
      // As the panel host does when the store no longer has the key.
      const p = window.__inspectorPreview;
      window.dispatchEvent(new MessageEvent('message', { data: structuredClone(p.session.update(undefined, false)) }));
    });
    await o.page.waitForSelector('.banner:has-text("No longer tracked")');
    assert.equal(await o.page.locator('.output-card').count(), 3);
    await everyTabShowsSomething(o);
  });
});
