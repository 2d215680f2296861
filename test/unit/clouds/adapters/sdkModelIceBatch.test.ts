/**
 * ICE ListBatchMediaProducingJobs against the SDK's own model (aliyun/alibabacloud-typescript-sdk
 * ice-20201109/src/models/ListBatchMediaProducingJobsResponseBody.ts; doc
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-listbatchmediaproducingjobs). The
 * fixture (test/fixtures/lists/ice-batch-sdk-example.json) is the model's @example values; InputConfig and UserData
 * have no @example in the model, so they hold a MediaGroupArray and a NotifyAddress of the shapes the doc describes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { iceBatchJob } from '../../../../src/clouds/adapters/iceBatch.js';
import { assertCovered, type FieldTable, rawOnly } from './sdkFields.js';
import { FIXTURES_DIR } from './support.js';

const MODEL_FIELDS = [
  'RequestId', 'MaxResults', 'NextToken', 'EditingBatchJobList',
  ...['JobId', 'JobType', 'Status', 'CreateTime', 'ModifiedTime', 'CompleteTime', 'InputConfig', 'EditingConfig', 'OutputConfig', 'UserData', 'Extend']
    .map((f) => `EditingBatchJobList[].${f}`),
];

export const ICE_BATCH_FIELDS: FieldTable = {
  RequestId: 'requestId',
  MaxResults: 'raw: the page size the call asked for (the lister sets it)',
  NextToken: 'raw: the lister follows it to the next page; no job field',
  'EditingBatchJobList[].JobId': 'id',
  'EditingBatchJobList[].JobType': 'batch.jobType',
  'EditingBatchJobList[].Status': 'status, rawStatus',
  'EditingBatchJobList[].CreateTime': 'createdAt',
  'EditingBatchJobList[].ModifiedTime': 'updatedAt',
  'EditingBatchJobList[].CompleteTime': 'completedAt',
  'EditingBatchJobList[].InputConfig': 'extras: Input config',
  'EditingBatchJobList[].EditingConfig': 'extras: Editing config',
  'EditingBatchJobList[].OutputConfig': 'extras: Output config, name (the MediaURL pattern\'s file name)',
  'EditingBatchJobList[].UserData': 'userData',
  'EditingBatchJobList[].Extend': 'extras: Extend',
};

const body = JSON.parse(readFileSync(`${FIXTURES_DIR}lists/ice-batch-sdk-example.json`, 'utf8')) as {
  RequestId: string;
  EditingBatchJobList: Array<Record<string, string>>;
};

describe('ice batch list: every field of the SDK response model', () => {
  it('the fixture has every model field and the table places every fixture field', () => {
    assertCovered('lists/ice-batch-sdk-example', body, MODEL_FIELDS, ICE_BATCH_FIELDS);
    assert.deepEqual(rawOnly(ICE_BATCH_FIELDS).map((r) => r.split(':')[0]), ['MaxResults', 'NextToken']);
  });

  it('each field lands where the table says', () => {
    const item = body.EditingBatchJobList[0]!;
    const job = iceBatchJob(item, 'cn-shanghai', body.RequestId);
    assert.ok(job !== null);
    assert.deepEqual([job.id, job.status, job.rawStatus, job.createdAt, job.updatedAt, job.completedAt, job.requestId],
      [item.JobId, 'succeeded', 'Finished', item.CreateTime, item.ModifiedTime, item.CompleteTime, body.RequestId]);
    assert.deepEqual(job.batch, { role: 'batch', jobType: 'Script', subJobCount: null });
    assert.equal(job.name, 'xxx_{index}.mp4');
    assert.deepEqual(job.userData, JSON.parse(item.UserData!));
    const extras = Object.fromEntries((job.extras ?? []).map((e) => [e.title, e.value]));
    assert.deepEqual(extras, {
      'Input config': JSON.parse(item.InputConfig!), 'Editing config': JSON.parse(item.EditingConfig!),
      'Output config': JSON.parse(item.OutputConfig!), Extend: {},
    });
    assert.equal(job.outputs.length, 0, 'the MediaURL is a pattern, not an output');
    assert.equal(job.raw, item);
  });

  it('Init, Processing and Failed map; an item without a JobId is dropped', () => {
    const status = (s: string) => iceBatchJob({ JobId: 'x1', Status: s }, 'cn-shanghai', null)?.status;
    assert.deepEqual(['Init', 'Processing', 'Failed', 'Odd'].map(status), ['queued', 'running', 'failed', 'unknown']);
    assert.equal(iceBatchJob({ JobType: 'Script' }, 'cn-shanghai', null), null);
  });
});
