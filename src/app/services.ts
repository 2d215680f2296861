/**
 * The extension's services, built once at activation and wired to each other. Nothing slow runs here: the
 * saved state loads after activation (src/app/startUp.ts), the cloud core (undici, schemas, signers) on the
 * first request, the language client when the first document shows.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import { STATE_KEYS } from '../constants.js';
import { systemClock } from '../clouds/clock.js';
import { type TreeNode } from '../present/grouping.js';
import { type ResolvedCredentials } from '../tracking/credentialsService.js';
import { CloudAccess, type CoreModule } from '../tracking/cloudAccess.js';
import { CredentialsService } from '../tracking/credentialsService.js';
import { ProfilesService, withProfile } from '../tracking/profilesService.js';
import { JobStore } from '../tracking/jobStore.js';
import { nodeSnapshotDir } from '../tracking/snapshotDir.js';
import { FileKeyValueStore } from '../tracking/listFile.js';
import { Poller } from '../tracking/poller.js';
import { JobsTreeProvider, createJobsView } from '../views/jobsTree.js';
import { createAccountStatus } from '../views/accountStatus.js';
import { RecentJobsTree, createRecentView } from '../views/recentJobsTree.js';
import { type RecentNode } from '../present/recentNodes.js';
import { RecentPrefsStore } from '../tracking/recentPrefs.js';
import { JobDocumentProvider } from '../views/jobDocument.js';
import { InspectorPanels } from '../views/inspectorPanel.js';
import { Notifier } from '../views/notifications.js';
import { Logger } from '../platform/logger.js';
import { LiveSettings } from '../platform/liveSettings.js';
import { type Prompter, WindowPrompter } from '../platform/prompter.js';
import { proxyEnvFor } from '../platform/settingsModel.js';
import { ScriptedPrompter } from '../dev/scriptedPrompter.js';
import { neutralise } from '../util/neutralise.js';
import { errorText } from '../util/errorText.js';
import * as l10n from '../util/l10n.js';

export interface Services {
  logger: Logger;
  settings: LiveSettings;
  store: JobStore;
  credentials: CredentialsService;
  /** Every named profile per cloud; `credentials` is the slot of today's ("default") keys among them. */
  profiles: ProfilesService;
  access: CloudAccess;
  tree: JobsTreeProvider;
  view: vscode.TreeView<TreeNode>;
  recent: { tree: RecentJobsTree; view: vscode.TreeView<RecentNode>; prefs: RecentPrefsStore };
  poller: Poller;
  notifier: Notifier;
  documents: JobDocumentProvider;
  prompter: Prompter;
  inspector: InspectorPanels;
  /** The default accounts on screen and the tree's Account level; `update()` re-reads the profiles. */
  accounts: { update: () => Promise<void> };
  /** Everything above that must be disposed, in the order to dispose it. */
  disposables: vscode.Disposable[];
}

export interface BuildOptions {
  /** Loads the cloud core bundle (a runtime require next to the entry bundle). */
  loadCore: () => CoreModule;
  /** Records where activation time goes (read by bench/activation through the test API). */
  mark: (phase: string) => void;
  /** The start-up that runs after activation (src/app/startUp.ts); the inspector awaits it to restore a panel. */
  ready: () => Promise<void>;
  /** Integration tests (MEDIA_JOBS_TEST=1): they answer the prompts through the test API. */
  testMode: boolean;
}

