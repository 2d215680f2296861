/**
 * What runs right after activation, off its path: load the saved jobs (a corrupt state is kept as a backup and
 * reported, the list starts empty), look for workspace files that try to set endpoints, seed the `npm start`
 * demo, then show the tree and start polling.
 */
import * as vscode from 'vscode';
import { runDemoSeed } from '../dev/demoSeed.js';
import { savedStateProblemMessage } from '../present/messages.js';
import { type StoreProblem } from '../tracking/jobStore.js';
import { errorText } from '../util/errorText.js';
import { type Services } from './services.js';
import * as l10n from '../util/l10n.js';

/** Resolves to what loading the saved state reported (null: it was fine); never rejects. */
export async function startUp(s: Services, env: Readonly<Record<string, string | undefined>>): Promise<StoreProblem | null> {
  try {
    // After activate() has returned: reading the list is not activation's work (the job files follow in slices).
    await new Promise<void>((r) => setImmediate(r));
    const problem = await s.store.load();
    if (problem) {
      s.logger.warn(`saved state: ${problem.message} (kept under ${problem.backupKey})`);
      void vscode.window.showWarningMessage(savedStateProblemMessage(problem.message), l10n.t('Show Logs'))
        .then((c) => c && s.logger.channel.show(true));
    }
    await s.settings.findOverrides();
    if (env.MEDIA_JOBS_DEMO === '1') await runDemoSeed(s, env);
    s.tree.refresh();
    await s.accounts.update();
    s.poller.start();
    return problem;
  } catch (e) {
    s.logger.error(`startup: ${errorText(e)}`);
    return null;
  }
}
