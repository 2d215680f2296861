/**
 * Times in the tooltips, hovers and the inspector follow the display language (src/util/formatLocale.ts): English reads
 * exactly as before (UTC in tooltips; the inspector's local time without a zone, UTC on hover), zh-cn shows the
 * local time in Chinese order with its zone named, and the inspector's durations have Chinese units.
 * TZ is fixed for the file so the local times are the same on every machine.
 */
process.env.TZ = 'Asia/Shanghai';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type Job } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';
import { jobTooltipMarkdown } from '../../../src/present/jobPresentation.js';
import { diffJobs } from '../../../src/present/jobDiff.js';
import { dateTime, duration } from '../../../src/webview/format.js';
import { inChinese } from '../../support/l10n.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');

function tracked(snap: Partial<Job>): TrackedJob {
  const id = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';
  const ref: JobRef = { kind: 'ice', id, region: 'cn-shanghai', params: {} };
  return {
    key: jobKey(ref), ref, snapshot: { ...blankJob('ice', 'cn-shanghai', id), ...snap },
    lastError: null, addedAt: '2024-06-01T11:00:00Z', lastCheckedAt: '2024-06-01T11:57:00Z', watched: false,
  };
}

const DONE = tracked({ status: 'succeeded', rawStatus: 'Success', createdAt: '2024-06-01T11:00:00Z', startedAt: '2024-06-01T11:00:30Z', completedAt: '2024-06-01T16:05:00Z' });

test('the tooltip\'s times: UTC in English as before; local with the zone in zh-cn (the date rolls over with the zone)', () => {
  const en = jobTooltipMarkdown(DONE, NOW);
  assert.match(en, /Created: 2024-06-01 11:00:00 UTC, 1 h ago/);
  assert.match(en, /Completed: 2024-06-01 16:05:00 UTC/);
  const zh = inChinese(() => jobTooltipMarkdown(DONE, NOW));
  assert.match(zh, /创建时间：2024\/06\/01 19:00:00 \(UTC\+8\)，1 小时前/);
  assert.match(zh, /2024\/06\/02 00:05:00 \(UTC\+8\)/);
  assert.ok(!zh.includes(' UTC，'), zh);
});

test('a time the API gave that is not a time is shown as it came, in both languages', () => {
  const odd = tracked({ status: 'running', rawStatus: 'Processing', createdAt: 'yesterday' });
  assert.match(jobTooltipMarkdown(odd, NOW), /Created: yesterday/);
  assert.match(inChinese(() => jobTooltipMarkdown(odd, NOW)), /yesterday/);
});

test('the inspector\'s times: the local time without a zone in English, with its zone in zh-cn; UTC on hover in both', () => {
  assert.deepEqual(dateTime('2024-06-01T16:05:00Z'), { local: '2024-06-02 00:05:00', utc: '2024-06-01 16:05:00 UTC' });
  assert.deepEqual(inChinese(() => dateTime('2024-06-01T16:05:00Z')), { local: '2024/06/02 00:05:00 (UTC+8)', utc: '2024-06-01 16:05:00 UTC' });
  assert.deepEqual(inChinese(() => dateTime('garbage')), { local: 'garbage', utc: 'garbage' });
});

test('the inspector\'s durations: English units as before, Chinese units in zh-cn', () => {
  assert.deepEqual([duration(18.333), duration(182), duration(3720), duration(7200)], ['18.33 s', '3 min 2 s', '1 h 2 min', '2 h']);
  assert.deepEqual(inChinese(() => [duration(18.333), duration(182), duration(180), duration(3720), duration(7200)]), ['18.33 秒', '3 分 2 秒', '3 分钟', '1 小时 2 分钟', '2 小时']);
  assert.equal(inChinese(() => duration(-5)), '−5 秒');
});

test('the job comparison\'s times: as the cloud gave them in English, local with the zone in zh-cn; equal stays equal', () => {
  const a = DONE.snapshot!;
  const b = { ...a, completedAt: '2024-06-01T16:06:00Z' };
  const row = (d: ReturnType<typeof diffJobs>, name: string) => d.fields.find((f) => f.field === name)!;
  const en = diffJobs(a, b);
  assert.deepEqual(row(en, 'Completed'), { field: 'Completed', left: '2024-06-01T16:05:00Z', right: '2024-06-01T16:06:00Z', changed: true });
  assert.equal(row(en, 'Created').changed, false);
  const zh = inChinese(() => diffJobs(a, b));
  assert.deepEqual(row(zh, 'Completed'), { field: 'Completed', left: '2024/06/02 00:05:00 (UTC+8)', right: '2024/06/02 00:06:00 (UTC+8)', changed: true });
  assert.deepEqual(row(zh, 'Created'), { field: 'Created', left: '2024/06/01 19:00:00 (UTC+8)', right: '2024/06/01 19:00:00 (UTC+8)', changed: false });
});
