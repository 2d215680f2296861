/**
 * The bounded reader in front of the language server (src/server/boundedReader.ts), with the real server
 * (startServer) behind it over in-memory streams and a small limit, so the tests stay light: a message at the limit
 * passes unchanged, one byte over is read past; a too-large didOpen or didChange leaves the document "too large"
 * (no ids, incremental changes ignored, a full text or didClose ends it); a too-large request is answered with
 * InvalidRequest under its own id; anything else is dropped with a warning; framing errors resync. Every stream is
 * written in awkward chunks (cuts inside headers, inside `\r\n\r\n`, one byte into and before the end of bodies),
 * and the filter's own counters show what it held: never the body of a message over the limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { type JobIdHitInDocument } from '../../../src/model/jobIdHit.js';
import { BoundedMessageFilter, MAX_HEADER_BYTES, readMessageHead, tooLargeMessage } from '../../../src/server/boundedReader.js';
import { startServer } from '../../../src/server/server.js';
import { awkwardChunks, bodyLength, didChangeFullOfSize, didOpenOfSize, frame, RawLspClient, type RpcError } from './rawLspClient.js';

const ICE = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';
const ICE2 = '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d';
const LIMIT = 256 * 1024;
const PREFIX = 4096;
/** What a header of a message of these sizes takes ("Content-Length: 1048576\r\n\r\n"), with room to spare. */
const HEADER = 64;

interface MemoryServer {
  filter: BoundedMessageFilter;
  client: RawLspClient;
  findIds: (uri: string) => Promise<string[]>;
  close: () => void;
}

async function memoryServer(limit = LIMIT, prefix = PREFIX): Promise<MemoryServer> {
  const filter = new BoundedMessageFilter({ limit, prefix });
  const out = new PassThrough();
  const connection = createConnection(new StreamMessageReader(filter), new StreamMessageWriter(out));
  startServer(connection, { readerEvents: filter.eventMethod });
  const client = new RawLspClient(filter, out);
  await client.request('initialize', { processId: null, rootUri: null, capabilities: {} });
  client.notify('initialized', {});
  return {
    filter,
    client,
    findIds: async (uri) => (await client.request<JobIdHitInDocument[]>('mediaJobs/findJobIds', { textDocument: { uri } })).map((h) => h.id),
    close: () => {
      connection.dispose();
      filter.end();
      out.end();
    },
  };
}

const small = (uri: string, text: string, version = 1): Buffer => frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'plaintext', version, text } } });

test('a didOpen of exactly the limit passes unchanged; one byte more makes the document "too large": no ids, one warning with its uri and size', async () => {
  const s = await memoryServer();
  try {
    const atLimit = didOpenOfSize('file:///at-limit.log', `JobId=${ICE}`, LIMIT);
    const over = didOpenOfSize('file:///over.log', `JobId=${ICE}`, LIMIT + 1);
    assert.equal(bodyLength(atLimit), LIMIT);
    assert.equal(bodyLength(over), LIMIT + 1);
    s.client.write(Buffer.concat([atLimit, over, small('file:///after.log', `INFO JobId=${ICE2} region=cn-shanghai`)]), awkwardChunks);

    assert.deepEqual(await s.findIds('file:///at-limit.log'), [ICE]);
    assert.deepEqual(await s.findIds('file:///over.log'), []);
    assert.equal(await s.client.request('mediaJobs/findJobIdAt', { textDocument: { uri: 'file:///over.log' }, position: { line: 0, character: 8 } }), null);
    assert.deepEqual(await s.findIds('file:///after.log'), [ICE2], 'a small document after it is read as usual');

    const about = s.client.warnings.filter((w) => w.includes('file:///over.log'));
    assert.equal(about.length, 1, s.client.warnings.join('\n'));
    assert.match(about[0]!, new RegExp(`textDocument/didOpen of file:///over\\.log: ${LIMIT + 1} bytes, over the limit of ${LIMIT}`));
    assert.ok(!s.client.warnings.some((w) => w.includes('at-limit')), 'nothing said about the one at the limit');

    assert.equal(s.filter.largestPassedBytes, LIMIT, 'the largest message passed on is the one at the limit');
    assert.ok(s.filter.peakHeldBytes <= PREFIX + HEADER, `the filter held ${s.filter.peakHeldBytes} bytes: a prefix, not the body`);
  } finally {
    s.close();
  }
});

