// CloudClient over real HTTP on 127.0.0.1: the total deadline of a request (all attempts), cancelling,
// and one listener per fetch on the caller's signal (no MaxListenersExceededWarning however many ids).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudClient, type FetchOutcome } from '../../../src/clouds/client.js';
import { NetworkError } from '../../../src/clouds/errors.js';
import { createUndiciTransport, proxyForUrl } from '../../../src/clouds/http/transport.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { JobStore } from '../../../src/tracking/jobStore.js';
import { Poller } from '../../../src/tracking/poller.js';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { startMisbehavingProxy, type MisbehavingProxy } from '../../support/misbehavingProxy.js';
import { proxyEnvFor } from '../../../src/platform/settingsModel.js';
import { FakeClock, startServer, type TestServer } from './http/support.js';

const SAFETY = { timeout: 30_000 };
const CREDENTIALS = { aliyun: { accessKeyId: 'LTAI5tEmuLat0rTestKey001', accessKeySecret: 'not-a-real-secret-000000' } };
const ICE_ID = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';
const ice = (id = ICE_ID): JobRef => ({ kind: 'ice', id, region: 'cn-shanghai', params: {} });

describe('the timeout is the total time of a request, every attempt included', () => {
  let server: TestServer;
  let requests = 0;
  const held: Array<() => void> = [];
  before(async () => {
    server = await startServer((_req, res) => {
      requests++;
      held.push(() => res.destroy());
    });
  });
  after(async () => {
    for (const h of held) h();
    await server.close();
  });

  it('a server that never answers gets one attempt of the whole timeout, not one per retry', SAFETY, async () => {
    requests = 0;
    const client = new CloudClient({ credentials: CREDENTIALS, endpoints: { ice: server.origin }, timeoutMs: 300, random: () => 0 });
    try {
      const [o] = await client.fetch([ice()]);
      assert.ok(o!.error instanceof NetworkError, String(o!.error));
      assert.equal(o!.error.code, 'TIMEOUT');
      assert.match(o!.error.message, /no complete answer within 0\.3 s \(1 attempt\)/);
      // Before, each of the 4 attempts got the full timeout: `--timeout 3` took 12 s.
      assert.equal(requests, 1);
    } finally {
      await client.close();
    }
  });

  it('attemptTimeoutMs cuts each attempt short, and attempts are retried while the total lasts', SAFETY, async () => {
    requests = 0;
    const client = new CloudClient({
      credentials: CREDENTIALS, endpoints: { ice: server.origin }, timeoutMs: 20_000, attemptTimeoutMs: 100, random: () => 0,
      retry: { maxAttempts: 3, baseDelayMs: 1, throttleBaseDelayMs: 1, maxDelayMs: 1 },
    });
    try {
      const [o] = await client.fetch([ice()]);
      assert.ok(o!.error instanceof NetworkError, String(o!.error));
      assert.equal(o!.error.code, 'TIMEOUT');
      assert.match(o!.error.message, /within 0\.1 s/);
      assert.equal(requests, 3);
    } finally {
      await client.close();
    }
  });
});

