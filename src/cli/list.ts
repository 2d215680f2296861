/**
 * `media-jobs list <kind>`: recent jobs through the kind's list calls (src/clouds/listing.ts), newest first, until
 * --limit or the end of the window. What arrived before an error is still printed (and the exit code is 1).
 */
import { type CliCommand } from './args.js';
import { cliTime, displayWidth, formatDuration, padDisplay, safe, statusWord, terminalSafeJson } from './format.js';
import { exitCodeFor } from './exitCodes.js';
import { type CloudClient } from '../clouds/client.js';
import { type Clock } from '../clouds/clock.js';
import { describeError, type MediaJobsError } from '../clouds/errors.js';
import { listerOf } from '../clouds/coreEntry.js';
import { type Job } from '../model/job.js';
import { batchMark } from '../present/batch.js';
import { oneLine } from '../util/unsafeChars.js';
import * as l10n from '../util/l10n.js';

type ListCommand = Extract<CliCommand, { type: 'list' }>;

export async function runList(
  client: CloudClient, cmd: ListCommand,
  io: { out: (s: string) => void; err: (s: string) => void; signal?: AbortSignal; clock?: Clock },
): Promise<number> {
  const now = io.clock?.now() ?? Date.now();
  const lister = listerOf(cmd.kind);
  const pageSize = Math.min(cmd.limit, lister?.maxPageSize ?? 100);
  const jobs: Job[] = [];
  let failure: MediaJobsError | null = null;
  const pages = client.list(cmd.kind, {
    region: cmd.options.region, from: now - cmd.sinceMs, to: now, status: cmd.status, params: cmd.params, pageSize,
    ...(cmd.parentId !== null ? { parentId: cmd.parentId } : {}),
  }, io.signal);
  try {
    for await (const page of pages) {
      jobs.push(...page.jobs.slice(0, cmd.limit - jobs.length));
      if (jobs.length >= cmd.limit) break;
    }
  } catch (e) {
    failure = e as MediaJobsError;
  }
  if (cmd.options.json) io.out(`${terminalSafeJson(jobs)}\n`);
  else if (jobs.length > 0) io.out(`${listTable(jobs).join('\n')}\n`);
  else if (failure === null) {
    const status = cmd.status ? ` ${cmd.status}` : '';
    io.out(`${cmd.parentId !== null
      ? l10n.t('no {0}{1} in the last {2}', l10n.t('sub-jobs of {0}', safe(cmd.parentId)), status, formatSince(cmd.sinceMs))
      : l10n.t('no {0} jobs{1} in the last {2}', cmd.kind, status, formatSince(cmd.sinceMs))}\n`);
  }
  if (lister?.note && !cmd.options.json) io.err(`media-jobs: ${l10n.t('note: {0}', l10n.label(lister.note))}\n`);
  if (failure !== null) {
    io.err(`media-jobs: list ${cmd.kind}: ${oneLine(describeError(failure))}${jobs.length > 0 ? l10n.t(' (after {0} jobs)', jobs.length) : ''}\n`);
    return exitCodeFor(failure);
  }
  return 0;
}

function formatSince(ms: number): string {
  const units: Array<[number, string]> = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm']];
  for (const [size, unit] of units) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 60_000)}m`;
}

/**
 * STATUS, ID, NAME, CREATED, DURATION, padded to the widest cell; empty columns stay (a table keeps its shape). An
 * ICE batch job's NAME starts with its mark (`[batch Script · 3 sub-jobs]`; its sub-jobs: `list ice --parent <id>`).
 */
export function listTable(jobs: readonly Job[]): string[] {
  const head = [l10n.t('STATUS'), 'ID', l10n.t('NAME'), l10n.t('CREATED'), l10n.t('DURATION')];
  const nameOf = (j: Job): string => {
    const mark = batchMark(j);
    const name = safe(j.name).slice(0, 40);
    return mark !== null && j.batch?.role === 'batch' ? `[${safe(mark)}] ${name}`.trimEnd() : name;
  };
  const rows = jobs.map((j) => [statusWord(j), safe(j.id), nameOf(j), j.createdAt ? cliTime(j.createdAt) : '', formatDuration(j.durationSeconds)]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => padDisplay(c, widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}
