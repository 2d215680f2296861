// Proxy selection (pure) and proxy use against a real local forward/CONNECT proxy.
// Loopback origins are never proxied, so the proxied requests use `*.invalid` host names: the proxy is
// the one that "resolves" them (a forward proxy gets the absolute URL; a tunnel gets CONNECT host:port),
// so no DNS is involved and the test cannot reach the outside world.
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, NetworkError } from '../../../../src/clouds/errors.js';
import { createUndiciTransport, isLoopbackHost, matchesNoProxy, proxyForUrl } from '../../../../src/clouds/http/transport.js';
import { REPO_ROOT, runChild, startServer, TEST_CERT, TEST_KEY, type TestServer } from './support.js';

const API = 'vod:GetTranscodeTask';

describe('proxyForUrl', () => {
  const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:8080' };

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http origins, without falling back', () => {
    assert.equal(proxyForUrl(new URL('https://vod.cn-shanghai.aliyuncs.com'), env)?.host, 'secure-proxy:3128');
    assert.equal(proxyForUrl(new URL('http://emulator.example:9000'), env)?.host, 'plain-proxy:8080');
    assert.equal(proxyForUrl(new URL('https://vod.cn-shanghai.aliyuncs.com'), { HTTP_PROXY: 'http://plain-proxy:8080' }), null);
    assert.equal(proxyForUrl(new URL('http://emulator.example'), { HTTPS_PROXY: 'http://secure-proxy:3128' }), null);
  });

  it('prefers the lower-case variable, ignores empty values, and takes a bare host:port as http://', () => {
    assert.equal(proxyForUrl(new URL('https://a.example'), { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })?.host, 'lower:1');
    assert.equal(proxyForUrl(new URL('https://a.example'), { https_proxy: '', HTTPS_PROXY: 'http://upper:2' })?.host, 'upper:2');
    assert.equal(proxyForUrl(new URL('https://a.example'), { HTTPS_PROXY: '   ' }), null);
    const bare = proxyForUrl(new URL('https://a.example'), { HTTPS_PROXY: 'proxy.corp:3128' });
    assert.equal(bare?.protocol, 'http:');
    assert.equal(bare?.host, 'proxy.corp:3128');
  });

  it('never proxies loopback origins unless told to (tests only)', () => {
    for (const origin of ['http://127.0.0.1:8080', 'http://localhost:1', 'https://[::1]:443', 'http://api.localhost', 'http://127.10.0.3']) {
      assert.equal(proxyForUrl(new URL(origin), env), null, origin);
    }
    assert.ok(proxyForUrl(new URL('http://127.0.0.1:8080'), env, { proxyLoopback: true }));
    assert.equal(isLoopbackHost('128.0.0.1'), false);
    assert.equal(isLoopbackHost('localhost.example.com'), false);
  });

  it('honours NO_PROXY: *, host suffixes, .suffix, *.suffix, host:port, IPs; either case', () => {
    const u = (s: string): URL => new URL(s);
    assert.equal(matchesNoProxy(u('https://x.aliyuncs.com'), '*'), true);
    assert.equal(matchesNoProxy(u('https://vod.cn-shanghai.aliyuncs.com'), 'aliyuncs.com'), true);
    assert.equal(matchesNoProxy(u('https://aliyuncs.com'), 'aliyuncs.com'), true);
    assert.equal(matchesNoProxy(u('https://evilaliyuncs.com'), 'aliyuncs.com'), false, 'a suffix match is on a dot boundary');
    assert.equal(matchesNoProxy(u('https://vod.aliyuncs.com'), '.aliyuncs.com'), true);
    assert.equal(matchesNoProxy(u('https://vod.aliyuncs.com'), '*.aliyuncs.com'), true);
    assert.equal(matchesNoProxy(u('https://vod.aliyuncs.com'), 'other.com, vod.aliyuncs.com:443'), true);
    assert.equal(matchesNoProxy(u('https://vod.aliyuncs.com'), 'vod.aliyuncs.com:8443'), false);
    assert.equal(matchesNoProxy(u('http://10.1.2.3:8080/'), '10.1.2.3'), true);
    assert.equal(matchesNoProxy(u('http://[fd00::1]:8080/'), '[fd00::1]:8080'), true);
    assert.equal(matchesNoProxy(u('https://VOD.AliyunCS.com'), 'vod.aliyuncs.COM'), true);
    assert.equal(matchesNoProxy(u('https://x.example'), ''), false);

    assert.equal(proxyForUrl(u('https://vod.aliyuncs.com'), { ...env, no_proxy: '.aliyuncs.com' }), null);
    assert.equal(proxyForUrl(u('https://vod.aliyuncs.com'), { ...env, NO_PROXY: '.aliyuncs.com' }), null);
    assert.ok(proxyForUrl(u('https://mpc.cn-north-4.myhuaweicloud.com'), { ...env, NO_PROXY: '.aliyuncs.com' }));
  });

  it('rejects a proxy setting that is not a usable URL', () => {
    assert.throws(() => proxyForUrl(new URL('https://a.example'), { HTTPS_PROXY: 'http://' }), ConfigError);
    assert.throws(() => proxyForUrl(new URL('https://a.example'), { HTTPS_PROXY: 'ftp://p:21' }), ConfigError);
  });
});

