// The transport's hard deadline: a request always ends by its timeout (or at once when cancelled), whatever
// state undici's connection attempt is in. undici keeps a request it never sent queued while it reconnects
// (after UND_ERR_SOCKET, e.g. a proxy closing every CONNECT) and defers its abort until a connection exists,
// so aborting a signal alone is not enough. Proxied requests use `*.invalid` names with proxyLoopback off:
// the proxy is asked to CONNECT to them, so no DNS is involved and nothing leaves 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NetworkError } from '../../../../src/clouds/errors.js';
import { isRetryable } from '../../../../src/clouds/http/retry.js';
import { createUndiciTransport, type HttpRequest } from '../../../../src/clouds/http/transport.js';
import { startMisbehavingProxy, type MisbehavingProxy } from '../../../support/misbehavingProxy.js';
import { startServer, type TestServer } from './support.js';

const API = 'ice:GetMediaProducingJob';
const SAFETY = { timeout: 20_000 };
const tunnelled: HttpRequest = { origin: 'https://ice.cn-shanghai.invalid', method: 'GET', pathAndQuery: '/?Action=GetMediaProducingJob', headers: {}, body: null };

function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => assert.fail('expected the request to fail'), (e: unknown) => e);
}

describe('a proxy that closes every CONNECT', () => {
  let proxy: MisbehavingProxy;
  before(async () => {
    proxy = await startMisbehavingProxy('close');
  });
  after(() => proxy.close());

  it('fails the request with PROXY_CLOSED (retryable) instead of reconnecting forever', SAFETY, async () => {
    const t = createUndiciTransport({ env: { HTTPS_PROXY: proxy.url } });
    try {
      const before = proxy.connects();
      const e = await failure(t.send(tunnelled, { api: API, timeoutMs: 10_000 }));
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, 'PROXY_CLOSED');
      assert.match(e.message, /closed the connection without answering CONNECT/);
      assert.ok(isRetryable(e), 'a flaky proxy is worth another attempt (with backoff)');
      // Before, undici dialled the proxy again at once after every close: thousands of CONNECTs a second.
      assert.ok(proxy.connects() - before <= 3, `${proxy.connects() - before} CONNECTs for one request`);
    } finally {
      await t.close();
    }
  });
});

describe('a proxy that accepts CONNECT and never answers', () => {
  let proxy: MisbehavingProxy;
  before(async () => {
    proxy = await startMisbehavingProxy('silent');
  });
  after(() => proxy.close());

  it('ends the request with TIMEOUT at its timeout, and close() does not wait for the stuck tunnel', SAFETY, async () => {
    const t = createUndiciTransport({ env: { HTTPS_PROXY: proxy.url } });
    const e = await failure(t.send(tunnelled, { api: API, timeoutMs: 300 }));
    assert.ok(e instanceof NetworkError, String(e));
    assert.equal(e.code, 'TIMEOUT');
    assert.match(e.message, /within 0\.3 s via proxy 127\.0\.0\.1:\d+/);
    await t.close();
    // The proxy sees the close a moment later; before, the tunnel stayed open for undici's 300 s.
    while (proxy.openSockets() > 0) await new Promise((r) => setTimeout(r, 10));
  });

  it('ends the request with ABORTED as soon as the caller cancels', SAFETY, async () => {
    const t = createUndiciTransport({ env: { HTTPS_PROXY: proxy.url } });
    try {
      const ac = new AbortController();
      const connectsBefore = proxy.connects();
      const pending = failure(t.send(tunnelled, { api: API, timeoutMs: 60_000, signal: ac.signal }));
      while (proxy.connects() === connectsBefore) await new Promise((r) => setTimeout(r, 10));
      ac.abort(new Error('interrupted'));
      const e = await pending;
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, 'ABORTED');
    } finally {
      await t.close();
    }
  });

  it('gives up on CONNECT after the connect timeout (PROXY_CONNECT_TIMEOUT)', SAFETY, async () => {
    const t = createUndiciTransport({ env: { HTTPS_PROXY: proxy.url }, connectTimeoutMs: 200 });
    try {
      const e = await failure(t.send(tunnelled, { api: API, timeoutMs: 60_000 }));
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, 'PROXY_CONNECT_TIMEOUT');
      assert.match(e.message, /did not answer CONNECT within 0\.2 s/);
    } finally {
      await t.close();
    }
  });
});

describe('a request undici holds in its queue', () => {
  let server: TestServer;
  const held: Array<() => void> = [];
  before(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/hang') {
        held.push(() => res.end('late'));
        return;
      }
      res.end('ok');
    });
  });
  after(async () => {
    for (const release of held) release();
    await server.close();
  });

  it('ends at its own deadline even while the only connection is busy, and the transport recovers', SAFETY, async () => {
    const t = createUndiciTransport({ connectionsPerOrigin: 1 });
    const req = (path: string): HttpRequest => ({ origin: server.origin, method: 'GET', pathAndQuery: path, headers: {}, body: null });
    try {
      let firstDone = false;
      const first = t.send(req('/hang'), { api: API, timeoutMs: 8_000 }).finally(() => (firstDone = true));
      first.catch(() => undefined);
      while (held.length === 0) await new Promise((r) => setTimeout(r, 10));
      // Queued behind /hang on the pool's one connection: undici will not dispatch it, nor abort it, until
      // that connection is free. The deadline must not wait for that.
      const e = await failure(t.send(req('/queued'), { api: API, timeoutMs: 200 }));
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, 'TIMEOUT');
      assert.equal(firstDone, false, 'the queued request ended while the one ahead of it was still waiting');
      held.shift()!();
      assert.equal((await first).body, 'late');
      // Whatever was given up on is cleaned up: later requests go through.
      assert.equal((await t.send(req('/after'), { api: API, timeoutMs: 5_000 })).body, 'ok');
    } finally {
      await t.close();
    }
  });
});
