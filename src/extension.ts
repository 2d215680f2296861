/**
 * Composition root: builds the services (src/app/services.ts), wires them (src/app/wiring.ts), registers the
 * views, commands and language features, and returns. The saved state loads right after activation
 * (src/app/startUp.ts); the cloud core and the language client load on first use.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, STATE_KEYS } from './constants.js';
import { FileKeyValueStore } from './tracking/listFile.js';
import { buildServices } from './app/services.js';
import { commandDepsOf } from './app/commandDeps.js';
import { startUp } from './app/startUp.js';
import { wireServices } from './app/wiring.js';
import { registerCommands } from './commands/registerCommands.js';
import { createLanguageFeatures } from './client/languageClient.js';
import { type ScriptedPrompter } from './dev/scriptedPrompter.js';
import { type TestApi } from './dev/testApi.js';
import { type CoreModule } from './tracking/cloudAccess.js';
import { type StoreProblem } from './tracking/jobStore.js';
import { createStatusBar } from './views/statusBar.js';
import { JOB_SCHEME } from './views/jobDocument.js';
import { setL10nBundle } from './util/l10n.js';

/** The core bundle sits next to this one (dist/cloud-core.js); `./cloud-core.js` is external to the extension build. */
const loadCore = (): CoreModule => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require of a sibling bundle is the point
  const core = require('./cloud-core.js') as CoreModule;
  // The core bundle has its own copy of the catalog: its error hints then speak the display language too.
  core.setL10nBundle(vscode.l10n.bundle, vscode.env.language);
  return core;
};

/** What deactivate() must finish: the store's debounced write. */
let flushOnDeactivate: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  // The messages of the pure layers (src/util/l10n.ts) from the bundle VS Code loaded for its display language.
  setL10nBundle(vscode.l10n.bundle, vscode.env.language);
  const testMode = process.env.MEDIA_JOBS_TEST === '1';
  // bench/activation reads how much of activate() was garbage collection (the host's heap, not our code).
  const gc = testMode ? watchGc() : null;
  // …and how much of it this process spent on a CPU (wall time beyond that is waiting for one: a loaded machine).
  const cpuAtStart = testMode ? process.cpuUsage() : null;
  const phases: Array<[string, number]> = [];
  const mark = (label: string) => phases.push([label, performance.now() - started]);
  let ready: Promise<StoreProblem | null> = Promise.resolve(null);
  const s = buildServices(context, { loadCore, mark, ready: () => ready.then(() => undefined), testMode });
  flushOnDeactivate = () => s.store.flush();
  const language = createLanguageFeatures(context, s);
  const deps = commandDepsOf(s, language.jobIdAt);
  context.subscriptions.push(
    ...s.disposables,
    vscode.workspace.registerTextDocumentContentProvider(JOB_SCHEME, s.documents),
    createStatusBar(s.store),
    ...wireServices(s, context.secrets),
    ...registerCommands(deps),
    ...language.disposables,
  );
  ready = startUp(s, process.env);
  context.subscriptions.push(s.inspector.registerSerializer());
  mark('registrations');

  const activationMs = performance.now() - started;
  const cpu = cpuAtStart ? process.cpuUsage(cpuAtStart) : null;
  s.logger.info(`activated in ${activationMs.toFixed(1)} ms`);
  if (!testMode) return undefined;
  let loadProblem: StoreProblem | null = null;
  let restoredMs: number | null = null;
  // Tests read the store once the job files are back in memory too (they load in slices after the list).
  const loaded = ready.then(async (p) => {
    loadProblem = p;
    await s.store.restored;
    restoredMs = performance.now() - started;
  });
  return {
    ...s, activationMs, activationPhases: phases, activationGcMs: () => gc?.during(started, started + activationMs) ?? null,
    activationCpuMs: cpu ? (cpu.user + cpu.system) / 1000 : null, ready: loaded, prompter: s.prompter as ScriptedPrompter, commands: COMMANDS,
    coreLoaded: () => s.access.loaded, globalState: context.globalState, storagePath: context.globalStorageUri.fsPath,
    listFile: join(context.globalStorageUri.fsPath, FileKeyValueStore.fileName(STATE_KEYS.jobs)), loadProblem: () => loadProblem, restoredMs: () => restoredMs, settings: () => s.settings.current,
  };
}

/** Garbage collections from now on; `during(a, b)` sums the milliseconds of those that overlap a…b. */
function watchGc(): { during(a: number, b: number): number } {
  const seen: PerformanceEntry[] = [];
  const obs = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  obs.observe({ entryTypes: ['gc'] });
  return {
    during: (a, b) => seen.reduce((ms, e) => ms + Math.max(0, Math.min(b, e.startTime + e.duration) - Math.max(a, e.startTime)), 0),
  };
}

/** Writes pending state (the store debounces its writes). */
export async function deactivate(): Promise<void> {
  await flushOnDeactivate?.();
}
