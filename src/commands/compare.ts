/**
 * Compare Jobs…: two tracked jobs of one kind (two selected rows, or a row and a pick of another of its kind, or
 * two picks; or a job with its own earlier snapshot, kept while its inspector shows it) side by side: the comparison page (src/present/jobDiff.ts, as Markdown in VS Code's preview) and
 * their decoded JSON in a diff editor behind it, for the ClipsParam and everything else.
 */
import * as vscode from 'vscode';
import * as l10n from '../util/l10n.js';
import { type CommandDeps } from './deps.js';
import { resolveJobs } from './jobArgs.js';
import { KIND_INFO } from '../kinds/index.js';
import { jobPickItems } from '../present/messages.js';
import { type TrackedJob } from '../model/trackedJob.js';

/** The pick item that stands for the job's own earlier snapshot. */
const EARLIER = '\u0000earlier';

export function compareJobsCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<boolean> => {
    let jobs = await resolveJobs(deps, arg, selected, l10n.t('Compare which job?'));
    if (jobs.length > 2) {
      void vscode.window.showInformationMessage(l10n.t('Select two jobs to compare, not {0}.', jobs.length));
      return false;
    }
    const first = jobs[0];
    if (!first) return false;
    if (jobs.length === 1) {
      const others = deps.store.all().filter((t) => t.ref.kind === first.ref.kind && t.key !== first.key);
      const earlier = deps.store.earlierOf(first.key);
      if (others.length === 0 && !earlier) {
        void vscode.window.showInformationMessage(l10n.t('No other {0} is tracked to compare {1} with.', l10n.label(KIND_INFO[first.ref.kind].label), first.ref.id));
        return false;
      }
      // Its own earlier snapshot first, when the inspector showed the job change in this window.
      const items = [
        ...(earlier ? [{ label: `$(history) ${first.ref.id}`, description: earlier.checkedAt ? l10n.t('as fetched {0}', earlier.checkedAt) : l10n.t('as fetched earlier'), detail: l10n.t('Its earlier snapshot, kept while the inspector shows it'), key: EARLIER }] : []),
        ...jobPickItems(others),
      ];
      const picked = await deps.prompter.pick(items, { placeHolder: l10n.t('Compare {0} with…', first.ref.id), matchOnDescription: true, matchOnDetail: true });
      if (!picked) return false;
      if (picked.key === EARLIER && earlier) {
        // The earlier one is a copy under its own key: it is neither fetched again nor mistaken for the current one.
        const then: TrackedJob = { ...first, key: `${first.key}#earlier`, snapshot: earlier.snapshot, lastCheckedAt: earlier.checkedAt, snapshotLight: false, snapshotTrimmed: false };
        await deps.compare(then, first);
        return true;
      }
      const second = deps.store.get(picked.key);
      if (!second) return false;
      jobs = [first, second];
    }
    const [a, b] = jobs as [TrackedJob, TrackedJob];
    if (a.ref.kind !== b.ref.kind) {
      void vscode.window.showInformationMessage(l10n.t('Compare jobs of one kind: {0} is an {1}, {2} a {3}.', a.ref.id, l10n.label(KIND_INFO[a.ref.kind].label), b.ref.id, l10n.label(KIND_INFO[b.ref.kind].label)));
      return false;
    }
    await deps.compare(a, b);
    return true;
  };
}
