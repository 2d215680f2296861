import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../../src/clouds/errors.js';
import { iceKind } from '../../../../src/clouds/adapters/ice.js';
import { ctx, expectSchemaError, fixture, fixtureRecord, onlyJob, ref } from './support.js';

const API = 'ice:GetMediaProducingJob';

describe('ice: GetMediaProducingJob mapping', () => {
  it('success: status, times, outputs, duration, user data, request id, raw', () => {
    const f = fixtureRecord('ice', 'success');
    const w = f.MediaProducingJob;
    const job = onlyJob('ice', 'success', ctx([], null, 'cn-shanghai'));
    assert.equal(job.kind, 'ice');
    assert.equal(job.cloud, 'aliyun');
    assert.equal(job.region, 'cn-shanghai');
    assert.equal(job.id, w.JobId);
    assert.equal(job.status, 'succeeded');
    assert.equal(job.rawStatus, 'Success');
    assert.equal(job.progress, 100);
    assert.equal(job.name, 'open-day-highlights.mp4');
    assert.equal(job.createdAt, '2024-06-11T02:14:07Z');
    assert.equal(job.startedAt, null);
    assert.equal(job.completedAt, '2024-06-11T02:15:41Z');
    assert.equal(job.updatedAt, '2024-06-11T02:15:41Z');
    assert.equal(job.durationSeconds, 18.3333);
    assert.equal(job.error, null);
    assert.equal(job.outputs.length, 1);
    assert.deepEqual(
      [job.outputs[0]?.url, job.outputs[0]?.mediaId, job.outputs[0]?.fileName, job.outputs[0]?.durationSeconds],
      [w.MediaURL, w.MediaId, 'open-day-highlights.mp4', 18.3333],
    );
    assert.deepEqual(job.userData, { NotifyAddress: 'https://hooks.acme.example/ims', campaign: 'open-day' });
    assert.equal(job.clipsParam, null);
    assert.equal(job.templateId, null);
    assert.equal(job.requestId, f.RequestId);
    assert.deepEqual(job.raw, f);
    assert.equal(job.timeline?.parseError, null);
    assert.deepEqual(job.streams, []);
    assert.deepEqual(job.params, {});
  });

  it('failed: Code and Message become the error', () => {
    const job = onlyJob('ice', 'failed');
    assert.equal(job.status, 'failed');
    assert.equal(job.rawStatus, 'Failed');
    assert.deepEqual(job.error, {
      code: 'InputMediaDownloadFailed',
      message: 'Failed to download input media https://acme-media-prod.oss-cn-shanghai.aliyuncs.com/raw/missing-take.mp4: 404 Not Found',
      hint: 'an input could not be fetched: check that the URL or object exists and that the service may read it (bucket policy, RAM role)',
    });
    assert.equal(job.completedAt, '2024-06-11T03:00:22Z');
    assert.equal(job.durationSeconds, null);
    assert.equal(job.timeline?.durationSeconds, 6);
  });

  it('every status value', () => {
    const cases = [['status-init', 'queued', 'Init', 0], ['status-queuing', 'queued', 'Queuing', 0], ['status-processing', 'running', 'Processing', 42],
      ['success', 'succeeded', 'Success', 100], ['failed', 'failed', 'Failed', 0], ['status-unknown', 'unknown', 'Canceled', null]] as const;
    for (const [name, status, rawStatus, progress] of cases) {
      const job = onlyJob('ice', name);
      assert.deepEqual([job.status, job.rawStatus, job.progress], [status, rawStatus, progress], name);
      if (status !== 'failed') assert.equal(job.error, null);
    }
  });

  it('numbers as strings and loose time formats', () => {
    const job = onlyJob('ice', 'numbers-as-strings');
    assert.equal(job.durationSeconds, 15.5);
    assert.equal(job.progress, 100);
    assert.equal(job.createdAt, '2024-06-13T08:01:02Z');
    assert.equal(job.updatedAt, '2024-06-13T08:01:09Z');
    assert.equal(job.completedAt, '2024-06-13T08:02:11Z');
    const main = job.timeline?.tracks[0];
    assert.equal(main?.main, true);
    assert.deepEqual(main?.clips.map((c) => [c.in, c.out, c.speed, c.timelineIn, c.timelineOut]), [[0, 12.5, null, 0, 12.5], [1, 7, 2, 12.5, 15.5]]);
    assert.equal(job.timeline?.durationSeconds, 15.5);
  });

  it('a Timeline already an object, ClipsParam as an object, UserData encoded twice', () => {
    const job = onlyJob('ice', 'timeline-object');
    assert.equal(job.timeline?.durationSeconds, 10);
    assert.deepEqual(job.clipsParam, { Title: 'Weekly digest' });
    assert.deepEqual(job.userData, { source: 'cms', ticket: 'MEDIA-4411' });
  });

  it('template job: ClipsParam and SubJobMaterials decoded, VOD output, name from the template', () => {
    const w = fixtureRecord('ice', 'template-job').MediaProducingJob;
    const job = onlyJob('ice', 'template-job');
    assert.equal(job.templateId, w.TemplateId);
    assert.equal(job.name, `template ${w.TemplateId}`);
    assert.deepEqual(job.clipsParam, JSON.parse(w.ClipsParam));
    assert.deepEqual(job.subJobMaterials, JSON.parse(w.SubJobMaterials));
    assert.equal(job.timeline, null);
    assert.equal(job.outputs.length, 1);
    assert.deepEqual([job.outputs[0]?.label, job.outputs[0]?.mediaId, job.outputs[0]?.url], ['VOD', w.VodMediaId, null]);
  });

  it('ClipsParam and UserData that are not JSON are kept as the raw strings', () => {
    const w = fixtureRecord('ice', 'clipsparam-invalid').MediaProducingJob;
    const job = onlyJob('ice', 'clipsparam-invalid');
    assert.equal(job.clipsParam, w.ClipsParam);
    assert.equal(job.userData, 'batch-42');
    assert.equal(job.durationSeconds, 60);
    assert.deepEqual(job.outputs, []);
  });

  it('missing optional fields are null, never guessed', () => {
    const job = onlyJob('ice', 'minimal');
    assert.equal(job.status, 'queued');
    for (const v of [job.name, job.progress, job.createdAt, job.completedAt, job.updatedAt, job.durationSeconds, job.timeline,
      job.clipsParam, job.userData, job.subJobMaterials, job.templateId, job.error]) assert.equal(v, null);
    assert.deepEqual(job.outputs, []);
  });

  it('unknown extra fields are accepted and kept in raw', () => {
    const job = onlyJob('ice', 'extra-fields');
    assert.equal(job.status, 'succeeded');
    assert.equal(job.durationSeconds, 30.5);
    assert.equal((job.raw as { HostId: string }).HostId, 'ice.cn-shanghai.aliyuncs.com');
  });

  it('the request id falls back to the context when the body has none', () => {
    const body = { MediaProducingJob: { JobId: 'j1', Status: 'Init' } };
    assert.equal(iceKind.parse(body, ctx([], 'HDR-1')).jobs[0]?.requestId, 'HDR-1');
  });

  it('a body without the job or its JobId is a SchemaError naming the API and field', () => {
    const e = expectSchemaError(() => iceKind.parse(fixture('ice', 'missing-job-id'), ctx()), API, 'MediaProducingJob.JobId');
    assert.equal(e.requestId, fixtureRecord('ice', 'missing-job-id').RequestId);
    expectSchemaError(() => iceKind.parse(fixture('ice', 'missing-job'), ctx()), API, 'MediaProducingJob');
    expectSchemaError(() => iceKind.parse({ MediaProducingJob: 'x' }, ctx()), API, 'MediaProducingJob');
    expectSchemaError(() => iceKind.parse([], ctx()), API, '(body)');
  });
});

describe('ice: definition and buildCall', () => {
  it('describes the API', () => {
    assert.deepEqual(
      [iceKind.kind, iceKind.cloud, iceKind.api, iceKind.rateLimit, iceKind.batchSize, iceKind.endpoint.product, iceKind.retention],
      ['ice', 'aliyun', API, { capacity: 10, perMs: 1000 }, 1, 'ice', 'one year'],
    );
  });

  it('asks for one JobId with GET', () => {
    assert.deepEqual(iceKind.buildCall([ref('ice', 'abc123')], 'cn-shanghai'), {
      cloud: 'aliyun', product: 'ice', action: 'GetMediaProducingJob', version: '2020-11-09', method: 'GET', params: { JobId: 'abc123' },
    });
  });

  // Unusable ids never reach buildCall: the client checks every reference first (test/unit/clouds/refChecks.test.ts).
  it('refuses no reference or two references', () => {
    assert.throws(() => iceKind.buildCall([], 'cn-shanghai'), ConfigError);
    assert.throws(() => iceKind.buildCall([ref('ice', 'a'), ref('ice', 'b')], 'cn-shanghai'), ConfigError);
  });
});
