/**
 * Commands of the Recent Jobs view (src/views/recentJobsTree.ts): browse a kind, refresh, the time window and
 * status filter, Load more, track or inspect listed jobs (one or several selected), copy an id, open the console,
 * and the regions and edge cluster ids the view lists. Inspecting a listed job tracks it first, as a hover's
 * Inspect does: the inspector shows tracked jobs, kept current.
 */
import * as vscode from 'vscode';
import { cloudCliCommand } from '../export/commandLine.js';
import { type CommandDeps } from './deps.js';
import { trackRefs } from './track.js';
import { COMMANDS, RECENT_VIEW_ID } from '../constants.js';
import { JOB_KINDS, JOB_STATUSES, type JobKind, type JobStatus } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { CLOUD_LABEL, KIND_CLOUD, KIND_LABEL } from '../kinds/index.js';
import { refOfJob, validateId } from '../kinds/refs.js';
import { consoleUrl } from '../present/consoleLinks.js';
import { titleText } from '../present/messages.js';
import { clustersNodeId, kindPlural, type RecentNode, sourceId } from '../present/recentNodes.js';
import { parseWindow, WINDOW_PRESETS, windowLabel, type RecentWindow } from '../present/recentWindow.js';
import { STATUS_LABEL } from '../present/status.js';
import { MAX_CLUSTERS_PER_ACCOUNT, MAX_REGIONS_PER_KIND } from '../tracking/recentPrefs.js';
import { isRegionName } from '../util/region.js';
import { accountKey, needsCluster } from '../views/recentJobsTree.js';
import * as l10n from '../util/l10n.js';

type JobRow = Extract<RecentNode, { type: 'recentJob' }>;

function isRecentNode(x: unknown): x is RecentNode {
  return typeof x === 'object' && x !== null && 'type' in x && 'id' in x && typeof (x as { id: unknown }).id === 'string' && (x as { id: string }).id.startsWith('recent/');
}

/** The listed jobs a command acts on: the selected rows (multi-select), the row it was run on, or the view's selection. */
function jobRows(deps: CommandDeps, arg: unknown, selected: unknown): JobRow[] {
  const pick = (nodes: readonly unknown[]) => nodes.filter(isRecentNode).filter((n): n is JobRow => n.type === 'recentJob');
  if (Array.isArray(selected) && selected.length > 0) return pick(selected);
  if (isRecentNode(arg)) return pick([arg]);
  return deps.recent.view.visible ? pick(deps.recent.view.selection) : [];
}

function updateDescription(deps: CommandDeps): void {
  deps.recent.view.description = deps.recent.tree.description();
}

export function recentRefreshCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<void> => {
    // A source, or a batch row (its sub-jobs are a source keyed by the row's id).
    if (isRecentNode(arg) && (arg.type === 'source' || (arg.type === 'recentJob' && arg.job.batch?.role === 'batch'))) await deps.recent.tree.reload(arg.id);
    else deps.recent.tree.reloadAll();
  };
}

export function recentLoadMoreCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<void> => {
    if (isRecentNode(arg) && (arg.type === 'more' || arg.type === 'source')) await deps.recent.tree.loadMore(arg.type === 'more' ? arg.sourceId : arg.id);
  };
}

export function recentSetWindowCommand(deps: CommandDeps) {
  return async (): Promise<RecentWindow | undefined> => {
    const current = deps.recent.prefs.current.window;
    const items = [
      ...WINDOW_PRESETS.map((p) => ({ label: l10n.label(p.label), description: windowLabel(p.window) === windowLabel(current) ? l10n.t('current') : undefined, window: p.window as RecentWindow | null })),
      { label: l10n.t('Custom…'), description: l10n.t('a length (90m, 12h, 3d, 2w) or a range of dates'), window: null },
    ];
    const pick = await deps.prompter.pick(items, { title: titleText(l10n.t('Recent Jobs: time window')), placeHolder: l10n.t('Jobs created in… (now: {0})', windowLabel(current)) });
    if (!pick) return undefined;
    let window = pick.window;
    if (window === null) {
      const now = Date.now();
      const text = await deps.prompter.input({
        title: titleText(l10n.t('Recent Jobs: custom window')),
        prompt: l10n.t('A length before now (90m, 12h, 3d, 2w) or a range FROM .. TO (2026-11-01 .. 2026-11-15; 2026-11-01T08:00 .. 2026-11-01T20:00; UTC unless a zone is given)'),
        validateInput: (v) => { const w = parseWindow(v, now); return typeof w === 'string' ? w : undefined; },
      });
      if (text === undefined) return undefined;
      const w = parseWindow(text, Date.now());
      if (typeof w === 'string') throw new Error(w);
      window = w;
    }
    const chosen = window;
    await deps.recent.prefs.update((p) => { p.window = chosen; });
    updateDescription(deps);
    deps.recent.tree.reloadAll();
    return chosen;
  };
}

