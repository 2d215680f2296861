// `media-jobs` as a real process (src/cli/bin.ts through tsx) behind proxies that misbehave on CONNECT:
// it always ends, by --timeout (the total time) or at once on Ctrl-C. The endpoint is a `.invalid` name, so
// the request goes through the proxy, no DNS is asked and nothing leaves 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startMisbehavingProxy, type MisbehavingProxy } from '../../support/misbehavingProxy.js';

const REPO_ROOT = resolve(__dirname, '../../..');
const SAFETY = { timeout: 30_000 };

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function mediaJobs(proxyUrl: string, args: string[]): { child: ChildProcess; exit: Promise<Exit> } {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (/^(https?|no|all)_proxy$/i.test(k)) delete env[k];
  Object.assign(env, {
    HTTPS_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEmuLat0rTestKey001',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-a-real-secret-000000',
  });
  const child = spawn(process.execPath, [
    '--import', 'tsx', 'src/cli/bin.ts', 'inspect', 'ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801', '--endpoint', 'https://ice.cn-shanghai.invalid', ...args,
  ], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exit = new Promise<Exit>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr }));
  });
  return { child, exit };
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 20));
}

describe('media-jobs behind a proxy that never answers CONNECT', () => {
  let proxy: MisbehavingProxy;
  const children: ChildProcess[] = [];
  before(async () => {
    proxy = await startMisbehavingProxy('silent');
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await proxy.close();
  });

  it('the first Ctrl-C ends it at once with exit 130', SAFETY, async () => {
    const before = proxy.connects();
    const run = mediaJobs(proxy.url, ['--timeout', '120']);
    children.push(run.child);
    await until(() => proxy.connects() > before); // the request is in flight, stuck on CONNECT
    run.child.kill('SIGINT');
    const exit = await run.exit;
    assert.equal(exit.code, 130, exit.stderr);
    assert.equal(exit.stderr, 'media-jobs: interrupted\n');
  });

  it('--timeout is the total time: TIMEOUT after one attempt, exit 1', SAFETY, async () => {
    const run = mediaJobs(proxy.url, ['--timeout', '1']);
    children.push(run.child);
    const exit = await run.exit;
    assert.equal(exit.code, 1, exit.stderr);
    assert.match(exit.stderr, /network error TIMEOUT: no complete answer within 1 s \(1 attempt via proxy 127\.0\.0\.1:\d+\)/);
  });
});

describe('media-jobs behind a proxy that closes every CONNECT', () => {
  let proxy: MisbehavingProxy;
  const children: ChildProcess[] = [];
  before(async () => {
    proxy = await startMisbehavingProxy('close');
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await proxy.close();
  });

  it('ends with the proxy named, after a few attempts, instead of reconnecting forever', SAFETY, async () => {
    const run = mediaJobs(proxy.url, ['--timeout', '2']);
    children.push(run.child);
    const exit = await run.exit;
    assert.equal(exit.code, 1, exit.stderr);
    assert.match(exit.stderr, /network error PROXY_CLOSED: the proxy 127\.0\.0\.1:\d+ closed the connection without answering CONNECT/);
    // One CONNECT per attempt (4 at most), where undici used to redial ~1,750 times a second.
    assert.ok(proxy.connects() <= 8, `${proxy.connects()} CONNECTs`);
  });
});