export function buildServices(context: vscode.ExtensionContext, { loadCore, mark, ready, testMode }: BuildOptions): Services {
  const logger = new Logger();
  const settings = new LiveSettings(logger);
  logger.setLevel(settings.current.logLevel);
  mark('logger');
  // The tracked list in a file beside the job files (listFile.ts says why not in globalState); other keys stay there.
  const storage = context.globalStorageUri.fsPath;
  const list = new FileKeyValueStore(nodeSnapshotDir(storage), context.globalState, [STATE_KEYS.jobs]);
  const store = new JobStore(list, {
    key: STATE_KEYS.jobs,
    // One file per job's snapshot (globalState holds the short list): a poll writes the jobs it changed.
    files: nodeSnapshotDir(join(storage, 'jobs')),
    backupKey: STATE_KEYS.jobsBackup,
    onPersistError: (e) => logger.error(`saving tracked jobs failed: ${errorText(e)}`),
    // What the store left out of an answer (a whole caster's tasks past the cap, ids that are not ids).
    onNotice: (m) => {
      logger.warn(m);
      void vscode.window.showWarningMessage(l10n.t('Media Jobs: {0}', neutralise(m, { icons: false, maxLength: 400 })));
    },
  });
  const credentials = new CredentialsService(context.secrets);
  const profiles = new ProfilesService(context.secrets, context.globalState, credentials);
  const access = new CloudAccess(loadCore, async () => {
    const [c, accounts] = await Promise.all([profiles.defaultCredentials(), profiles.accounts()]);
    logger.setSecrets([...accounts.aliyun.values(), ...accounts.huawei.values()].flatMap(secretsOf));
    const s = settings.current;
    const proxyEnv = proxyEnvFor(s.proxy, process.env);
    return {
      credentials: c, accounts, defaultAccount: accounts.defaults,
      signature: s.signature, endpoints: s.endpoints, defaultRegions: s.defaultRegions, ...(proxyEnv ? { proxyEnv } : {}),
    };
  }, (info) => logger.debug(`${info.api}: retry ${info.attempt} in ${Math.round(info.delayMs)} ms after ${errorText(info.error)}`));
  mark('store, credentials, access');

  const tree = new JobsTreeProvider(store, settings.current.groupBy);
  const { view, disposables: viewDisposables } = createJobsView(tree, store);
  const poller = new Poller({
    store,
    // A job saved before profiles existed belongs to the profile its keys migrated to: "default".
    fetch: (refs, signal) => access.fetch(refs.map(withProfile), signal),
    clock: systemClock,
    intervalMs: () => settings.current.pollIntervalMs,
    isActive: () => vscode.window.state.focused || view.visible,
    onError: (e) => logger.error(`poller: ${errorText(e)}`),
  });
  // The Recent Jobs view: nothing is read from a cloud until one of its sources is expanded.
  const recentPrefs = new RecentPrefsStore(context.globalState);
  const recentTree = new RecentJobsTree({
    access, store, prefs: recentPrefs,
    defaultRegion: (cloud) => settings.current.defaultRegions[cloud],
    log: (m) => logger.debug(m),
  });
  const { view: recentView, disposables: recentDisposables } = createRecentView(recentTree);
  mark('tree view, poller, recent view');
  const notifier = new Notifier(() => settings.current.notifications);
  const documents = new JobDocumentProvider();
  // Integration tests answer the prompts through the test API; a prompt they did not script goes to the window.
  const prompter = testMode ? new ScriptedPrompter(new WindowPrompter()) : new WindowPrompter();
  const inspector = new InspectorPanels(context.extensionUri, { store, refresh: (key) => poller.refresh([key]), ready, log: logger });
  mark('inspector');
  // Reads SecretStorage: first updated by startUp, after activation.
  const accounts = createAccountStatus(profiles, tree, view, () => settings.current.groupByAccount);
  return {
    logger, settings, store, credentials, profiles, access, tree, view, recent: { tree: recentTree, view: recentView, prefs: recentPrefs }, poller, notifier, documents, prompter, inspector, accounts: { update: accounts.update },
    disposables: [accounts.disposable, logger, settings, tree, recentTree, documents, inspector, access, ...viewDisposables, ...recentDisposables, { dispose: () => poller.dispose() }, { dispose: () => profiles.dispose() }, { dispose: () => credentials.dispose() }],
  };
}

/** The secret values the logger must never print. */
export function secretsOf(c: ResolvedCredentials): string[] {
  return [c.aliyun?.accessKeySecret, c.aliyun?.securityToken, c.huawei?.sk, c.huawei?.securityToken].filter((s): s is string => !!s);
}
