import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { ICE_STATUSES } from '../../emulator/iceApi.js';
import { LIVE_EDGE_STATUSES } from '../../emulator/liveEdgeApi.js';
import { LIVE_EDITING_STATUSES } from '../../emulator/liveEditingApi.js';
import { MPC_STATUSES } from '../../emulator/mpcApi.js';
import { iceKind } from '../../../src/clouds/adapters/ice.js';
import { SAMPLE_IDS, sampleJobs } from '../../emulator/sampleJobs.js';
import { EmulatorState, evaluatePhases, type EmulatedKind } from '../../emulator/state.js';
import { VOD_TASK_STATUSES } from '../../emulator/vodApi.js';
import { aliyunV3, huaweiListEditingJobs, json } from './sdkRequests.js';

const T0 = Date.parse('2025-03-01T08:00:00Z');
const S = 1000;

describe('job scripts', () => {
  it('evaluatePhases: the last started phase wins, progress rises linearly to progressTo, fields accumulate', () => {
    const phases = [
      { at: 0, status: 'Queuing', fields: { A: 1 } },
      { at: 10 * S, status: 'Processing', progress: 0, progressTo: 100, fields: { B: 2 } },
      { at: 20 * S, status: 'Success', progress: 100, fields: { A: 3 } },
    ];
    assert.equal(evaluatePhases(T0, phases, { Z: 0 }, T0 - 5 * S).status, 'Queuing', 'before the start: the first phase');
    const mid = evaluatePhases(T0, phases, { Z: 0 }, T0 + 15 * S);
    assert.deepEqual([mid.status, mid.progress, mid.fields, mid.phaseStart], ['Processing', 50, { Z: 0, A: 1, B: 2 }, T0 + 10 * S]);
    const end = evaluatePhases(T0, phases, undefined, T0 + 99 * S);
    assert.deepEqual([end.status, end.progress, end.fields], ['Success', 100, { A: 3, B: 2 }]);
    assert.deepEqual(end.history.map((h) => h.status), ['Queuing', 'Processing', 'Success']);
  });

  it('the sample set covers every documented status of every kind plus one unknown value (over its first 90 s)', () => {
    let now = T0;
    const state = new EmulatorState(() => now, 'p');
    state.addAll(sampleJobs());
    const seen = new Map<EmulatedKind, Set<string>>();
    for (const at of [T0, T0 + 90 * S]) {
      now = at;
      for (const j of state.all()) {
        const set = seen.get(j.kind) ?? new Set<string>();
        set.add(String(state.view(j).status));
        seen.set(j.kind, set);
      }
    }
    const expectAll = (kind: EmulatedKind, documented: readonly (string | number)[]): void => {
      const s = seen.get(kind) ?? new Set();
      for (const d of documented) assert.ok(s.has(String(d)), `${kind}: ${d} missing`);
      assert.ok([...s].some((x) => !documented.map(String).includes(x)), `${kind}: no unknown status`);
    };
    expectAll('ice', ICE_STATUSES);
    expectAll('vod', VOD_TASK_STATUSES);
    expectAll('live-editing', LIVE_EDITING_STATUSES);
    expectAll('live-edge', LIVE_EDGE_STATUSES);
    expectAll('mpc-editing', MPC_STATUSES);
  });
});

