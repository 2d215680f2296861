/**
 * Accounts on screen: the default account of each cloud in the view's description and (with several profiles) a
 * status bar item that switches it, and the tree's Account level (mediaJobs.groupByAccount). Updated when profiles
 * or settings change.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../constants.js';
import { DEFAULT_PROFILE } from '../clouds/profiles.js';
import { accountsDescription, accountsStatus, type AccountCounts } from '../present/accounts.js';
import { showAccounts, type TreeNode } from '../present/grouping.js';
import { KIND_CLOUD } from '../kinds/index.js';
import { CLOUDS } from '../model/job.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { type ProfilesService } from '../tracking/profilesService.js';
import { type JobsTreeProvider } from './jobsTree.js';

export function createAccountStatus(
  profiles: ProfilesService, tree: JobsTreeProvider, view: vscode.TreeView<TreeNode>,
  groupByAccount: () => 'auto' | 'always' | 'never',
): { update: () => Promise<void>; disposable: vscode.Disposable } {
  const item = vscode.window.createStatusBarItem('mediaJobs.account', vscode.StatusBarAlignment.Left, 9);
  item.name = 'Media Jobs Account';
  item.command = COMMANDS.switchDefaultProfile;
  // A job saved before profiles is the "default" profile's; renamed profiles are followed.
  const accountOf = (job: TrackedJob): string => {
    const name = job.ref.profile ?? DEFAULT_PROFILE;
    return profiles.resolveName(KIND_CLOUD[job.ref.kind], name) ?? name;
  };
  let seq = 0;
  const update = async (): Promise<void> => {
    const mine = ++seq;
    const counts: AccountCounts = {};
    for (const cloud of CLOUDS) {
      const list = await profiles.list(cloud);
      if (list.length > 0) counts[cloud] = { default: profiles.defaultName(cloud), count: list.length };
    }
    if (mine !== seq) return;
    const description = accountsDescription(counts);
    view.description = description || undefined;
    const status = accountsStatus(counts);
    if (status) {
      item.text = status.text;
      item.tooltip = status.tooltip;
      item.accessibilityInformation = { label: status.tooltip };
      item.show();
    } else {
      item.hide();
    }
    const mode = groupByAccount();
    tree.setAccounts(mode === 'never' ? undefined : {
      of: accountOf,
      show: (_cloud, jobs) => showAccounts(mode, jobs, accountOf),
      defaultOf: (cloud) => profiles.defaultName(cloud),
    });
  };
  const sub = profiles.onDidChange(() => void update());
  return { update, disposable: { dispose: () => (sub.dispose(), item.dispose()) } };
}