export function recentFilterStatusCommand(deps: CommandDeps) {
  return async (): Promise<JobStatus | null | undefined> => {
    const current = deps.recent.prefs.current.status;
    const items = [
      { label: l10n.t('All statuses'), description: current === null ? l10n.t('current') : undefined, status: null as JobStatus | null },
      ...JOB_STATUSES.filter((s) => s !== 'unknown').map((s) => ({ label: l10n.label(STATUS_LABEL[s]), description: s === current ? l10n.t('current') : undefined, status: s as JobStatus | null })),
    ];
    const pick = await deps.prompter.pick(items, { title: titleText(l10n.t('Recent Jobs: status')), placeHolder: l10n.t('Show jobs that are…') });
    if (!pick) return undefined;
    await deps.recent.prefs.update((p) => { p.status = pick.status; });
    updateDescription(deps);
    deps.recent.tree.reloadAll();
    return pick.status;
  };
}

/** Tracks the listed jobs that are not tracked yet; returns the tracked jobs of all of them. */
async function track(deps: CommandDeps, rows: readonly JobRow[]) {
  const refs: JobRef[] = [];
  for (const r of rows) if (r.job.batch?.role !== 'batch' && !deps.recent.tree.isTracked(r.job)) refs.push(refOfJob(r.job));
  const added = refs.length > 0 ? await trackRefs(deps, refs) : [];
  const all = rows.map((r) => deps.recent.tree.trackedOf(r.job)).filter((t) => t !== undefined);
  return { added, all };
}

export function recentTrackCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown) => {
    const rows = jobRows(deps, arg, selected);
    if (rows.length === 0) {
      void vscode.window.showInformationMessage(l10n.t('Select one or more jobs in Recent Jobs to track.'));
      return [];
    }
    const { added, all } = await track(deps, rows);
    void vscode.window.setStatusBarMessage((added.length === 1 ? l10n.t('Media Jobs: tracking {0} more job{1}', added.length, all.length > added.length ? l10n.t(' ({0} already tracked)', all.length - added.length) : '') : l10n.t('Media Jobs: tracking {0} more jobs{1}', added.length, all.length > added.length ? l10n.t(' ({0} already tracked)', all.length - added.length) : '')), 4000);
    return all;
  };
}

export function recentInspectCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown) => {
    const row = jobRows(deps, arg, Array.isArray(selected) && selected.length > 1 ? undefined : selected)[0];
    if (!row) return undefined;
    if (row.job.batch?.role === 'batch') {
      void vscode.window.showInformationMessage(l10n.t('{0} is a quick video production (batch) job: expand its row in Recent Jobs to list its sub-jobs, and inspect those.', row.job.id));
      return undefined;
    }
    const { all } = await track(deps, [row]);
    if (all[0]) await deps.inspect(all[0]);
    return all[0];
  };
}

export function recentCopyIdCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const rows = jobRows(deps, arg, selected);
    if (rows.length) await vscode.env.clipboard.writeText(rows.map((r) => r.job.id).join('\n'));
  };
}

