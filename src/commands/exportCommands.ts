/**
 * Taking a job elsewhere (src/export/): Export Timeline as OpenTimelineIO…, Copy as aliyun CLI / hcloud Command,
 * Copy as media-jobs Command. Each acts on the job of the tree row or hover link it was run from, else on the job
 * of the inspector panel in front (its editor title menu), else on the selection or a pick.
 */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { resolveJobs } from './jobArgs.js';
import { cloudCliCommand, type CopiedCommand, mediaJobsCommand } from '../export/commandLine.js';
import { otioSummaryText, timelineToOtio } from '../export/otio.js';
import { KIND_INFO } from '../kinds/index.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { withWholeJobs } from '../tracking/wholeJob.js';
import { huaweiProjectId } from '../clouds/credentials.js';
import * as l10n from '../util/l10n.js';

/** The jobs a command acts on: its argument, then the inspector in front, then the view's selection or a pick. */
async function jobsFor(deps: CommandDeps, arg: unknown, selected: unknown, placeHolder: string): Promise<TrackedJob[]> {
  const fromArg = typeof arg === 'string' || (typeof arg === 'object' && arg !== null && 'type' in arg) || Array.isArray(selected);
  const active = !fromArg ? deps.activeInspectorKey?.() : undefined;
  const inFront = active !== undefined ? deps.store.get(active) : undefined;
  if (inFront) return [inFront];
  return resolveJobs(deps, arg, selected, placeHolder);
}

export function exportTimelineOtioCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<vscode.Uri | undefined> => {
    const [picked] = await jobsFor(deps, arg, selected, l10n.t('Export the timeline of which job?'));
    if (!picked) return undefined;
    if (!KIND_INFO[picked.ref.kind].inspector.timeline) {
      void vscode.window.showInformationMessage(l10n.t('{0}s have no timeline to export.', l10n.label(KIND_INFO[picked.ref.kind].label)));
      return undefined;
    }
    // The whole job while it is exported: the store keeps a light snapshot (no clips) of a job nobody shows.
    return withWholeJobs(deps, [picked], async ([t]) => exportWhole(deps, t!));
  };
}

async function exportWhole(deps: CommandDeps, t: TrackedJob): Promise<vscode.Uri | undefined> {
  if (!t.snapshot) {
    void vscode.window.showWarningMessage(l10n.t('{0} has not been fetched yet{1}; refresh it and try again.', t.ref.id, t.lastError ? `: ${t.lastError.message}` : ''));
    return undefined;
  }
  const r = timelineToOtio(t.snapshot);
  if (!r.ok) {
    void vscode.window.showWarningMessage(l10n.t('Cannot export: {0}.', r.reason));
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = (t.snapshot.name ?? t.ref.id).replace(/\.[A-Za-z0-9]{2,4}$/, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || t.ref.id;
  const target = await deps.prompter.saveFile({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${base}.otio`) } : {}),
    filters: { OpenTimelineIO: ['otio'] },
    title: l10n.t('Export Timeline as OpenTimelineIO'),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(r.timeline, null, 4)}\n`));
  deps.logger.info(`exported the timeline of ${t.ref.id} to ${target.toString(true)}: ${otioSummaryText(r.summary)}`);
  const open = l10n.t('Open');
  void vscode.window.showInformationMessage(l10n.t('Exported {0}: {1}.', vscode.workspace.asRelativePath(target), otioSummaryText(r.summary)), open).then((choice) => {
    if (choice === open) void vscode.window.showTextDocument(target);
  });
  return target;
}

/** The Huawei project a job is fetched in when its reference names none: its profile's project for its region. */
async function projectIdOf(deps: CommandDeps, t: TrackedJob): Promise<string | null> {
  if (KIND_INFO[t.ref.kind].cloud !== 'huawei' || t.ref.params.projectId) return null;
  const name = deps.profiles.resolveName('huawei', t.ref.profile ?? 'default') ?? deps.profiles.defaultName('huawei');
  const service = name !== null ? deps.profiles.serviceOf('huawei', name) : undefined;
  return huaweiProjectId(undefined, (await (service ?? deps.credentials).get()).huawei, t.ref.region) ?? null;
}

type CopyOptions = { projectId: string | null; endpoint: string | null; profile: string | null };

function copyCommand(deps: CommandDeps, make: (t: TrackedJob, o: CopyOptions) => CopiedCommand, what: string) {
  return async (arg?: unknown, selected?: unknown): Promise<string | undefined> => {
    const jobs = await jobsFor(deps, arg, selected, l10n.t('Copy {0} for which job?', what));
    if (jobs.length === 0) return undefined;
    const made: CopiedCommand[] = [];
    for (const t of jobs) {
      // The profile's current name (a renamed profile keeps its jobs under the old one, as an alias).
      const profile = t.ref.profile !== undefined ? deps.profiles.resolveName(KIND_INFO[t.ref.kind].cloud, t.ref.profile) ?? t.ref.profile : null;
      made.push(make(t, { projectId: await projectIdOf(deps, t), endpoint: deps.settings().endpoints[t.ref.kind] ?? null, profile }));
    }
    const text = made.map((c) => c.text).join('\n');
    await vscode.env.clipboard.writeText(text);
    const notes = [...new Set(made.flatMap((c) => c.notes))];
    const tool = made[0]!.tool;
    if (made.some((c) => c.unconfirmed)) {
      const copied = made.length === 1 ? l10n.t('Copied the {0} command', tool) : l10n.t('Copied {0} {1} commands', made.length, tool);
      void vscode.window.showInformationMessage(`${copied}. ${notes.join(' · ')}`);
    } else {
      void vscode.window.setStatusBarMessage(made.length === 1 ? l10n.t('Media Jobs: copied the {0} command', tool) : l10n.t('Media Jobs: copied {0} {1} commands', made.length, tool), 4000);
    }
    return text;
  };
}

export function copyAsCloudCommandCommand(deps: CommandDeps) {
  return copyCommand(deps, (t, o) => cloudCliCommand(t.ref, o), l10n.t('the cloud CLI command'));
}

export function copyAsMediaJobsCommandCommand(deps: CommandDeps) {
  return copyCommand(deps, (t, o) => mediaJobsCommand(t.ref, o), l10n.t('the media-jobs command'));
}
