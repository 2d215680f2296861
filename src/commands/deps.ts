/** What command handlers are given: the extension's services, passed in (no globals). */
import type * as vscode from 'vscode';
import { type DetectedJobId } from '../detect/detectJobIds.js';
import { type TreeNode } from '../present/grouping.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { type CloudAccess } from '../tracking/cloudAccess.js';
import { type CredentialsService } from '../tracking/credentialsService.js';
import { type ProfilesService } from '../tracking/profilesService.js';
import { type JobStore } from '../tracking/jobStore.js';
import { type Poller } from '../tracking/poller.js';
import { type JobsTreeProvider } from '../views/jobsTree.js';
import { type RecentJobsTree } from '../views/recentJobsTree.js';
import { type RecentNode } from '../present/recentNodes.js';
import { type RecentPrefsStore } from '../tracking/recentPrefs.js';
import { type Logger } from '../platform/logger.js';
import { type Prompter } from '../platform/prompter.js';
import { type Settings } from '../platform/settings.js';

export interface CommandDeps {
  store: JobStore;
  poller: Poller;
  tree: JobsTreeProvider;
  view: vscode.TreeView<TreeNode>;
  credentials: CredentialsService;
  /** Every named profile (account) per cloud; `credentials` is today's ("default") slot among them. */
  profiles: ProfilesService;
  /** The Recent Jobs view: its tree, view and remembered window, filter, regions and clusters. */
  recent: { tree: RecentJobsTree; view: vscode.TreeView<RecentNode>; prefs: RecentPrefsStore };
  access: CloudAccess;
  logger: Logger;
  prompter: Prompter;
  settings: () => Settings;
  /** Opens the inspector panel for a tracked job. */
  inspect: (job: TrackedJob) => Promise<void>;
  /** Opens the normalized job as a read-only JSON document. */
  openAsJson: (job: TrackedJob) => Promise<void>;
  /** Opens the comparison of two jobs of one kind (its page and the JSON diff). */
  compare: (a: TrackedJob, b: TrackedJob) => Promise<void>;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** The job key of the inspector panel in front, if one is (commands of its editor title menu act on it). */
  activeInspectorKey?: () => string | undefined;

  /**
   * The job id at a position as the language server detects it (the core detector when the server is not
   * running), from createLanguageFeatures (src/client/languageClient.ts); Look Up Job ID at Cursor uses it.
   */
  jobIdAt: (document: vscode.TextDocument, position: vscode.Position) => Promise<DetectedJobId | null>;
}
