/**
 * The Recent Jobs view: what the clouds' list calls find, without knowing any id. Cloud → source (a kind in a
 * region; live edge: the cluster ids the user named) → jobs, newest first, then "Load more" while the list goes on.
 * The rows come from present/recentNodes.ts, the paging from tracking/recentSource.ts, the window, status filter,
 * regions and clusters from tracking/recentPrefs.ts.
 *
 * Cost: nothing is fetched until a source is expanded (VS Code asks for its children), and then only its first
 * page; "Load more" fetches the next. A source expanded again after a minute is fetched again; nothing is ever
 * fetched on a timer. The view starts collapsed, so activation never reaches it.
 */
import * as vscode from 'vscode';
import { COMMANDS, RECENT_VIEW_ID } from '../constants.js';
import { CLOUDS, JOB_KINDS, type CloudId, type JobKind } from '../model/job.js';
import { CLOUD_LABEL, KIND_CLOUD, KIND_INFO } from '../kinds/index.js';
import {
  clustersNodeId, cloudNodeId, hasChildren, kindPlural, type RecentNode, recentJobLook, recentJobNodeId, recentJobTooltip, type SourceSpec, sourceDescription,
  sourceId, sourceLabel, sourceTail, sourceTooltip,
} from '../present/recentNodes.js';
import { windowBounds, windowLabel } from '../present/recentWindow.js';
import { STATUS_LABEL } from '../present/status.js';
import { type CloudAccess, type ListInfo } from '../tracking/cloudAccess.js';
import { type JobStore } from '../tracking/jobStore.js';
import { RecentSource } from '../tracking/recentSource.js';
import { type RecentPrefsStore } from '../tracking/recentPrefs.js';
import { trackedErrorFrom } from '../tracking/trackedError.js';
import { type MediaJobsError } from '../clouds/errors.js';
import { type ListPage } from '../clouds/listing.js';
import { type Job } from '../model/job.js';
import { type TrackedError, type TrackedJob } from '../model/trackedJob.js';
import { errorText } from '../util/errorText.js';
import * as l10n from '../util/l10n.js';

/** Jobs a pull asks for (each list API caps it at its own maximum). */
export const RECENT_PAGE_SIZE = 50;
/** A source expanded again after this long is fetched again. */
export const RELOAD_ON_EXPAND_MS = 60_000;

/** The account a source is browsed with (one per cloud until profiles exist). */
export function accountKey(cloud: CloudId): string {
  return `${cloud}/default`;
}

export function needsCluster(kind: JobKind): boolean {
  return KIND_INFO[kind].params.some((p) => p.name === 'clusterId' && p.required);
}

export interface RecentTreeDeps {
  access: Pick<CloudAccess, 'list' | 'listInfo' | 'describeError'>;
  store: Pick<JobStore, 'findById' | 'onDidChange'>;
  prefs: RecentPrefsStore;
  defaultRegion: (cloud: CloudId) => string;
  now?: () => number;
  log?: (message: string) => void;
}

