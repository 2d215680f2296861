// Shared helpers for the HTTP-layer tests: a controllable clock and a real loopback server.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { type Clock } from '../../../../src/clouds/clock.js';
export { seededRandom } from '../../../support/seededRandom.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** Lets queued promise callbacks and I/O callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that moves only when told to. Sleeps resolve in time order as time is advanced.
 * It has two parts, like the system clock: `monotonic()` (what sleeps and schedules run on; only
 * `advance`/`fireNext` move it) and `now()`, the wall clock, which moves with it but can also be stepped on
 * its own (`stepWall`, `setWall`) to play NTP corrections or a user changing the date.
 */
export class FakeClock implements Clock {
  private mono = 0;
  /** now() = mono + wallOffset. */
  private wallOffset: number;
  private seq = 0;
  private timers: Timer[] = [];
  /** Every duration passed to sleep, in call order. */
  readonly sleeps: number[] = [];

  constructor(start = 0) {
    this.wallOffset = start;
  }

  now(): number {
    return this.mono + this.wallOffset;
  }

  monotonic(): number {
    return this.mono;
  }

  /** Steps the wall clock by `ms` (negative: back) without moving monotonic time or firing any sleep. */
  stepWall(ms: number): void {
    this.wallOffset += ms;
  }

  /** Sets the wall clock to `t` without moving monotonic time or firing any sleep. */
  setWall(t: number): void {
    this.wallOffset = t - this.mono;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = { at: this.mono + Math.max(0, ms), seq: this.seq++, resolve, reject, signal };
      if (signal) {
        timer.onAbort = () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        };
        signal.addEventListener('abort', timer.onAbort, { once: true });
      }
      this.timers.push(timer);
    });
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Fires the earliest pending sleep (moving time to it). False if none is pending. */
  async fireNext(): Promise<boolean> {
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = this.timers.shift()!;
    this.mono = Math.max(this.mono, timer.at);
    if (timer.onAbort) timer.signal?.removeEventListener('abort', timer.onAbort);
    timer.resolve();
    await flush();
    return true;
  }

  /** Moves time forward by `ms`, firing every sleep that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.mono + ms;
    for (;;) {
      await flush();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      await this.fireNext();
    }
    this.mono = end;
    await flush();
  }

  /** Runs the clock until `p` settles (firing sleeps as needed); throws if it can never settle. */
  async drive<T>(p: Promise<T>): Promise<T> {
    let done = false;
    const watched = p.finally(() => {
      done = true;
    });
    watched.catch(() => undefined);
    for (let i = 0; ; i++) {
      await flush();
      if (done) return watched;
      if (!(await this.fireNext())) {
        await flush();
        if (done) return watched;
        throw new Error('deadlock: the promise waits but no sleep is pending');
      }
      if (i > 1_000_000) throw new Error('runaway');
    }
  }
}

/** A clock whose sleeps return at once, moving time by the amount slept (for retry tests). */
export class InstantClock implements Clock {
  t = 0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.sleeps.push(ms);
    this.t += ms;
    return Promise.resolve();
  }
}

export interface TestServer {
  origin: string;
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, random port. */
export async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}


/** The repository root (this file is test/unit/clouds/http/support.ts). */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/**
 * Runs `script` (CommonJS, TypeScript requires allowed) in a fresh `node --import tsx` process, so nothing
 * another test did to process-wide state can leak in or out. Resolves with the exit code and output.
 */
export function runChild(script: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A self-signed certificate for `media.invalid` (valid 2000–2099): untrusted unless a test trusts it on purpose. */
export const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg70Dc4jI48wrAycIk
X5w++T+v2TlD88wEKc+sOuL0U2KhRANCAARN5hUrE3EtRu3R09TnSy7TgRIuYDMR
No8YQfbln0tR2BHlJSRv7UrMp1jClZcs2i7mZbKZ36yg8K9DzLildgrB
-----END PRIVATE KEY-----
`;
export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBbTCCAROgAwIBAgIBATAKBggqhkjOPQQDAjAYMRYwFAYDVQQDDA1tZWRpYS5p
bnZhbGlkMCAXDTAwMDEwMTAwMDAwMFoYDzIwOTkxMjMxMDAwMDAwWjAYMRYwFAYD
VQQDDA1tZWRpYS5pbnZhbGlkMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAETeYV
KxNxLUbt0dPU50su04ESLmAzETaPGEH25Z9LUdgR5SUkb+1KzKdYwpWXLNou5mWy
md+soPCvQ8y4pXYKwaNMMEowGAYDVR0RBBEwD4INbWVkaWEuaW52YWxpZDAPBgNV
HRMBAf8EBTADAQH/MB0GA1UdDgQWBBSQvrS8qiXFlXXzAwAMPy/kh1yE9jAKBggq
hkjOPQQDAgNIADBFAiAt098FnG9lL4xKQeL9hjj4jmPsVF7RpDSgsSUQGPhufAIh
AIItlGXKFQCClXWKjID4H0RhG0DnR8tneEOnKSsgqSTe
-----END CERTIFICATE-----
`;
