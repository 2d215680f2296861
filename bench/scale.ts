/**
 * Thousands of tracked jobs: for N = 100, 1,000 and 5,000 (bench/scaleJobs.ts: every kind, ICE Timelines of 50, 495
 * and 2,000 clips, 60 % not finished), against the emulator at the documented rate limits, in one run:
 * - activation: what the store costs on activate()'s path (the list loads after it returns), and what loading the
 *   list and restoring the job files cost after it (total, and the longest slice the extension host is held);
 * - bytes written: per job change (a progress step: the list only; an output more: its file, and the list), per
 *   poll cycle, against rewriting the whole state on every change (what version 1 did);
 * - heap: after a restore (after gc), and the peak during a poll cycle;
 * - requests per cycle against the fewest possible, cycle time against the rate-limit floor (the time the
 *   documented rates need for those requests), throttled answers;
 * - tree grouping of the N jobs, and of 100,000.
 * Each figure with its ratio (to its budget, to the floor, to the minimum). Prints figures, never passes or fails.
 *
 *   npm run bench:scale   (node --expose-gc --import tsx bench/scale.ts [--sizes 100,1000,5000] [--warp auto|N])
 *
 * Time: the emulator runs in a child process on a warped clock shared with this one (virtual time runs --warp
 * times faster than real time; default 1 up to 1,000 jobs, 4 above), so the 124 s cycle of 5,000 jobs takes 31 s.
 * Rate limits, poll schedules and cycle times are in virtual time; CPU work (parsing, writing) is real, so at a
 * high warp it counts more against the floor than it would for real.
 */
import { fork } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { CloudClient } from '../src/clouds/client.js';
import { type Clock, systemClock } from '../src/clouds/clock.js';
import { RateLimiters } from '../src/clouds/http/rateLimiter.js';
import { KIND_INFO } from '../src/kinds/index.js';
import { jobKey } from '../src/kinds/refs.js';
import { type TrackedJob } from '../src/model/trackedJob.js';
import { groupJobs } from '../src/present/grouping.js';
import { JobStore, type KeyValueStore } from '../src/tracking/jobStore.js';
import { Poller } from '../src/tracking/poller.js';
import { nodeSnapshotDir, type SnapshotDir } from '../src/tracking/snapshotDir.js';
import { benchJobs, type BenchJob } from './scaleJobs.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}
const SIZES = arg('sizes', '100,1000,5000').split(',').map(Number);
/**
 * Virtual time per real time. Default: 1 up to 1,000 jobs (their cycles take 2 and 24 s), 4 above (5,000 jobs: a
 * 124 s cycle in 31 s). CPU work is real time, so at warp 4 a fixed 16 ms of start-up counts as 64 ms against a
 * 2 s floor (1.09× instead of 1.05× at N = 100).
 */
const WARP_ARG = arg('warp', 'auto');
const warpOf = (n: number): number => (WARP_ARG === 'auto' ? (n <= 1000 ? 1 : 4) : Number(WARP_ARG));
/** Also print where requests bunch: grant (undici's request:create), leaving (client:sendHeaders), arrival at the emulator. */
const TRACE = process.argv.includes('--trace');
const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;

/** globalState as VS Code keeps it: a JSON copy per update; counts what each update writes. */
class CountingKv implements KeyValueStore {
  private readonly data = new Map<string, unknown>();
  bytes = 0;
  writes = 0;
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    this.bytes += text.length;
    this.writes++;
    this.data.set(key, JSON.parse(text));
  }
}

function countingDir(dir: SnapshotDir): SnapshotDir & { bytes: number; writes: number } {
  const out = {
    ...dir, bytes: 0, writes: 0,
    write: async (name: string, text: string) => {
      out.bytes += Buffer.byteLength(text);
      out.writes++;
      await dir.write(name, text);
    },
  };
  return out;
}

const fmtMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);
const fmtBytes = (b: number): string => (b >= MB ? `${(b / MB).toFixed(1)} MB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KB` : `${b} B`);
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

interface Child {
  urls: Record<string, string>;
  credentials: { aliyun: { accessKeyId: string; accessKeySecret: string }; huawei: { ak: string; sk: string; projectId: string } };
  ask(m: 'stats'): Promise<{ perApi: Record<string, number>; throttled: number; throttledPerApi: Record<string, number>; arrivals: Record<string, number[]> }>;
  ask(m: 'reset'): Promise<unknown>;
  close(): void;
}