/** The cloud CLI's command for each selected listed job (not a batch: its own status call is not known here). */
export function recentCopyCommandCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<string | undefined> => {
    const rows = jobRows(deps, arg, selected).filter((r) => r.job.batch?.role !== 'batch');
    if (rows.length === 0) return undefined;
    const made = rows.map((r) => cloudCliCommand(refOfJob(r.job), { endpoint: deps.settings().endpoints[r.job.kind] ?? null }));
    const text = made.map((c) => c.text).join('\n');
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(l10n.t('Media Jobs: copied the {0} command', made[0]!.tool), 4000);
    return text;
  };
}

export function recentOpenInConsoleCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const row = jobRows(deps, arg, selected)[0];
    if (!row) return;
    const ref = refOfJob(row.job);
    await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(ref, ref.region), true));
  };
}

function sourceKind(arg: unknown): { kind: JobKind; region: string } | null {
  if (!isRecentNode(arg)) return null;
  if (arg.type === 'source') return { kind: arg.spec.kind, region: arg.spec.region };
  if (arg.type === 'clusters') return { kind: arg.kind, region: arg.region };
  return null;
}

async function askRegion(deps: CommandDeps, kind: JobKind, title: string, value?: string): Promise<string | undefined> {
  const v = await deps.prompter.input({
    title: titleText(title), value, prompt: l10n.t('Region of the {0} ({1})', kindPlural(kind), KIND_CLOUD[kind] === 'aliyun' ? 'e.g. cn-shanghai, ap-southeast-1' : 'e.g. cn-north-4, ap-southeast-1'),
    validateInput: (s) => (isRegionName(s.trim()) ? undefined : l10n.t('regions look like cn-shanghai or cn-north-4')),
  });
  return v === undefined ? undefined : v.trim();
}

function regionsOf(deps: CommandDeps, kind: JobKind): string[] {
  return deps.recent.tree.regionsOf(kind);
}

export function recentAddRegionCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<void> => {
    const at = sourceKind(arg);
    let kind = at?.kind;
    if (!kind) {
      const pick = await deps.prompter.pick(JOB_KINDS.map((k) => ({ label: l10n.label(KIND_LABEL[k]), description: l10n.label(CLOUD_LABEL[KIND_CLOUD[k]]), jobKind: k })), { title: titleText(l10n.t('Recent Jobs: add a region')), placeHolder: l10n.t('Which kind of job?') });
      kind = pick?.jobKind;
    }
    if (!kind) return;
    const region = await askRegion(deps, kind, l10n.t('Recent Jobs: add a region'));
    if (!region) return;
    const regions = regionsOf(deps, kind);
    if (regions.includes(region)) return;
    if (regions.length >= MAX_REGIONS_PER_KIND) throw new Error(l10n.t('at most {0} regions per kind', MAX_REGIONS_PER_KIND));
    const k = kind;
    await deps.recent.prefs.update((p) => { p.regions[k] = [...regions, region]; });
    deps.recent.tree.sourcesChanged();
  };
}

export function recentChangeRegionCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<void> => {
    const at = sourceKind(arg);
    if (!at) return;
    const region = await askRegion(deps, at.kind, l10n.t('Recent Jobs: change the region'), at.region);
    if (!region || region === at.region) return;
    const regions = regionsOf(deps, at.kind).map((r) => (r === at.region ? region : r)).filter((r, i, a) => a.indexOf(r) === i);
    await deps.recent.prefs.update((p) => { p.regions[at.kind] = regions; });
    deps.recent.tree.sourcesChanged();
  };
}

export function recentRemoveRegionCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<void> => {
    const at = sourceKind(arg);
    if (!at) return;
    const regions = regionsOf(deps, at.kind).filter((r) => r !== at.region);
    if (regions.length === 0) return;
    await deps.recent.prefs.update((p) => { p.regions[at.kind] = regions; });
    deps.recent.tree.sourcesChanged();
  };
}

