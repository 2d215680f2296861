/** What command handlers are given: the extension's services, passed in (no globals). */
import type * as vscode from 'vscode';
import { type TreeNode } from '../model/grouping.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { type CloudAccess } from '../tracking/cloudAccess.js';
import { type CredentialsService } from '../tracking/credentialsService.js';
import { type JobStore } from '../tracking/jobStore.js';
import { type Poller } from '../tracking/poller.js';
import { type JobsTreeProvider } from '../views/jobsTree.js';
import { type Logger } from '../views/logger.js';
import { type Prompter } from '../views/prompter.js';
import { type Settings } from '../views/settings.js';

export interface CommandDeps {
  store: JobStore;
  poller: Poller;
  tree: JobsTreeProvider;
  view: vscode.TreeView<TreeNode>;
  credentials: CredentialsService;
  access: CloudAccess;
  logger: Logger;
  prompter: Prompter;
  settings: () => Settings;
  /** Opens the inspector for a tracked job (the JSON document until the inspector panel lands). */
  inspect: (job: TrackedJob) => Promise<void>;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
}