interface ProxyLog {
  forwarded: Array<{ url: string; auth: string | undefined; host: string | undefined }>;
  connects: string[];
}

/** A tiny forward proxy: answers absolute-form requests itself (as the "origin"), refuses every CONNECT. */
async function startProxy(): Promise<{ url: string; log: ProxyLog; close: () => Promise<void> }> {
  const log: ProxyLog = { forwarded: [], connects: [] };
  const server = http.createServer((req, res) => {
    log.forwarded.push({ url: req.url ?? '', auth: req.headers['proxy-authorization'], host: req.headers.host });
    res.writeHead(200, { 'content-type': 'application/json', 'x-acs-request-id': 'VIA-PROXY' });
    res.end(JSON.stringify({ RequestId: 'VIA-PROXY', url: req.url }));
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, socket: Socket) => {
    log.connects.push(req.url ?? '');
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('requests through a real local proxy', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let direct: TestServer;

  before(async () => {
    proxy = await startProxy();
    direct = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"from":"direct"}');
    });
  });
  after(async () => {
    await proxy.close();
    await direct.close();
  });

  it('forwards an http:// request through HTTP_PROXY (absolute-form request line)', async () => {
    const t = createUndiciTransport({ env: { HTTP_PROXY: proxy.url } });
    try {
      proxy.log.forwarded.length = 0;
      const res = await t.send(
        { origin: 'http://emulator.invalid:9000', method: 'GET', pathAndQuery: '/v2/p/editing/jobs?job_id=a', headers: {}, body: null },
        { api: API, timeoutMs: 5_000 },
      );
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-acs-request-id'], 'VIA-PROXY');
      assert.deepEqual(proxy.log.forwarded.map((f) => [f.url, f.host]), [['http://emulator.invalid:9000/v2/p/editing/jobs?job_id=a', 'emulator.invalid:9000']]);
    } finally {
      await t.close();
    }
  });

  it('sends the proxy credentials from the proxy URL as Proxy-Authorization', async () => {
    const withAuth = proxy.url.replace('http://', 'http://alice:s3cret@');
    const t = createUndiciTransport({ env: { http_proxy: withAuth } });
    try {
      proxy.log.forwarded.length = 0;
      await t.send({ origin: 'http://emulator.invalid', method: 'GET', pathAndQuery: '/', headers: {}, body: null }, { api: API, timeoutMs: 5_000 });
      assert.equal(proxy.log.forwarded[0]?.auth, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    } finally {
      await t.close();
    }
  });

  it('tunnels https:// through HTTPS_PROXY with CONNECT, and maps a refused tunnel', async () => {
    const t = createUndiciTransport({ env: { HTTPS_PROXY: proxy.url } });
    try {
      proxy.log.connects.length = 0;
      const e = await t
        .send({ origin: 'https://vod.cn-shanghai.invalid', method: 'GET', pathAndQuery: '/?Action=GetTranscodeTask', headers: {}, body: null }, { api: API, timeoutMs: 5_000 })
        .then(() => null, (err: unknown) => err);
      assert.deepEqual(proxy.log.connects, ['vod.cn-shanghai.invalid:443']);
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, 'PROXY_TUNNEL_FAILED');
      assert.match(e.message, /HTTP 403/);
    } finally {
      await t.close();
    }
  });

  it('goes direct for hosts in NO_PROXY (the proxy sees nothing)', async () => {
    const t = createUndiciTransport({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,.invalid' } });
    try {
      proxy.log.forwarded.length = 0;
      const e = await t
        .send({ origin: 'http://bypass.invalid', method: 'GET', pathAndQuery: '/', headers: {}, body: null }, { api: API, timeoutMs: 5_000 })
        .then(() => null, (err: unknown) => err);
      // Direct means our own DNS lookup, which fails for .invalid: proof that the proxy was not asked.
      assert.ok(e instanceof NetworkError, String(e));
      assert.ok(['ENOTFOUND', 'EAI_AGAIN'].includes(e.code), e.code);
      assert.equal(proxy.log.forwarded.length, 0);
    } finally {
      await t.close();
    }
  });

  it('never sends loopback origins through the proxy (unless proxyLoopback is set for a test)', async () => {
    const t = createUndiciTransport({ env: { HTTP_PROXY: proxy.url } });
    const tp = createUndiciTransport({ env: { HTTP_PROXY: proxy.url }, proxyLoopback: true });
    try {
      proxy.log.forwarded.length = 0;
      const res = await t.send({ origin: direct.origin, method: 'GET', pathAndQuery: '/x', headers: {}, body: null }, { api: API, timeoutMs: 5_000 });
      assert.equal(res.body, '{"from":"direct"}');
      assert.equal(proxy.log.forwarded.length, 0);
      const viaProxy = await tp.send({ origin: direct.origin, method: 'GET', pathAndQuery: '/x', headers: {}, body: null }, { api: API, timeoutMs: 5_000 });
      assert.equal(viaProxy.headers['x-acs-request-id'], 'VIA-PROXY');
      assert.deepEqual(proxy.log.forwarded.map((f) => f.url), [`${direct.origin}/x`]);
    } finally {
      await t.close();
      await tp.close();
    }
  });

  it('names the proxy when the proxy itself cannot be reached', async () => {
    const gone = await startServer((_q, r) => r.end());
    const deadProxy = gone.origin;
    await gone.close();
    const t = createUndiciTransport({ env: { HTTP_PROXY: deadProxy.replace('http://', 'http://alice:s3cret@') } });
    try {
      const e = await t
        .send({ origin: 'http://emulator.invalid', method: 'GET', pathAndQuery: '/', headers: {}, body: null }, { api: API, timeoutMs: 5_000 })
        .then(() => null, (err: unknown) => err);
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, 'ECONNREFUSED');
      assert.equal(e.message, `connection refused by ${new URL(deadProxy).host} (the proxy)`);
      assert.doesNotMatch(e.message, /alice|s3cret/);
    } finally {
      await t.close();
    }
  });
});

