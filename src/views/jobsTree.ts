/**
 * The tracked-jobs tree: Cloud → Status → Job (or Status → Cloud → Job), from the pure grouping in
 * present/grouping.ts. Items have stable ids so expansion and selection survive refreshes; tooltips are
 * built only when hovered (resolveTreeItem).
 *
 * VS Code redraws every row it is told about, and a redrawn row closes the tooltip over it. So the tree keeps one
 * element object per id (groups and jobs) across refreshes and tells VS Code only about rows whose text, icon or
 * menus changed, in one event: `fire([rows and groups])` (a group whose count or children changed, together with
 * what changed under it). The whole tree is refreshed only when the grouping or the filter changes, a job moves
 * to another group, or a top-level group appears or goes. Descriptions carry ages only to the minute, and a
 * once-a-minute tick (while the view is visible) redraws only rows whose text that changes; the age of the last
 * check is in the tooltip, computed when it opens. VS Code keeps a resolved tooltip until its row is redrawn, so
 * a row whose tooltip was opened is redrawn when the tooltip's facts change, or a minute after it opened (so the
 * next hover shows current ages).
 */
import * as vscode from 'vscode';
import { CONTEXT, VIEW_ID } from '../constants.js';
import { type AccountGrouping, type GroupBy, type GroupNode, groupJobs, type JobFilter, type TreeNode, walkTree } from '../present/grouping.js';
import { contextValue, jobDescription, jobLabel, jobTooltipMarkdown, type RowLook, statusIcon } from '../present/jobPresentation.js';
import { effectiveStatus } from '../present/status.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { Emitter } from '../util/event.js';
import { type JobStore } from '../tracking/jobStore.js';
import * as l10n from '../util/l10n.js';

const CLOUD_ICON: Record<string, string> = { aliyun: 'cloud', huawei: 'cloud' };

/** How often the view re-checks ages in descriptions, and how long an opened tooltip is kept before it is rebuilt. */
export const AGE_TICK_MS = 60_000;

function jobLook(t: TrackedJob, now: number): RowLook {
  const icon = statusIcon(effectiveStatus(t));
  const label = jobLabel(t);
  const description = jobDescription(t, now);
  return {
    label, description, icon: icon.spin ? `${icon.id}~spin` : icon.id, color: icon.color ?? undefined, contextValue: contextValue(t),
    a11y: `${label}, ${l10n.label(effectiveStatus(t))}${description ? `, ${description}` : ''}`,
  };
}

function groupLook(g: GroupNode): RowLook {
  let icon = g.level === 'account' ? 'account' : CLOUD_ICON[g.cloud ?? ''] ?? 'cloud';
  let color: string | undefined;
  if (g.level === 'status' && g.status) {
    const s = statusIcon(g.status);
    icon = s.id;
    color = s.color ?? undefined;
  }
  return { label: g.label, description: '', icon, color, contextValue: `group;${g.level};`, a11y: g.label };
}

function lookKey(l: RowLook): string {
  return JSON.stringify([l.label, l.description, l.icon, l.color, l.contextValue, l.a11y]);
}

/** The tooltip's facts without the ages and the last check (those move with the clock and every poll). */
function tooltipFacts(t: TrackedJob): string {
  return jobTooltipMarkdown({ ...t, lastCheckedAt: null, lastError: t.lastError ? { ...t.lastError, at: '' } : null }, 0);
}

/** What the view needs to know after a refresh (the badge, the filter message). */
export interface TreeUpdate {
  /** Elements passed to onDidChangeTreeData: 'all' for the whole tree. */
  fired: 'all' | readonly TreeNode[];
}

