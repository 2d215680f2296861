import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveEditingKind } from '../../../../src/clouds/adapters/liveEditing.js';
import { type JobRef } from '../../../../src/model/jobRef.js';
import { assertWellFormedJob, ctx, expectSchemaError, fixture, fixtureRecord, onlyJob, parseFixture, ref } from './support.js';

const API = 'live:GetEditingJobInfo';

describe('live-editing: GetEditingJobInfo mapping', () => {
  it('EditingTasksInfo as an object: one job per task, id = ShowId, caster in params, VOD and storage output', () => {
    const f = fixtureRecord('live-editing', 'object');
    const task = f.EditingTasksInfo;
    const job = onlyJob('live-editing', 'object');
    assert.equal(job.kind, 'live-editing');
    assert.equal(job.id, task.ShowId);
    assert.deepEqual(job.params, { casterId: f.CasterId });
    assert.deepEqual([job.status, job.rawStatus], ['succeeded', '3']);
    assert.equal(job.name, 'record/2024-06-11/keynote-cut.mp4');
    assert.equal(job.requestId, f.RequestId);
    assert.equal(job.outputs.length, 1);
    assert.deepEqual(
      [job.outputs[0]?.mediaId, job.outputs[0]?.storageLocation, job.outputs[0]?.fileName],
      [task.OutputVodId, 'outin-5c1d7e2a9b.oss-cn-shanghai.aliyuncs.com', 'record/2024-06-11/keynote-cut.mp4'],
    );
    assert.deepEqual(job.raw, { RequestId: f.RequestId, CasterId: f.CasterId, task });
    for (const v of [job.createdAt, job.completedAt, job.progress, job.error, job.timeline]) assert.equal(v, null);
  });

  it('EditingTasksInfo as JSON text of an object', () => {
    const job = onlyJob('live-editing', 'string');
    assert.deepEqual([job.status, job.rawStatus, job.name], ['running', '1', 'record/2024-06-11/panel-cut.mp4']);
    assert.equal(job.outputs[0]?.mediaId, null);
    assert.equal(typeof (job.raw as { task: unknown }).task, 'object');
  });

  it('EditingTasksInfo as the SDK model gives it: text led by its own key and followed by a comma', () => {
    // test/fixtures/live-editing/sdk-example.json: the @example values of aliyun/alibabacloud-typescript-sdk
    // live-20161101/src/models/GetEditingJobInfoResponseBody.ts (CasterId, RequestId, EditingTasksInfo).
    const f = fixtureRecord('live-editing', 'sdk-example');
    const job = onlyJob('live-editing', 'sdk-example');
    assert.equal(job.id, '42200b81-b761-4c10-842a-a0726d97****');
    assert.deepEqual(job.params, { casterId: f.CasterId });
    assert.deepEqual([job.status, job.rawStatus, job.name], ['running', '1', 'EditFile****']);
    assert.deepEqual([job.outputs[0]?.mediaId, job.outputs[0]?.storageLocation], ['3e34733b40b9a96ccf5c1ff6f69****', '***bucket***']);
    assert.equal(job.requestId, '16A96B9A-F203-4EC5-8E43-CB92E68F4CD8');
  });

  it('EditingTasksInfo as an array: every TaskStatus value, numbers and numeric strings', () => {
    const f = fixtureRecord('live-editing', 'array');
    const r = parseFixture('live-editing', 'array');
    r.jobs.forEach(assertWellFormedJob);
    assert.deepEqual(r.jobs.map((j) => [j.status, j.rawStatus]), [
      ['failed', '-1'], ['queued', '0'], ['running', '1'], ['running', '2'], ['succeeded', '3'],
    ]);
    assert.deepEqual(r.jobs.map((j) => j.id), f.EditingTasksInfo.map((t: { ShowId: string }) => t.ShowId));
    // Without StorageInfo the name is the ShowId; without any output fields there is no output.
    assert.equal(r.jobs[0]?.name, r.jobs[0]?.id);
    assert.deepEqual(r.jobs[0]?.outputs, []);
    assert.equal(r.jobs[0]?.error, null); // the API says nothing about why
    assert.deepEqual(r.missing, []);
  });

  it('EditingTasksInfo as JSON text of an array, and wrapped as {"EditingTaskInfo":[…]}', () => {
    assert.deepEqual(parseFixture('live-editing', 'string-array').jobs.map((j) => [j.status, j.name === j.id]), [['succeeded', false], ['running', true]]);
    assert.deepEqual(parseFixture('live-editing', 'wrapped').jobs.map((j) => j.status), ['queued', 'succeeded']);
  });

  it('StorageInfo given as JSON text', () => {
    const job = onlyJob('live-editing', 'storage-as-string');
    assert.equal(job.outputs[0]?.fileName, 'record/c.mp4');
    assert.equal(job.status, 'succeeded');
  });

  it('unknown and missing TaskStatus values are unknown with the raw text', () => {
    assert.deepEqual(parseFixture('live-editing', 'unknown-status').jobs.map((j) => [j.status, j.rawStatus]), [
      ['unknown', '7'], ['unknown', 'done'], ['unknown', ''],
    ]);
  });

  it('extra fields are accepted and kept in the task raw', () => {
    const job = onlyJob('live-editing', 'extra-fields');
    assert.equal(job.status, 'running');
    assert.equal((job.raw as { task: { Progress: number } }).task.Progress, 40);
  });

  it('a reference with params.casterId asks for one ShowId: only that task, or it is missing', () => {
    const f = fixtureRecord('live-editing', 'array');
    const wanted = f.EditingTasksInfo[2].ShowId as string;
    const r = parseFixture('live-editing', 'array', ctx([ref('live-editing', wanted, { casterId: f.CasterId })]));
    assert.deepEqual(r.jobs.map((j) => j.id), [wanted]);
    assert.deepEqual(r.missing, []);
    const none = parseFixture('live-editing', 'array', ctx([ref('live-editing', 'show-gone', { casterId: f.CasterId })]));
    assert.deepEqual(none.jobs, []);
    assert.deepEqual(none.missing, ['show-gone']);
  });

  it('a caster reference narrowed by params.showId filters the same way', () => {
    const f = fixtureRecord('live-editing', 'array');
    const wanted = f.EditingTasksInfo[4].ShowId as string;
    const r = parseFixture('live-editing', 'array', ctx([ref('live-editing', f.CasterId, { showId: wanted })]));
    assert.deepEqual(r.jobs.map((j) => [j.id, j.status]), [[wanted, 'succeeded']]);
  });

  it('empty or absent EditingTasksInfo: no jobs; an asked-for ShowId is missing', () => {
    for (const name of ['empty', 'no-tasks']) {
      assert.deepEqual(parseFixture('live-editing', name), { jobs: [], missing: [] });
      const asked = parseFixture('live-editing', name, ctx([ref('live-editing', 'show-1', { casterId: 'caster-1' })]));
      assert.deepEqual(asked, { jobs: [], missing: ['show-1'] });
    }
    assert.deepEqual(liveEditingKind.parse({ CasterId: 'c', EditingTasksInfo: {} }, ctx()), { jobs: [], missing: [] });
    assert.deepEqual(liveEditingKind.parse({ CasterId: 'c', EditingTasksInfo: 'null' }, ctx()), { jobs: [], missing: [] });
  });

  it('a task without ShowId takes the one ShowId asked for', () => {
    const body = { RequestId: 'R', CasterId: 'caster-1', EditingTasksInfo: { TaskStatus: 2, OutputVodId: 'vod-1' } };
    const r = liveEditingKind.parse(body, ctx([ref('live-editing', 'show-9', { casterId: 'caster-1' })]));
    assert.deepEqual(r.jobs.map((j) => [j.id, j.status]), [['show-9', 'running']]);
  });

  it('the CasterId asked for is kept, whatever CasterId the answer names (later polls must not move to another caster)', () => {
    const f = fixtureRecord('live-editing', 'array');
    const asked = '53200b81-b761-4c10-842a-a0726d970009';
    assert.notEqual(f.CasterId, asked);
    const whole = parseFixture('live-editing', 'array', ctx([ref('live-editing', asked)]));
    assert.equal(whole.jobs.length, 5);
    for (const j of whole.jobs) assert.deepEqual(j.params, { casterId: asked });
    assert.equal((whole.jobs[0]!.raw as { CasterId: string }).CasterId, f.CasterId, 'the answer as received stays in raw');
    const wanted = f.EditingTasksInfo[1].ShowId as string;
    const one = parseFixture('live-editing', 'array', ctx([ref('live-editing', wanted, { casterId: asked })]));
    assert.deepEqual(one.jobs.map((j) => [j.id, j.params.casterId]), [[wanted, asked]]);
  });

  it('schema errors: no CasterId, unreadable EditingTasksInfo, tasks that never say their ShowId', () => {
    expectSchemaError(() => liveEditingKind.parse(fixture('live-editing', 'missing-caster-id'), ctx()), API, 'CasterId');
    const e = expectSchemaError(() => liveEditingKind.parse(fixture('live-editing', 'invalid-json'), ctx()), API, 'EditingTasksInfo');
    assert.match(e.message, /position 62/);
    assert.equal(e.requestId, fixtureRecord('live-editing', 'invalid-json').RequestId);
    expectSchemaError(() => liveEditingKind.parse({ CasterId: 'c', EditingTasksInfo: 42 }, ctx()), API, 'EditingTasksInfo');
    expectSchemaError(() => liveEditingKind.parse({ CasterId: 'c', EditingTasksInfo: [{ TaskStatus: 3 }] }, ctx()), API, 'EditingTasksInfo.ShowId');
  });
});