export function recentAddClusterCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<string | undefined> => {
    const kind = JOB_KINDS.find(needsCluster);
    if (!kind) return undefined;
    const account = accountKey(KIND_CLOUD[kind]);
    const v = await deps.prompter.input({
      title: titleText(l10n.t('Recent Jobs: add an edge cluster')),
      prompt: l10n.t('ClusterId of the edge transcode cluster (the Live console shows it; no API lists clusters). It is remembered for this account.'),
      validateInput: (s) => validateId(s.trim(), 'ClusterId') ?? undefined,
    });
    if (v === undefined || v.trim() === '') return undefined;
    const id = v.trim();
    const list = deps.recent.prefs.current.clusters[account] ?? [];
    if (!list.includes(id)) {
      if (list.length >= MAX_CLUSTERS_PER_ACCOUNT) throw new Error(l10n.t('at most {0} clusters per account', MAX_CLUSTERS_PER_ACCOUNT));
      await deps.recent.prefs.update((p) => { p.clusters[account] = [...list, id]; });
    }
    deps.recent.tree.sourcesChanged();
    // Show the new cluster's jobs right away.
    const region = sourceKind(arg)?.region ?? regionsOf(deps, kind)[0]!;
    const node = deps.recent.tree.nodeById(sourceId({ kind, region, clusterId: id }));
    if (node) await deps.recent.view.reveal(node, { expand: true, select: true, focus: false }).then(undefined, () => undefined);
    return id;
  };
}

export function recentRemoveClusterCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<void> => {
    if (!isRecentNode(arg) || arg.type !== 'source' || !arg.spec.clusterId) return;
    const account = accountKey(KIND_CLOUD[arg.spec.kind]);
    const id = arg.spec.clusterId;
    await deps.recent.prefs.update((p) => { p.clusters[account] = (p.clusters[account] ?? []).filter((c) => c !== id); });
    deps.recent.tree.sourcesChanged();
  };
}

/** A note row's action: retry the list, set credentials, add a cluster id. */
export function recentNoteActionCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<void> => {
    if (!isRecentNode(arg) || arg.type !== 'note') return;
    switch (arg.note.action) {
      case 'retry':
        await deps.recent.tree.reload(arg.sourceId);
        return;
      case 'credentials':
        await vscode.commands.executeCommand(COMMANDS.setCredentials);
        deps.recent.tree.reloadAll();
        return;
      case 'addCluster':
        await vscode.commands.executeCommand(COMMANDS.recentAddCluster, deps.recent.tree.nodeById(arg.sourceId));
        return;
      default:
        return;
    }
  };
}

/** Browse Recent Jobs…: pick a kind, and its first source opens (expanded, so its first page loads) in the view. */
export function browseRecentJobsCommand(deps: CommandDeps) {
  return async (kindArg?: unknown): Promise<RecentNode | undefined> => {
    let kind = typeof kindArg === 'string' && (JOB_KINDS as readonly string[]).includes(kindArg) ? (kindArg as JobKind) : undefined;
    if (!kind) {
      const pick = await deps.prompter.pick(
        JOB_KINDS.map((k) => ({ label: kindPlural(k), description: l10n.label(CLOUD_LABEL[KIND_CLOUD[k]]), jobKind: k })),
        { title: titleText(l10n.t('Browse Recent Jobs')), placeHolder: l10n.t('Which jobs? ({0})', windowLabel(deps.recent.prefs.current.window)) },
      );
      kind = pick?.jobKind;
    }
    if (!kind) return undefined;
    await vscode.commands.executeCommand(`${RECENT_VIEW_ID}.focus`);
    const tree = deps.recent.tree;
    // Build the rows down to the kind (reveal needs the parents known to the tree).
    for (const root of tree.getChildren()) tree.getChildren(root);
    const spec = tree.specsOf(kind)[0];
    let node: RecentNode | undefined;
    if (spec) node = tree.nodeById(sourceId(spec));
    else if (needsCluster(kind)) {
      // No cluster yet: open the region's cluster list, whose first row asks for one.
      const region = regionsOf(deps, kind)[0]!;
      node = tree.nodeById(clustersNodeId(kind, region));
    }
    if (node) {
      if (node.type === 'clusters') tree.getChildren(node);
      await deps.recent.view.reveal(node, { expand: true, select: true, focus: true }).then(undefined, (e: unknown) => deps.logger.warn(`recent: reveal failed: ${String(e)}`));
    }
    return node;
  };
}