export class RecentJobsTree implements vscode.TreeDataProvider<RecentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RecentNode | RecentNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sources = new Map<string, RecentSource>();
  /** One element object per id, so VS Code's refreshes of a node reach the same object. */
  private readonly nodes = new Map<string, RecentNode>();
  /** Sources whose rows VS Code shows (expanded): a new window or filter reloads these, and resets the others. */
  private readonly expanded = new Set<string>();
  /** Per source, the tracked marks its rows were last drawn with. */
  private readonly trackedMarks = new Map<string, string>();
  private readonly infos = new Map<JobKind, ListInfo | null>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly deps: RecentTreeDeps) {
    this.disposables.push(deps.store.onDidChange(() => this.trackedChanged()));
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private node<N extends RecentNode>(n: N): N {
    const old = this.nodes.get(n.id);
    if (old && old.type === n.type) {
      Object.assign(old, n);
      return old as N;
    }
    this.nodes.set(n.id, n);
    return n;
  }

  nodeById(id: string): RecentNode | undefined {
    return this.nodes.get(id);
  }

  /** The regions a kind is listed in: those the user chose, else the cloud's default region. */
  regionsOf(kind: JobKind): string[] {
    return [...(this.deps.prefs.current.regions[kind] ?? [this.deps.defaultRegion(KIND_CLOUD[kind])])];
  }

  /** The sources of a kind shown now (its regions; for live edge, each remembered cluster in each region). */
  specsOf(kind: JobKind): SourceSpec[] {
    const regions = this.regionsOf(kind);
    if (!needsCluster(kind)) return regions.map((region) => ({ kind, region, clusterId: null }));
    const clusters = this.deps.prefs.current.clusters[accountKey(KIND_CLOUD[kind])] ?? [];
    return regions.flatMap((region) => clusters.map((clusterId) => ({ kind, region, clusterId })));
  }

  /** A source by its spec; a batch job's sub-jobs are a source keyed by the batch row's id. */
  sourceOf(spec: SourceSpec, id = sourceId(spec)): RecentSource {
    let s = this.sources.get(id);
    if (!s) {
      s = new RecentSource({
        open: (signal) => this.open(spec, signal),
        pageSize: RECENT_PAGE_SIZE,
        onChange: () => this.sourceChanged(id),
        now: () => this.now(),
      });
      this.sources.set(id, s);
    }
    return s;
  }

  private open(spec: SourceSpec, signal: AbortSignal): AsyncIterator<ListPage, void, undefined> {
    const prefs = this.deps.prefs.current;
    const { from, to } = windowBounds(prefs.window, this.now());
    const info = this.infoOf(spec.kind);
    const pageSize = Math.min(RECENT_PAGE_SIZE, info?.maxPageSize ?? RECENT_PAGE_SIZE);
    if (spec.parent) {
      // A batch's sub-jobs: from the batch's creation (or the window's start, if the list did not say) to now.
      const created = spec.parent.createdAt !== null ? Date.parse(spec.parent.createdAt) : Number.NaN;
      this.deps.log?.(`recent: listing the sub-jobs of ${spec.kind} batch ${spec.parent.id} in ${spec.region}`);
      return this.deps.access.list(spec.kind, {
        region: spec.region, from: Number.isFinite(created) ? Math.min(created, to) : from, to, status: null, pageSize, params: {}, parentId: spec.parent.id,
      }, signal);
    }
    this.deps.log?.(`recent: listing ${spec.kind} in ${spec.region}${spec.clusterId ? ` cluster ${spec.clusterId}` : ''}, ${windowLabel(prefs.window)}${prefs.status ? `, ${prefs.status}` : ''}`);
    return this.deps.access.list(spec.kind, {
      region: spec.region, from, to, status: prefs.status, pageSize,
      params: spec.clusterId ? { clusterId: spec.clusterId } : {},
    }, signal);
  }

  private infoOf(kind: JobKind): ListInfo | null {
    if (!this.infos.has(kind)) {
      try {
        this.infos.set(kind, this.deps.access.listInfo(kind));
      } catch {
        return null;
      }
    }
    return this.infos.get(kind) ?? null;
  }

  private sourceChanged(id: string): void {
    const n = this.nodes.get(id);
    this.changed.fire(n ? [n] : undefined);
  }

  /** Tracked marks follow the store: redraw the sources whose rows' marks changed. */
  private trackedChanged(): void {
    const fire: RecentNode[] = [];
    for (const [id, s] of this.sources) {
      if (s.jobs.length === 0) continue;
      const marks = this.marksOf(s);
      if (this.trackedMarks.get(id) === marks) continue;
      this.trackedMarks.set(id, marks);
      const n = this.nodes.get(id);
      if (n) fire.push(n);
    }
    if (fire.length > 0) this.changed.fire(fire);
  }

  /** The tracked job a listed job is (same kind and id), if it is tracked. */
  trackedOf(job: Job): TrackedJob | undefined {
    return this.deps.store.findById(job.id).find((t) => t.ref.kind === job.kind);
  }

  isTracked(job: Job): boolean {
    return this.trackedOf(job) !== undefined;
  }

  /** One character per listed job of a source: whether it is tracked (what its rows were drawn with). */
  private marksOf(s: RecentSource): string {
    return s.jobs.map((j) => (this.isTracked(j) ? '1' : '0')).join('');
  }

  /** The view's description: the window and the status filter. */
  description(): string {
    const p = this.deps.prefs.current;
    return `${windowLabel(p.window)}${p.status ? ` · ${l10n.label(STATUS_LABEL[p.status]).toLowerCase()}` : ''}`;
  }

  /** Reloads the sources the user sees and forgets the others (a new window, filter, region or credentials). */
  reloadAll(): void {
    for (const [id, s] of this.sources) {
      if (this.expanded.has(id)) void s.load();
      else s.reset();
    }
    this.changed.fire(undefined);
  }

  /** Reloads one source now (its Refresh action, or retry). */
  reload(id: string): Promise<void> {
    const s = this.sources.get(id);
    return s ? s.load() : Promise.resolve();
  }

  loadMore(id: string): Promise<void> {
    return this.sources.get(id)?.more() ?? Promise.resolve();
  }

  didExpand(node: RecentNode): void {
    if (node.type !== 'source' && !(node.type === 'recentJob' && hasChildren(node.job))) return;
    this.expanded.add(node.id);
    const s = this.sources.get(node.id);
    if (s && s.state !== 'loading' && s.loadedAt !== null && this.now() - s.loadedAt >= RELOAD_ON_EXPAND_MS) void s.load();
  }

  didCollapse(node: RecentNode): void {
    if (node.type === 'source' || node.type === 'recentJob') this.expanded.delete(node.id);
  }

  /** Regions or clusters changed: the rows under clouds are rebuilt. */
  sourcesChanged(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: RecentNode): RecentNode[] {
    if (!element) return CLOUDS.map((cloud) => this.node({ type: 'cloud', id: cloudNodeId(cloud), cloud }));
    switch (element.type) {
      case 'cloud':
        return JOB_KINDS.filter((k) => KIND_CLOUD[k] === element.cloud).flatMap((kind) => this.kindRows(kind));
      case 'clusters':
        return this.clusterRows(element.kind, element.region);
      case 'source':
        return this.sourceRows(element.id, element.spec);
      case 'recentJob':
        return hasChildren(element.job)
          ? this.sourceRows(element.id, { kind: element.job.kind, region: element.job.region, clusterId: null, parent: { id: element.job.id, createdAt: element.job.createdAt } })
          : [];
      default:
        return [];
    }
  }

  private kindRows(kind: JobKind): RecentNode[] {
    const regions = this.regionsOf(kind);
    if (needsCluster(kind)) return regions.map((region) => this.node({ type: 'clusters', id: clustersNodeId(kind, region), kind, region }));
    return regions.map((region) => {
      const spec = { kind, region, clusterId: null };
      return this.node({ type: 'source', id: sourceId(spec), spec });
    });
  }

  private clusterRows(kind: JobKind, region: string): RecentNode[] {
    const rows: RecentNode[] = this.specsOf(kind).filter((s) => s.region === region).map((spec) => this.node({ type: 'source', id: sourceId(spec), spec }));
    const parent = clustersNodeId(kind, region);
    rows.push(this.node({
      type: 'note', id: `${parent}/add`, sourceId: parent,
      note: { label: l10n.t('Add Cluster ID…'), tooltip: l10n.t('No API lists edge clusters: name one (the Live console shows it) and it is remembered for this account.'), icon: 'add', action: 'addCluster' },
    }));
    return rows;
  }

  /** The rows of a source (a kind's list, or a batch job's sub-jobs under the batch row `id`). */
  private sourceRows(id: string, spec: SourceSpec): RecentNode[] {
    const node = { id };
    const s = this.sourceOf(spec, id);
    this.expanded.add(node.id);
    // The first expand starts the first page (VS Code asks for children only when the row is expanded).
    if (s.state === 'idle') void s.load();
    const rows: RecentNode[] = s.jobs.map((job) => this.node({ type: 'recentJob', id: recentJobNodeId(node.id, job), sourceId: node.id, job }));
    this.trackedMarks.set(node.id, this.marksOf(s));
    const error = s.error ? errorOf(s.error, this.now()) : null;
    const filter = spec.parent ? { parentId: spec.parent.id } : { window: windowLabel(this.deps.prefs.current.window), status: this.deps.prefs.current.status };
    const tail = sourceTail(s.state, s.jobs.length, s.hasMore, error, filter);
    if (tail === 'more') rows.push(this.node({ type: 'more', id: `${node.id}/more`, sourceId: node.id }));
    else if (tail) rows.push(this.node({ type: 'note', id: `${node.id}/note`, sourceId: node.id, note: tail }));
    return rows;
  }

  getParent(element: RecentNode): RecentNode | undefined {
    switch (element.type) {
      case 'cloud':
        return undefined;
      case 'clusters':
        return this.nodes.get(cloudNodeId(KIND_CLOUD[element.kind]));
      case 'source':
        return element.spec.clusterId
          ? this.nodes.get(clustersNodeId(element.spec.kind, element.spec.region))
          : this.nodes.get(cloudNodeId(KIND_CLOUD[element.spec.kind]));
      default:
        return this.nodes.get(element.sourceId);
    }
  }

  getTreeItem(node: RecentNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.type) {
      case 'cloud': {
        const item = new vscode.TreeItem(l10n.label(CLOUD_LABEL[node.cloud]), C.Expanded);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('cloud');
        item.contextValue = `recentCloud;cloud-${node.cloud};`;
        return item;
      }
      case 'clusters': {
        const item = new vscode.TreeItem(kindPlural(node.kind), C.Collapsed);
        item.id = node.id;
        item.description = node.region;
        item.iconPath = new vscode.ThemeIcon(KIND_INFO[node.kind].icon);
        item.tooltip = l10n.t('Edge transcode jobs are listed per cluster (ListEdgeTranscodeJob needs a ClusterId, and no API lists clusters).');
        item.contextValue = `recentClusters;kind-${node.kind};`;
        return item;
      }
      case 'source': {
        const s = this.sources.get(node.id);
        const loaded = s && s.loadedAt !== null && s.state !== 'loading' ? { count: s.jobs.length, more: s.hasMore } : null;
        const item = new vscode.TreeItem(sourceLabel(node.spec), C.Collapsed);
        item.id = node.id;
        item.description = sourceDescription(node.spec, loaded);
        item.iconPath = new vscode.ThemeIcon(node.spec.clusterId ? 'server-environment' : KIND_INFO[node.spec.kind].icon);
        item.contextValue = `recentSource;kind-${node.spec.kind};${node.spec.clusterId ? 'cluster;' : ''}${(this.deps.prefs.current.regions[node.spec.kind]?.length ?? 1) > 1 ? 'manyRegions;' : ''}`;
        return item;
      }
      case 'recentJob': {
        const underParent = this.nodes.get(node.sourceId)?.type === 'recentJob';
        const look = recentJobLook(node.job, this.isTracked(node.job), this.now(), vscode.env.language, { underParent });
        // A batch job opens to its sub-jobs (listed when it is first expanded).
        const item = new vscode.TreeItem(look.label, hasChildren(node.job) ? C.Collapsed : C.None);
        item.id = node.id;
        item.description = look.description;
        item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
        item.contextValue = look.contextValue;
        item.accessibilityInformation = { label: look.a11y };
        // A click inspects a job; a batch row's click expands it (VS Code's default) instead.
        if (!hasChildren(node.job)) item.command = { command: COMMANDS.recentInspect, title: 'Inspect', arguments: [node] };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(l10n.t('Load more'), C.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'recentMore;';
        item.command = { command: COMMANDS.recentLoadMore, title: l10n.t('Load more'), arguments: [node] };
        return item;
      }
      case 'note': {
        const n = node.note;
        const item = new vscode.TreeItem(n.label, C.None);
        item.id = node.id;
        if (n.description) item.description = n.description;
        if (n.tooltip) {
          const md = new vscode.MarkdownString(n.tooltip);
          md.isTrusted = false;
          md.supportHtml = false;
          item.tooltip = md;
        }
        item.iconPath = new vscode.ThemeIcon(n.icon, n.color ? new vscode.ThemeColor(n.color) : undefined);
        item.contextValue = `recentNote;${n.action ?? 'none'};`;
        if (n.action) item.command = { command: COMMANDS.recentNoteAction, title: n.label, arguments: [node] };
        return item;
      }
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: RecentNode): vscode.TreeItem {
    let text: string | null = null;
    if (node.type === 'recentJob') text = recentJobTooltip(node.job, this.isTracked(node.job), this.now());
    else if (node.type === 'source') text = sourceTooltip(node.spec, this.infoOf(node.spec.kind));
    if (text !== null) {
      const md = new vscode.MarkdownString(text);
      md.isTrusted = false;
      md.supportHtml = false;
      md.supportThemeIcons = true;
      item.tooltip = md;
    }
    return item;
  }

  dispose(): void {
    for (const s of this.sources.values()) s.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

/** A list's error as a row shows it: a cloud-layer error's parts, or any other error's text (an ended generation). */
function errorOf(e: unknown, now: number): TrackedError {
  const kind = (e as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string' && e instanceof Error) return trackedErrorFrom(e as MediaJobsError, new Date(now));
  return { kind: 'network', code: null, message: errorText(e), hint: l10n.t('refresh to try again'), at: new Date(now).toISOString() };
}

/** Creates the view (collapsed at first: nothing is fetched before the user opens it) and keeps its description. */
export function createRecentView(tree: RecentJobsTree): { view: vscode.TreeView<RecentNode>; disposables: vscode.Disposable[] } {
  const view = vscode.window.createTreeView(RECENT_VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  view.description = tree.description();
  const disposables: vscode.Disposable[] = [
    view,
    view.onDidExpandElement((e) => tree.didExpand(e.element)),
    view.onDidCollapseElement((e) => tree.didCollapse(e.element)),
  ];
  return { view, disposables };
}
