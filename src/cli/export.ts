/**
 * `media-jobs export <kind> <id> --format otio [--out FILE] [--rate N]`: the job's timeline as OpenTimelineIO
 * (src/export/otio.ts), fetched fresh. The file on stdout or in FILE; what it holds (tracks, clips, what was left
 * out) on stderr, so a pipe gets only the file.
 */
import { type CliCommand } from './args.js';
import { safe, terminalSafeJson } from './format.js';
import { EXIT, exitCodeFor } from './exitCodes.js';
import { type CloudClient } from '../clouds/client.js';
import { describeError } from '../clouds/errors.js';
import { otioSummaryText, timelineToOtio } from '../export/otio.js';
import { errorText } from '../util/errorText.js';
import { oneLine } from '../util/unsafeChars.js';
import * as l10n from '../util/l10n.js';

type ExportCommand = Extract<CliCommand, { type: 'export' }>;

export async function runExport(
  client: CloudClient, cmd: ExportCommand,
  io: { out: (s: string) => void; err: (s: string) => void; signal?: AbortSignal; writeFile?: (path: string, text: string) => Promise<void> },
): Promise<number> {
  const [outcome] = await client.fetch([cmd.ref], io.signal);
  if (!outcome || outcome.error) {
    io.err(`media-jobs: export ${cmd.kind} ${safe(cmd.ref.id)}: ${oneLine(outcome?.error ? describeError(outcome.error) : l10n.t('no answer'))}\n`);
    return outcome?.error ? exitCodeFor(outcome.error) : EXIT.failed;
  }
  const job = outcome.jobs[0];
  if (!job) {
    io.err(`media-jobs: export ${cmd.kind} ${safe(cmd.ref.id)}: ${l10n.t('the answer holds no job')}\n`);
    return EXIT.failed;
  }
  const r = timelineToOtio(job, { rate: cmd.rate });
  if (!r.ok) {
    io.err(`media-jobs: export: ${oneLine(r.reason)}\n`);
    return EXIT.failed;
  }
  // OTIO's own writer indents by 4. Unsafe characters become \uXXXX inside the strings: the same JSON, safe to show.
  const text = `${terminalSafeJson(r.timeline, 4)}\n`;
  const summary = otioSummaryText(r.summary);
  if (cmd.out === null) {
    io.out(text);
    io.err(`media-jobs: ${summary}\n`);
    return EXIT.ok;
  }
  if (!io.writeFile) throw new Error(l10n.t('this media-jobs cannot write files'));
  try {
    await io.writeFile(cmd.out, text);
  } catch (e) {
    io.err(`media-jobs: export: ${l10n.t('cannot write {0}: {1}', safe(cmd.out), oneLine(e instanceof Error ? e.message : errorText(e)))}\n`);
    return EXIT.failed;
  }
  io.err(`media-jobs: ${l10n.t('wrote {0} (OpenTimelineIO, {1} per second): {2}', safe(cmd.out), cmd.rate, summary)}\n`);
  return EXIT.ok;
}
