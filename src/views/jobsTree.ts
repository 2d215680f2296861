/**
 * The tracked-jobs tree: Cloud → Status → Job (or Status → Cloud → Job), from the pure grouping in
 * model/grouping.ts. Items have stable ids so expansion and selection survive refreshes; tooltips are
 * built only when hovered (resolveTreeItem).
 */
import * as vscode from 'vscode';
import { CONTEXT, VIEW_ID } from '../constants.js';
import { type GroupBy, groupJobs, type JobFilter, type TreeNode } from '../model/grouping.js';
import { contextValue, jobDescription, jobTitle, jobTooltipMarkdown, statusIcon } from '../model/jobPresentation.js';
import { effectiveStatus } from '../model/trackedJob.js';
import { type JobStore } from '../tracking/jobStore.js';

const CLOUD_ICON: Record<string, string> = { aliyun: 'cloud', huawei: 'cloud' };

export class JobsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private roots: TreeNode[] = [];
  private readonly byId = new Map<string, TreeNode>();
  private filter: JobFilter | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: JobStore,
    private groupBy: GroupBy,
    private readonly now: () => number = Date.now,
  ) {
    this.disposables.push(this._onDidChangeTreeData);
    this.disposables.push(store.onDidChange(() => this.refresh()));
    this.rebuild();
  }

  get currentFilter(): JobFilter | undefined {
    return this.filter;
  }

  get currentGrouping(): GroupBy {
    return this.groupBy;
  }

  setGrouping(groupBy: GroupBy): void {
    if (groupBy === this.groupBy) return;
    this.groupBy = groupBy;
    this.refresh();
  }

  setFilter(filter: JobFilter | undefined): void {
    const empty = !filter || ((!filter.text || filter.text.trim() === '') && (!filter.statuses || filter.statuses.length === 0));
    this.filter = empty ? undefined : filter;
    void vscode.commands.executeCommand('setContext', CONTEXT.filtered, this.filter !== undefined);
    this.refresh();
  }

  /** Re-groups from the store and tells the view. */
  refresh(): void {
    this.rebuild();
    this._onDidChangeTreeData.fire(undefined);
  }

  /** The current top-level nodes (for tests and the badge). */
  get rootNodes(): readonly TreeNode[] {
    return this.roots;
  }

  nodeById(id: string): TreeNode | undefined {
    return this.byId.get(id);
  }

  private rebuild(): void {
    this.roots = groupJobs(this.store.all(), this.groupBy, this.filter);
    this.byId.clear();
    const walk = (nodes: readonly TreeNode[]) => {
      for (const n of nodes) {
        this.byId.set(n.id, n);
        if (n.type === 'group') walk(n.children);
      }
    };
    walk(this.roots);
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) return this.roots;
    return element.type === 'group' ? element.children : [];
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.parentId ? this.byId.get(element.parentId) : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.contextValue = `group;${node.level};`;
      if (node.level === 'status' && node.status) {
        const icon = statusIcon(node.status);
        item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
      } else if (node.cloud) {
        item.iconPath = new vscode.ThemeIcon(CLOUD_ICON[node.cloud] ?? 'cloud');
      }
      return item;
    }
    const t = node.job;
    const item = new vscode.TreeItem(jobTitle(t), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = jobDescription(t, this.now());
    const icon = statusIcon(effectiveStatus(t));
    item.iconPath = new vscode.ThemeIcon(icon.spin ? `${icon.id}~spin` : icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = contextValue(t);
    item.accessibilityInformation = { label: `${jobTitle(t)}, ${effectiveStatus(t)}, ${item.description}` };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.type === 'job') {
      const md = new vscode.MarkdownString(jobTooltipMarkdown(node.job, this.now()));
      md.isTrusted = false;
      md.supportHtml = false;
      md.supportThemeIcons = true;
      item.tooltip = md;
    }
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Creates the view, with its badge (running jobs) and filter description. */
export function createJobsView(provider: JobsTreeProvider, store: JobStore): { view: vscode.TreeView<TreeNode>; disposables: vscode.Disposable[] } {
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const update = () => {
    const jobs = store.all();
    const running = jobs.filter((j) => effectiveStatus(j) === 'running').length;
    view.badge = running > 0 ? { value: running, tooltip: `${running} running job${running === 1 ? '' : 's'}` } : undefined;
    const f = provider.currentFilter;
    const parts: string[] = [];
    if (f?.text) parts.push(`“${f.text}”`);
    if (f?.statuses?.length) parts.push(f.statuses.join(', '));
    view.description = parts.length ? `filter: ${parts.join(' · ')}` : undefined;
    view.message = f && jobs.length > 0 && provider.rootNodes.length === 0 ? 'No tracked job matches the filter.' : undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT.hasJobs, jobs.length > 0);
  };
  update();
  const disposables: vscode.Disposable[] = [view, provider.onDidChangeTreeData(update)];
  // Ages in descriptions ("updated 12 s ago") go stale: redraw now and then, only while the view is visible.
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    if (timer) clearInterval(timer);
    timer = view.visible ? setInterval(() => provider.refresh(), 15_000) : undefined;
  };
  tick();
  disposables.push(view.onDidChangeVisibility(tick), { dispose: () => timer && clearInterval(timer) });
  return { view, disposables };
}