test('a too-large didChange drops the document to "too large": incremental changes are ignored, a full text brings it back, didClose ends it', async () => {
  const s = await memoryServer();
  try {
    const uri = 'file:///edited.log';
    s.client.write(small(uri, `JobId=${ICE}\n`));
    assert.deepEqual(await s.findIds(uri), [ICE]);

    // A huge full-text change (3 × the limit), then a small incremental one that would make an id of stale text.
    s.client.write(didChangeFullOfSize(uri, `JobId=${ICE}\n`, 3 * LIMIT, 2), awkwardChunks);
    s.client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `JobId=${ICE2} ` }] });
    assert.deepEqual(await s.findIds(uri), [], 'too large: no ids, and the incremental change was not applied');
    assert.equal(s.client.warnings.filter((w) => w.includes(`textDocument/didChange of ${uri}: ${3 * LIMIT} bytes`)).length, 1, s.client.warnings.join('\n'));

    // A small full-text change gives the text again; the incremental change after it in the same message applies.
    s.client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [
      { text: `JobId=${ICE2}\n` },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `JobId=${ICE}\n` },
    ] });
    assert.deepEqual(await s.findIds(uri), [ICE2, ICE]);

    // A huge incremental change (a range and a huge text) drops it again; didClose clears the state.
    const huge = frame({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: 5 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x'.repeat(2 * LIMIT) }] } });
    s.client.write(huge, awkwardChunks);
    assert.deepEqual(await s.findIds(uri), []);
    s.client.notify('textDocument/didClose', { textDocument: { uri } });
    await assert.rejects(s.findIds(uri), /document not open/);
    s.client.write(small(uri, `JobId=${ICE2}`, 6));
    assert.deepEqual(await s.findIds(uri), [ICE2]);
    assert.ok(s.filter.peakHeldBytes <= PREFIX + HEADER, `held ${s.filter.peakHeldBytes}`);
  } finally {
    s.close();
  }
});

test('a too-large request is answered with InvalidRequest under its own id; messages whose method or id is not in the prefix, and too-large notifications, are dropped with a warning', async () => {
  const s = await memoryServer();
  try {
    s.client.write(small('file:///a.log', `JobId=${ICE}`));
    const pad = 'x'.repeat(3 * LIMIT);
    const request = frame({ jsonrpc: '2.0', id: 'big-1', method: 'mediaJobs/findJobIds', params: { textDocument: { uri: 'file:///a.log' }, pad } });
    const answer = s.client.answerTo('big-1');
    s.client.write(request, awkwardChunks);
    await assert.rejects(answer, (e: RpcError) => e.code === -32600 && e.message === tooLargeMessage(bodyLength(request), LIMIT));
    assert.equal(tooLargeMessage(bodyLength(request), LIMIT), `message too large: ${bodyLength(request)} bytes, limit ${LIMIT}`);

    // A numeric id works the same.
    const numeric = frame({ jsonrpc: '2.0', id: 9001, method: 'mediaJobs/findJobIdAt', params: { textDocument: { uri: 'file:///a.log' }, position: { line: 0, character: 0 }, pad } });
    const second = s.client.answerTo(9001);
    s.client.write(numeric, awkwardChunks);
    await assert.rejects(second, (e: RpcError) => e.code === -32600);

    // Params first (the method and id come after the huge text): unknown, dropped with a warning.
    const late = Buffer.from(`{"jsonrpc":"2.0","params":{"pad":"${pad}"},"method":"mediaJobs/findJobIds","id":77}`, 'utf8');
    s.client.write(Buffer.concat([Buffer.from(`Content-Length: ${late.length}\r\n\r\n`), late]), awkwardChunks);
    // A too-large notification of another method.
    s.client.write(frame({ jsonrpc: '2.0', method: 'mediaJobs/didChangeTrackedIds', params: { refs: [], pad } }), awkwardChunks);

    assert.deepEqual(await s.findIds('file:///a.log'), [ICE], 'the connection carries on');
    const w = s.client.warnings;
    assert.ok(w.some((x) => x.includes(`its method is not in its first bytes`) && x.includes('dropped')), w.join('\n'));
    assert.ok(w.some((x) => x.startsWith('Media Jobs language server: mediaJobs/didChangeTrackedIds') && x.includes('dropped')), w.join('\n'));
    assert.ok(!s.client.received.some((m) => m.id === 77), 'no answer to a request the server could not identify');
    assert.ok(s.filter.peakHeldBytes <= PREFIX + HEADER, `held ${s.filter.peakHeldBytes}`);
    assert.ok(s.filter.largestPassedBytes < LIMIT);
  } finally {
    s.close();
  }
});