describe('jobs move over injected time, as a poller sees them', () => {
  let emu: Emulator;
  let t = T0;
  before(async () => {
    emu = await startEmulator({ now: () => t, enforceRateLimits: false });
  });
  after(() => emu.close());

  const call = async (action: string, version: string, params: Record<string, string>): Promise<Record<string, unknown>> => {
    const r = await aliyunV3(emu.url, { action, version, params, cred: emu.credentials.aliyun, now: t });
    assert.equal(r.status, 200, r.body);
    return json(r);
  };
  const iceJob = async (id: string) => (await call('GetMediaProducingJob', '2020-11-09', { JobId: id }))['MediaProducingJob'] as Record<string, unknown>;

  it('ICE: Queuing → Processing with rising Progress → Success with outputs', async () => {
    t = T0;
    const id = SAMPLE_IDS.ice.movingToSuccess;
    let j = await iceJob(id);
    assert.deepEqual([j['Status'], j['Progress'], j['MediaURL']], ['Queuing', 0, undefined]);
    t = T0 + 12.5 * S;
    j = await iceJob(id);
    assert.equal(j['Status'], 'Processing');
    assert.equal(j['Progress'], 21);
    t = T0 + 30 * S;
    assert.equal((await iceJob(id))['Progress'], 71);
    t = T0 + 41 * S;
    j = await iceJob(id);
    assert.deepEqual([j['Status'], j['Progress'], j['Duration'], j['CompleteTime']], ['Success', 100, 18.3333, '2025-03-01T08:00:40Z']);
    assert.match(String(j['MediaURL']), /^https:\/\/.+\.mp4$/);
  });

  it('ICE: the open-ended job runs without a Duration (its timeline is "at least 10 s"), then reports 19.27 s', async () => {
    const id = SAMPLE_IDS.ice.openEnded;
    t = T0 + 30 * S;
    let body = await call('GetMediaProducingJob', '2020-11-09', { JobId: id });
    let tl = iceKind.parse(body, { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0]?.timeline;
    assert.ok(tl && tl.parseError === null);
    assert.deepEqual([(body['MediaProducingJob'] as Record<string, unknown>)['Duration'], tl.durationSeconds, tl.durationIsLowerBound], [undefined, 10, true]);
    t = T0 + 61 * S;
    body = await call('GetMediaProducingJob', '2020-11-09', { JobId: id });
    tl = iceKind.parse(body, { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0]?.timeline;
    assert.ok(tl && tl.parseError === null);
    assert.deepEqual([tl.durationSeconds, tl.durationIsLowerBound ?? false], [19.27, false]);
    assert.deepEqual(tl.tracks[0]?.clips.map((c) => [c.timelineIn, c.timelineOut]), [[0, 10], [10, 19.27]]);
  });

  it('VOD: Processing (HD done at 25 s) → CompletePartialSucc with the 4K item error', async () => {
    const get = async () =>
      (await call('GetTranscodeTask', '2017-03-21', { TranscodeTaskId: SAMPLE_IDS.vod.movingToPartial }))['TranscodeTask'] as { TaskStatus: string; TranscodeJobInfoList: Array<Record<string, unknown>> };
    t = T0 + 30 * S;
    let task = await get();
    assert.equal(task.TaskStatus, 'Processing');
    assert.deepEqual(task.TranscodeJobInfoList.map((i) => i['TranscodeJobStatus']), ['TranscodeSuccess', 'Transcoding']);
    t = T0 + 51 * S;
    task = await get();
    assert.equal(task.TaskStatus, 'CompletePartialSucc');
    const k4 = task.TranscodeJobInfoList[1] as Record<string, unknown>;
    assert.deepEqual([k4['TranscodeJobStatus'], k4['ErrorCode']], ['TranscodeFail', 'InvalidParameter.TemplateGroupId']);
  });

  it('Live editing: TaskStatus 0 → 1 → 2 → 3', async () => {
    const statuses: unknown[] = [];
    for (const at of [0, 11, 46, 71]) {
      t = T0 + at * S;
      const b = await call('GetEditingJobInfo', '2016-11-01', { CasterId: SAMPLE_IDS.liveEditing.casterStringArray, ShowId: SAMPLE_IDS.liveEditing.showMoving });
      statuses.push((JSON.parse(b['EditingTasksInfo'] as string) as Array<Record<string, unknown>>)[0]?.['TaskStatus']);
    }
    assert.deepEqual(statuses, [0, 1, 2, 3]);
  });

  it('Live edge: "0" → "1" at 20 s, with LastStartAt', async () => {
    const get = async () => (await call('GetEdgeTranscodeJob', '2016-11-01', { ClusterId: SAMPLE_IDS.liveEdge.clusterId, JobId: SAMPLE_IDS.liveEdge.startingSoon }))['Job'] as Record<string, unknown>;
    t = T0 + 5 * S;
    assert.deepEqual([(await get())['Status'], (await get())['LastStartAt']], ['0', undefined]);
    t = T0 + 25 * S;
    const j = await get();
    assert.deepEqual([j['Status'], j['LastStartAt']], ['1', '2025-03-01T08:00:20Z']);
  });

  it('MPC: WAITING → PROCESSING (start_time) → FAILED with MPC.10053 (end_time)', async () => {
    const get = async () => {
      const r = await huaweiListEditingJobs(emu.url, { jobIds: [SAMPLE_IDS.mpc.movingToFailed], cred: emu.credentials.huawei, now: t });
      assert.equal(r.status, 200, r.body);
      return (json(r)['job_array'] as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    };
    t = T0;
    assert.deepEqual([(await get())['status'], (await get())['start_time']], ['WAITING', undefined]);
    t = T0 + 35 * S;
    let j = await get();
    assert.deepEqual([j['status'], j['progress'], j['start_time']], ['PROCESSING', 40, '20250301080010']);
    t = T0 + 61 * S;
    j = await get();
    assert.deepEqual([j['status'], j['error_code'], j['end_time']], ['FAILED', 'MPC.10053', '20250301080100']);
    assert.equal(typeof j['exec_description'], 'string');
  });

  it('state API: add a job with a script, set its status now, remove it', async () => {
    t = T0;
    const id = '0123456789abcdef0123456789abcdef';
    emu.state.add({ kind: 'ice', id, phases: [{ at: 0, status: 'Queuing' }, { at: 10 * S, status: 'Processing', progress: 5 }], fields: { ProjectId: 'p1' } });
    assert.equal((await iceJob(id))['Status'], 'Queuing');
    t = T0 + 2 * S;
    emu.state.setStatus('ice', id, 'Failed', { error: { code: 'InvalidParameter', message: 'bad' } });
    t = T0 + 60 * S;
    const j = await iceJob(id);
    assert.deepEqual([j['Status'], j['Code'], j['ProjectId'], j['CompleteTime']], ['Failed', 'InvalidParameter', 'p1', '2025-03-01T08:00:02Z']);
    assert.throws(() => emu.state.add({ kind: 'ice', id, phases: [{ at: 0, status: 'Init' }] }), /already exists/);
    assert.equal(emu.state.remove('ice', id), true);
    const gone = await aliyunV3(emu.url, { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: id }, cred: emu.credentials.aliyun, now: t });
    assert.equal(gone.status, 404);
  });

  it('state API: VOD item status, an empty caster, an MPC job in another project stays invisible', async () => {
    t = T0;
    emu.state.setVodItemStatus(SAMPLE_IDS.vod.processing, 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f11', 'TranscodeSuccess', { progress: 100 });
    const task = (await call('GetTranscodeTask', '2017-03-21', { TranscodeTaskId: SAMPLE_IDS.vod.processing }))['TranscodeTask'] as { TranscodeJobInfoList: Array<Record<string, unknown>> };
    assert.equal(task.TranscodeJobInfoList[0]?.['TranscodeJobStatus'], 'TranscodeSuccess');

    emu.state.configureCaster('empty-caster', 'json-string-array');
    assert.equal((await call('GetEditingJobInfo', '2016-11-01', { CasterId: 'empty-caster' }))['EditingTasksInfo'], '[]');

    emu.state.add({ kind: 'mpc-editing', id: 'other-project-job', projectId: 'someone-else', phases: [{ at: 0, status: 'WAITING' }] });
    const r = await huaweiListEditingJobs(emu.url, { jobIds: ['other-project-job'], cred: emu.credentials.huawei, now: t });
    assert.deepEqual(json(r)['job_array'], []);
  });

  it('an emulator started with jobs: "none" has no jobs', async () => {
    const empty = await startEmulator({ jobs: 'none', now: () => t });
    try {
      assert.equal(empty.state.all().length, 0);
      const r = await aliyunV3(empty.url, { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: SAMPLE_IDS.ice.init }, cred: empty.credentials.aliyun, now: t });
      assert.equal(r.status, 404);
    } finally {
      await empty.close();
    }
  });
});
