/**
 * The overview's Times section: where the API reports no time at all (a Live editing task: GetEditingJobInfo has
 * none), one line says so instead of a column of dashes; a job with some times keeps its rows, a missing one
 * marked with a dash that says why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { type Job } from '../../src/model/job.js';
import { cspViolations, fixtureJob, fixtureJobs, launch, openPreview, shot } from './support.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('inspector: times', () => {
  it('a failed Live editing task: "GetEditingJobInfo reports no times" once, no row of dashes', async () => {
    const job = fixtureJobs('live-editing', 'array').find((j) => j.status === 'failed') as Job;
    assert.ok(job, 'the fixture has a failed task (TaskStatus -1)');
    assert.deepEqual([job.createdAt, job.startedAt, job.completedAt, job.updatedAt], [null, null, null, null]);
    const o = await openPreview(browser, job, { name: 'times-live-editing-failed' });
    const times = (await o.page.locator('#sec-times').innerText()).replace(/\s+/g, ' ');
    assert.equal(times.match(/GetEditingJobInfo reports no times/g)?.length, 1, times);
    assert.equal(await o.page.locator('#sec-times .missing').count(), 0, 'no dashes');
    assert.doesNotMatch(times, /Created|Started|Completed|Updated|Took|Local time/);
    await shot(o.page, 'times-live-editing-failed');
    assert.deepEqual(await cspViolations(o), []);
    assert.deepEqual(o.pageErrors, []);
    await o.page.context().close();
  });

  it('a job with times keeps its rows', async () => {
    const o = await openPreview(browser, fixtureJob('ice', 'success'), { name: 'times-ice' });
    const times = (await o.page.locator('#sec-times').innerText()).replace(/\s+/g, ' ');
    assert.match(times, /Created/);
    assert.match(times, /Completed/);
    assert.doesNotMatch(times, /reports no times/);
    await o.page.context().close();
  });
});