async function startChild(n: number, t0: number, r0: number): Promise<Child> {
  const child = fork(join(__dirname, 'scaleEmulator.ts'), [String(n), String(t0), String(r0), String(warpOf(n))], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const waiting = new Map<string, (m: Record<string, unknown>) => void>();
  child.on('message', (m: Record<string, unknown>) => waiting.get(String(m.type))?.(m));
  const ready = await new Promise<Record<string, unknown>>((resolve) => waiting.set('ready', resolve));
  return {
    urls: ready.urls as Record<string, string>,
    credentials: ready.credentials as Child['credentials'],
    ask: ((m: string) => new Promise((resolve) => {
      waiting.set(m, resolve);
      child.send(m);
    })) as Child['ask'],
    close: () => child.send('close'),
  };
}

/** The fewest requests one cycle of the polled jobs takes, per API lane, and the floor the documented rates set. */
function floorOf(jobs: readonly BenchJob[]): { requests: number; floorMs: number } {
  const lanes = new Map<string, { kind: BenchJob['ref']['kind']; ids: number; casters: Set<string> }>();
  for (const j of jobs) {
    if (!j.polled) continue;
    const k = `${j.ref.kind}|${j.ref.region}`;
    const lane = lanes.get(k) ?? { kind: j.ref.kind, ids: 0, casters: new Set<string>() };
    lane.ids++;
    if (j.ref.params.casterId) lane.casters.add(j.ref.params.casterId);
    lanes.set(k, lane);
  }
  let requests = 0;
  let floorMs = 0;
  for (const lane of lanes.values()) {
    const info = KIND_INFO[lane.kind];
    const r = lane.kind === 'live-editing' ? lane.casters.size : Math.ceil(lane.ids / info.batchSize);
    requests += r;
    // A full burst at once, then `requests` a window: the last of r requests goes out (ceil(r / capacity) - 1) windows in.
    floorMs = Math.max(floorMs, Math.max(0, Math.ceil(r / info.rateLimit.requests) - 1) * info.rateLimit.perSeconds * 1000);
  }
  return { requests, floorMs };
}

async function heapNow(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function groupingMs(jobs: readonly TrackedJob[]): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    groupJobs(jobs, i % 2 ? 'status' : 'cloud');
    runs.push(performance.now() - t);
  }
  return median(runs);
}

