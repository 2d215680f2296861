/**
 * The built language server (dist/server.js) as any LSP client sees it: a separate Node process over stdio.
 * initialize → capabilities (no hover: the client builds it); didOpen → mediaJobs/findJobIdAt and findJobIds;
 * didChange (incremental) → updated results; mediaJobs/didChangeTrackedIds → tracked ids found anywhere; bad
 * requests → errors, not crashes.
 * `npm run build` makes the bundle.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspStdioClient, SERVER_BUNDLE } from '../../support/lspStdioClient.js';
import { type JobIdHitInDocument } from '../../../src/model/jobIdHit.js';
import { type FindJobIdAtResult } from '../../../src/protocol/lsp.js';

const ICE = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';
const EDGE = 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b01';
const MPC = '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a01';
const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const URI = 'file:///work/logs/render.log';

const LOG = [
  `2025-06-18T09:12:03Z INFO submitted JobId=${ICE} region=cn-shanghai`, // 0: JobId alone: ice or live-edge
  '2025-06-18T09:12:04Z DEBUG calling GetEdgeTranscodeJob', // 1
  `2025-06-18T09:12:05Z DEBUG {"Job":{"JobId":"${EDGE}","Status":"1"}}`, // 2: edge, from the call above
  `2025-06-18T09:12:06Z INFO GET https://mpc.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/editing/jobs?job_id=${MPC} 200`, // 3
  '2025-06-18T09:12:07Z INFO md5 d41d8cd98f00b204e9800998ecf8427e commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39', // 4
  `2025-06-18T09:12:08Z INFO wrote obs://mji-demo/out/${MPC}.mp4`, // 5: bare: only once tracked
].join('\n');

let c: LspStdioClient;

before(async () => {
  c = new LspStdioClient();
  const init = await c.initialize();
  assert.deepEqual(init.capabilities, { textDocumentSync: { openClose: true, change: 2 } });
  assert.equal(init.serverInfo?.name, 'media-jobs-language-server');
  c.didOpen(URI, LOG);
});

after(async () => {
  assert.equal(await c.close(), 0, `the server exits cleanly after shutdown/exit\n${c.stderr}`);
});

const range = (line: number, id: string, text = LOG): JobIdHitInDocument['range'] => {
  const character = text.split('\n')[line]!.indexOf(id);
  return { start: { line, character }, end: { line, character: character + id.length } };
};

test('the bundle has no network or secret code in it', () => {
  const bundle = readFileSync(SERVER_BUNDLE, 'utf8');
  for (const m of ['require("http")', 'require("https")', 'require("undici")', 'require("dns")', 'require("tls")', 'fetch(', 'SecretStorage', 'accessKeySecret']) {
    assert.ok(!bundle.includes(m), `${m} in dist/server.js`);
  }
});

test('mediaJobs/findJobIds answers { range, id, kinds, params, region, needs, source } for every id, and not for the hashes', async () => {
  const found = await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: URI } });
  assert.deepEqual(found, [
    { range: range(0, ICE), id: ICE, kinds: ['ice', 'live-edge'], params: {}, region: 'cn-shanghai', needs: [], source: 'JobId' },
    { range: range(2, EDGE), id: EDGE, kinds: ['live-edge'], params: {}, needs: ['clusterId'], source: 'JobId' },
    { range: range(3, MPC), id: MPC, kinds: ['mpc-editing'], params: { projectId: PROJECT }, region: 'cn-north-4', needs: [], source: 'job_id' },
  ]);
});

test('no hover from the server itself (the client builds it from findJobIdAt); findJobIdAt is null on an MD5', async () => {
  await assert.rejects(c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: range(0, ICE).start.character + 4 } }),
    (e: Error & { code?: number }) => e.code === -32601);
  const at = await c.request<FindJobIdAtResult>('mediaJobs/findJobIdAt', { textDocument: { uri: URI }, position: { line: 0, character: range(0, ICE).start.character + 4 } });
  assert.deepEqual(at, { range: range(0, ICE), id: ICE, kinds: ['ice', 'live-edge'], params: {}, region: 'cn-shanghai', needs: [], source: 'JobId' });
  assert.equal(await c.request('mediaJobs/findJobIdAt', { textDocument: { uri: URI }, position: { line: 4, character: 40 } }), null, 'not an MD5');
});

test('mediaJobs/findJobIdAt: the id at a position with what it still needs; a cursor right after it counts', async () => {
  const r = range(2, EDGE);
  const at = await c.request<FindJobIdAtResult>('mediaJobs/findJobIdAt', { textDocument: { uri: URI }, position: r.end });
  assert.deepEqual(at, { range: r, id: EDGE, kinds: ['live-edge'], params: {}, needs: ['clusterId'], source: 'JobId' });
  assert.equal(await c.request('mediaJobs/findJobIdAt', { textDocument: { uri: URI }, position: { line: 4, character: 5 } }), null);
});

test('incremental changes: a typed key makes an id, a deleted line takes its id, lines below move', async () => {
  // Turn "md5 " on line 4 into "JobId=" before the MD5: now it is a job id (no context: ice or live-edge).
  const line4 = LOG.split('\n')[4]!;
  const md5At = line4.indexOf('md5 ');
  c.didChange(URI, 2, [{ range: { start: { line: 4, character: md5At }, end: { line: 4, character: md5At + 4 } }, text: 'JobId=' }]);
  let found = await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: URI } });
  assert.deepEqual(found.map((m) => [m.range.start.line, m.id, m.kinds]), [
    [0, ICE, ['ice', 'live-edge']], [2, EDGE, ['live-edge']], [3, MPC, ['mpc-editing']], [4, 'd41d8cd98f00b204e9800998ecf8427e', ['ice', 'live-edge']],
  ]);
  // Delete lines 0 and 1 (the call line goes too: the edge JobId's line is re-read as context changed).
  c.didChange(URI, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
  found = await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: URI } });
  assert.deepEqual(found.map((m) => [m.range.start.line, m.id, m.kinds]), [
    [0, EDGE, ['ice', 'live-edge']], [1, MPC, ['mpc-editing']], [2, 'd41d8cd98f00b204e9800998ecf8427e', ['ice', 'live-edge']],
  ]);
  // Only some lines: ranges.
  const some = await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: URI }, ranges: [{ start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }] });
  assert.deepEqual(some.map((m) => m.id), [MPC]);
});

test('tracked ids (mediaJobs/didChangeTrackedIds) are found anywhere, with the tracked kind', async () => {
  c.notify('mediaJobs/didChangeTrackedIds', { refs: [{ kind: 'mpc-editing', id: MPC, region: 'cn-north-4', params: { projectId: PROJECT } }, { bogus: true }] });
  const found = await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: URI } });
  const bare = found.filter((m) => m.id === MPC);
  assert.equal(bare.length, 2, 'the URL one and the bare one in "wrote obs://…"');
  assert.deepEqual(bare[1], { range: bare[1]!.range, id: MPC, kinds: ['mpc-editing'], params: { projectId: PROJECT }, region: 'cn-north-4', needs: [], source: 'tracked' });
  c.notify('mediaJobs/didChangeTrackedIds', { refs: [] });
  const again = await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: URI } });
  assert.equal(again.filter((m) => m.id === MPC).length, 1);
});

test('bad requests get errors (InvalidParams), unknown documents too; the server keeps running', async () => {
  await assert.rejects(c.request('mediaJobs/findJobIds', { textDocument: {} }), (e: Error & { code?: number }) => e.code === -32602);
  await assert.rejects(c.request('mediaJobs/findJobIdAt', { textDocument: { uri: 'file:///nope' }, position: { line: 0, character: 0 } }), /document not open/);
  c.notify('mediaJobs/didChangeTrackedIds', { refs: 'nope' });
  c.didClose(URI);
  await assert.rejects(c.request('mediaJobs/findJobIds', { textDocument: { uri: URI } }), /document not open/);
  c.didOpen(URI, `JobId=${ICE}`, 1);
  assert.equal((await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: URI } })).length, 1);
});

test('a 20 MB document: findJobIdAt (a hover) finds the id on the hovered line and nothing on noise lines', async () => {
  // How little of the document a hover scans is shown by the DocumentIndex tests ("a large document is scanned
  // only where asked"); hover latency is measured in bench/detect, not asserted here.
  const line = '2025-06-18T09:12:03.114Z INFO worker-3 uploaded part 000123 md5=d41d8cd98f00b204e9800998ecf8427e\n';
  const big = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)) + `INFO JobId=${ICE}\n`;
  const uri = 'file:///work/logs/big.log';
  c.didOpen(uri, big);
  const last = big.split('\n').length - 2;
  for (let i = 0; i < 20; i++) {
    const h = await c.request<FindJobIdAtResult>('mediaJobs/findJobIdAt', { textDocument: { uri }, position: { line: last - (i % 2) * 5000, character: 15 } });
    if (i % 2 === 0) assert.equal(h?.range.start.line, last);
    else assert.equal(h, null, 'an MD5 on a noise line is not a job id');
  }
  c.didClose(uri);
});

test('a minified answer of 20,000 jobs on one line: findJobIdAt finds the ids, findJobIds answers the first 5,000, a keystroke is seen', async () => {
  // How little of the line a hover reads, and that the answer is capped without scanning the rest, is shown by the
  // DocumentIndex tests (documentIndexLarge); latency is measured in bench/detect.
  const ids = Array.from({ length: 20_000 }, (_, i) => `${i.toString(16).padStart(8, '0')}9b5d3f4e21a8c6f0b2d4e6a8`);
  const line = `{"RequestId":"5F20C770-6214-47BA-AF7F-A45FBA52FFF4","MediaProducingJobList":[${ids.map((id) => `{"JobId":"${id}","Status":"Success"}`).join(',')}]}`;
  const uri = 'file:///work/list.json';
  c.didOpen(uri, line);
  for (const i of [0, 7_000, 19_999]) {
    const character = line.indexOf(ids[i]!) + 5;
    const h = await c.request<FindJobIdAtResult>('mediaJobs/findJobIdAt', { textDocument: { uri }, position: { line: 0, character } });
    assert.deepEqual(h?.range, { start: { line: 0, character: character - 5 }, end: { line: 0, character: character - 5 + 32 } }, `id ${i}`);
  }
  const found = await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri } });
  assert.equal(found.length, 5000);
  assert.deepEqual(found.slice(0, 3).map((m) => m.id), ids.slice(0, 3));
  // A keystroke in front of the 10,000th id turns its key into another word.
  const at = line.indexOf(ids[10_000]!) - '"JobId":"'.length + 1;
  c.didChange(uri, 2, [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text: 'Sub' }]);
  const gone = await c.request('mediaJobs/findJobIdAt', { textDocument: { uri }, position: { line: 0, character: line.indexOf(ids[10_000]!) + 3 + 5 } });
  assert.equal(gone, null, '"SubJobId" is not a job key');
  c.didClose(uri);
});