export class JobsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly updates = new Emitter<TreeUpdate>();
  /** After every refresh, whether or not VS Code was told anything. */
  readonly onDidUpdate = this.updates.event;
  private roots: TreeNode[] = [];
  /** One element object per tree id, kept across refreshes (VS Code's extension host knows elements by object). */
  private readonly byId = new Map<string, TreeNode>();
  /** What VS Code was last given for each row (getTreeItem), by id: the rows it shows. */
  private readonly shown = new Map<string, string>();
  /** Job rows whose tooltip VS Code resolved (and keeps): when, and the facts it showed. */
  private readonly resolved = new Map<string, { at: number; facts: string }>();
  private filter: JobFilter | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: JobStore,
    private groupBy: GroupBy,
    private readonly now: () => number = Date.now,
  ) {
    this.disposables.push(this._onDidChangeTreeData, { dispose: () => this.updates.dispose() });
    this.disposables.push(store.onDidChange(() => this.refresh()));
    this.reconcile();
  }

  get currentFilter(): JobFilter | undefined {
    return this.filter;
  }

  get currentGrouping(): GroupBy {
    return this.groupBy;
  }

  private accounts: AccountGrouping | undefined;

  /** How jobs map to accounts (profiles), or undefined for no account level; refreshes the whole tree. */
  setAccounts(accounts: AccountGrouping | undefined): void {
    this.accounts = accounts;
    this.refresh({ whole: true });
  }

  setGrouping(groupBy: GroupBy): void {
    if (groupBy === this.groupBy) return;
    this.groupBy = groupBy;
    this.refresh({ whole: true });
  }

  setFilter(filter: JobFilter | undefined): void {
    const empty = !filter || ((!filter.text || filter.text.trim() === '') && (!filter.statuses || filter.statuses.length === 0));
    this.filter = empty ? undefined : filter;
    void vscode.commands.executeCommand('setContext', CONTEXT.filtered, this.filter !== undefined);
    this.refresh({ whole: true });
  }

  /**
   * Re-groups from the store and tells the view what changed: nothing, some rows and groups (one event), or the
   * whole tree (`whole`, or when the shape changed in a way a partial refresh cannot express).
   * `staleTooltipMs`: also redraw rows whose tooltip was resolved at least that long ago.
   */
  refresh(o: { whole?: boolean; staleTooltipMs?: number } = {}): TreeUpdate {
    const { whole, changed } = this.reconcile();
    let fired: TreeUpdate['fired'];
    if (o.whole || whole) {
      this.shown.clear();
      this.resolved.clear();
      fired = 'all';
      this._onDidChangeTreeData.fire(undefined);
    } else {
      const now = this.now();
      const set = new Set(changed);
      for (const [id, r] of this.resolved) {
        const node = this.byId.get(id);
        if (!node || node.type !== 'job') {
          this.resolved.delete(id);
          continue;
        }
        const stale = o.staleTooltipMs !== undefined && now - r.at >= o.staleTooltipMs;
        if (stale || tooltipFacts(node.job) !== r.facts) {
          set.add(node);
          this.resolved.delete(id);
        }
      }
      const elements = [...set];
      fired = elements;
      if (elements.length > 0) this._onDidChangeTreeData.fire(elements);
    }
    const update: TreeUpdate = { fired };
    this.updates.fire(update);
    return update;
  }

  /** The current top-level nodes (for tests and the badge). */
  get rootNodes(): readonly TreeNode[] {
    return this.roots;
  }

  nodeById(id: string): TreeNode | undefined {
    return this.byId.get(id);
  }

  /**
   * Builds the new tree into the kept element objects and finds what changed for VS Code: rows it shows whose
   * look changed, groups whose children (count, order, members) changed. `whole` when a job moved to another
   * group or the top level changed.
   */
  private reconcile(): { whole: boolean; changed: TreeNode[] } {
    const fresh = groupJobs(this.store.all(), this.groupBy, this.filter, this.accounts);
    const before = new Map<string, { parentId: string | null; children: string | null }>();
    for (const [id, n] of this.byId) before.set(id, { parentId: n.parentId, children: n.type === 'group' ? n.children.map((c) => c.id).join('\n') : null });
    const oldRoots = this.roots.map((n) => n.id).join('\n');

    const next = new Map<string, TreeNode>();
    const adopt = (n: TreeNode): TreeNode => {
      const old = this.byId.get(n.id);
      let node: TreeNode;
      if (n.type === 'group') {
        const children = n.children.map(adopt);
        if (old?.type === 'group') {
          Object.assign(old, { ...n, children });
          node = old;
        } else {
          n.children = children;
          node = n;
        }
      } else if (old?.type === 'job') {
        Object.assign(old, n);
        node = old;
      } else {
        node = n;
      }
      next.set(node.id, node);
      return node;
    };
    this.roots = fresh.map(adopt);
    this.byId.clear();
    for (const [id, n] of next) this.byId.set(id, n);
    for (const id of [...this.shown.keys()]) if (!next.has(id)) this.shown.delete(id);

    let whole = this.roots.map((n) => n.id).join('\n') !== oldRoots;
    const changed: TreeNode[] = [];
    const now = this.now();
    for (const node of walkTree(this.roots)) {
      const id = node.id;
      const was = before.get(id);
      if (was && node.type === 'job' && was.parentId !== node.parentId) whole = true;
      if (!was) continue; // New: VS Code gets it through its parent.
      const childrenChanged = node.type === 'group' && was.children !== node.children.map((c) => c.id).join('\n');
      const shownLook = this.shown.get(id);
      const lookChanged = shownLook !== undefined && shownLook !== lookKey(node.type === 'group' ? groupLook(node) : jobLook(node.job, now));
      if (childrenChanged || lookChanged) changed.push(node);
    }
    return { whole, changed };
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) return this.roots;
    return element.type === 'group' ? element.children : [];
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.parentId ? this.byId.get(element.parentId) : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const look = node.type === 'group' ? groupLook(node) : jobLook(node.job, this.now());
    this.shown.set(node.id, lookKey(look));
    const item = new vscode.TreeItem(look.label, node.type === 'group' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.contextValue = look.contextValue;
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    if (node.type === 'job') {
      item.description = look.description;
      item.accessibilityInformation = { label: look.a11y };
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.type === 'job') {
      const now = this.now();
      const md = new vscode.MarkdownString(jobTooltipMarkdown(node.job, now));
      md.isTrusted = false;
      md.supportHtml = false;
      md.supportThemeIcons = true;
      item.tooltip = md;
      this.resolved.set(node.id, { at: now, facts: tooltipFacts(node.job) });
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
  // Set only what changed: each assignment is a message to the workbench.
  let last: { badge: string; description: string | undefined; message: string | undefined; hasJobs: boolean } | undefined;
  const update = () => {
    const jobs = store.all();
    const running = jobs.filter((j) => effectiveStatus(j) === 'running').length;
    const f = provider.currentFilter;
    const parts: string[] = [];
    if (f?.text) parts.push(`“${f.text}”`);
    if (f?.statuses?.length) parts.push(f.statuses.map((s) => l10n.label(s)).join(l10n.t(', ')));
    const next = {
      badge: String(running),
      description: parts.length ? l10n.t('filter: {0}', parts.join(' · ')) : undefined,
      message: f && jobs.length > 0 && provider.rootNodes.length === 0 ? l10n.t('No tracked job matches the filter.') : undefined,
      hasJobs: jobs.length > 0,
    };
    if (last?.badge !== next.badge) view.badge = running > 0 ? { value: running, tooltip: running === 1 ? l10n.t('{0} running job', running) : l10n.t('{0} running jobs', running) } : undefined;
    if (!last || last.description !== next.description) view.description = next.description;
    if (!last || last.message !== next.message) view.message = next.message;
    if (last?.hasJobs !== next.hasJobs) void vscode.commands.executeCommand('setContext', CONTEXT.hasJobs, next.hasJobs);
    last = next;
  };
  update();
  const disposables: vscode.Disposable[] = [view, provider.onDidUpdate(update)];
  // Ages in descriptions ("waiting 3 min") are to the minute: re-check them once a minute while the view is
  // visible (only rows whose text changed are redrawn), and when it becomes visible again.
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (!view.visible) return;
    provider.refresh({ staleTooltipMs: AGE_TICK_MS });
    timer = setInterval(() => provider.refresh({ staleTooltipMs: AGE_TICK_MS }), AGE_TICK_MS);
  };
  tick();
  disposables.push(view.onDidChangeVisibility(tick), { dispose: () => timer && clearInterval(timer) });
  return { view, disposables };
}
