/**
 * The presenters with the zh-cn bundle VS Code hands the extension (l10n/bundle.l10n.zh-cn.json): a tree's groups
 * and row, the tooltip and hover, the notification of a finished job and the ages read Chinese, and read exactly
 * as before in English once the catalog is reset. Ids, codes and API names stay as they are.
 */
process.env.TZ = 'Asia/Shanghai';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type Job } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';
import { finishedMessage } from '../../../src/present/messages.js';
import { formatAge, jobDescription, jobTooltipMarkdown } from '../../../src/present/jobPresentation.js';
import { groupJobs, type TreeNode, walkTree } from '../../../src/present/grouping.js';
import { inChinese } from '../../support/l10n.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');

function tracked(snap: Partial<Job>, id = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801'): TrackedJob {
  const ref: JobRef = { kind: 'ice', id, region: 'cn-shanghai', params: {} };
  return {
    key: jobKey(ref), ref, snapshot: { ...blankJob('ice', 'cn-shanghai', id), ...snap },
    lastError: null, addedAt: '2024-06-01T11:00:00Z', lastCheckedAt: '2024-06-01T11:57:00Z', watched: false,
  };
}

const FAILED = tracked({
  status: 'failed', rawStatus: 'Failed', createdAt: '2024-06-01T11:00:00Z', completedAt: '2024-06-01T11:05:00Z',
  error: { code: 'InvalidParameter.Timeline', message: 'The Timeline is invalid.' },
});

test('zh-cn: the row, the tooltip and the notification of a failed job; codes and API names untranslated', () => {
  const zh = inChinese(() => ({
    description: jobDescription(FAILED, NOW),
    tooltip: jobTooltipMarkdown(FAILED, NOW),
    message: finishedMessage(FAILED, 'failed'),
    age: formatAge(3 * 3_600_000),
  }));
  assert.equal(zh.description, 'InvalidParameter.Timeline · 耗时 5 分钟');
  assert.match(zh.tooltip, /^\*\*智能媒体服务剪辑合成作业\*\* · 失败 \(Failed\)/);
  assert.match(zh.tooltip, /地域：cn\\-shanghai/);
  // Local time with its zone (TZ is Asia/Shanghai for this file; test/unit/present/localeTimes.test.ts has the rest).
  assert.match(zh.tooltip, /创建时间：2024\/06\/01 19:00:00 \(UTC\+8\)，1 小时前/);
  assert.match(zh.tooltip, /\*\*错误\*\* InvalidParameter\\\.Timeline: The Timeline is invalid\\\./);
  assert.match(zh.tooltip, /_上次检查于 3 分钟前_/);
  assert.equal(zh.message, 'ice 7c1e0a9b…a801 失败: InvalidParameter.Timeline The Timeline is invalid.');
  assert.equal(zh.age, '3 小时');
});

test('zh-cn: the tree groups name the cloud and the status as the consoles do; English is unchanged after', () => {
  const jobs = [FAILED, tracked({ status: 'succeeded', rawStatus: 'Success' }, '7c1e0a9b5d3f4e21a8c6f0b2d4e6a802')];
  const labels = (roots: TreeNode[]): string[] => [...walkTree(roots)].flatMap((n) => (n.type === 'group' ? [n.label] : []));
  assert.deepEqual(inChinese(() => labels(groupJobs(jobs, 'cloud'))), ['阿里云 (2)', '失败 (1)', '成功 (1)']);
  assert.deepEqual(labels(groupJobs(jobs, 'cloud')), ['Alibaba Cloud (2)', 'Failed (1)', 'Succeeded (1)']);
  assert.equal(jobDescription(FAILED, NOW), 'InvalidParameter.Timeline · took 5 min');
  assert.equal(finishedMessage(FAILED, 'failed'), 'ice 7c1e0a9b…a801 failed: InvalidParameter.Timeline The Timeline is invalid.');
});