test('framing errors (no Content-Length, not a number, 20 digits, a header that never ends) are reported once each, and the next message is read', async () => {
  const s = await memoryServer();
  try {
    const valid = (n: number): Buffer => small(`file:///ok-${n}.log`, `JobId=${ICE}`);
    const stream = Buffer.concat([
      Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","method":"x"}'), valid(1),
      Buffer.from('Content-Length: 12abc\r\n\r\n{"jsonrpc":"2.0"}'), valid(2),
      Buffer.from('Content-Length: 99999999999999999999\r\n\r\n{}'), valid(3),
      Buffer.from(`Content-Length: 5${'x'.repeat(3 * MAX_HEADER_BYTES)}`), valid(4),
    ]);
    s.client.write(stream, awkwardChunks);
    for (const n of [1, 2, 3, 4]) assert.deepEqual(await s.findIds(`file:///ok-${n}.log`), [ICE], `message ${n} after a framing error`);
    const framing = s.client.warnings.filter((w) => w.includes('bad message framing'));
    assert.equal(framing.length, 4, framing.join('\n'));
    assert.match(framing[0]!, /without Content-Length/);
    assert.match(framing[1]!, /"12abc" is not a number of bytes/);
    assert.match(framing[2]!, /"99999999999999999999" is not a number of bytes/);
    assert.match(framing[3]!, new RegExp(`header section over ${MAX_HEADER_BYTES} bytes`));
    assert.ok(s.filter.peakHeldBytes <= MAX_HEADER_BYTES, `held ${s.filter.peakHeldBytes}`);
  } finally {
    s.close();
  }
});

// ---- The filter alone ------------------------------------------------------------------------------------------

/** Runs bytes through a filter in the given chunks; resolves with everything it passed on. */
async function through(filter: BoundedMessageFilter, bytes: Buffer, chunks: (b: Buffer) => Buffer[] = awkwardChunks): Promise<Buffer> {
  const out: Buffer[] = [];
  filter.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve) => filter.on('end', resolve));
  for (const c of chunks(bytes)) filter.write(c);
  filter.end();
  await ended;
  return Buffer.concat(out);
}

test('messages up to the limit pass byte for byte, whatever the chunks (multi-byte text cut anywhere too)', async () => {
  const messages = [
    frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
    Buffer.concat([Buffer.from('Content-Length: 17\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'), Buffer.from('{"jsonrpc":"2.0"}')]),
    didOpenOfSize('file:///é.log', `JobId=${ICE} 日本語 ✓`, 10_000),
    frame({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: 'file:///é.log' } } }),
    didOpenOfSize('file:///limit.log', 'x', 20_000),
  ];
  const bytes = Buffer.concat(messages);
  for (const sizes of [[1], [2, 3], [5, 4093, 1], [bytes.length]]) {
    const f = new BoundedMessageFilter({ limit: 20_000, prefix: 1024 });
    const out = await through(f, bytes, (b) => awkwardChunks(b, sizes));
    assert.ok(out.equals(bytes), `chunks ${sizes.join(',')}`);
    assert.equal(f.largestPassedBytes, 20_000);
    assert.ok(f.peakHeldBytes < 200, `only headers were held: ${f.peakHeldBytes}`);
  }
});

