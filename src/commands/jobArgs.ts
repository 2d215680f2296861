/**
 * Commands get their job from a tree node (context menu; with multi-select, all selected nodes),
 * a job key (notification buttons), or nothing (command palette: ask).
 */
import { type CommandDeps } from './deps.js';
import { type TreeNode } from '../model/grouping.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { jobPickItems } from '../views/messages.js';

function isNode(x: unknown): x is TreeNode {
  return typeof x === 'object' && x !== null && 'type' in x && 'id' in x;
}

function jobsUnder(node: TreeNode): TrackedJob[] {
  return node.type === 'job' ? [node.job] : node.children.flatMap(jobsUnder);
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
  const all = deps.store.all();
  if (all.length === 0) return [];
  const picked = await deps.prompter.pick(
    jobPickItems(all),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  const t = picked ? deps.store.get(picked.key) : undefined;
  return t ? [t] : [];
}
