/**
 * `media-jobs diff <kind> <id> <id> [--json]`: two jobs fetched in one go and compared (src/present/jobDiff.ts):
 * the fields that differ, outputs and streams that differ, and per timeline track its added, removed and changed
 * clips. Exit 0 whether or not they differ (1 when a fetch failed); --json prints the whole comparison.
 */
import { type CliCommand } from './args.js';
import { safe, terminalSafeJson } from './format.js';
import { EXIT, exitCodeFor } from './exitCodes.js';
import { type CloudClient } from '../clouds/client.js';
import { describeError } from '../clouds/errors.js';
import { diffJobs, type JobDiff } from '../present/jobDiff.js';
import { MARK_SIGN } from '../present/jobDiffMarkdown.js';
import { oneLine } from '../util/unsafeChars.js';
import * as l10n from '../util/l10n.js';

type DiffCommand = Extract<CliCommand, { type: 'diff' }>;

/** At most this many clip lines per track in the text output (the JSON has them all). */
const MAX_CLIP_LINES = 200;

export async function runDiff(client: CloudClient, cmd: DiffCommand, io: { out: (s: string) => void; err: (s: string) => void; signal?: AbortSignal }): Promise<number> {
  const outcomes = await client.fetch(cmd.refs, io.signal);
  const jobs = [];
  for (const [i, ref] of cmd.refs.entries()) {
    const o = outcomes[i];
    const job = o?.jobs.find((j) => j.id === ref.id) ?? o?.jobs[0];
    if (!o || o.error || !job) {
      io.err(`media-jobs: diff: ${cmd.kind} ${safe(ref.id)}: ${oneLine(o?.error ? describeError(o.error) : l10n.t('not in the answer'))}\n`);
      return o?.error ? exitCodeFor(o.error) : EXIT.failed;
    }
    jobs.push(job);
  }
  const d = diffJobs(jobs[0]!, jobs[1]!);
  io.out(cmd.options.json ? `${terminalSafeJson(d)}\n` : `${diffText(d).join('\n')}\n`);
  return EXIT.ok;
}

export function diffText(d: JobDiff): string[] {
  const lines = [`${d.kind} ${safe(d.left.id)} → ${safe(d.right.id)}: ${d.changedCount === 0 ? l10n.t('no differences') : d.changedCount === 1 ? l10n.t('1 difference') : l10n.t('{0} differences', d.changedCount)}`];
  for (const f of d.fields) if (f.changed) lines.push(`  ✎ ${f.field}  ${safe(f.left)} → ${safe(f.right)}`);
  const rows = (title: string, list: JobDiff['outputs']) => {
    const changed = list.filter((r) => r.mark !== 'same');
    if (changed.length === 0) return;
    lines.push(title);
    for (const r of changed) {
      const what = r.mark === 'changed' ? r.cells.filter((c) => c.changed).map((c) => `${c.field} ${safe(c.left)} → ${safe(c.right)}`).join('; ') : r.mark === 'added' ? l10n.t('only in the second') : l10n.t('only in the first');
      lines.push(`  ${MARK_SIGN[r.mark]} ${safe(r.key)}  ${what}`);
    }
  };
  rows(l10n.t('outputs'), d.outputs);
  rows(l10n.t('streams'), d.streams);
  if (d.timeline !== null) {
    lines.push(l10n.t('timeline'));
    for (const t of d.timeline) {
      const c = t.counts;
      lines.push(`  ${MARK_SIGN[t.mark] ? `${MARK_SIGN[t.mark]} ` : ''}${l10n.t('{0}: {1} added, {2} removed, {3} changed, {4} the same', t.track, c.added, c.removed, c.changed, c.same)}${t.byPosition ? l10n.t(' (compared by position)') : ''}`);
      let n = 0;
      for (const clip of t.clips) {
        if (clip.mark === 'same') continue;
        if (++n > MAX_CLIP_LINES) {
          lines.push(`    ${l10n.t('… and {0} more (--json has them all)', c.added + c.removed + c.changed - MAX_CLIP_LINES)}`);
          break;
        }
        const s = clip.right ?? clip.left!;
        const where = `#${s.index + 1} ${safe(s.name)} · ${s.place}`;
        lines.push(`    ${MARK_SIGN[clip.mark]} ${where}${clip.changes.length ? `  ${safe(clip.changes.join('; '))}` : ''}`);
      }
    }
  }
  if (d.clipsParamSame === false) lines.push(`  ✎ ${l10n.t('ClipsParam differs (--json, or inspect both with --json, shows it)')}`);
  return lines;
}