async function runSize(n: number): Promise<string[]> {
  const WARP = warpOf(n);
  const r0 = Date.now();
  const t0 = r0;
  const warp: Clock = {
    now: () => t0 + (Date.now() - r0) * WARP,
    monotonic: () => performance.now() * WARP,
    sleep: (ms, signal) => systemClock.sleep(ms / WARP, signal),
  };
  const jobs = benchJobs(n);
  const child = await startChild(n, t0, r0);
  const dir = mkdtempSync(join(tmpdir(), 'mji-scale-'));
  const lines: string[] = [];
  const say = (s: string): void => {
    lines.push(s);
    console.log(s);
  };
  try {
    const kv = new CountingKv();
    const files = countingDir(nodeSnapshotDir(join(dir, 'jobs')));
    const endpoints = child.urls;
    // A restarted extension host has a new client, whose limiters start full: the seed's client is replaced after
    // it (with the seed's departures still held, the measured cycle started up to 690 ms late at warp 1).
    let limiters = new RateLimiters(warp);
    const clientOf = (l: RateLimiters) => new CloudClient({ credentials: child.credentials, endpoints, clock: warp, limiters: l, timeoutMs: 60_000 });
    let client = clientOf(limiters);
    const pollerOf = (store: JobStore) => new Poller({
      store, clock: warp, intervalMs: () => 3_600_000, isActive: () => true,
      fetch: (refs, signal) => client.fetch(refs, signal),
    });
    const { requests: minRequests, floorMs } = floorOf(jobs);
    const bigClips = jobs.filter((j) => j.clips === 2000).length;
    say(`N = ${n} tracked (${jobs.filter((j) => j.ref.kind === 'ice').length} ICE, ${bigClips} of them 2,000 clips; ${jobs.filter((j) => j.polled).length} polled)`);

    // The first window: track and fetch everything once, save.
    const first = new JobStore(kv, { files, debounceMs: 1_000_000 });
    first.add(jobs.map((j) => j.ref));
    const firstPoller = pollerOf(first);
    await first.flush();
    const seed = performance.now();
    await firstPoller.refresh(first.all().map((t) => t.key));
    await first.flush();
    firstPoller.dispose();
    first.dispose();
    const seededMs = performance.now() - seed;

    // A restart: a new client, the activation path, the list, the files in slices.
    await client.close();
    limiters = new RateLimiters(warp);
    client = clientOf(limiters);
    const baseline = await heapNow();
    const a0 = performance.now();
    let longestSlice = 0;
    const store = new JobStore(kv, { files, debounceMs: 1_000_000 });
    const activationMs = performance.now() - a0;
    // The longest the event loop was held while restoring (what a keystroke or a hover would wait).
    const blocked = monitorEventLoopDelay({ resolution: 1 });
    blocked.enable();
    const l0 = performance.now();
    await store.load();
    const listMs = performance.now() - l0;
    await store.restored;
    const restoreMs = performance.now() - l0;
    blocked.disable();
    longestSlice = blocked.max / 1e6;
    const restoredHeap = (await heapNow()) - baseline;
    say(`  activation path     ${fmtMs(activationMs).padStart(9)}  ${ratio(activationMs, 20)} of the 20 ms budget (the list loads after activate() returns)`);
    say(`  after activation    list ${fmtMs(listMs)}, list + job files ${fmtMs(restoreMs)}, event loop held at most ${fmtMs(longestSlice)} (first fetch of all: ${fmtMs(seededMs)})`);
    say(`  heap after restore  ${fmtBytes(restoredHeap).padStart(9)}  ${ratio(restoredHeap, 100 * MB)} of 100 MB`);

    // One poll cycle of every unfinished job. A restart takes more than a second: the clouds' one-second windows
    // of the seed's requests are over before it polls (their minute windows hold far fewer than the limits:
    // at 5,000 jobs 90 MPC calls of 100 a minute, 1,500 Live edge of 6,000).
    await warp.sleep(1_100);
    await child.ask('reset');
    const poller = pollerOf(store);
    const fileBytes0 = files.bytes;
    const kvBytes0 = kv.bytes;
    let peak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 5);
    const trace = startTrace(warp, limiters, TRACE);
    const c0 = warp.monotonic!();
    await poller.refresh();
    const cycleMs = warp.monotonic!() - c0;
    await store.flush();
    clearInterval(sampler);
    const stats = await child.ask('stats');
    const requests = Object.values(stats.perApi).reduce((a, b) => a + b, 0);
    const cycleFiles = files.bytes - fileBytes0;
    const cycleList = kv.bytes - kvBytes0;
    say(`  heap at poll peak   ${fmtBytes(peak - baseline).padStart(9)}  ${ratio(peak - baseline, 100 * MB)} of 100 MB`);
    say(`  requests per cycle  ${String(requests).padStart(9)}  ${ratio(requests, minRequests)} of the minimum ${minRequests} (${Object.entries(stats.perApi).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    say(`  cycle time          ${fmtMs(cycleMs).padStart(9)}  ${ratio(cycleMs, floorMs)} of the rate-limit floor ${fmtMs(floorMs)} (virtual time, warp ${WARP}×)`);
    const { first: firstSent, last: lastSent } = trace.span();
    // The floor is the last request's departure at the documented rates; the cycle adds the wait to the first
    // departure, the limiter's jitter margin (3 % of each window), and the last answer's round trip and parse.
    say(`    cycle parts       to the first request ${fmtMs(firstSent - c0)}, first to last request ${fmtMs(lastSent - firstSent)} (${ratio(lastSent - firstSent, floorMs)} of the floor), last request to the end ${fmtMs(c0 + cycleMs - lastSent)}`);
    say(`  throttled answers   ${String(stats.throttled).padStart(9)}${stats.throttled ? `  (${Object.entries(stats.throttledPerApi).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`);
    for (const l of trace.report(child.urls, stats.arrivals)) say(l);
    say(`  bytes per cycle     ${fmtBytes(cycleFiles + cycleList).padStart(9)}  (job files ${fmtBytes(cycleFiles)}, list ${fmtBytes(cycleList)})`);

    // One job's change, two ways: a running 495-clip ICE job answers with its progress one point further (the
    // head: the list keeps it, no file), then with one more output (the body: its file).
    const one = jobs.find((j) => j.ref.kind === 'ice' && j.clips === 495 && j.polled && j.init.phases.length > 1)!;
    const answer = await client.fetchOne(one.ref);
    const change = async (outcome: typeof answer): Promise<{ file: number; list: number }> => {
      const f0 = files.bytes;
      const k0 = kv.bytes;
      store.applyOutcome(jobKey(one.ref), outcome, new Date(warp.now()));
      await store.flush();
      return { file: files.bytes - f0, list: kv.bytes - k0 };
    };
    const moved = await change({ ...answer, jobs: answer.jobs.map((j) => ({ ...j, progress: (j.progress ?? 0) + 1 })) });
    const grown = await change({ ...answer, jobs: answer.jobs.map((j) => ({ ...j, progress: (j.progress ?? 0) + 2, outputs: [...j.outputs, { ...j.outputs[0]!, url: 'oss://bench/extra.mp4' }] })) });
    const whole = moved.list + [...await filesTotal(files)].reduce((a, b) => a + b, 0);
    say(`  bytes per change    progress: job files ${fmtBytes(moved.file)}, the list ${fmtBytes(moved.list)} on flush (${ratio(moved.file + moved.list, whole)} of rewriting everything, ${fmtBytes(whole)})`);
    say(`                      an output more: its file ${fmtBytes(grown.file)} (495 clips, ${ratio(grown.file, whole)}), + the list ${fmtBytes(grown.list)} on flush or a status change`);
    poller.dispose();

    const groupMs = groupingMs(store.all());
    say(`  tree grouping       ${fmtMs(groupMs).padStart(9)}  (${n} jobs)`);
    store.dispose();
    await client.close();
  } finally {
    child.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

/**
 * Where a cycle's time goes and where requests bunch. Always: the limiter's grants and the requests' departures
 * (Ticket.sent), per API, from wrapping the shared limiters. With --trace also, per origin, undici's
 * request:create (handed to a connection) and client:sendHeaders (written to it), and the emulator's arrivals.
 * Per API it prints the tightest span of capacity + 1 consecutive requests at each point (below the window
 * means one window saw more than the limit) and how long requests waited inside undici (create → sendHeaders).
 */
interface CycleTrace {
  /** First and last departure of any API (virtual ms), for the cycle's start-up and tail. */
  span(): { first: number; last: number };
  report(urls: Record<string, string>, arrivals: Record<string, number[]>): string[];
}

function startTrace(clock: Clock, limiters: RateLimiters, undici: boolean): CycleTrace {
  const granted = new Map<string, number[]>();
  const departed = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, api: string, t: number): void => {
    let xs = m.get(api);
    if (!xs) m.set(api, (xs = []));
    xs.push(t);
  };
  const bucketOf = limiters.bucket.bind(limiters);
  const wrapped = new WeakSet<object>();
  limiters.bucket = (key, limit) => {
    const b = bucketOf(key, limit);
    const api = key.split('|')[0]!;
    if (!wrapped.has(b)) {
      wrapped.add(b);
      const acquire = b.acquire.bind(b);
      b.acquire = async (signal) => {
        const ticket = await acquire(signal);
        push(granted, api, clock.monotonic!());
        const sent = ticket.sent;
        return {
          sent: () => {
            push(departed, api, clock.monotonic!());
            sent();
          },
          end: ticket.end,
        };
      };
    }
    return b;
  };
  const created = new WeakMap<object, number>();
  const byOrigin = new Map<string, { created: number[]; sends: number[]; waits: number[] }>();
  const of = (origin: string) => {
    let o = byOrigin.get(origin);
    if (!o) byOrigin.set(origin, (o = { created: [], sends: [], waits: [] }));
    return o;
  };
  const originOf = (r: { origin?: unknown }): string => String(r.origin ?? '').replace(/\/$/, '');
  const onCreate = (m: unknown): void => {
    const { request } = m as { request: { origin?: unknown } };
    const t = clock.monotonic!();
    created.set(request, t);
    of(originOf(request)).created.push(t);
  };
  const onSend = (m: unknown): void => {
    const { request } = m as { request: { origin?: unknown } };
    const t = clock.monotonic!();
    const o = of(originOf(request));
    o.sends.push(t);
    const c = created.get(request);
    if (c !== undefined) o.waits.push(t - c);
  };
  if (undici) {
    subscribe('undici:request:create', onCreate);
    subscribe('undici:client:sendHeaders', onSend);
  }
  const tightest = (times: number[], c: number): number => {
    const s = [...times].sort((a, b) => a - b);
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i + c < s.length; i++) min = Math.min(min, s[i + c]! - s[i]!);
    return min;
  };
  const pct = (xs: number[], p: number): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : 0;
  };
  return {
    span() {
      const all = [...departed.values()].flat();
      return { first: Math.min(...all), last: Math.max(...all) };
    },
    report(urls, arrivals) {
      limiters.bucket = bucketOf;
      if (!undici) return [];
      unsubscribe('undici:request:create', onCreate);
      unsubscribe('undici:client:sendHeaders', onSend);
      const lines: string[] = [];
      for (const [kind, url] of Object.entries(urls)) {
        const info = KIND_INFO[kind as keyof typeof KIND_INFO];
        const o = byOrigin.get(url.replace(/\/$/, ''));
        if (!o || !info) continue;
        const c = info.rateLimit.requests;
        const span = (xs: number[] | undefined) => (xs && xs.length > c ? `${tightest(xs, c).toFixed(0)} ms` : '—');
        const api = [...granted.keys()].find((a) => a.endsWith(`:${info.api}`)) ?? '';
        lines.push(`    trace ${kind.padEnd(12)} ${c + 1} in a row within (window ${info.rateLimit.perSeconds * 1000} ms): granted ${span(granted.get(api))},`
          + ` to a connection ${span(o.created)}, left ${span(departed.get(api))}, headers written ${span(o.sends)}, arrived ${span(arrivals[api])};`
          + ` waited in undici p50 ${pct(o.waits, 0.5).toFixed(0)} ms, p99 ${pct(o.waits, 0.99).toFixed(0)} ms, max ${pct(o.waits, 1).toFixed(0)} ms`);
      }
      return lines;
    },
  };
}

