import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveEdgeKind } from '../../../../src/clouds/adapters/liveEdge.js';
import { isTerminal } from '../../../../src/model/job.js';
import { ctx, expectSchemaError, fixture, fixtureRecord, onlyJob, ref } from './support.js';

const API = 'live:GetEdgeTranscodeJob';

describe('live-edge: GetEdgeTranscodeJob mapping', () => {
  it('running: name, times, stream output with its template, cluster from the reference', () => {
    const f = fixtureRecord('live-edge', 'running');
    const j = f.Job;
    const job = onlyJob('live-edge', 'running', ctx([ref('live-edge', j.JobId, { clusterId: 'cluster-sh-01' })]));
    assert.equal(job.id, j.JobId);
    assert.equal(job.name, 'cctv-lobby-480p');
    assert.deepEqual([job.status, job.rawStatus], ['running', '1']);
    assert.equal(isTerminal(job.status), false);
    assert.equal(job.createdAt, '2024-05-02T03:04:05Z');
    assert.equal(job.startedAt, '2024-06-10T22:00:01Z');
    assert.equal(job.updatedAt, '2024-06-10T22:00:01Z'); // LastStartAt is later than LastStopAt
    assert.equal(job.completedAt, null);
    assert.equal(job.templateId, j.TemplateId);
    assert.deepEqual(job.params, { clusterId: 'cluster-sh-01' });
    assert.equal(job.outputs.length, 1);
    assert.deepEqual([job.outputs[0]?.label, job.outputs[0]?.url, job.outputs[0]?.definition],
      ['lobby-480p-h264', 'rtmp://push.acme-live.example/edge/lobby-cam_480p', 'common']);
    assert.equal(job.requestId, f.RequestId);
    assert.deepEqual(job.raw, f);
  });

  it('the input stream is the job\'s input, LastStopAt its stop time; nothing is left for extras', () => {
    const j = fixtureRecord('live-edge', 'running').Job;
    const job = onlyJob('live-edge', 'running', ctx([ref('live-edge', j.JobId, { clusterId: 'cluster-sh-01' })]));
    assert.deepEqual(job.inputs, [{ url: 'rtmp://edge-in.acme.example/live/lobby-cam', label: null }]);
    assert.deepEqual([job.startedAt, job.stoppedAt], ['2024-06-10T22:00:01Z', '2024-06-09T18:30:00Z']);
    assert.equal(job.extras, undefined);
    const bare = liveEdgeKind.parse({ Job: { JobId: 'j1' } }, ctx()).jobs[0];
    assert.deepEqual([bare?.inputs, bare?.stoppedAt, bare?.extras], [undefined, null, undefined], 'no input, no stop: none');
  });

  it('stopped: "0" is stopped (not terminal); updatedAt is the later LastStopAt', () => {
    const job = onlyJob('live-edge', 'stopped');
    assert.deepEqual([job.status, job.rawStatus], ['stopped', '0']);
    assert.equal(isTerminal(job.status), false);
    assert.equal(job.updatedAt, '2024-06-11T01:15:00Z');
    assert.equal(job.outputs[0]?.definition, 'nbhd-2');
  });

  it('an unknown status is unknown with its raw value', () => {
    const job = onlyJob('live-edge', 'unknown-status');
    assert.deepEqual([job.status, job.rawStatus], ['unknown', '2']);
  });

  it('a numeric status and loose times (space, no zone, offset with millis)', () => {
    const job = onlyJob('live-edge', 'numbers-and-times');
    assert.deepEqual([job.status, job.rawStatus], ['running', '1']);
    assert.equal(job.createdAt, '2024-05-02T03:04:05Z');
    assert.equal(job.startedAt, '2024-06-10T22:00:01Z');
    // 23:59:59.5 at +08:00 is 15:59:59Z, earlier than the start.
    assert.equal(job.updatedAt, '2024-06-10T22:00:01Z');
  });

  it('missing optional fields are null; extra fields are kept in raw', () => {
    const job = onlyJob('live-edge', 'minimal');
    assert.deepEqual([job.status, job.rawStatus, job.name, job.createdAt, job.updatedAt, job.templateId], ['unknown', '', null, null, null, null]);
    assert.deepEqual(job.outputs, []);
    assert.deepEqual(job.params, {});
    const extra = onlyJob('live-edge', 'extra-fields');
    assert.equal((extra.raw as { Job: { Region: string } }).Job.Region, 'cn-shanghai');
  });

  it('a body without Job or Job.JobId is a SchemaError', () => {
    expectSchemaError(() => liveEdgeKind.parse(fixture('live-edge', 'missing-job-id'), ctx()), API, 'Job.JobId');
    const e = expectSchemaError(() => liveEdgeKind.parse(fixture('live-edge', 'error-body'), ctx()), API, 'Job');
    assert.equal(e.requestId, fixtureRecord('live-edge', 'error-body').RequestId);
  });
});

describe('live-edge: definition and buildCall', () => {
  it('describes the API: 6,000 calls a minute, clusterId required', () => {
    assert.deepEqual([liveEdgeKind.kind, liveEdgeKind.api, liveEdgeKind.rateLimit, liveEdgeKind.batchSize, liveEdgeKind.endpoint.product],
      ['live-edge', API, { capacity: 6000, perMs: 60_000 }, 1, 'live']);
  });

  it('asks with ClusterId, JobId and RegionId', () => {
    assert.deepEqual(liveEdgeKind.buildCall([ref('live-edge', 'job-1', { clusterId: 'cluster-1' })], 'cn-shanghai'), {
      cloud: 'aliyun', product: 'live', action: 'GetEdgeTranscodeJob', version: '2016-11-01', method: 'POST',
      params: { ClusterId: 'cluster-1', JobId: 'job-1', RegionId: 'cn-shanghai' },
    });
  });

});
