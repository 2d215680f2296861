/**
 * `media-jobs watch`: poll one job until it ends, printing every change of status or progress.
 * Transient trouble (network, throttling, 5xx) is reported and polling goes on with backoff;
 * errors that polling cannot fix (credentials, not found, bad id) end the watch with exit 1 or 3.
 * Every line is built from `safe()` values and written through the CLI's one writer (main.ts `cliWriter`).
 */
import { type CliCommand } from './args.js';
import { EXIT, exitCodeFor } from './exitCodes.js';
import { safe, statusWord } from './format.js';
import { type CloudClient } from '../clouds/client.js';
import { type Clock, systemClock } from '../clouds/clock.js';
import { describeError } from '../clouds/errors.js';
import { isRetryable } from '../clouds/http/retry.js';
import { isTerminal, type Job } from '../model/job.js';
import { KIND_INFO } from '../kinds/index.js';
import * as l10n from '../util/l10n.js';
import { formatStamp } from '../util/formatLocale.js';

export interface WatchIo {
  out: (s: string) => void;
  err: (s: string) => void;
  signal?: AbortSignal;
  clock?: Clock;
}

/** The shortest interval the API's documented rate allows for one poller. */
export function minimumIntervalMs(cmd: Extract<CliCommand, { type: 'watch' }>): number {
  const { requests, perSeconds } = KIND_INFO[cmd.kind].rateLimit;
  return Math.ceil((perSeconds * 1000) / requests);
}

const MAX_BACKOFF_MS = 60_000;

export async function runWatch(client: CloudClient, cmd: Extract<CliCommand, { type: 'watch' }>, io: WatchIo): Promise<number> {
  const clock = io.clock ?? systemClock;
  const intervalMs = Math.max(cmd.intervalSeconds * 1000, minimumIntervalMs(cmd));
  const last = new Map<string, string>();
  let failures = 0;
  let everSeen = false;
  while (true) {
    if (io.signal?.aborted) return 130;
    const outcome = await client.fetchOne(cmd.ref, io.signal);
    if (io.signal?.aborted) return 130;
    let waitMs = intervalMs;
    if (outcome.error) {
      const retryable = isRetryable(outcome.error) || (everSeen && outcome.error.kind === 'bad-response');
      io.err(`${stamp(clock)}  ${retryable ? l10n.t('will retry: {0}', safe(describeError(outcome.error))) : safe(describeError(outcome.error))}\n`);
      if (!retryable) return exitCodeFor(outcome.error);
      failures++;
      waitMs = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 6));
    } else {
      failures = 0;
      everSeen = true;
      for (const job of outcome.jobs) {
        const line = describeState(job);
        if (last.get(job.id) !== line) {
          last.set(job.id, line);
          io.out(`${stamp(clock)}  ${outcome.jobs.length > 1 ? `${safe(job.id)}  ` : ''}${line}\n`);
        }
      }
      if (outcome.jobs.length > 0 && outcome.jobs.every((j) => isTerminal(j.status))) {
        const bad = outcome.jobs.filter((j) => j.status !== 'succeeded' && j.status !== 'cancelled');
        for (const j of bad) {
          if (j.error) io.err(`${safe(j.id)}: ${safe(j.error.code)}: ${safe(j.error.message)}\n`);
        }
        if (bad.length > 0) return EXIT.jobFailed;
        return outcome.jobs.some((j) => j.status === 'cancelled') ? EXIT.jobCancelled : EXIT.ok;
      }
    }
    try {
      await clock.sleep(waitMs, io.signal);
    } catch {
      return 130;
    }
  }
}

function describeState(job: Job): string {
  const progress = job.progress !== null && job.status === 'running' ? ` ${job.progress}%` : '';
  return `${statusWord(job)} (${safe(job.rawStatus) || l10n.t('no status')})${progress}`;
}

/** The line's time: ISO UTC in English (as before), else the local time in the run's language, its zone named. */
function stamp(clock: Clock): string {
  return formatStamp(clock.now());
}
