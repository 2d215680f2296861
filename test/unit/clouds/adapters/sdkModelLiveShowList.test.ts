/**
 * Live DescribeShowList against the SDK's own model (aliyun/alibabacloud-typescript-sdk
 * live-20161101/src/models/DescribeShowListResponseBody.ts; doc
 * https://www.alibabacloud.com/help/en/live/developer-reference/api-live-2016-11-01-describeshowlist). The fixture
 * (test/fixtures/lists/live-show-list-sdk-example.json) is the model's @example values (ResourceUrl has none: an
 * https URL). The Live editing lister reads only the show names; the rest describes the playlist's playback.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { showNamesOf } from '../../../../src/clouds/adapters/liveEditingList.js';
import { assertCovered, type FieldTable, rawOnly } from './sdkFields.js';
import { FIXTURES_DIR } from './support.js';

const SHOW = 'ShowListInfo.ShowList.Show[]';
const MODEL_FIELDS = [
  'RequestId', 'ShowList', 'ShowListInfo.Background', 'ShowListInfo.CurrentShowId', 'ShowListInfo.HighPriorityShowId',
  'ShowListInfo.HighPriorityShowStartTime', 'ShowListInfo.ShowListRepeatTimes', 'ShowListInfo.TotalShowListRepeatTimes',
  `${SHOW}.ShowId`, `${SHOW}.ShowName`, `${SHOW}.Duration`, `${SHOW}.RepeatTimes`, `${SHOW}.ResourceInfo.LiveInputType`,
  `${SHOW}.ResourceInfo.ResourceId`, `${SHOW}.ResourceInfo.ResourceType`, `${SHOW}.ResourceInfo.ResourceUrl`,
];

const PLAYBACK = 'raw: not kept; how the studio plays its playlist, not what an editing task did (the task is GetEditingJobInfo\'s)';

export const LIVE_SHOW_LIST_FIELDS: FieldTable = {
  RequestId: 'raw: not kept; the task\'s requestId is GetEditingJobInfo\'s',
  ShowList: 'raw: not kept; a text rendering of ShowListInfo.ShowList (the example is not even JSON)',
  'ShowListInfo.Background': PLAYBACK,
  'ShowListInfo.CurrentShowId': PLAYBACK,
  'ShowListInfo.HighPriorityShowId': PLAYBACK,
  'ShowListInfo.HighPriorityShowStartTime': PLAYBACK,
  'ShowListInfo.ShowListRepeatTimes': PLAYBACK,
  'ShowListInfo.TotalShowListRepeatTimes': PLAYBACK,
  [`${SHOW}.ShowId`]: 'matched to the task\'s id (its ShowId)',
  [`${SHOW}.ShowName`]: 'name ("studio · show name")',
  [`${SHOW}.Duration`]: PLAYBACK,
  [`${SHOW}.RepeatTimes`]: PLAYBACK,
  [`${SHOW}.ResourceInfo.LiveInputType`]: 'raw: not kept; the show\'s source, which the task\'s own answer does not name either',
  [`${SHOW}.ResourceInfo.ResourceId`]: 'raw: not kept; the show\'s source, which the task\'s own answer does not name either',
  [`${SHOW}.ResourceInfo.ResourceType`]: 'raw: not kept; the show\'s source, which the task\'s own answer does not name either',
  [`${SHOW}.ResourceInfo.ResourceUrl`]: 'raw: not kept; the show\'s source, which the task\'s own answer does not name either',
};

const body = JSON.parse(readFileSync(`${FIXTURES_DIR}lists/live-show-list-sdk-example.json`, 'utf8')) as unknown;

describe('live show list: every field of the SDK response model', () => {
  it('the fixture has every model field and the table places every fixture field', () => {
    assertCovered('lists/live-show-list-sdk-example', body, MODEL_FIELDS, LIVE_SHOW_LIST_FIELDS);
    assert.equal(rawOnly(LIVE_SHOW_LIST_FIELDS).length, 14);
  });

  it('the show names are read by ShowId; a show without a name or an id is left out', () => {
    assert.deepEqual([...showNamesOf(body)], [['a2b8e671-2fe5-4642-a2ec-bf93880e****', 'liveShow****']]);
    const odd = { ShowListInfo: { ShowList: { Show: [{ ShowId: 'a', ShowName: '' }, { ShowName: 'no id' }, { ShowId: 'b', ShowName: 'B' }, 'x'] } } };
    assert.deepEqual([...showNamesOf(odd)], [['b', 'B']]);
    assert.equal(showNamesOf({ ShowList: 'text only' }).size, 0);
  });
});
