/**
 * The CLI's status words and dates follow its language: in zh-cn the table's status column shows the consoles' status
 * labels (and `--status` takes them), and times (watch lines, CREATED, the inspect lines) are local, their zone named.
 * English is exactly as before (model words, ISO 8601 UTC), and --json keeps ISO.
 * The zone is fixed for the file (TZ, set before any date is formatted), so the figures are the same on every machine.
 */
process.env.TZ = 'Asia/Shanghai';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../../src/cli/args.js';
import { formatJob, statusWord } from '../../../src/cli/format.js';
import { listTable } from '../../../src/cli/list.js';
import { runWatch } from '../../../src/cli/watch.js';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type CloudClient } from '../../../src/clouds/client.js';
import { type Job } from '../../../src/model/job.js';
import { formatDateTime, formatStamp, intlLocale, zoneLabel } from '../../../src/util/formatLocale.js';
import { inChineseAsync } from '../../support/l10n.js';

const AT = Date.UTC(2026, 11, 4, 22, 41, 5);

function job(over: Partial<Job> = {}): Job {
  return { ...blankJob('ice', 'cn-shanghai', '7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f'), status: 'succeeded', rawStatus: 'Success', createdAt: '2026-12-04T22:41:05Z', ...over };
}

test('formatDateTime and formatStamp: English as before; zh-cn local, in Chinese order, the zone named', () => {
  assert.equal(formatDateTime(AT, { locale: 'en' }), '2026-12-04 22:41:05 UTC');
  assert.equal(formatStamp(AT, { locale: 'en' }), '2026-12-04T22:41:05Z');
  assert.equal(formatDateTime(AT, { locale: 'zh-cn', timeZone: 'Asia/Shanghai' }), '2026/12/05 06:41:05 (UTC+8)');
  assert.equal(formatDateTime(AT, { locale: 'zh-cn', timeZone: 'UTC' }), '2026/12/04 22:41:05 (UTC)');
  assert.equal(formatStamp('2026-12-04T22:41:05Z', { locale: 'zh-cn', timeZone: 'Asia/Shanghai' }), '2026/12/05 06:41:05 (UTC+8)');
  // The machine's zone when none is given (TZ above), half-hour zones and daylight saving as the date has them.
  assert.equal(formatDateTime(AT, { locale: 'zh-cn' }), '2026/12/05 06:41:05 (UTC+8)');
  assert.equal(zoneLabel(AT, 'Asia/Kolkata'), 'UTC+5:30');
  assert.equal(zoneLabel(Date.UTC(2026, 6, 1), 'America/New_York'), 'UTC-4');
  assert.equal(zoneLabel(AT, 'America/New_York'), 'UTC-5');
  assert.equal(formatDateTime('not a time', { locale: 'zh-cn' }), 'not a time');
  assert.equal(intlLocale('zh-cn'), 'zh-CN');
  assert.equal(intlLocale('en'), 'en-US');
});

test('the list table: the status column and CREATED follow the language; English unchanged', async () => {
  const jobs = [job(), job({ id: 'b0000000000000000000000000000001', status: 'running', rawStatus: 'Processing', createdAt: '2026-12-04T01:00:00Z' })];
  const en = listTable(jobs);
  assert.match(en[1]!, /^succeeded {2}7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f {2}.*2026-12-04T22:41:05Z/);
  assert.match(en[2]!, /^running /);
  const zh = await inChineseAsync(() => listTable(jobs));
  assert.match(zh[0]!, /^状态/);
  assert.match(zh[1]!, /^成功 {4}7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f {2}.*2026\/12\/05 06:41:05 \(UTC\+8\)/);
  assert.match(zh[2]!, /^处理中 {2}b0000000000000000000000000000001 {2}.*2026\/12\/04 09:00:00 \(UTC\+8\)/);
  // A kind's own word for a raw value (edge "0") is the console's label too.
  const edge = { ...blankJob('live-edge', 'cn-shanghai', 'e1'), status: 'stopped' as const, rawStatus: '0' };
  assert.equal(statusWord(edge), 'not started');
  assert.notEqual(await inChineseAsync(() => statusWord(edge)), 'not started');
  assert.match(await inChineseAsync(() => statusWord(edge)), /[\u4e00-\u9fff]/);
});

test('inspect\'s text: the times are local with the zone in zh-cn, as the cloud gave them in English', async () => {
  const j = job({ startedAt: '2026-12-04T22:41:05Z', completedAt: '2026-12-04T22:42:05Z' });
  const en = formatJob(j);
  assert.match(en, /^ice {2}7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f {2}SUCCEEDED \(Success\)/);
  assert.match(en, /created {5}2026-12-04T22:41:05Z/);
  assert.match(en, /completed {3}2026-12-04T22:42:05Z \(after 1m 0s\)/);
  const zh = await inChineseAsync(() => formatJob(j));
  assert.match(zh, /^ice {2}7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f {2}成功 \(Success\)/);
  assert.match(zh, /2026\/12\/05 06:41:05 \(UTC\+8\)/);
  assert.match(zh, /2026\/12\/05 06:42:05 \(UTC\+8\)/);
  assert.ok(!zh.includes('2026-12-04T22:41:05Z'), zh);
});

test('--status takes the model word always and the status label in zh-cn', async () => {
  const status = (argv: string[]) => {
    const cmd = parseCommandLine(argv);
    return cmd.type === 'list' ? cmd.status : null;
  };
  assert.equal(status(['list', 'ice', '--status', 'failed']), 'failed');
  assert.throws(() => parseCommandLine(['list', 'ice', '--status', '失败']), /--status must be one of/);
  assert.equal(await inChineseAsync(() => status(['list', 'ice', '--status', '失败'])), 'failed');
  assert.equal(await inChineseAsync(() => status(['list', 'ice', '--status', 'running'])), 'running');
  assert.equal(await inChineseAsync(() => status(['list', 'ice', '--status', '处理中'])), 'running');
});

test('watch lines: ISO UTC stamps in English, local stamps with the zone in zh-cn', async () => {
  const done = job();
  const client = { fetchOne: () => Promise.resolve({ ref: { kind: 'ice', id: done.id, region: 'cn-shanghai', params: {} }, jobs: [done], error: null }) } as unknown as CloudClient;
  const clock = { now: () => AT, sleep: () => Promise.resolve() };
  const watch = async (): Promise<string> => {
    let out = '';
    const cmd = parseCommandLine(['watch', 'ice', done.id]);
    assert.equal(cmd.type, 'watch');
    await runWatch(client, cmd as Extract<typeof cmd, { type: 'watch' }>, { out: (s) => (out += s), err: () => undefined, clock });
    return out;
  };
  assert.equal(await watch(), '2026-12-04T22:41:05Z  succeeded (Success)\n');
  assert.equal(await inChineseAsync(watch), '2026/12/05 06:41:05 (UTC+8)  成功 (Success)\n');
});
