import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectJobIdAt, detectJobIdsInLine } from '../../../src/model/detectJobIds.js';
import { type JobRef } from '../../../src/model/jobRef.js';

const ICE = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';
const VOD = 'b1b65ab107e14c0e8f3dbb900f6c1f02';
const CASTER = '53200b81-b761-4c10-842a-a0726d970001';
const SHOW = '42200b81-0c1d-4e5f-8a9b-000000000001';
const EDGE = 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b01';
const MPC = '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a01';
const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** The one detection on a line, checked to cover exactly the id's characters. */
function only(line: string, tracked?: ReadonlyMap<string, JobRef>) {
  const all = detectJobIdsInLine(line, tracked);
  assert.equal(all.length, 1, `${line} → ${JSON.stringify(all)}`);
  const d = all[0]!;
  assert.equal(line.slice(d.range.start, d.range.end), d.id);
  return d;
}

test('keyed JobId forms in JSON, logs, code and CLIs', () => {
  const lines = [
    `{"RequestId":"83B7-7F87","MediaProducingJob":{"JobId":"${ICE}","Status":"Processing"}}`,
    `  "JobId" : "${ICE}",`,
    `JobId: ${ICE}`,
    `2024-06-01 10:00:00 INFO submitted job JobId=${ICE} status=Init`,
    `const req = new GetMediaProducingJobRequest({ jobId: '${ICE}' });`,
    `request.setJobId("${ICE}");`,
    `aliyun ice GetMediaProducingJob --JobId ${ICE} --region cn-shanghai`,
    `<JobId>${ICE}</JobId>`,
    `req := &ice.GetMediaProducingJobRequest{JobId: tea.String("${ICE}")}`,
  ];
  for (const line of lines) {
    const d = only(line);
    assert.equal(d.id, ICE, line);
  }
});

test('the API name or host on the line picks the kind; a bare JobId may be ice or live-edge', () => {
  assert.deepEqual(only(`aliyun ice GetMediaProducingJob --JobId ${ICE}`).kinds, ['ice']);
  assert.deepEqual(only(`POST https://ice.cn-shanghai.aliyuncs.com/ JobId=${ICE}`).kinds, ['ice']);
  assert.deepEqual(only(`JobId: ${ICE}`).kinds, ['ice', 'live-edge']);
  const edge = only(`aliyun live GetEdgeTranscodeJob --ClusterId edge-cluster-sh-01 --JobId ${EDGE} --RegionId cn-beijing`);
  assert.deepEqual(edge.kinds, ['live-edge']);
  assert.deepEqual(edge.params, { clusterId: 'edge-cluster-sh-01' });
  assert.equal(edge.region, 'cn-beijing');
  assert.deepEqual(edge.needs, []);
  const edgeNoCluster = only(`GetEdgeTranscodeJob JobId=${EDGE}`);
  assert.deepEqual(edgeNoCluster.needs, ['clusterId']);
  // job_id defaults to MPC, but GetMediaProducingJob on the line (Python SDK) makes it ICE.
  assert.deepEqual(only(`job_id = "${MPC}"`).kinds, ['mpc-editing']);
  assert.deepEqual(only(`req = ice_models.GetMediaProducingJobRequest(job_id='${ICE}')`).kinds, ['ice']);
});

test('VOD, live editing (caster and show) and MPC forms with their parameters', () => {
  const vod = only(`aliyun vod GetTranscodeTask --TranscodeTaskId ${VOD} --region cn-shanghai`);
  assert.deepEqual([vod.id, vod.kinds, vod.region], [VOD, ['vod'], 'cn-shanghai']);
  assert.deepEqual(only(`"TranscodeTaskId": "${VOD}"`).kinds, ['vod']);

  const caster = only(`GetEditingJobInfo CasterId=${CASTER}`);
  assert.deepEqual([caster.id, caster.kinds, caster.params], [CASTER, ['live-editing'], {}]);

  const both = detectJobIdsInLine(`{"CasterId":"${CASTER}","ShowId":"${SHOW}","TaskStatus":1}`);
  assert.deepEqual(both.map((d) => [d.id, d.params]), [[CASTER, {}], [SHOW, { casterId: CASTER }]]);
  const lone = only(`ShowId: ${SHOW}`);
  assert.deepEqual([lone.kinds, lone.needs], [['live-editing'], ['casterId']]);

  const url = `GET https://mpc.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/editing/jobs?job_id=${MPC}&job_id=${MPC.replace('01', '02')} 200`;
  const mpc = detectJobIdsInLine(url);
  assert.deepEqual(mpc.map((d) => d.id), [MPC, MPC.replace('01', '02')]);
  for (const d of mpc) {
    assert.deepEqual(d.kinds, ['mpc-editing']);
    assert.deepEqual(d.params, { projectId: PROJECT });
    assert.equal(d.region, 'cn-north-4');
  }
});

