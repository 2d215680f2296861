// The transport against real loopback servers: keep-alive, timeouts, resets, truncation, limits, aborts.
import assert from 'node:assert/strict';
import https from 'node:https';
import { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { BadResponseError, NetworkError } from '../../../../src/clouds/errors.js';
import { isRetryable } from '../../../../src/clouds/http/retry.js';
import { createUndiciTransport, type HttpRequest, type Transport, TruncatedResponseError } from '../../../../src/clouds/http/transport.js';
import { flush, startServer, TEST_CERT, TEST_KEY, type TestServer } from './support.js';

const API = 'ice:GetMediaProducingJob';

// Self-signed for media.invalid; nobody trusts it, which is the point.

function get(origin: string, pathAndQuery: string, headers: Record<string, string> = {}): HttpRequest {
  return { origin, method: 'GET', pathAndQuery, headers, body: null };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

describe('undici transport against a real server', () => {
  let server: TestServer;
  let transport: Transport;
  const seen: Array<{ method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }> = [];

  before(async () => {
    server = await startServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const path = (req.url ?? '').split('?')[0];
        switch (path) {
          case '/json':
            res.writeHead(200, { 'content-type': 'application/json', 'x-acs-request-id': 'REQ-1' });
            res.end(JSON.stringify({ RequestId: 'REQ-1', echo: req.url }));
            return;
          case '/multi':
            res.setHeader('Set-Cookie', ['a=1', 'b=2']);
            res.setHeader('X-Mixed-Case', 'yes');
            res.end('{}');
            return;
          case '/hang':
            return; // never answers
          case '/stall-body':
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': '50' });
            res.write('{"a":');
            return; // headers and a few bytes, then nothing
          case '/truncated':
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
            res.write('{"RequestId":"x","Job":');
            setTimeout(() => res.socket?.end(), 10);
            return;
          case '/reset-mid':
            res.writeHead(200, { 'content-type': 'application/json' }); // chunked
            res.write('{"RequestId":"x","Job":{');
            setTimeout(() => res.socket?.destroy(), 10);
            return;
          case '/reset-before':
            req.socket.destroy();
            return;
          case '/big':
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10_000) });
            res.end('x'.repeat(10_000));
            return;
          case '/big-chunked':
            res.writeHead(200, { 'content-type': 'application/json' });
            for (let i = 0; i < 10; i++) res.write('y'.repeat(1_000));
            res.end();
            return;
          default:
            res.writeHead(404);
            res.end();
        }
      });
    });
    transport = createUndiciTransport({ env: {} });
  });

  after(async () => {
    await transport.close();
    await server.close();
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    const before = server.connections();
    for (let i = 0; i < 5; i++) {
      // undici frees a pooled connection on a later tick (its 'drain'); real polls are seconds apart.
      // Back to back in the same tick it would open a second one, still within connectionsPerOrigin.
      await flush();
      const res = await transport.send(get(server.origin, `/json?i=${i}`), { api: API, timeoutMs: 5_000 });
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.body), { RequestId: 'REQ-1', echo: `/json?i=${i}` });
    }
    assert.equal(server.connections() - before, 1, 'all five requests should share one socket');
  });

  it('sends method, path, headers and body exactly as given', async () => {
    seen.length = 0;
    const res = await transport.send(
      { origin: server.origin, method: 'POST', pathAndQuery: '/json?Action=X&a=%2F', headers: { 'x-acs-action': 'X', 'content-type': 'application/x-www-form-urlencoded' }, body: 'JobId=abc' },
      { api: API, timeoutMs: 5_000 },
    );
    assert.equal(res.status, 200);
    const s = seen[0]!;
    assert.equal(s.method, 'POST');
    assert.equal(s.url, '/json?Action=X&a=%2F');
    assert.equal(s.headers['x-acs-action'], 'X');
    assert.equal(s.body, 'JobId=abc');
  });

  it('lower-cases header names and joins repeated headers with ", "', async () => {
    const res = await transport.send(get(server.origin, '/multi'), { api: API, timeoutMs: 5_000 });
    assert.equal(res.headers['set-cookie'], 'a=1, b=2');
    assert.equal(res.headers['x-mixed-case'], 'yes');
    assert.equal(res.headers['X-Mixed-Case'], undefined);
  });

  it('times out a server that never answers with TIMEOUT', async () => {
    const e = await rejection(transport.send(get(server.origin, '/hang'), { api: API, timeoutMs: 150 }));
    assert.ok(e instanceof NetworkError);
    assert.equal(e.code, 'TIMEOUT');
    assert.equal(e.api, API);
    assert.equal(e.message, 'no complete answer within 0.15 s');
    assert.ok(isRetryable(e));
  });

  it('counts the body in the total timeout (headers arrive, body stalls)', async () => {
    const e = await rejection(transport.send(get(server.origin, '/stall-body'), { api: API, timeoutMs: 150 }));
    assert.ok(e instanceof NetworkError);
    assert.equal(e.code, 'TIMEOUT');
  });

  it('reports a body shorter than its Content-Length as a retryable truncated response', async () => {
    const e = await rejection(transport.send(get(server.origin, '/truncated'), { api: API, timeoutMs: 5_000 }));
    assert.ok(e instanceof TruncatedResponseError, String(e));
    assert.ok(e instanceof BadResponseError);
    assert.equal(e.httpStatus, 200);
    assert.match(e.message, /received 23 of 100 bytes/);
    assert.ok(isRetryable(e));
  });

  it('maps a reset in the middle of a chunked body to a retryable network error', async () => {
    const e = await rejection(transport.send(get(server.origin, '/reset-mid'), { api: API, timeoutMs: 5_000 }));
    assert.ok(e instanceof NetworkError, String(e));
    assert.ok(['UND_ERR_SOCKET', 'ECONNRESET'].includes(e.code), e.code);
    assert.match(e.message, /mid-response|reset/);
    assert.ok(isRetryable(e));
  });

  it('maps a connection closed before any answer to a retryable network error', async () => {
    const e = await rejection(transport.send(get(server.origin, '/reset-before'), { api: API, timeoutMs: 5_000 }));
    assert.ok(e instanceof NetworkError, String(e));
    assert.ok(['UND_ERR_SOCKET', 'ECONNRESET'].includes(e.code), e.code);
    assert.ok(isRetryable(e));
  });

  it('maps a refused connection to ECONNREFUSED with a plain message', async () => {
    const gone = await startServer((_req, res) => res.end());
    const origin = gone.origin;
    await gone.close();
    const e = await rejection(transport.send(get(origin, '/'), { api: API, timeoutMs: 5_000 }));
    assert.ok(e instanceof NetworkError);
    assert.equal(e.code, 'ECONNREFUSED');
    assert.equal(e.message, `connection refused by ${new URL(origin).host}`);
  });

  it('maps an unknown host to ENOTFOUND', async () => {
    const e = await rejection(transport.send(get('http://no-such-host.invalid', '/'), { api: API, timeoutMs: 5_000 }));
    assert.ok(e instanceof NetworkError);
    assert.ok(['ENOTFOUND', 'EAI_AGAIN'].includes(e.code), e.code);
    assert.match(e.message, /no-such-host\.invalid/);
  });

  it('cancels on the caller\'s signal with ABORTED (not retryable)', async () => {
    const ctl = new AbortController();
    const p = transport.send(get(server.origin, '/hang'), { api: API, timeoutMs: 5_000, signal: ctl.signal });
    setTimeout(() => ctl.abort(), 30);
    const e = await rejection(p);
    assert.ok(e instanceof NetworkError);
    assert.equal(e.code, 'ABORTED');
    assert.equal(isRetryable(e), false);

    const pre = new AbortController();
    pre.abort();
    const e2 = await rejection(transport.send(get(server.origin, '/json'), { api: API, timeoutMs: 5_000, signal: pre.signal }));
    assert.ok(e2 instanceof NetworkError);
    assert.equal(e2.code, 'ABORTED');
  });

  it('refuses bodies over the cap, announced or streamed', async () => {
    const small = createUndiciTransport({ env: {}, maxBodyBytes: 4_096 });
    try {
      const e1 = await rejection(small.send(get(server.origin, '/big'), { api: API, timeoutMs: 5_000 }));
      assert.ok(e1 instanceof BadResponseError);
      assert.match(e1.message, /exceeds the 4096-byte limit/);
      const e2 = await rejection(small.send(get(server.origin, '/big-chunked'), { api: API, timeoutMs: 5_000 }));
      assert.ok(e2 instanceof BadResponseError);
      assert.match(e2.message, /exceeds the 4096-byte limit/);
      // The connection pool is still usable afterwards.
      const ok = await small.send(get(server.origin, '/json'), { api: API, timeoutMs: 5_000 });
      assert.equal(ok.status, 200);
    } finally {
      await small.close();
    }
  });

  it('refuses to send after close', async () => {
    const t = createUndiciTransport({ env: {} });
    await t.send(get(server.origin, '/json'), { api: API, timeoutMs: 5_000 });
    await t.close();
    const e = await rejection(t.send(get(server.origin, '/json'), { api: API, timeoutMs: 5_000 }));
    assert.ok(e instanceof NetworkError);
    assert.equal(e.code, 'CLOSED');
  });

  it('rejects an untrusted TLS certificate with its code, not retryable', async () => {
    const tlsServer = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    try {
      const port = (tlsServer.address() as AddressInfo).port;
      const e = await rejection(transport.send(get(`https://127.0.0.1:${port}`, '/'), { api: API, timeoutMs: 5_000 }));
      assert.ok(e instanceof NetworkError, String(e));
      assert.match(e.code, /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
      assert.match(e.message, /TLS certificate of 127\.0\.0\.1:\d+ was not accepted/);
      assert.equal(isRetryable(e), false);
    } finally {
      tlsServer.closeAllConnections();
      await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    }
  });

  it('caps connections per origin', async () => {
    const one = createUndiciTransport({ env: {}, connectionsPerOrigin: 1 });
    try {
      const before = server.connections();
      await Promise.all([0, 1, 2, 3].map((i) => one.send(get(server.origin, `/json?c=${i}`), { api: API, timeoutMs: 5_000 })));
      assert.equal(server.connections() - before, 1);
    } finally {
      await one.close();
    }
  });
});

describe('undici transport: onSent', () => {
  it('says once when the request is written, before the answer, and only after a connection is free', async () => {
    const events: string[] = [];
    const hold: Array<() => void> = [];
    const server = await startServer((req, res) => {
      events.push(`arrived ${req.url ?? ''}`);
      hold.push(() => res.end('{}'));
    });
    // One connection: the second request waits for it, so its onSent must come after the first answer.
    const t = createUndiciTransport({ connectionsPerOrigin: 1 });
    try {
      const send = (path: string) => t.send(get(server.origin, path), { api: API, timeoutMs: 5_000, onSent: () => events.push(`sent ${path}`) })
        .then(() => events.push(`answered ${path}`));
      const a = send('/a');
      const b = send('/b');
      while (hold.length < 1) await flush();
      assert.deepEqual(events, ['sent /a', 'arrived /a']);
      hold.shift()!();
      await a;
      while (hold.length < 1) await flush();
      hold.shift()!();
      await b;
      assert.deepEqual(events, ['sent /a', 'arrived /a', 'answered /a', 'sent /b', 'arrived /b', 'answered /b']);
    } finally {
      await t.close();
      await server.close();
    }
  });
});
