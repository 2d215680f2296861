/**
 * Compare Jobs…: two tracked jobs of one kind (two selected rows, or a row and a pick of another of its kind, or
 * two picks) side by side: the comparison page (src/present/jobDiff.ts, as Markdown in VS Code's preview) and
 * their decoded JSON in a diff editor behind it, for the ClipsParam and everything else.
 */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { resolveJobs } from './jobArgs.js';
import { KIND_INFO } from '../kinds/index.js';
import { jobPickItems } from '../present/messages.js';
import { type TrackedJob } from '../model/trackedJob.js';

export function compareJobsCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<boolean> => {
    let jobs = await resolveJobs(deps, arg, selected, 'Compare which job?');
    if (jobs.length > 2) {
      void vscode.window.showInformationMessage(`Select two jobs to compare, not ${jobs.length}.`);
      return false;
    }
    const first = jobs[0];
    if (!first) return false;
    if (jobs.length === 1) {
      const others = deps.store.all().filter((t) => t.ref.kind === first.ref.kind && t.key !== first.key);
      if (others.length === 0) {
        void vscode.window.showInformationMessage(`No other ${KIND_INFO[first.ref.kind].label} is tracked to compare ${first.ref.id} with.`);
        return false;
      }
      const picked = await deps.prompter.pick(jobPickItems(others), { placeHolder: `Compare ${first.ref.id} with…`, matchOnDescription: true, matchOnDetail: true });
      const second = picked ? deps.store.get(picked.key) : undefined;
      if (!second) return false;
      jobs = [first, second];
    }
    const [a, b] = jobs as [TrackedJob, TrackedJob];
    if (a.ref.kind !== b.ref.kind) {
      void vscode.window.showInformationMessage(`Compare jobs of one kind: ${a.ref.id} is an ${KIND_INFO[a.ref.kind].label}, ${b.ref.id} a ${KIND_INFO[b.ref.kind].label}.`);
      return false;
    }
    await deps.compare(a, b);
    return true;
  };
}