describe('a batch stuck behind a proxy that never answers CONNECT', () => {
  let proxy: MisbehavingProxy;
  let direct: TestServer;
  before(async () => {
    proxy = await startMisbehavingProxy('silent');
    direct = await startServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'R-1', Code: 'InvalidTranscodeTaskId.NotFound', Message: 'not found' }));
    });
  });
  after(async () => {
    await proxy.close();
    await direct.close();
  });

  // The ICE endpoint is a `.invalid` name, so it goes through the proxy (and no DNS is asked); VOD's is the
  // loopback server, which never goes through a proxy.
  const transports: Array<{ close(): Promise<void> }> = [];
  after(() => Promise.all(transports.map((t) => t.close())));
  const client = (timeoutMs: number): CloudClient => {
    const transport = createUndiciTransport({ env: { HTTPS_PROXY: proxy.url } });
    transports.push(transport);
    return new CloudClient({ credentials: CREDENTIALS, endpoints: { ice: 'https://ice.cn-shanghai.invalid', vod: direct.origin }, timeoutMs, transport });
  };
  const vod: JobRef = { kind: 'vod', id: 'b1b65ab107e14c0e8f3dbb900f6c1f01', region: 'cn-shanghai', params: {} };

  it('ends at the total timeout with TIMEOUT, and the other batch is answered', SAFETY, async () => {
    const c = client(400);
    const [a, b] = await c.fetch([ice(), vod]);
    assert.ok(a!.error instanceof NetworkError, String(a!.error));
    assert.equal(a!.error.code, 'TIMEOUT');
    assert.match(a!.error.message, /within 0\.4 s \(1 attempt via proxy 127\.0\.0\.1:\d+\)/);
    assert.equal(b!.error?.kind, 'api', 'the VOD batch came back with its own answer');
  });

  it('ends at once with ABORTED when the caller cancels', SAFETY, async () => {
    const c = client(60_000);
    const ac = new AbortController();
    const connects = proxy.connects();
    const pending = c.fetch([ice(), ice('7c1e0a9b5d3f4e21a8c6f0b2d4e6a802')], ac.signal);
    while (proxy.connects() === connects) await new Promise((r) => setTimeout(r, 10));
    ac.abort(new Error('interrupted'));
    const outcomes = await pending;
    for (const o of outcomes) {
      assert.ok(o.error instanceof NetworkError, String(o.error));
      assert.equal(o.error.code, 'ABORTED');
    }
  });
});

describe('the extension\'s poller over a client stuck behind that proxy', () => {
  let proxy: MisbehavingProxy;
  before(async () => {
    proxy = await startMisbehavingProxy('silent');
  });
  after(() => proxy.close());

  it('dispose() ends the fetch in flight', SAFETY, async () => {
    const transport = createUndiciTransport({ env: { HTTPS_PROXY: proxy.url } });
    const client = new CloudClient({ credentials: CREDENTIALS, endpoints: { ice: 'https://ice.cn-shanghai.invalid' }, timeoutMs: 120_000, transport });
    const kv = new Map<string, unknown>();
    const store = new JobStore(
      { get: <T>(k: string) => kv.get(k) as T | undefined, update: async (k, v) => void kv.set(k, v) },
      { clock: () => Date.now(), schedule: () => ({ dispose: () => undefined }) },
    );
    const fetches: Array<Promise<FetchOutcome[]>> = [];
    const poller = new Poller({
      store, clock: new FakeClock(Date.now()), intervalMs: () => 10_000, isActive: () => true,
      fetch: (refs, signal) => {
        const p = client.fetch(refs, signal);
        fetches.push(p);
        return p;
      },
    });
    try {
      store.add([ice()]);
      poller.start();
      await new Promise((r) => setImmediate(r));
      assert.equal(fetches.length, 1);
      const connects = proxy.connects();
      while (proxy.connects() === connects) await new Promise((r) => setTimeout(r, 10));
      poller.dispose();
      const [o] = await fetches[0]!;
      assert.equal((o!.error as NetworkError | null)?.code, 'ABORTED');
    } finally {
      poller.dispose();
      await transport.close();
    }
  });
});

describe('one signal shared by many batches', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('50 ids in one fetch with a signal: no MaxListenersExceededWarning', SAFETY, async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    const E = SAMPLE_IDS.liveEdge;
    const client = new CloudClient({ credentials: { aliyun: emu.credentials.aliyun }, endpoints: { 'live-edge': emu.url } });
    try {
      // live-edge allows 6,000 calls a minute, so all 50 batches (one id each) are in flight together.
      const ids = Array.from({ length: 50 }, (_, i) => (i === 0 ? E.running : `e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c${String(7000 + i)}`));
      const refs: JobRef[] = ids.map((id) => ({ kind: 'live-edge', id, region: 'cn-shanghai', params: { clusterId: E.clusterId } }));
      const outcomes = await client.fetch(refs, new AbortController().signal);
      assert.equal(outcomes.length, 50);
      assert.equal(outcomes[0]!.jobs[0]?.status, 'running');
      assert.ok(outcomes.slice(1).every((o) => o.error?.kind === 'api'), 'the made-up ids are not found');
      await new Promise((r) => setImmediate(r)); // warnings are emitted on a later tick
      assert.deepEqual(warnings.map((w) => `${w.name}: ${w.message}`), []);
    } finally {
      process.off('warning', onWarning);
      await client.close();
    }
  });
});

