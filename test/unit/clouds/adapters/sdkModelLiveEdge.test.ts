/**
 * ApsaraVideo Live GetEdgeTranscodeJob against the SDK's own model (aliyun/alibabacloud-typescript-sdk
 * live-20161101/src/models/GetEdgeTranscodeJobResponseBody.ts: Job {CreateTime, JobId, LastStartAt, LastStopAt,
 * Name, Status, StreamInput, StreamOutput, TemplateId, TemplateName, Type}, RequestId; the doc page
 * https://www.alibabacloud.com/help/en/live/developer-reference/api-live-2016-11-01-getedgetranscodejob). The
 * fixture is the model's @example values, unchanged (test/fixtures/live-edge/sdk-example.json); its Status "0"
 * is "not started" in the model.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTerminal } from '../../../../src/model/job.js';
import { statusLabelOf } from '../../../../src/present/status.js';
import { assertCovered, rawOnly, type FieldTable } from './sdkFields.js';
import { ctx, fixtureRecord, onlyJob, ref } from './support.js';

const MODEL_FIELDS = [
  'RequestId', 'Job',
  ...['CreateTime', 'JobId', 'LastStartAt', 'LastStopAt', 'Name', 'Status', 'StreamInput', 'StreamOutput', 'TemplateId', 'TemplateName', 'Type'].map((f) => `Job.${f}`),
];

/** Every field of the fixture and where the Job holds it: all of them normalized, none kept in raw only. */
export const LIVE_EDGE_FIELDS: FieldTable = {
  RequestId: 'requestId',
  'Job.CreateTime': 'createdAt',
  'Job.JobId': 'id',
  'Job.LastStartAt': 'startedAt; updatedAt when later than LastStopAt',
  'Job.LastStopAt': 'stoppedAt; updatedAt when later than LastStartAt',
  'Job.Name': 'name',
  'Job.Status': 'status ("0" stopped, labelled "Not started"; "1" running), rawStatus',
  'Job.StreamInput': 'inputs[].url',
  'Job.StreamOutput': 'outputs[].url',
  'Job.TemplateId': 'templateId; outputs[].label when there is no TemplateName',
  'Job.TemplateName': 'outputs[].label',
  'Job.Type': 'outputs[].definition',
};

describe('live-edge: every field of the SDK response model', () => {
  it('the fixture has every model field and the table places every fixture field', () => {
    assertCovered('live-edge/sdk-example', fixtureRecord('live-edge', 'sdk-example'), MODEL_FIELDS, LIVE_EDGE_FIELDS);
    assert.deepEqual(rawOnly(LIVE_EDGE_FIELDS), []);
  });

  it('each field lands where the table says', () => {
    const f = fixtureRecord('live-edge', 'sdk-example');
    const j = f.Job;
    const job = onlyJob('live-edge', 'sdk-example', ctx([ref('live-edge', j.JobId, { clusterId: 'cluster-1' })]));
    assert.deepEqual(
      [job.requestId, job.id, job.name, job.status, job.rawStatus, job.createdAt, job.startedAt, job.stoppedAt, job.updatedAt, job.templateId, job.params],
      [f.RequestId, j.JobId, 'my_job', 'stopped', '0', '2023-07-24T16:44:55Z', '2023-07-25T02:48:58Z', '2023-07-25T05:48:58Z', '2023-07-25T05:48:58Z', j.TemplateId, { clusterId: 'cluster-1' }]);
    assert.deepEqual(job.inputs, [{ url: 'rtmp://mydomain/app/stream1', label: null }]);
    assert.deepEqual(job.outputs.map((o) => [o.url, o.label, o.definition]), [['rtmp://testdomain/app/stream2', 'my_template', 'common']]);
    assert.equal(job.extras, undefined, 'nothing left over for the extras');
  });

  it('Status "0" is labelled "Not started" while the model keeps it stopped and not terminal', () => {
    const job = onlyJob('live-edge', 'sdk-example');
    assert.equal(isTerminal(job.status), false);
    assert.equal(statusLabelOf(job.kind, job.status, job.rawStatus), 'Not started');
    assert.equal(statusLabelOf(job.kind, 'running', '1'), 'Running');
    assert.equal(statusLabelOf('mpc-editing', 'stopped', '0'), 'Stopped', 'only the edge kind names its "0"');
  });
});
