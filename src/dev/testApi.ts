/** What activate() returns when MEDIA_JOBS_TEST=1 (integration tests only; nothing in normal use). */
import type * as vscode from 'vscode';
import { type COMMANDS } from '../constants.js';
import { type TreeNode } from '../present/grouping.js';
import { type CloudAccess } from '../tracking/cloudAccess.js';
import { type CredentialsService } from '../tracking/credentialsService.js';
import { type ProfilesService } from '../tracking/profilesService.js';
import { type JobStore, type StoreProblem } from '../tracking/jobStore.js';
import { type Settings } from '../platform/settings.js';
import { type Poller } from '../tracking/poller.js';
import { type JobsTreeProvider } from '../views/jobsTree.js';
import { type RecentJobsTree } from '../views/recentJobsTree.js';
import { type RecentNode } from '../present/recentNodes.js';
import { type RecentPrefsStore } from '../tracking/recentPrefs.js';
import { type JobDocumentProvider } from '../views/jobDocument.js';
import { type InspectorPanels } from '../views/inspectorPanel.js';
import { type Logger } from '../platform/logger.js';
import { type Notifier } from '../views/notifications.js';
import { type ScriptedPrompter } from './scriptedPrompter.js';

export interface TestApi {
  activationMs: number;
  /** Cumulative milliseconds at the end of each phase of activate(). */
  activationPhases: ReadonlyArray<[string, number]>;
  /** CPU milliseconds the extension host process used during activate() (all its threads), null outside tests. */
  activationCpuMs: number | null;
  /** Milliseconds of garbage collection during activate() (observed entries; they arrive asynchronously). */
  activationGcMs(): number | null;
  /** Milliseconds from the start of activate() until the job files were read back (`ready`); null before. */
  restoredMs(): number | null;
  /** Resolves when the saved state is loaded and polling has started. */
  ready: Promise<void>;
  store: JobStore;
  tree: JobsTreeProvider;
  view: vscode.TreeView<TreeNode>;
  recent: { tree: RecentJobsTree; view: vscode.TreeView<RecentNode>; prefs: RecentPrefsStore };
  poller: Poller;
  credentials: CredentialsService;
  profiles: ProfilesService;
  access: CloudAccess;
  notifier: Notifier;
  prompter: ScriptedPrompter;
  documents: JobDocumentProvider;
  inspector: InspectorPanels;
  logger: Logger;
  commands: typeof COMMANDS;
  coreLoaded: () => boolean;
  /** The extension's globalState, so tests can corrupt the saved state on purpose. */
  globalState: vscode.Memento;
  /** context.globalStorageUri's folder: the tracked list's file and the job files (jobs/) are under it. */
  storagePath: string;
  /** The tracked list's file (src/tracking/listFile.ts). */
  listFile: string;
  /** What store.load() reported at startup (null: the state was fine). */
  loadProblem: () => StoreProblem | null;
  settings: () => Settings;
}