test("the project's own CLI: media-jobs inspect|watch <kind> <ids…> with options", () => {
  const all = detectJobIdsInLine(`$ media-jobs inspect ice ${ICE} ${ICE.replace('01', '02')} --region cn-beijing --json`);
  assert.deepEqual(all.map((d) => [d.id, d.kinds, d.region]), [[ICE, ['ice'], 'cn-beijing'], [ICE.replace('01', '02'), ['ice'], 'cn-beijing']]);
  const edge = only(`media-jobs watch live-edge --cluster-id edge-cluster-sh-01 ${EDGE}`);
  assert.deepEqual([edge.kinds, edge.params], [['live-edge'], { clusterId: 'edge-cluster-sh-01' }]);
});

test('no context, no match: MD5 sums, git SHAs, request ids, bare uuids, placeholders and type names', () => {
  const lines = [
    `d41d8cd98f00b204e9800998ecf8427e  output/final.mp4`,
    `${ICE}`,
    `commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39`,
    `Merge: 3f2a9c1 8e7b6a5`,
    `"RequestId": "${CASTER.toUpperCase()}"`,
    `RequestId=83B77F87-4792-BFE9-63CD2137ABCD`,
    `x-acs-request-id: 83B7-7F87-4792-BFE9-63CD2137ABCD`,
    `uuid = ${SHOW}`,
    `"MediaId": "${ICE}"`,
    `"TranscodeJobId": "${VOD}"`,
    `"SubJobId": "${VOD}"`,
    `"ProjectId": "${PROJECT}"`,
    `"TemplateId": "${PROJECT}"`,
    `jobId: string;`,
    `def get(job_id: str) -> Job:`,
    `JobId: jobId`,
    `const jobId = currentJobId;`,
    `{"JobId": "placeholderValue"}`,
    `"JobId": "****cdb3e74639973036bc84****"`,
    `JobId=xxxxxxxxxxxxxxxx`,
    `JobId=00000000000000000000000000000000`,
    `ClusterId=edge-cluster-sh-01`,
    `the JobId is wrong for 7c1e0a9b5d3f4e21a8c6f0b2d4e6a801`,
  ];
  for (const line of lines) assert.deepEqual(detectJobIdsInLine(line), [], line);
});

test('ids the user tracks match anywhere, with the tracked kind and parameters', () => {
  const tracked = new Map<string, JobRef>([
    [SHOW, { kind: 'live-editing', id: SHOW, region: 'cn-shanghai', params: { casterId: CASTER } }],
    [ICE, { kind: 'ice', id: ICE, region: 'cn-hangzhou', params: {} }],
  ]);
  const d = only(`finished rendering ${SHOW}, uploading`, tracked);
  assert.deepEqual([d.kinds, d.params, d.region, d.source], [['live-editing'], { casterId: CASTER }, 'cn-shanghai', 'tracked']);
  // A keyed guess at the same place gives way to the tracked reference.
  const keyed = only(`JobId: ${ICE}`, tracked);
  assert.deepEqual([keyed.kinds, keyed.region], [['ice'], 'cn-hangzhou']);
  // Untracked ids still need context.
  assert.deepEqual(detectJobIdsInLine(`finished rendering ${EDGE}`, tracked), []);
});

test('detectJobIdAt returns the id under the cursor (including just after it), or null', () => {
  const line = `{"CasterId":"${CASTER}","ShowId":"${SHOW}"}`;
  const showStart = line.indexOf(SHOW);
  assert.equal(detectJobIdAt(line, showStart)?.id, SHOW);
  assert.equal(detectJobIdAt(line, showStart + 10)?.id, SHOW);
  assert.equal(detectJobIdAt(line, showStart + SHOW.length)?.id, SHOW);
  assert.equal(detectJobIdAt(line, line.indexOf(CASTER) + 3)?.id, CASTER);
  assert.equal(detectJobIdAt(line, 2), null); // on the key
  assert.equal(detectJobIdAt(`md5 ${ICE}`, 6), null);
});

test('very long lines are scanned in windows: ids far into a minified log are found at the right offsets', () => {
  const filler = 'x'.repeat(30_000);
  const line = `${filler} "JobId":"${ICE}" ${filler} TranscodeTaskId=${VOD} ${filler}`;
  const all = detectJobIdsInLine(line);
  assert.deepEqual(all.map((d) => [d.id, line.slice(d.range.start, d.range.end)]), [[ICE, ICE], [VOD, VOD]]);
  const at = detectJobIdAt(line, line.indexOf(VOD) + 5);
  assert.equal(at?.id, VOD);
  assert.equal(at?.range.start, line.indexOf(VOD));
});
