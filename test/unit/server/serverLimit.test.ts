/**
 * The built server (dist/server.js --stdio, and --pipe) with its real limit (MAX_MESSAGE_BYTES, 50 MB): the bounded
 * reader is in front of stdin (and of the pipe). A request one byte over the limit is answered with InvalidRequest, a didOpen one byte over it
 * leaves the document "too large" with a warning, and the connection goes on. The bodies are streamed from one
 * reused 64 KB piece, so the test itself never holds them. `npm run build` makes the bundle.
 * Also: the command line is read as vscode-languageserver reads it (transportOf).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Writable } from 'node:stream';
import { type JobIdHitInDocument } from '../../../src/model/jobIdHit.js';
import { MAX_MESSAGE_BYTES, tooLargeMessage } from '../../../src/server/boundedReader.js';
import { transportOf } from '../../../src/server/transport.js';
import { SERVER_BUNDLE } from '../../support/lspStdioClient.js';
import { frame, RawLspClient, type RpcError } from './rawLspClient.js';

const ICE = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';
let child: ChildProcessWithoutNullStreams;
let client: RawLspClient;

before(async () => {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run npm run build`);
  child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  client = new RawLspClient(child.stdin, child.stdout);
  await client.request('initialize', { processId: null, rootUri: null, capabilities: {} });
  client.notify('initialized', {});
});

after(async () => {
  await client.request('shutdown', null);
  client.notify('exit', null);
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0, 'the server exits cleanly after shutdown/exit');
});

/** Writes one message of exactly `bytes` body bytes: `head`, then `fill` repeated, then `tail`; with backpressure. */
async function streamMessage(head: string, tail: string, bytes: number, to: Writable = child.stdin): Promise<void> {
  const piece = Buffer.alloc(64 * 1024, 'x');
  const write = async (b: Buffer): Promise<void> => {
    if (!to.write(b)) await once(to, 'drain');
  };
  await write(Buffer.from(`Content-Length: ${bytes}\r\n\r\n${head}`, 'utf8'));
  let left = bytes - Buffer.byteLength(head) - Buffer.byteLength(tail);
  while (left > 0) {
    const n = Math.min(left, piece.length);
    await write(piece.subarray(0, n));
    left -= n;
  }
  await write(Buffer.from(tail, 'utf8'));
}

test('over stdio: a request one byte over 50 MB gets InvalidRequest "message too large"; the next request is answered', async () => {
  const answer = client.answerTo('huge');
  await streamMessage('{"jsonrpc":"2.0","id":"huge","method":"mediaJobs/findJobIds","params":{"textDocument":{"uri":"file:///x.log"},"pad":"', '"}}', MAX_MESSAGE_BYTES + 1);
  await assert.rejects(answer, (e: RpcError) => e.code === -32600 && e.message === tooLargeMessage(MAX_MESSAGE_BYTES + 1, MAX_MESSAGE_BYTES));
  client.write(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///small.log', languageId: 'plaintext', version: 1, text: `JobId=${ICE}` } } }));
  const found = await client.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: 'file:///small.log' } });
  assert.deepEqual(found.map((h) => h.id), [ICE]);
});

test('over stdio: a didOpen one byte over 50 MB is "too large": no ids, one warning with its uri and size', async () => {
  const uri = 'file:///work/huge.json';
  await streamMessage(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"${uri}","languageId":"json","version":1,"text":"JobId=${ICE} `, '"}}}', MAX_MESSAGE_BYTES + 1);
  assert.deepEqual(await client.request('mediaJobs/findJobIds', { textDocument: { uri } }), []);
  assert.equal(await client.request('mediaJobs/findJobIdAt', { textDocument: { uri }, position: { line: 0, character: 8 } }), null);
  const about = client.warnings.filter((w) => w.includes(uri));
  assert.equal(about.length, 1, client.warnings.join('\n'));
  assert.ok(about[0]!.includes(`${MAX_MESSAGE_BYTES + 1} bytes, over the limit of ${MAX_MESSAGE_BYTES}`), about[0]);
});

test('over --pipe: the same filter stands in front of the socket', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mji-pipe-'));
  const path = join(dir, 'lsp.sock');
  const server = createServer();
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const piped = spawn(process.execPath, [SERVER_BUNDLE, `--pipe=${path}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const [socket] = await accepted;
    const c = new RawLspClient(socket, socket);
    await c.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    const answer = c.answerTo(7);
    await streamMessage('{"jsonrpc":"2.0","id":7,"method":"mediaJobs/findJobIdAt","params":{"pad":"', '"}}', MAX_MESSAGE_BYTES + 1, socket);
    await assert.rejects(answer, (e: RpcError) => e.code === -32600);
    c.write(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///p.log', languageId: 'plaintext', version: 1, text: `JobId=${ICE}` } } }));
    assert.deepEqual((await c.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri: 'file:///p.log' } })).map((h) => h.id), [ICE]);
    await c.request('shutdown', null);
    c.notify('exit', null);
    const [code] = (await once(piped, 'exit')) as [number | null];
    assert.equal(code, 0);
  } finally {
    piped.kill();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the command line is read as vscode-languageserver reads it: the first transport argument wins', () => {
  assert.deepEqual(transportOf(['--stdio']), { kind: 'stdio' });
  assert.deepEqual(transportOf(['--clientProcessId=12', '--stdio']), { kind: 'stdio' });
  assert.deepEqual(transportOf(['--node-ipc', '--stdio']), { kind: 'library' });
  assert.deepEqual(transportOf(['--socket=5007']), { kind: 'socket', port: 5007 });
  assert.deepEqual(transportOf(['--socket', '5007']), { kind: 'socket', port: 5007 });
  assert.deepEqual(transportOf(['--socket=nope']), { kind: 'library' });
  assert.deepEqual(transportOf(['--pipe=/tmp/lsp.sock']), { kind: 'pipe', name: '/tmp/lsp.sock' });
  assert.deepEqual(transportOf(['--pipe', '/tmp/lsp.sock']), { kind: 'pipe', name: '/tmp/lsp.sock' });
  assert.deepEqual(transportOf([]), { kind: 'library' });
});
