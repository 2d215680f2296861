/**
 * Browsing against the emulator: windows split and merged without duplicates or gaps, pages followed to the end,
 * status filters sent as each API's own value, required parameters, and each API's errors with their hints.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CloudClient } from '../../../src/clouds/client.js';
import { ApiError, ConfigError, type MediaJobsError } from '../../../src/clouds/errors.js';
import { splitWindows, type ListQuery } from '../../../src/clouds/listing.js';
import { type Job, type JobKind } from '../../../src/model/job.js';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { emulatedShowName } from '../../emulator/listApis.js';

const DAY = 86_400_000;
const HISTORY = 120;

describe('splitWindows', () => {
  it('cuts a range into windows of at most the maximum, newest first, sharing their boundaries', () => {
    assert.deepEqual(splitWindows(0, 70, 30), [{ from: 40, to: 70 }, { from: 10, to: 40 }, { from: 0, to: 10 }]);
    assert.deepEqual(splitWindows(0, 30, 30), [{ from: 0, to: 30 }]);
    assert.deepEqual(splitWindows(0, 70, null), [{ from: 0, to: 70 }]);
    assert.deepEqual(splitWindows(10, 5, 30), []);
  });
});

describe('CloudClient.list against the emulator', () => {
  let emu: Emulator;
  let client: CloudClient;
  const now = Date.now();

  before(async () => {
    emu = await startEmulator({ history: HISTORY, enforceRateLimits: false });
    const endpoints = { ice: emu.url, 'live-edge': emu.url, 'mpc-editing': emu.url, vod: emu.url, 'live-editing': emu.url };
    client = new CloudClient({ credentials: { aliyun: emu.credentials.aliyun, huawei: emu.credentials.huawei }, endpoints, random: () => 0 });
  });
  after(async () => {
    await client.close();
    await emu.close();
  });

  const query = (over: Partial<ListQuery> = {}): ListQuery => ({ region: '', from: now - 45 * DAY, to: now + 60_000, status: null, params: {}, pageSize: 100, ...over });

  async function all(kind: JobKind, q: ListQuery): Promise<{ jobs: Job[]; requests: number }> {
    const jobs: Job[] = [];
    let requests = 0;
    for await (const page of client.list(kind, q)) {
      jobs.push(...page.jobs);
      requests += page.requests;
    }
    return { jobs, requests };
  }

  async function failure(kind: JobKind, q: ListQuery): Promise<MediaJobsError> {
    try {
      await all(kind, q);
    } catch (e) {
      return e as MediaJobsError;
    }
    assert.fail('expected the list to fail');
  }

  const sentParams = (api: string): Array<Record<string, string>> =>
    emu.requests.filter((r) => r.api === api).map((r) => Object.fromEntries(new URL(r.url, 'http://emulator').searchParams));

  /** What a window listing of ICE shows: the ordinary jobs and the batch jobs created in it, never a sub-job. */
  const iceTopLevel = (from: number): string[] => [
    ...emu.state.list('ice').filter((j) => j.masterJobId === undefined && j.startAt >= from - 1000).map((j) => j.id),
    ...emu.state.iceBatches().filter((b) => b.startAt >= from - 1000).map((b) => b.id),
  ].sort();
  const plainCalls = (): Array<Record<string, string>> => sentParams('ice:ListMediaProducingJobs').filter((p) => p.MasterJobId === undefined);

  it('ICE: 45 days are two windows of at most 30 days, each paged with NextToken; no job twice, none missing', async () => {
    emu.requests.length = 0;
    const { jobs, requests } = await all('ice', query({ pageSize: 20 }));
    assert.deepEqual(jobs.map((j) => j.id).sort(), iceTopLevel(now - 45 * DAY));
    assert.equal(new Set(jobs.map((j) => j.id)).size, jobs.length);
    const created = jobs.map((j) => Date.parse(j.createdAt ?? ''));
    assert.deepEqual(created, [...created].sort((a, b) => b - a), 'newest first, batch jobs merged in');
    const sent = plainCalls();
    assert.equal(sentParams('ice:ListMediaProducingJobs').length + sentParams('ice:ListBatchMediaProducingJobs').length, requests);
    for (const p of [...sent, ...sentParams('ice:ListBatchMediaProducingJobs')]) {
      assert.ok(Date.parse(p.EndTime ?? '') - Date.parse(p.StartTime ?? '') <= 30 * DAY, `window ${p.StartTime}…${p.EndTime}`);
      assert.equal(p.MaxResults, '20');
    }
    assert.ok(sent.some((p) => p.NextToken), 'followed a NextToken');
    assert.equal(new Set(sent.map((p) => p.StartTime)).size, 2, 'two windows');
    assert.equal(jobs.find((j) => j.batch === undefined)?.timeline, null, 'list items carry no Timeline');
  });

  it('ICE: the status filter is sent as the API value and every item matches', async () => {
    emu.requests.length = 0;
    const { jobs } = await all('ice', query({ status: 'failed' }));
    assert.ok(jobs.length > 0);
    assert.ok(jobs.every((j) => j.status === 'failed' && j.rawStatus === 'Failed'));
    assert.ok(jobs.some((j) => j.batch?.role === 'batch'), 'a failed batch job');
    assert.ok(plainCalls().every((p) => p.Status === 'Failed'));
    // Batches are asked for in any status (their sub-jobs are recognised whatever the filter) and filtered here.
    assert.ok(sentParams('ice:ListBatchMediaProducingJobs').every((p) => p.Status === undefined && p.SortBy === 'desc'));
  });

  for (const showsSubJobs of [true, false]) {
    it(`ICE batch jobs: parents with their JobType and sub-job count; parentId lists each one's sub-jobs; no job twice (plain list ${showsSubJobs ? 'with' : 'without'} sub-jobs)`, async () => {
      emu.state.iceListShowsSubJobs = showsSubJobs;
      try {
        const from = now - 45 * DAY;
        const { jobs } = await all('ice', query({ from }));
        const batches = jobs.filter((j) => j.batch?.role === 'batch');
        const expectedBatches = emu.state.iceBatches().filter((b) => b.startAt >= from - 1000);
        assert.ok(expectedBatches.length >= 2);
        assert.deepEqual(batches.map((b) => b.id).sort(), expectedBatches.map((b) => b.id).sort());
        assert.ok(jobs.every((j) => j.batch?.role !== 'sub'), 'a window lists no sub-job');
        const shown = new Set(jobs.map((j) => j.id));
        for (const b of batches) {
          const stored = expectedBatches.find((e) => e.id === b.id)!;
          const subIds = emu.state.list('ice').filter((j) => j.masterJobId === b.id).map((j) => j.id).sort();
          assert.deepEqual(b.batch, { role: 'batch', jobType: stored.jobType, subJobCount: subIds.length });
          assert.ok(b.status === 'succeeded' || b.status === 'failed', `${b.rawStatus} maps`);
          emu.requests.length = 0;
          const subs = await all('ice', query({ parentId: b.id, from: Date.parse(b.createdAt ?? '') }));
          assert.deepEqual(subs.jobs.map((j) => j.id).sort(), subIds);
          assert.ok(subs.jobs.every((j) => j.batch?.role === 'sub' && j.batch.parentId === b.id));
          assert.ok(subs.jobs.every((j) => !shown.has(j.id)), 'a sub-job shows under its batch only');
          assert.ok(sentParams('ice:ListMediaProducingJobs').every((p) => p.MasterJobId === b.id));
        }
      } finally {
        emu.state.iceListShowsSubJobs = true;
      }
    });
  }

  it('ICE: a sub-job in a newer window than its batch (a batch just before the 30-day cut) still shows under its batch only', async () => {
    const to = now + 60_000;
    const cut = to - 30 * DAY;
    const batchId = 'fb000000000000000000000000000001';
    const subId = 'fc000000000000000000000000000001';
    emu.state.addIceBatch({ id: batchId, jobType: 'Script', startOffsetMs: cut - 20_000 - Date.now(), phases: [{ at: 0, status: 'Finished' }] });
    emu.state.add({ kind: 'ice', id: subId, masterJobId: batchId, startOffsetMs: cut + 40_000 - Date.now(), phases: [{ at: 0, status: 'Success' }] });
    try {
      const { jobs } = await all('ice', query({ to }));
      assert.ok(!jobs.some((j) => j.id === subId), 'the sub-job is not listed on its own');
      assert.deepEqual(jobs.find((j) => j.id === batchId)?.batch, { role: 'batch', jobType: 'Script', subJobCount: 1 });
    } finally {
      emu.state.remove('ice', subId);
      emu.state.removeIceBatch(batchId);
    }
  });

  it('parentId: only ICE has sub-jobs; an id that is no id is refused before any request', async () => {
    const vod = await failure('vod', query({ parentId: 'abc' }));
    assert.ok(vod instanceof ConfigError);
    assert.match(vod.message, /no sub-jobs/);
    emu.requests.length = 0;
    const bad = await failure('ice', query({ parentId: 'a b\n' }));
    assert.ok(bad instanceof ConfigError, String(bad));
    assert.equal(emu.requests.length, 0);
  });

  it('live edge: needs a cluster id; pages of PageSize until TotalCount; Status "0" for stopped', async () => {
    const missing = await failure('live-edge', query());
    assert.ok(missing instanceof ConfigError);
    assert.match(missing.message, /clusterId/);
    emu.requests.length = 0;
    const clusterId = SAMPLE_IDS.liveEdge.clusterId;
    const { jobs, requests } = await all('live-edge', query({ params: { clusterId }, pageSize: 25, from: now - 180 * DAY }));
    const expected = emu.state.list('live-edge').filter((j) => j.clusterId === clusterId).map((j) => j.id).sort();
    assert.deepEqual(jobs.map((j) => j.id).sort(), expected);
    assert.equal(requests, Math.ceil(expected.length / 25));
    assert.ok(jobs.every((j) => j.params.clusterId === clusterId));
    emu.requests.length = 0;
    const stopped = await all('live-edge', query({ params: { clusterId }, status: 'stopped', from: now - 180 * DAY }));
    assert.ok(stopped.jobs.length > 0 && stopped.jobs.every((j) => j.rawStatus === '0'));
    assert.ok(sentParams('live:ListEdgeTranscodeJob').every((p) => p.Status === '0'));
  });

  it('MPC (v1 ListEditingJob): pages from 0 until total; SUCCEED and CANCELED map; the status is sent as v1 spells it', async () => {
    const { jobs } = await all('mpc-editing', query({ pageSize: 30 }));
    const expected = emu.state.list('mpc-editing').filter((j) => j.startAt >= now - 45 * DAY - 1000).map((j) => j.id).sort();
    assert.deepEqual(jobs.map((j) => j.id).sort(), expected);
    assert.ok(jobs.some((j) => j.rawStatus === 'SUCCEED' && j.status === 'succeeded'));
    assert.ok(jobs.some((j) => j.status === 'cancelled'));
    const cancelled = await all('mpc-editing', query({ status: 'cancelled' }));
    assert.ok(cancelled.jobs.length > 0 && cancelled.jobs.every((j) => j.rawStatus === 'CANCELED'));
    assert.ok(jobs.every((j) => j.params.projectId === emu.credentials.huawei.projectId));
  });

  it('a throttled list call is retried within the rate limit and the pages still arrive', async () => {
    emu.faults.inject({ type: 'throttle', retryAfter: 0, times: 1, match: { api: 'ice:ListMediaProducingJobs' } });
    const { jobs } = await all('ice', query({ from: now - DAY }));
    assert.ok(jobs.length > 0);
    assert.ok(emu.requests.some((r) => r.api === 'ice:ListMediaProducingJobs' && r.fault === 'throttle'));
  });

  it('MPC: a 404 from a region without the v1 list says so in its hint', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json', 'x-request-id': 'r404' });
      res.end(JSON.stringify({ error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const c = new CloudClient({ credentials: { huawei: emu.credentials.huawei }, endpoints: { 'mpc-editing': `http://127.0.0.1:${port}` }, random: () => 0 });
    try {
      let err: unknown;
      try {
        for await (const _ of c.list('mpc-editing', query())) { /* the first page fails */ }
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof ApiError, String(err));
      assert.equal(err.code, 'APIGW.0101');
      assert.match(err.hint ?? '', /v1 ListEditingJob/);
    } finally {
      await c.close();
      server.close();
    }
  });

  it('VOD: videos created in the window (GetVideoList pages), then every task of each video (ListTranscodeTask); running/failed sent as video states', async () => {
    emu.requests.length = 0;
    const { jobs, requests } = await all('vod', query({ pageSize: 20 }));
    const from = now - 45 * DAY - 1000;
    // A video is created at its first task; tasks of videos created in the window, and in the window themselves.
    const firstTask = new Map<string, number>();
    for (const t of emu.state.list('vod')) {
      const v = String(t.fields?.['VideoId']);
      firstTask.set(v, Math.min(firstTask.get(v) ?? Infinity, t.startAt));
    }
    const expected = emu.state.list('vod').filter((t) => (firstTask.get(String(t.fields?.['VideoId'])) ?? 0) >= from && t.startAt >= from).map((t) => t.id).sort();
    assert.deepEqual(jobs.map((j) => j.id).sort(), expected);
    assert.ok(jobs.some((j) => j.id === SAMPLE_IDS.vod.processing), 'a sample task of today');
    const videoCalls = sentParams('vod:GetVideoList');
    const taskCalls = sentParams('vod:ListTranscodeTask');
    assert.equal(requests, videoCalls.length + taskCalls.length);
    assert.ok(videoCalls.length >= 2 && videoCalls.every((p) => p.PageSize === '20' && p.SortBy === 'CreationTime:Desc'));
    assert.equal(new Set(taskCalls.map((p) => p.VideoId)).size, taskCalls.length, 'one ListTranscodeTask per video');
    assert.ok(jobs.some((j) => j.name?.startsWith('Video ')), "a task is named after its video's title");
    assert.ok(jobs.every((j) => j.outputs.length === 0 && j.streams.length === 0), 'list items carry no transcode jobs');
    emu.requests.length = 0;
    const failed = await all('vod', query({ status: 'failed' }));
    assert.ok(failed.jobs.length > 0 && failed.jobs.every((j) => j.status === 'failed'));
    assert.ok(sentParams('vod:GetVideoList').every((p) => p.Status === 'TranscodeFail'));
  });

  it('Live editing: playlist studios (DescribeCasters NormType 6) modified in the window, then one GetEditingJobInfo each for all their tasks', async () => {
    emu.requests.length = 0;
    const { jobs, requests } = await all('live-editing', query({ from: now - 10 * DAY, pageSize: 3 }));
    const casters = sentParams('live:DescribeCasters');
    assert.ok(casters.length >= 2 && casters.every((p) => p.NormType === '6' && p.OrderByModifyAsc === 'false' && p.PageSize === '3'));
    const recent = new Set(emu.state.casterIds().filter((c) => Math.max(...emu.state.tasksOfCaster(c).map((t) => t.startAt)) >= now - 10 * DAY - 1000));
    const expected = emu.state.list('live-editing').filter((t) => recent.has(t.casterId)).map((t) => t.id).sort();
    assert.deepEqual(jobs.map((j) => j.id).sort(), expected);
    assert.equal(sentParams('live:GetEditingJobInfo').length, recent.size, 'one call per studio, not per task');
    const shows = sentParams('live:DescribeShowList');
    assert.deepEqual(shows.map((p) => p.CasterId).sort(), [...recent].sort(), 'one DescribeShowList per studio with tasks');
    assert.equal(requests, casters.length + 2 * recent.size);
    assert.ok(jobs.every((j) => j.params.casterId !== undefined && recent.has(j.params.casterId)));
    for (const j of jobs) assert.equal(j.name, `studio-${j.params.casterId!.slice(-4)} · ${emulatedShowName(j.id)}`, 'studio · show name');
  });

  it('Live editing: a studio whose show list fails keeps today\'s names (studio · file name); the listing goes on', async () => {
    emu.faults.inject({ type: 'malformedJson', match: { api: 'live:DescribeShowList' } });
    try {
      const { jobs } = await all('live-editing', query({ from: now - 10 * DAY }));
      assert.ok(jobs.length > 0);
      assert.ok(jobs.every((j) => /^studio-\w{4}( · .+)?$/.test(j.name ?? '') && !j.name!.includes('show-')), jobs.map((j) => j.name).join(', '));
    } finally {
      emu.faults.clear();
    }
  });
});
