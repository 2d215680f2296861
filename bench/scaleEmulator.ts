/**
 * bench/scale's cloud: the emulator in a child process (so its memory and CPU stay out of the bench's figures),
 * serving the jobs of bench/scaleJobs.ts on a warped clock shared with the bench (virtual ms = T0 + real ms × F).
 * Talks over IPC: sends `{url, credentials}` when ready; answers `stats` with the requests per API and the
 * throttled answers since the last `reset`.
 */
import { startEmulator } from '../test/emulator/emulator.js';
import { EMULATED_KINDS } from '../test/emulator/state.js';
import { benchJobs } from './scaleJobs.js';

const [n, t0, r0, factor] = process.argv.slice(2).map(Number) as [number, number, number, number];
const now = (): number => t0 + (Date.now() - r0) * factor;

async function main(): Promise<void> {
  // One emulator (one origin) per kind, as each API has its own host in the clouds: requests of one API never
  // queue for a connection behind another's answers (the transport keeps 4 connections per origin).
  const jobs = benchJobs(n);
  const emus = await Promise.all(EMULATED_KINDS.map(async (kind) => {
    const emu = await startEmulator({ now, jobs: 'none' });
    emu.state.addAll(jobs.filter((j) => j.init.kind === kind).map((j) => j.init));
    return { kind, emu, from: 0 };
  }));
  process.on('message', (m: unknown) => {
    if (m === 'reset') {
      for (const e of emus) e.from = e.emu.requests.length;
      process.send!({ type: 'reset' });
    } else if (m === 'stats') {
      const perApi: Record<string, number> = {};
      const throttledPerApi: Record<string, number> = {};
      // Arrival times (virtual ms) per API, for the bench's --trace figures.
      const arrivals: Record<string, number[]> = {};
      let throttled = 0;
      for (const e of emus) {
        for (const r of e.emu.requests.slice(e.from)) {
          const api = r.api ?? 'other';
          perApi[api] = (perApi[api] ?? 0) + 1;
          (arrivals[api] ??= []).push(r.time);
          if (r.status === 429 || /Throttl|APIGW\.0308|Flow/i.test(r.errorCode ?? '')) {
            throttled++;
            throttledPerApi[api] = (throttledPerApi[api] ?? 0) + 1;
          }
        }
      }
      process.send!({ type: 'stats', perApi, throttled, throttledPerApi, arrivals });
    } else if (m === 'close') {
      void Promise.all(emus.map((e) => e.emu.close())).then(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready', urls: Object.fromEntries(emus.map((e) => [e.kind, e.emu.url])), credentials: emus[0]!.emu.credentials });
}

void main();