test('a response over the limit becomes an error response for its id; anything over it without an id a private notification', async () => {
  const f = new BoundedMessageFilter({ limit: 1000, prefix: 256 });
  const response = frame({ jsonrpc: '2.0', id: 4, result: { items: 'y'.repeat(5000) } });
  const note = frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x', text: 'z'.repeat(5000) } } });
  const out = (await through(f, Buffer.concat([response, note]))).toString('utf8');
  const bodies = out.split(/Content-Length: \d+\r\n\r\n/).filter(Boolean).map((b) => JSON.parse(b) as Record<string, unknown>);
  assert.deepEqual(bodies, [
    { jsonrpc: '2.0', id: 4, error: { code: -32600, message: tooLargeMessage(bodyLength(response), 1000) } },
    { jsonrpc: '2.0', method: f.eventMethod, params: { kind: 'oversize', method: 'textDocument/didOpen', uri: 'file:///x', bytes: bodyLength(note), limit: 1000 } },
  ]);
  assert.match(f.eventMethod, /^mediaJobs\/reader\/[0-9a-f-]{36}$/, 'a private method a client cannot guess');
  assert.notEqual(new BoundedMessageFilter().eventMethod, f.eventMethod);
});

test('readMessageHead: from any cut of a message, only true values; fields after the cut or after the text are not found', () => {
  const message = JSON.stringify({ jsonrpc: '2.0', id: 12, method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a%20b/é.log', languageId: 'log', version: 3, text: 'JobId=1 "quoted" \\ {[' } } });
  for (let cut = 0; cut <= message.length; cut++) {
    const h = readMessageHead(message.slice(0, cut));
    if (h.id !== undefined) assert.equal(h.id, 12, `cut ${cut}`);
    if (h.method !== undefined) assert.equal(h.method, 'textDocument/didOpen', `cut ${cut}`);
    if (h.uri !== undefined) assert.equal(h.uri, 'file:///a%20b/é.log', `cut ${cut}`);
    assert.equal(h.isResponse, false);
  }
  assert.deepEqual(readMessageHead(message), { id: 12, method: 'textDocument/didOpen', uri: 'file:///a%20b/é.log', isResponse: false });
  // The text first: the uri after it is not in a prefix that ends inside the text.
  assert.deepEqual(readMessageHead('{"method":"textDocument/didOpen","params":{"textDocument":{"text":"aaaa'), { method: 'textDocument/didOpen', isResponse: false });
  // Deep nesting costs no stack; a response is recognised.
  assert.deepEqual(readMessageHead(`{"jsonrpc":"2.0","id":"r1","result":${'['.repeat(200_000)}`), { id: 'r1', isResponse: true });
  assert.deepEqual(readMessageHead('not json'), { isResponse: false });
});

test('the warning names the client\'s uri on one line, bounded: a uri with line breaks and link syntax cannot forge log lines', async () => {
  const s = await memoryServer();
  try {
    const uri = `file:///a.log\nERROR forged [x](command:evil)${'y'.repeat(1000)}`;
    s.client.write(didOpenOfSize(uri, 'x', LIMIT + 10), awkwardChunks);
    assert.deepEqual(await s.findIds(uri), []);
    const w = s.client.warnings.filter((x) => x.includes('over the limit'));
    assert.equal(w.length, 1);
    assert.ok(!w[0]!.includes('\n') && !w[0]!.includes(']('), w[0]);
    assert.ok(w[0]!.length < 600, `${w[0]!.length} characters`);
  } finally {
    s.close();
  }
});
