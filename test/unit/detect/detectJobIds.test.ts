import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTEXT_LINES, detectJobIdAt, detectJobIdAtInText, detectJobIdsInLine, plausibleKindsForBareId, scanText } from '../../../src/detect/detectJobIds.js';
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
  // A bare job_id may be any kind that uses the key, MPC first; GetMediaProducingJob on the line (Python SDK) makes it ICE.
  assert.deepEqual(only(`job_id = "${MPC}"`).kinds, ['mpc-editing', 'ice', 'live-edge']);
  assert.deepEqual(only(`req = ice_models.GetMediaProducingJobRequest(job_id='${ICE}')`).kinds, ['ice']);
});

test('VOD, live editing (caster and show) and MPC forms with their parameters', () => {
  const vod = only(`aliyun vod GetTranscodeTask --TranscodeTaskId ${VOD} --region cn-shanghai`);
  assert.deepEqual([vod.id, vod.kinds, vod.region], [VOD, ['vod'], 'cn-shanghai']);
  assert.deepEqual(only(`"TranscodeTaskId": "${VOD}"`).kinds, ['vod']);

  const caster = only(`GetEditingJobInfo CasterId=${CASTER}`);
  assert.deepEqual([caster.id, caster.kinds, caster.params], [CASTER, ['live-editing'], {}]);

  // The caster narrowed to the show beside it; the show as a task of that caster.
  const both = detectJobIdsInLine(`{"CasterId":"${CASTER}","ShowId":"${SHOW}","TaskStatus":1}`);
  assert.deepEqual(both.map((d) => [d.id, d.params]), [[CASTER, { showId: SHOW }], [SHOW, { casterId: CASTER }]]);
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

// ---- Multi-line context, lists, and the document-level API -------------------------------------------------------

test('a JobId inside a "MediaProducingJob" object, or after a GetMediaProducingJob call a few lines up, is ICE', () => {
  const json = ['{', '  "RequestId": "5F20C770-6214-47BA-AF7F-A45FBA52FFF4",', '  "MediaProducingJob": {', '    "CreateTime": "2025-06-18T09:12:03Z",',
    '    "Duration": 18.3,', '    "Status": "Success",', '    "TemplateId": "S00000101-100070",', `    "JobId": "${ICE}"`, '  }', '}'].join('\n');
  assert.deepEqual(scanText(json).map((m) => [m.line, m.id, m.kinds]), [[7, ICE, ['ice']]]);
  const log = ['INFO calling GetMediaProducingJob', 'DEBUG took 31 ms', `DEBUG JobId=${ICE} Status=Processing`].join('\n');
  assert.deepEqual(scanText(log).map((m) => m.kinds), [['ice']]);
  // Four log lines further down, the call no longer says anything about this line.
  const far = ['INFO calling GetMediaProducingJob', 'a', 'b', 'c', `DEBUG JobId=${ICE}`].join('\n');
  assert.deepEqual(scanText(far).map((m) => m.kinds), [['ice', 'live-edge']]);
  // Another job's line in between ends the search (its ClusterId is not this job's either).
  const between = ['GetEdgeTranscodeJob ClusterId=edge-cluster-sh-01 JobId=' + EDGE, `JobId=${ICE}`].join('\n');
  assert.deepEqual(scanText(between).map((m) => [m.kinds, m.params]), [[['live-edge'], { clusterId: 'edge-cluster-sh-01' }], [['ice', 'live-edge'], {}]]);
});

test('the kind of a block is handed from one job id to the next (list items), but not past a parent line', () => {
  const yaml = ['job_array:', `  - job_id: "${MPC}"`, '    status: WAITING', `  - job_id: "${MPC.replace('01', '02')}"`, '    status: FAILED',
    'edge:', '  ClusterId: edge-cluster-sh-01', `  JobId: ${EDGE}`].join('\n');
  assert.deepEqual(scanText(yaml).map((m) => [m.id.slice(-2), m.kinds, m.params]), [
    ['01', ['mpc-editing'], {}], ['02', ['mpc-editing'], {}], ['01', ['live-edge'], { clusterId: 'edge-cluster-sh-01' }],
  ]);
  // A long list: the hand-over reaches MAX_BLOCK_LINES (200) lines from the marker.
  const items = Array.from({ length: 120 }, (_, i) => `  - job_id: "${String(i).padStart(6, '0')}aa${MPC.slice(8)}"\n    status: WAITING`);
  const long = scanText(['job_array:', ...items].join('\n'));
  assert.equal(long.length, 120);
  const inReach = long.filter((m) => m.line <= 200);
  assert.ok(inReach.every((m) => m.kinds.join() === 'mpc-editing'));
  assert.ok(long.filter((m) => m.line > 200).every((m) => m.kinds.join() === 'mpc-editing,ice,live-edge'));
});

test('ids in lists: Python, TypeScript, Go, Java and KooCLI forms', () => {
  const a = MPC;
  const b = MPC.replace('01', '02');
  for (const line of [
    `request.job_id = ["${a}", "${b}"]  # ListEditingJobsRequest`,
    `new ListEditingJobsRequest().withJobId(['${a}', '${b}'])`,
    `request.JobId = &[]string{"${a}", "${b}"} // model.ListEditingJobsRequest`,
    `new ListEditingJobsRequest().withJobId(Arrays.asList("${a}", "${b}"));`,
    `hcloud MPC ListEditingJobs --job_id.1=${a} --job_id.2=${b}`,
  ]) {
    assert.deepEqual(detectJobIdsInLine(line).map((d) => [d.id, d.kinds]), [[a, ['mpc-editing']], [b, ['mpc-editing']]], line);
  }
});

test('escaped JSON inside a string, XML bodies, numbers under a job key', () => {
  const escaped = `"EditingTasksInfo": "[{\\"ShowId\\":\\"${SHOW}\\",\\"TaskStatus\\":1}]"`;
  assert.deepEqual(detectJobIdsInLine(escaped).map((d) => d.id), [SHOW]);
  assert.deepEqual(detectJobIdsInLine(`<GetEdgeTranscodeJobResponse><Job><JobId>${EDGE}</JobId></Job></GetEdgeTranscodeJobResponse>`).map((d) => d.kinds), [['live-edge']]);
  assert.deepEqual(detectJobIdsInLine('INFO job_id: 1287345 SUCCEEDED').map((d) => d.id), ['1287345']);
  // Numbers need a job key and three digits; comparisons and type annotations are not values.
  for (const line of ['job_id: 12', 'if job_id == 1287345:', 'ShowId: 1287345', 'request_id=1287345', 'JobId: int = 0']) {
    assert.deepEqual(detectJobIdsInLine(line), [], line);
  }
});

test('tracked ids are found anywhere on token boundaries, in any form, and never inside a longer token', () => {
  const tracked = new Map<string, JobRef>([[MPC, { kind: 'mpc-editing', id: MPC, region: 'cn-north-4', params: { projectId: PROJECT } }]]);
  const text = [
    `upload obs://mji-demo/out/${MPC}.mp4 done`,
    `("${MPC}")`,
    `x${MPC}`,
    `${MPC}ff`,
    `${MPC.toUpperCase()}`,
  ].join('\n');
  const found = scanText(text, { tracked });
  assert.deepEqual(found.map((m) => [m.line, m.source, m.kinds, m.params, m.region]), [
    [0, 'tracked', ['mpc-editing'], { projectId: PROJECT }, 'cn-north-4'],
    [1, 'tracked', ['mpc-editing'], { projectId: PROJECT }, 'cn-north-4'],
  ]);
});

test('detectJobIdAtInText reads the lines above the cursor; the window gives what the whole text gives', () => {
  const filler = Array.from({ length: CONTEXT_LINES + 50 }, (_, i) => `INFO line ${i}`);
  const lines = [...filler, 'calling GetMediaProducingJob', '{', '  "MediaProducingJob": {', `    "JobId": "${ICE}"`, '  }', '}'];
  const text = lines.join('\n');
  const line = lines.length - 3;
  const at = detectJobIdAtInText(text, line, lines[line]!.indexOf(ICE) + 3);
  assert.deepEqual([at?.id, at?.kinds, at?.line], [ICE, ['ice'], line]);
  // The same from a slice that starts CONTEXT_LINES above the line.
  const first = line - CONTEXT_LINES;
  const slice = lines.slice(first).join('\n');
  assert.deepEqual(detectJobIdAtInText(slice, line, lines[line]!.indexOf(ICE), undefined, first), at);
  assert.equal(detectJobIdAtInText(text, line, 2), null);
});

test('a bare id with no context: the kinds its shape allows', () => {
  assert.deepEqual(plausibleKindsForBareId(ICE), ['ice', 'vod', 'mpc-editing']);
  assert.deepEqual(plausibleKindsForBareId(EDGE), ['live-edge', 'live-editing']);
  assert.deepEqual(plausibleKindsForBareId('1287345'), ['mpc-editing']);
  assert.equal(plausibleKindsForBareId('LIVEPRODUCER_POST-cn-0pp1czt1').length, 5);
});
