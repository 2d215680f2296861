/**
 * Commands get their job from a tree node (context menu; with multi-select, all selected nodes), a job key
 * (notification buttons), or nothing (command palette, keybinding): then the job rows selected in the Media Jobs
 * view while it is visible, and only when no job row is selected, a pick.
 */
import { type CommandDeps } from './deps.js';
import { type TreeNode } from '../present/grouping.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { jobPickItems } from '../present/messages.js';

function isNode(x: unknown): x is TreeNode {
  return typeof x === 'object' && x !== null && 'type' in x && 'id' in x;
}

function jobsUnder(node: TreeNode): TrackedJob[] {
  return node.type === 'job' ? [node.job] : node.children.flatMap(jobsUnder);
}

/**
 * The jobs of the job rows selected in the view, as the store has them now (rows of untracked jobs are skipped);
 * none while the view is hidden (a selection the user cannot see is not a choice).
 */
export function selectedJobs(deps: Pick<CommandDeps, 'view' | 'store'>): TrackedJob[] {
  const out: TrackedJob[] = [];
  if (!deps.view.visible) return out;
  for (const n of deps.view.selection) {
    if (n.type !== 'job') continue;
    const t = deps.store.get(n.job.key);
    if (t && !out.some((j) => j.key === t.key)) out.push(t);
  }
  return out;
}

export async function resolveJobs(deps: CommandDeps, arg: unknown, selected: unknown, placeHolder: string): Promise<TrackedJob[]> {
  if (Array.isArray(selected) && selected.length > 0 && selected.every(isNode)) {
    const seen = new Map<string, TrackedJob>();
    for (const n of selected) for (const j of jobsUnder(n)) seen.set(j.key, j);
    return [...seen.values()];
  }
  if (isNode(arg)) return jobsUnder(arg);
  if (typeof arg === 'string') {
    const t = deps.store.get(arg) ?? deps.store.findById(arg)[0];
    return t ? [t] : [];
  }
  // From the palette: what the user selected in the view (job rows; a selected group alone still asks).
  const fromSelection = selectedJobs(deps);
  if (fromSelection.length > 0) return fromSelection;
  const all = deps.store.all();
  if (all.length === 0) return [];
  const picked = await deps.prompter.pick(
    jobPickItems(all),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  const t = picked ? deps.store.get(picked.key) : undefined;
  return t ? [t] : [];
}
