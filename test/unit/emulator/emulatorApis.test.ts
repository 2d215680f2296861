import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { iceKind } from '../../../src/clouds/adapters/ice.js';
import { parseTimeline } from '../../../src/clouds/adapters/timeline.js';
import { clipCaption } from '../../../src/present/timelineIndex.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { aliyunV1, aliyunV3, huaweiListEditingJobs, json, send } from './sdkRequests.js';

const T0 = Date.parse('2025-03-01T08:00:00Z');

describe('emulator APIs answer signed requests in the clouds\' shapes', () => {
  let emu: Emulator;
  const t = T0;
  before(async () => {
    emu = await startEmulator({ now: () => t, enforceRateLimits: false });
  });
  after(() => emu.close());

  const ice = (jobId: string, via: 'v1' | 'v3' = 'v3') =>
    (via === 'v1' ? aliyunV1 : aliyunV3)(emu.url, { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: jobId, RegionId: 'cn-shanghai' }, cred: emu.credentials.aliyun, now: t });

  it('ICE GetMediaProducingJob (V3 GET and V1 GET): RequestId and MediaProducingJob', async () => {
    for (const via of ['v1', 'v3'] as const) {
      const r = await ice(SAMPLE_IDS.ice.succeeded, via);
      assert.equal(r.status, 200, r.body);
      assert.match(r.headers['content-type'] ?? '', /application\/json/);
      const b = json(r);
      assert.match(String(b['RequestId']), /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      const job = b['MediaProducingJob'] as Record<string, unknown>;
      assert.equal(job['JobId'], SAMPLE_IDS.ice.succeeded);
      assert.equal(job['Status'], 'Success');
      assert.equal(typeof job['Timeline'], 'string');
      assert.ok(Array.isArray((JSON.parse(job['Timeline'] as string) as { VideoTracks: unknown }).VideoTracks));
      assert.equal(typeof job['UserData'], 'string');
      assert.equal(typeof job['SubJobMaterials'], 'string');
      assert.equal(job['JobType'], 'Script', 'unknown extra fields are served');
      assert.match(String(job['CompleteTime']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });

  it('ICE quirks: Progress as a string, a Timeline that is not JSON, a 2,000-clip Timeline, a template job, an unknown status', async () => {
    const processing = json(await ice(SAMPLE_IDS.ice.processing))['MediaProducingJob'] as Record<string, unknown>;
    assert.equal(processing['Status'], 'Processing');
    assert.equal(processing['Progress'], '45');

    const bad = json(await ice(SAMPLE_IDS.ice.badTimeline))['MediaProducingJob'] as Record<string, unknown>;
    assert.throws(() => JSON.parse(bad['Timeline'] as string));

    const large = json(await ice(SAMPLE_IDS.ice.largeTimeline))['MediaProducingJob'] as Record<string, unknown>;
    const tl = JSON.parse(large['Timeline'] as string) as Record<string, Array<Record<string, unknown[]>>>;
    const clips = (tl['VideoTracks']?.[0]?.['VideoTrackClips']?.length ?? 0) + (tl['AudioTracks']?.[0]?.['AudioTrackClips']?.length ?? 0) + (tl['SubtitleTracks']?.[0]?.['SubtitleTrackClips']?.length ?? 0);
    assert.equal(clips, 2000);

    const template = json(await ice(SAMPLE_IDS.ice.template))['MediaProducingJob'] as Record<string, unknown>;
    assert.equal(template['Timeline'], undefined);
    assert.ok(Array.isArray((JSON.parse(template['ClipsParam'] as string) as { VideoArray: unknown }).VideoArray));

    const failed = json(await ice(SAMPLE_IDS.ice.failed))['MediaProducingJob'] as Record<string, unknown>;
    assert.equal(failed['Status'], 'Failed');
    assert.equal(failed['Code'], 'ExceededMaximumValue');
    assert.equal(failed['Message'], 'The specified "Width_Height" has exceeded maximum value.');

    const unknown = json(await ice(SAMPLE_IDS.ice.unknownStatus))['MediaProducingJob'] as Record<string, unknown>;
    assert.equal(unknown['Status'], 'Suspended');
  });

  it('ICE sample jobs serve the SDK model\'s fields (GetMediaProducingJobResponseBody.ts), only the quirky one more', async () => {
    const model = new Set(['ClipsParam', 'Code', 'CompleteTime', 'CreateTime', 'Duration', 'JobId', 'MediaId', 'MediaURL', 'Message', 'ModifiedTime',
      'Progress', 'ProjectId', 'Status', 'SubJobMaterials', 'TemplateId', 'Timeline', 'UserData', 'VodMediaId']);
    for (const [name, id] of Object.entries(SAMPLE_IDS.ice)) {
      const job = json(await ice(id))['MediaProducingJob'] as Record<string, unknown>;
      const extra = Object.keys(job).filter((k) => !model.has(k));
      assert.deepEqual(extra, name === 'succeeded' ? ['JobType', 'OutputMediaTarget', 'ClipsParamVersion', 'FutureField'] : [], name);
    }
  });

  it('ICE sample jobs\' Durations agree with their Timelines (the Duration is the timeline\'s length)', async () => {
    let checked = 0;
    for (const id of Object.values(SAMPLE_IDS.ice)) {
      const job = json(await ice(id))['MediaProducingJob'] as Record<string, unknown>;
      if (typeof job['Duration'] !== 'number' || typeof job['Timeline'] !== 'string') continue;
      const own = parseTimeline(job['Timeline']);
      if (own === null || own.parseError !== null || own.durationSeconds === null) continue;
      checked++;
      if (own.durationIsLowerBound === true) assert.ok(job['Duration'] >= own.durationSeconds, id);
      else assert.equal(own.durationSeconds, job['Duration'], id);
    }
    assert.ok(checked >= 2, `only ${checked} checked`);
  });

  it('ICE: the captioned slideshow maps to captions on its image clips and the job\'s 30.5 s', async () => {
    const body = json(await ice(SAMPLE_IDS.ice.captioned));
    const job = iceKind.parse(body, { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0];
    const tl = job?.timeline;
    assert.ok(tl && tl.parseError === null);
    assert.deepEqual([tl.durationSeconds, tl.durationIsLowerBound ?? false, job?.editingProjectId], [30.5, false, 'a0b1c2d3e4f5061728394a5b6c7d8e9f']);
    assert.deepEqual(tl.tracks[0]?.clips.map((c) => clipCaption(c)), [
      'Is it not a pleasure to learn and to practise what is learned?',
      'Is it not a delight to have friends come from afar?',
      'Is he not a gentleman who is not annoyed when others do not know him?',
    ]);
  });

  it('VOD GetTranscodeTask by TranscodeTaskId (V3 POST form body): stream lists as JSON strings, one doubly encoded', async () => {
    const r = await aliyunV3(emu.url, { method: 'POST', action: 'GetTranscodeTask', version: '2017-03-21', params: { TranscodeTaskId: SAMPLE_IDS.vod.allSucceeded }, cred: emu.credentials.aliyun, now: t });
    assert.equal(r.status, 200, r.body);
    const task = json(r)['TranscodeTask'] as Record<string, unknown>;
    assert.equal(task['TaskStatus'], 'CompleteAllSucc');
    const items = task['TranscodeJobInfoList'] as Array<Record<string, unknown>>;
    assert.equal(items.length, 2);
    const hd = items.find((i) => i['Definition'] === 'HD') as Record<string, Record<string, unknown>>;
    const video = JSON.parse(hd['OutputFile']?.['VideoStreamList'] as string) as Array<Record<string, unknown>>;
    assert.equal(video[0]?.['Width'], '1280', 'numbers inside stream lists are strings');
    // Doubly encoded: parsing once gives a string, twice gives the list.
    const once = JSON.parse(hd['OutputFile']?.['AudioStreamList'] as string) as unknown;
    assert.equal(typeof once, 'string');
    assert.equal((JSON.parse(once as string) as Array<Record<string, unknown>>)[0]?.['Channels'], '2');
    const ld = items.find((i) => i['Definition'] === 'LD') as Record<string, Record<string, unknown>>;
    assert.match(String(ld['OutputFile']?.['AudioStreamList']), /^"AudioStreamList": "\[/, 'the doc example repeats its own key');
    assert.equal(typeof hd['OutputFile']?.['Filesize'], 'number');
  });

  it('VOD GetTranscodeTask by JobIds (V1 POST): TranscodeJobInfoList and NonExistJobIds', async () => {
    const r = await aliyunV1(emu.url, {
      method: 'POST', action: 'GetTranscodeTask', version: '2017-03-21',
      params: { JobIds: `${SAMPLE_IDS.vodJobs.succeededHd},nope0000000000000000000000000000` }, cred: emu.credentials.aliyun, now: t,
    });
    assert.equal(r.status, 200, r.body);
    const b = json(r);
    assert.deepEqual(b['NonExistJobIds'], ['nope0000000000000000000000000000']);
    assert.equal((b['TranscodeJobInfoList'] as Array<Record<string, unknown>>)[0]?.['TranscodeJobId'], SAMPLE_IDS.vodJobs.succeededHd);
  });

  it('Live GetEditingJobInfo: EditingTasksInfo as a JSON-string array, a JSON-string object and an inline array', async () => {
    const call = (casterId: string) =>
      aliyunV3(emu.url, { method: 'POST', action: 'GetEditingJobInfo', version: '2016-11-01', params: { CasterId: casterId }, cred: emu.credentials.aliyun, now: t });
    const a = json(await call(SAMPLE_IDS.liveEditing.casterStringArray));
    assert.equal(a['CasterId'], SAMPLE_IDS.liveEditing.casterStringArray);
    assert.equal(typeof a['EditingTasksInfo'], 'string');
    const arr = JSON.parse(a['EditingTasksInfo'] as string) as Array<Record<string, unknown>>;
    assert.ok(Array.isArray(arr) && arr.length === 2);
    assert.ok(arr.some((x) => x['TaskStatus'] === -1));

    const o = json(await call(SAMPLE_IDS.liveEditing.casterStringObject));
    const text = o['EditingTasksInfo'] as string;
    assert.match(text, /^"EditingTasksInfo": \{.*\},$/, 'led by its own key and followed by a comma, as the SDK example');
    const obj = JSON.parse(text.slice('"EditingTasksInfo": '.length, -1)) as Record<string, unknown>;
    assert.ok(!Array.isArray(obj));
    assert.equal(obj['TaskStatus'], 2);
    assert.equal((obj['StorageInfo'] as Record<string, unknown>)['FileName'], 'EditFile-uploading.mp4');

    const i = json(await call(SAMPLE_IDS.liveEditing.casterInlineArray));
    const inline = i['EditingTasksInfo'] as Array<Record<string, unknown>>;
    assert.ok(Array.isArray(inline));
    assert.deepEqual(inline.map((x) => x['TaskStatus']).sort(), [0, 1, 3, 4]);

    const oneShow = json(await aliyunV1(emu.url, { action: 'GetEditingJobInfo', version: '2016-11-01', params: { CasterId: SAMPLE_IDS.liveEditing.casterInlineArray, ShowId: SAMPLE_IDS.liveEditing.showSucceeded }, cred: emu.credentials.aliyun, now: t }));
    assert.equal((oneShow['EditingTasksInfo'] as unknown[]).length, 1);
  });

  it('Live GetEdgeTranscodeJob: every field a string, LastStartAt/LastStopAt', async () => {
    const r = await aliyunV3(emu.url, { method: 'POST', action: 'GetEdgeTranscodeJob', version: '2016-11-01', params: { ClusterId: SAMPLE_IDS.liveEdge.clusterId, JobId: SAMPLE_IDS.liveEdge.running, RegionId: 'cn-beijing' }, cred: emu.credentials.aliyun, now: t });
    assert.equal(r.status, 200, r.body);
    const job = json(r)['Job'] as Record<string, unknown>;
    assert.equal(job['Status'], '1');
    assert.equal(job['Type'], 'common');
    for (const v of Object.values(job)) assert.equal(typeof v, 'string');
    assert.ok(String(job['LastStopAt']) < String(job['LastStartAt']));
  });

  it('Huawei ListEditingJobs: job_array with yyyyMMddHHmmss times, X-Request-Id; unknown ids are simply absent', async () => {
    const r = await huaweiListEditingJobs(emu.url, { jobIds: [SAMPLE_IDS.mpc.succeeded, SAMPLE_IDS.mpc.waiting, 'no-such-job'], cred: emu.credentials.huawei, now: t });
    assert.equal(r.status, 200, r.body);
    assert.match(String(r.headers['x-request-id']), /^[0-9a-f]{32}$/);
    const jobs = json(r)['job_array'] as Array<Record<string, unknown>>;
    assert.deepEqual(jobs.map((j) => j['job_id']).sort(), [SAMPLE_IDS.mpc.succeeded, SAMPLE_IDS.mpc.waiting].sort());
    const ok = jobs.find((j) => j['job_id'] === SAMPLE_IDS.mpc.succeeded) as Record<string, unknown>;
    assert.equal(ok['status'], 'SUCCEEDED');
    assert.match(String(ok['create_time']), /^\d{14}$/);
    assert.match(String(ok['end_time']), /^\d{14}$/);
    assert.equal((ok['editing_output'] as Record<string, unknown>)['size_byte'], 20971520);
    assert.deepEqual(ok['tenant_tags'], { env: 'demo' }, 'unknown extra fields are served');
  });

  it('Huawei with temporary AK/SK (X-Security-Token) answers 200', async () => {
    const r = await huaweiListEditingJobs(emu.url, { jobIds: [SAMPLE_IDS.mpc.processing], cred: emu.credentials.huaweiTemp, now: t });
    assert.equal(r.status, 200, r.body);
  });

  it('STS credentials (V1 SecurityToken param, V3 x-acs-security-token header) answer 200', async () => {
    for (const f of [aliyunV1, aliyunV3]) {
      const r = await f(emu.url, { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: SAMPLE_IDS.ice.init }, cred: emu.credentials.aliyunSts, now: t });
      assert.equal(r.status, 200, r.body);
    }
  });

  it('not found: ICE JobNotFound 404, VOD InvalidTranscodeTaskId.NotFound 404, unknown caster 404, edge JobNotFound 404, all with the Alibaba error body', async () => {
    const cases: Array<{ action: string; version: string; params: Record<string, string>; code: string }> = [
      { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: 'ffffffffffffffffffffffffffffffff' }, code: 'JobNotFound' },
      { action: 'GetTranscodeTask', version: '2017-03-21', params: { TranscodeTaskId: 'ffffffffffffffffffffffffffffffff' }, code: 'InvalidTranscodeTaskId.NotFound' },
      { action: 'GetEditingJobInfo', version: '2016-11-01', params: { CasterId: 'no-such-caster' }, code: 'InvalidCaster.NotFound' },
      { action: 'GetEdgeTranscodeJob', version: '2016-11-01', params: { ClusterId: SAMPLE_IDS.liveEdge.clusterId, JobId: 'nope' }, code: 'JobNotFound' },
    ];
    for (const c of cases) {
      const r = await aliyunV3(emu.url, { ...c, cred: emu.credentials.aliyun, now: t });
      assert.equal(r.status, 404, `${c.action}: ${r.body}`);
      const b = json(r);
      assert.equal(b['Code'], c.code);
      assert.deepEqual(Object.keys(b).sort(), ['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    }
  });

  it('missing API parameter → 400 MissingParameter', async () => {
    const r = await aliyunV3(emu.url, { action: 'GetMediaProducingJob', version: '2020-11-09', params: {}, cred: emu.credentials.aliyun, now: t });
    assert.equal(r.status, 400);
    assert.equal(json(r)['Code'], 'MissingParameter');
  });

  it('unknown action or version → 404 InvalidAction.NotFound', async () => {
    for (const [action, version] of [['DescribeRegions', '2014-05-26'], ['GetMediaProducingJob', '2019-01-01']] as const) {
      const r = await aliyunV1(emu.url, { action, version, params: {}, cred: emu.credentials.aliyun, now: t });
      assert.equal(r.status, 404);
      const b = json(r);
      assert.equal(b['Code'], 'InvalidAction.NotFound');
      assert.equal(b['Message'], 'Specified api is not found, please check your url and method.');
    }
  });

  it('V1 without Format answers XML, the RPC default', async () => {
    const r = await aliyunV1(emu.url, { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: SAMPLE_IDS.ice.init }, cred: emu.credentials.aliyun, now: t, format: null });
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'] ?? '', /text\/xml/);
    assert.match(r.body, /<GetMediaProducingJobResponse><RequestId>[0-9A-F-]+<\/RequestId><MediaProducingJob><JobId>7c1e/);
  });

  it('MPC: more than 10 job ids, or none → 400 with an MPC error code', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `job-${i}`);
    const many = await huaweiListEditingJobs(emu.url, { jobIds: eleven, cred: emu.credentials.huawei, now: t });
    assert.equal(many.status, 400);
    assert.match(String(json(many)['error_code']), /^MPC\.\d{5}$/);
    assert.match(String(many.headers['x-request-id']), /^[0-9a-f]{32}$/);
    const none = await huaweiListEditingJobs(emu.url, { jobIds: [], cred: emu.credentials.huawei, now: t });
    assert.equal(none.status, 400);
    assert.match(String(json(none)['error_code']), /^MPC\.\d{5}$/);
  });

  it('other paths → Huawei APIGW.0101 404', async () => {
    const r = await send(emu.url, { path: '/v3/whatever/editing/jobs' });
    assert.equal(r.status, 404);
    const b = json(r);
    assert.equal(b['error_code'], 'APIGW.0101');
    assert.equal(b['request_id'], r.headers['x-request-id']);
  });

  it('logs one entry per request with api, status, error code and signature version', async () => {
    const before = emu.requests.length;
    await ice(SAMPLE_IDS.ice.init, 'v1');
    await huaweiListEditingJobs(emu.url, { jobIds: ['x'], cred: emu.credentials.huawei, now: t });
    const [a, b] = emu.requests.slice(before);
    assert.deepEqual([a?.api, a?.status, a?.signatureVersion, a?.errorCode, a?.accessKeyId], ['ice:GetMediaProducingJob', 200, 'v1', null, emu.credentials.aliyun.accessKeyId]);
    assert.deepEqual([b?.api, b?.status, b?.signatureVersion], ['mpc:ListEditingJobs', 200, 'huawei']);
    assert.equal(a?.time, t);
  });
});
