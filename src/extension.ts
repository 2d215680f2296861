/**
 * Composition root: builds the object graph, registers views and commands, and returns. Nothing slow
 * runs here: the saved state loads right after activation, and the cloud core (undici, schemas, signers)
 * loads on the first request.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { COMMANDS, SECRET_KEYS, STATE_KEYS } from './constants.js';
import { registerCommands } from './commands/registerCommands.js';
import { type CommandDeps } from './commands/deps.js';
import { systemClock } from './clouds/clock.js';
import { CloudAccess, type CoreModule } from './tracking/cloudAccess.js';
import { CredentialsService } from './tracking/credentialsService.js';
import { JobStore } from './tracking/jobStore.js';
import { Poller } from './tracking/poller.js';
import { JobsTreeProvider, createJobsView } from './views/jobsTree.js';
import { JobDocumentProvider, JOB_SCHEME } from './views/jobDocument.js';
import { Logger } from './platform/logger.js';
import { Notifier } from './views/notifications.js';
import { ScriptedPrompter } from './dev/scriptedPrompter.js';
import { WindowPrompter } from './platform/prompter.js';
import { findWorkspaceEndpointOverrides, readSettings, type Settings } from './platform/settings.js';
import { proxyEnvFor } from './platform/settingsModel.js';
import { createStatusBar } from './views/statusBar.js';
import { cannotOpenMessage, savedStateProblemMessage, settingsProblemMessage } from './present/messages.js';
import { InspectorPanels } from './views/inspectorPanel.js';
import { neutralise } from './util/neutralise.js';
import { registerLanguageFeatures } from './client/languageClient.js';
import { runDemoSeed } from './dev/demoSeed.js';
import { type TrackedJob } from './model/trackedJob.js';
import { type TestApi } from './dev/testApi.js';

/** The core bundle sits next to this one (dist/cloud-core.js); `./cloud-core.js` is external to the extension build. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require of a sibling bundle is the point
const loadCore = (): CoreModule => require('./cloud-core.js') as CoreModule;

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  const testMode = process.env.MEDIA_JOBS_TEST === '1';
  // Where activation time goes (read by bench/activation through the test API).
  const phases: Array<[string, number]> = [];
  const mark = (label: string) => phases.push([label, performance.now() - started]);
  const logger = new Logger();
  mark('logger');
  let settings: Settings = readSettings();
  /** Workspace settings files that try to set endpoints (found off the activation path; reported, never used). */
  let workspaceOverrides: string[] = [];
  logger.setLevel(settings.logLevel);

  const store = new JobStore(context.globalState, {
    key: STATE_KEYS.jobs,
    backupKey: STATE_KEYS.jobsBackup,
    onPersistError: (e) => logger.error(`saving tracked jobs failed: ${describe(e)}`),
    // What the store left out of an answer (a whole caster's tasks past the cap, ids that are not ids).
    onNotice: (m) => {
      logger.warn(m);
      void vscode.window.showWarningMessage(`Media Jobs: ${neutralise(m, { icons: false, maxLength: 400 })}`);
    },
  });
  atDeactivate = () => store.flush();
  const credentials = new CredentialsService(context.secrets, SECRET_KEYS);
  const access = new CloudAccess(loadCore, async () => {
    const c = await credentials.get();
    logger.setSecrets(secretsOf(c));
    const proxyEnv = proxyEnvFor(settings.proxy, process.env);
    return { credentials: c, signature: settings.signature, endpoints: settings.endpoints, defaultRegions: settings.defaultRegions, ...(proxyEnv ? { proxyEnv } : {}) };
  }, (info) => logger.debug(`${info.api}: retry ${info.attempt} in ${Math.round(info.delayMs)} ms after ${describe(info.error)}`));

  mark('store, credentials, access');
  const tree = new JobsTreeProvider(store, settings.groupBy);
  const { view, disposables: viewDisposables } = createJobsView(tree, store);
  const poller = new Poller({
    store,
    fetch: (refs, signal) => access.fetch(refs, signal),
    clock: systemClock,
    intervalMs: () => settings.pollIntervalMs,
    isActive: () => vscode.window.state.focused || view.visible,
    onError: (e) => logger.error(`poller: ${describe(e)}`),
  });
  mark('tree view, poller');
  const notifier = new Notifier(() => settings.notifications);
  const documents = new JobDocumentProvider();
  const prompter = testMode ? new ScriptedPrompter(new WindowPrompter()) : new WindowPrompter();

  // The ready promise is defined below; the inspector only awaits it when restoring a panel after a reload.
  let readyPromise: Promise<void> = Promise.resolve();
  const inspector = new InspectorPanels(context.extensionUri, {
    store,
    refresh: (key) => poller.refresh([key]),
    ready: () => readyPromise,
    log: logger,
  });
  const inspect = async (t: TrackedJob): Promise<void> => {
    await inspector.show(store.get(t.key) ?? t);
  };
  /** Open Job as JSON: the normalized job in a read-only JSON document (fetched again if restored from disk). */
  const openAsJson = async (t: TrackedJob): Promise<void> => {
    let current = store.get(t.key) ?? t;
    if (!current.snapshot || current.snapshot.raw === undefined || current.snapshot.raw === null) {
      await poller.refresh([current.key]);
      current = store.get(t.key) ?? current;
    }
    if (!current.snapshot) {
      void vscode.window.showWarningMessage(cannotOpenMessage(current));
      return;
    }
    await documents.show(current, current.snapshot);
  };

  mark('inspector');
  const deps: CommandDeps = {
    store, poller, tree, view, credentials, access, logger, prompter, inspect, openAsJson,
    settings: () => settings,
    env: process.env,
    homeDir: homedir(),
  };

  context.subscriptions.push(
    logger, tree, documents, inspector, access, ...viewDisposables,
    { dispose: () => poller.dispose() },
    vscode.workspace.registerTextDocumentContentProvider(JOB_SCHEME, documents),
    createStatusBar(store),
    poller.onDidTransition((e) => notifier.onTransition(e)),
    ...registerCommands(deps),
    ...registerLanguageFeatures(context, deps),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('mediaJobs') && !e.affectsConfiguration('http')) return;
      const before = settings;
      settings = readSettings(workspaceOverrides);
      logger.setLevel(settings.logLevel);
      tree.setGrouping(settings.groupBy);
      if (JSON.stringify([before.endpoints, before.signature, before.defaultRegions, before.proxy]) !== JSON.stringify([settings.endpoints, settings.signature, settings.defaultRegions, settings.proxy])) {
        access.invalidate();
      }
      reportEndpointProblems(settings, logger);
      void findWorkspaceEndpointOverrides().then((found) => {
        if (found.join() === workspaceOverrides.join()) return;
        workspaceOverrides = found;
        settings = readSettings(workspaceOverrides);
        reportEndpointProblems(settings, logger);
      });
    }),
    credentials.onDidChange(() => {
      access.invalidate();
      void credentials.get().then((c) => logger.setSecrets(secretsOf(c)));
      poller.wake();
    }),
    // Another window changed a secret: read it again.
    context.secrets.onDidChange((e) => {
      if ((Object.values(SECRET_KEYS) as string[]).includes(e.key)) credentials.invalidate();
    }),
    { dispose: () => credentials.dispose() },
    vscode.window.onDidChangeWindowState((e) => {
      // Another window may have tracked or dropped jobs meanwhile: show them now, not at this window's next save.
      if (e.focused) store.sync();
      poller.wake();
    }),
    view.onDidChangeVisibility(() => poller.wake()),
  );

  // Off the activation path: load the saved jobs, then start polling.
  let loadProblem: Awaited<ReturnType<JobStore['load']>> = null;
  const ready = (async () => {
    const problem = await store.load();
    loadProblem = problem;
    if (problem) {
      logger.warn(`saved state: ${problem.message} (kept under ${problem.backupKey})`);
      void vscode.window.showWarningMessage(savedStateProblemMessage(problem.message), 'Show Logs')
        .then((c) => c && logger.channel.show(true));
    }
    workspaceOverrides = await findWorkspaceEndpointOverrides();
    if (workspaceOverrides.length > 0) settings = readSettings(workspaceOverrides);
    reportEndpointProblems(settings, logger);
    if (process.env.MEDIA_JOBS_DEMO === '1') await runDemoSeed(deps, process.env);
    tree.refresh();
    poller.start();
  })().catch((e: unknown) => logger.error(`startup: ${describe(e)}`));
  readyPromise = ready;
  context.subscriptions.push(inspector.registerSerializer());

  mark('registrations');
  const activationMs = performance.now() - started;
  logger.info(`activated in ${activationMs.toFixed(1)} ms`);
  if (!testMode) return undefined;
  return { activationMs, ready, store, tree, view, poller, credentials, access, notifier, prompter: prompter as ScriptedPrompter, documents, inspector, logger, commands: COMMANDS, coreLoaded: () => access.loaded,
    activationPhases: phases, globalState: context.globalState, loadProblem: () => loadProblem, settings: () => settings };
}

let atDeactivate: (() => Promise<void>) | undefined;

/** Writes pending state (the store debounces its writes). */
export async function deactivate(): Promise<void> {
  await atDeactivate?.();
}

function secretsOf(c: Awaited<ReturnType<CredentialsService['get']>>): string[] {
  return [c.aliyun?.accessKeySecret, c.aliyun?.securityToken, c.huawei?.sk, c.huawei?.securityToken].filter((s): s is string => !!s);
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

let reported = '';
function reportEndpointProblems(settings: Settings, logger: Logger): void {
  const text = settings.endpointProblems.join('; ');
  if (text === reported) return;
  reported = text;
  if (!text) return;
  logger.warn(text);
  // Names workspace folders and the .code-workspace file: the workspace chooses them.
  void vscode.window.showWarningMessage(settingsProblemMessage(text));
}