/** The size of every job file now (what version 1 wrote on every change, inside globalState). */
async function filesTotal(files: SnapshotDir): Promise<number[]> {
  const out: number[] = [];
  for (const f of await files.list()) out.push((await files.read(f.name))?.length ?? 0);
  return out;
}

function grouping100k(): number {
  const statuses = ['running', 'queued', 'succeeded', 'failed'] as const;
  const kinds = ['ice', 'vod', 'live-edge', 'mpc-editing'] as const;
  const jobs: TrackedJob[] = Array.from({ length: 100_000 }, (_, i) => {
    const kind = kinds[i % 4]!;
    const ref = { kind, id: i.toString(16).padStart(32, '0'), region: 'cn-shanghai', params: {} };
    const at = new Date(Date.UTC(2026, 0, 1) + i * 37_000).toISOString();
    return {
      key: jobKey(ref), ref, lastError: null, addedAt: at, lastCheckedAt: at, watched: false,
      snapshot: {
        kind, cloud: kind === 'mpc-editing' ? 'huawei' : 'aliyun', region: 'cn-shanghai', id: ref.id, name: `job ${i}`, status: statuses[i % 4]!, rawStatus: 'x',
        progress: null, createdAt: at, startedAt: at, completedAt: i % 4 > 1 ? at : null, updatedAt: at, durationSeconds: null, error: null, outputs: [],
        timeline: null, clipsParam: null, templateId: null, userData: null, subJobMaterials: null, streams: [], params: {}, requestId: null, raw: null,
      },
    };
  });
  return groupingMs(jobs);
}

async function main(): Promise<void> {
  console.log(`bench/scale: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, warp ${WARP_ARG === 'auto' ? '1× up to 1,000 jobs, 4× above' : `${WARP_ARG}×`}${gc ? '' : ' (run with --expose-gc for heap figures after gc)'}`);
  const started = performance.now();
  // First, on a fresh heap (after the big runs the collector's work would be counted in it).
  const g = grouping100k();
  console.log(`tree grouping of 100,000 jobs: ${fmtMs(g)} (${ratio(g, 200)} of the 200 ms budget)`);
  for (const n of SIZES) await runSize(n);
  console.log(`(whole run ${fmtMs(performance.now() - started)})`);
}

void main();
