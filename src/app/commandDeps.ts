/** What the commands are given (src/commands/deps.ts), made from the services. */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { type CommandDeps } from '../commands/deps.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { cannotOpenMessage } from '../present/messages.js';
import { type Services } from './services.js';

export function commandDepsOf(s: Services, jobIdAt: CommandDeps['jobIdAt']): CommandDeps {
  return {
    store: s.store, poller: s.poller, tree: s.tree, view: s.view, recent: s.recent, credentials: s.credentials, access: s.access, logger: s.logger, prompter: s.prompter,
    settings: () => s.settings.current,
    env: process.env,
    homeDir: homedir(),
    inspect: async (t) => { await s.inspector.show(s.store.get(t.key) ?? t); },
    openAsJson: (t) => openAsJson(s, t),
    jobIdAt,
  };
}

/** Open Job as JSON: the normalized job in a read-only JSON document (fetched again if restored from disk). */
async function openAsJson(s: Services, t: TrackedJob): Promise<void> {
  let current = s.store.get(t.key) ?? t;
  if (!current.snapshot || current.snapshot.raw === undefined || current.snapshot.raw === null) {
    // Kept whole while it is fetched and handed to the document (which holds its own copy from then on).
    const held = s.store.retain(current.key);
    try {
      await s.poller.refresh([current.key]);
      current = s.store.get(t.key) ?? current;
    } finally {
      held.dispose();
    }
  }
  if (!current.snapshot) {
    void vscode.window.showWarningMessage(cannotOpenMessage(current));
    return;
  }
  await s.documents.show(current, current.snapshot);
}