describe('live-editing: definition and buildCall', () => {
  it('describes the API', () => {
    assert.deepEqual([liveEditingKind.kind, liveEditingKind.cloud, liveEditingKind.api, liveEditingKind.rateLimit, liveEditingKind.batchSize, liveEditingKind.endpoint.product],
      ['live-editing', 'aliyun', API, { capacity: 10, perMs: 1000 }, 1, 'live']);
  });

  it('a task reference (params.casterId) asks for CasterId + ShowId', () => {
    assert.deepEqual(liveEditingKind.buildCall([ref('live-editing', 'show-1', { casterId: 'caster-1' })], 'cn-shanghai'), {
      cloud: 'aliyun', product: 'live', action: 'GetEditingJobInfo', version: '2016-11-01', method: 'POST',
      params: { CasterId: 'caster-1', ShowId: 'show-1', RegionId: 'cn-shanghai' },
    });
  });

  it('a caster reference asks for every task, or for params.showId; an empty region is left out', () => {
    const params = (r: JobRef, region: string): Record<string, string> => {
      const call = liveEditingKind.buildCall([r], region);
      assert.ok(call.cloud === 'aliyun');
      return call.params;
    };
    assert.deepEqual(params(ref('live-editing', 'caster-1'), 'cn-beijing'), { CasterId: 'caster-1', RegionId: 'cn-beijing' });
    assert.deepEqual(params(ref('live-editing', 'caster-1', { showId: 'show-2' }), ''), { CasterId: 'caster-1', ShowId: 'show-2' });
  });
});