// The child process below trusts the test certificate (support.ts) through NODE_EXTRA_CA_CERTS, the way a user
// trusts a TLS-inspecting proxy's CA.

describe('https through a CONNECT tunnel, end to end', () => {
  it('reaches a TLS server behind the proxy, reusing the tunnel, with TLS verified end to end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mji-tls-'));
    try {
      writeFileSync(join(dir, 'key.pem'), TEST_KEY);
      writeFileSync(join(dir, 'cert.pem'), TEST_CERT);
      const child = `
const https = require('node:https'); const http = require('node:http'); const net = require('node:net'); const fs = require('node:fs');
const { createUndiciTransport } = require(${JSON.stringify(join(REPO_ROOT, 'src/clouds/http/transport.ts'))});
(async () => {
  const tlsServer = https.createServer({ key: fs.readFileSync(${JSON.stringify(join(dir, 'key.pem'))}), cert: fs.readFileSync(${JSON.stringify(join(dir, 'cert.pem'))}) },
    (req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ host: req.headers.host, url: req.url })); });
  await new Promise((r) => tlsServer.listen(0, '127.0.0.1', r));
  const connects = [];
  const proxy = http.createServer((q, r) => { r.statusCode = 400; r.end(); });
  proxy.on('connect', (req, socket, head) => {
    connects.push(req.url);
    const upstream = net.connect(tlsServer.address().port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\\r\\n\\r\\n');
      upstream.write(head); upstream.pipe(socket); socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy()); socket.on('error', () => upstream.destroy());
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  const t = createUndiciTransport({ env: { HTTPS_PROXY: 'http://127.0.0.1:' + proxy.address().port } });
  const bodies = [];
  for (const i of [1, 2]) {
    const res = await t.send({ origin: 'https://media.invalid', method: 'GET', pathAndQuery: '/?i=' + i, headers: {}, body: null }, { api: 'x:Y', timeoutMs: 5000 });
    bodies.push(JSON.parse(res.body));
    await new Promise((r) => setImmediate(r));
  }
  await t.close(); tlsServer.close(); proxy.close();
  process.stdout.write(JSON.stringify({ connects, bodies }));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;
      const r = await runChild(child, { NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') });
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { connects: string[]; bodies: Array<{ host: string; url: string }> };
      assert.deepEqual(out.bodies, [{ host: 'media.invalid', url: '/?i=1' }, { host: 'media.invalid', url: '/?i=2' }]);
      assert.deepEqual(out.connects, ['media.invalid:443'], 'one tunnel, kept alive for the second request');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
