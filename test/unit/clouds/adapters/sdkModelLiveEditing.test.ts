/**
 * ApsaraVideo Live GetEditingJobInfo against the SDK's own model (aliyun/alibabacloud-typescript-sdk
 * live-20161101/src/models/GetEditingJobInfoResponseBody.ts: CasterId, EditingTasksInfo, RequestId) and the content
 * of EditingTasksInfo its doc lists (OutputVodId, TaskStatus, StorageInfo {StorageLocation, FileName}, ShowId;
 * https://www.alibabacloud.com/help/en/live/developer-reference/api-geteditingjobinfo). The fixture is the model's
 * @example values (test/fixtures/live-editing/sdk-example.json).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCovered, type FieldTable } from './sdkFields.js';
import { fixtureRecord, onlyJob } from './support.js';

const MODEL_FIELDS = [
  'RequestId', 'CasterId', 'EditingTasksInfo',
  'EditingTasksInfo.OutputVodId', 'EditingTasksInfo.TaskStatus', 'EditingTasksInfo.StorageInfo.StorageLocation',
  'EditingTasksInfo.StorageInfo.FileName', 'EditingTasksInfo.ShowId',
];

/** EditingTasksInfo is text; its fields are placed as if it were decoded. */
export const LIVE_EDITING_FIELDS: FieldTable = {
  RequestId: 'requestId',
  CasterId: 'params.casterId',
  'EditingTasksInfo.OutputVodId': 'outputs[].mediaId',
  'EditingTasksInfo.TaskStatus': 'status, rawStatus',
  'EditingTasksInfo.StorageInfo.StorageLocation': 'outputs[].storageLocation',
  'EditingTasksInfo.StorageInfo.FileName': 'outputs[].fileName, name',
  'EditingTasksInfo.ShowId': 'id',
};

/** The example's text as the test reads it: without its leading key and trailing comma. */
function decodedExample(): Record<string, unknown> {
  const f = fixtureRecord('live-editing', 'sdk-example');
  const text = String(f.EditingTasksInfo).trim().replace(/^"EditingTasksInfo"\s*:\s*/, '').replace(/,\s*$/, '');
  return { ...f, EditingTasksInfo: JSON.parse(text) as unknown };
}

describe('live-editing: every field of the SDK response model', () => {
  it('the fixture has every model field and the table places every fixture field', () => {
    assertCovered('live-editing/sdk-example', decodedExample(), MODEL_FIELDS, LIVE_EDITING_FIELDS);
  });

  it('each field lands where the table says', () => {
    const d = decodedExample() as { RequestId: string; CasterId: string; EditingTasksInfo: { OutputVodId: string; ShowId: string; StorageInfo: { StorageLocation: string; FileName: string } } };
    const job = onlyJob('live-editing', 'sdk-example');
    const t = d.EditingTasksInfo;
    assert.deepEqual([job.requestId, job.params.casterId, job.id, job.status, job.rawStatus, job.name], [d.RequestId, d.CasterId, t.ShowId, 'running', '1', t.StorageInfo.FileName]);
    assert.deepEqual([job.outputs[0]?.mediaId, job.outputs[0]?.storageLocation, job.outputs[0]?.fileName], [t.OutputVodId, t.StorageInfo.StorageLocation, t.StorageInfo.FileName]);
  });
});