describe('live editing: the tasks of one caster share one call', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('tasks of two casters and one whole caster: one GetEditingJobInfo per caster, each task its own answer', SAFETY, async () => {
    const L = SAMPLE_IDS.liveEditing;
    const client = new CloudClient({ credentials: { aliyun: emu.credentials.aliyun }, endpoints: { 'live-editing': emu.url } });
    try {
      const task = (casterId: string, id: string): JobRef => ({ kind: 'live-editing', id, region: 'cn-shanghai', params: { casterId } });
      const refs: JobRef[] = [
        task(L.casterInlineArray, L.showInitializing), task(L.casterStringArray, L.showMoving), task(L.casterInlineArray, L.showEditing),
        task(L.casterInlineArray, L.showSucceeded), task(L.casterStringArray, L.showFailed), task(L.casterInlineArray, '42200b81-0c1d-4e5f-8a9b-00000000ffff'),
        { kind: 'live-editing', id: L.casterStringObject, region: 'cn-shanghai', params: {} },
      ];
      const before = emu.requests.length;
      const outcomes = await client.fetch(refs);
      const calls = emu.requests.slice(before).filter((r) => r.api === 'live:GetEditingJobInfo');
      assert.equal(calls.length, 3, 'one call per caster');
      assert.ok(calls.every((c) => !c.url.includes('ShowId')), 'none narrowed to one ShowId');
      assert.deepEqual(outcomes.map((o) => o.jobs.map((j) => j.id)), [
        [L.showInitializing], [L.showMoving], [L.showEditing], [L.showSucceeded], [L.showFailed], [], [L.showUploading],
      ]);
      assert.deepEqual(outcomes.map((o) => o.jobs[0]?.status ?? (o.error as { code?: string } | null)?.code), ['queued', 'queued', 'running', 'succeeded', 'failed', 'JobNotFound', 'running']);
    } finally {
      await client.close();
    }
  });
});

describe('proxyEnv: VS Code\'s http.proxy handed to the client', () => {
  let proxy: MisbehavingProxy;
  before(async () => {
    proxy = await startMisbehavingProxy('refuse');
  });
  after(() => proxy.close());

  it('sends requests through the proxy it names, not process.env\'s', SAFETY, async () => {
    assert.equal(process.env.HTTPS_PROXY ?? process.env.https_proxy, undefined, 'this test assumes no proxy in the environment');
    const client = new CloudClient({
      credentials: CREDENTIALS,
      endpoints: { ice: 'https://ice.cn-shanghai.invalid' },
      timeoutMs: 5_000,
      proxyEnv: proxyEnvFor({ url: proxy.url, noProxy: [] }, {})!,
    });
    try {
      const [o] = await client.fetch([ice()]);
      assert.ok(o!.error instanceof NetworkError, String(o!.error));
      assert.match(o!.error.message, /proxy 127\.0\.0\.1:\d+/);
      assert.ok(proxy.connects() >= 1, 'the proxy saw the CONNECT');
    } finally {
      await client.close();
    }
  });

  it('leaves out the hosts of http.noProxy (what the transport would dial, no request sent)', () => {
    const env = proxyEnvFor({ url: proxy.url, noProxy: ['.aliyuncs.com'] }, { HTTPS_PROXY: 'http://env-proxy.invalid:1' })!;
    assert.equal(proxyForUrl(new URL('https://ice.cn-shanghai.aliyuncs.com/'), env), null);
    assert.equal(proxyForUrl(new URL('https://mpc.cn-north-4.myhuaweicloud.com/'), env)?.href, new URL(proxy.url).href);
    assert.equal(proxyEnvFor(null, { HTTPS_PROXY: 'http://env-proxy.invalid:1' }), null, 'without http.proxy the environment is used as it is');
  });
});
