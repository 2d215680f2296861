/** What the commands are given (src/commands/deps.ts), made from the services. */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { type CommandDeps } from '../commands/deps.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { cannotOpenMessage } from '../present/messages.js';
import { diffJobs } from '../present/jobDiff.js';
import { jobDiffMarkdown } from '../present/jobDiffMarkdown.js';
import { shortId } from '../present/shortId.js';
import { type Services } from './services.js';
import { withWholeJobs } from '../tracking/wholeJob.js';

export function commandDepsOf(s: Services, jobIdAt: CommandDeps['jobIdAt']): CommandDeps {
  return {
    store: s.store, poller: s.poller, tree: s.tree, view: s.view, recent: s.recent, credentials: s.credentials, profiles: s.profiles, access: s.access, logger: s.logger, prompter: s.prompter,
    settings: () => s.settings.current,
    env: process.env,
    homeDir: homedir(),
    inspect: async (t) => { await s.inspector.show(s.store.get(t.key) ?? t); },
    openAsJson: (t) => openAsJson(s, t),
    compare: (a, b) => compare(s, a, b),
    activeInspectorKey: () => s.inspector.activeKey(),
    jobIdAt,
  };
}

/** Compare Jobs: the page in the Markdown preview, over the diff editor of the two jobs' JSON. */
async function compare(s: Services, ta: TrackedJob, tb: TrackedJob): Promise<void> {
  // Both jobs whole while they are compared (the documents keep their own copies after).
  await withWholeJobs(s, [ta, tb], ([a, b]) => compareWhole(s, a!, b!));
}

async function compareWhole(s: Services, a: TrackedJob, b: TrackedJob): Promise<void> {
  const missing = [a, b].find((t) => !t.snapshot);
  if (missing) {
    void vscode.window.showWarningMessage(cannotOpenMessage(missing));
    return;
  }
  const d = diffJobs(a.snapshot!, b.snapshot!);
  await vscode.commands.executeCommand('vscode.diff', s.documents.put(a, a.snapshot!), s.documents.put(b, b.snapshot!), `${shortId(a.ref.id)} ↔ ${shortId(b.ref.id)} (JSON)`, { preview: false });
  const page = s.documents.putText(`compare/${a.ref.kind}-${a.ref.id}-${b.ref.id}.md`, jobDiffMarkdown(d));
  await vscode.commands.executeCommand('markdown.showPreview', page);
  s.logger.info(`compared ${a.ref.id} with ${b.ref.id}: ${d.changedCount} differences`);
}

/** Open Job as JSON: the normalized job in a read-only JSON document (fetched again if restored from disk). */
async function openAsJson(s: Services, t: TrackedJob): Promise<void> {
  // Kept whole while it is fetched and handed to the document (which holds its own copy from then on).
  await withWholeJobs(s, [t], async ([current]) => {
    if (!current!.snapshot) {
      void vscode.window.showWarningMessage(cannotOpenMessage(current!));
      return;
    }
    await s.documents.show(current!, current!.snapshot);
  });
}
