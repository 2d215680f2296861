/**
 * `mediaJobs.openJobReference`: what hover links, document links and CodeLenses on a job id run. The argument is
 * what the language server found (`{ id, kinds, params, region, needs, action }`: JobReferenceArgs, src/model/jobIdHit.ts):
 * - inspect (default): open the tracked job in the inspector, or track it first (asking the kind when the text
 *   leaves more than one, and a parameter the API needs that the text did not give), then inspect it;
 * - track: the same without opening the inspector;
 * - copy: copy the id;
 * - console: open the job's cloud console (asking the kind when needed);
 * - command: copy the cloud CLI's command that asks for the job (asking the kind and a missing parameter), untracked.
 * The argument is validated: command URIs can come from any link.
 */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { COMMANDS } from '../constants.js';
import { askRefOfHit, trackRefs } from './track.js';
import { isRegionName } from '../clouds/endpoints.js';
import { consoleUrl } from '../present/consoleLinks.js';
import { cloudCliCommand } from '../export/commandLine.js';
import { type JobKind } from '../model/job.js';
import { type JobReferenceArgs } from '../model/jobIdHit.js';
import { KIND_CLOUD, KIND_LABEL } from '../kinds/index.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { trackedFor } from '../views/jobHoverContent.js';
import { hitOfArgs, parseJobReferenceArgs } from '../protocol/commandArgs.js';
import { alreadyTrackedStatusMessage, copiedStatusMessage, titleText } from '../present/messages.js';
import * as l10n from '../util/l10n.js';

async function pickKind(deps: CommandDeps, a: JobReferenceArgs): Promise<JobKind | undefined> {
  if (a.kinds.length === 1) return a.kinds[0];
  const pick = await deps.prompter.pick(
    a.kinds.map((k, i) => ({ label: k, description: l10n.label(KIND_LABEL[k]), detail: i === 0 ? l10n.t('most likely from the context') : undefined, jobKind: k })),
    { title: titleText(l10n.t('Look up {0}', a.id)), placeHolder: l10n.t('Which kind of job is it?') },
  );
  return pick?.jobKind;
}

export function openJobReferenceCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<TrackedJob[] | undefined> => {
    const a = parseJobReferenceArgs(arg);
    if (!a) throw new Error(l10n.t('this link does not name a job id Media Jobs can look up'));
    const action = a.action ?? 'inspect';
    if (action === 'copy') {
      await vscode.env.clipboard.writeText(a.id);
      void vscode.window.setStatusBarMessage(copiedStatusMessage(a.id), 3000);
      return undefined;
    }
    const hit = hitOfArgs(a);
    const existing = trackedFor(deps.store, hit);
    if (existing) {
      const t = deps.store.get(existing.key) ?? existing;
      if (action === 'inspect') await deps.inspect(t);
      else if (action === 'console') await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(t.ref, t.ref.region), true));
      // A tracked job's command names its profile and project: the tracked job's own Copy as <its cloud's CLI> Command.
      else if (action === 'command') {
        const copy = KIND_CLOUD[t.ref.kind] === 'huawei' ? COMMANDS.copyAsHcloudCommand : COMMANDS.copyAsAliyunCommand;
        await vscode.commands.executeCommand(copy, t.key);
      }
      else void vscode.window.setStatusBarMessage(alreadyTrackedStatusMessage(a.id), 3000);
      return [t];
    }
    const kind = await pickKind(deps, a);
    if (!kind) return undefined;
    if (action === 'console') {
      const region = a.region && isRegionName(a.region) ? a.region : deps.settings().defaultRegions[KIND_CLOUD[kind]];
      await vscode.env.openExternal(vscode.Uri.parse(consoleUrl({ kind, id: a.id, region, params: {} }, region), true));
      return undefined;
    }
    const ref = await askRefOfHit(deps, hit, kind);
    if (!ref) return undefined;
    if (action === 'command') {
      const region = ref.region || deps.settings().defaultRegions[KIND_CLOUD[kind]];
      const c = cloudCliCommand({ ...ref, region }, { endpoint: deps.settings().endpoints[kind] ?? null });
      await vscode.env.clipboard.writeText(c.text);
      void vscode.window.setStatusBarMessage(l10n.t('Media Jobs: copied the {0} command', c.tool), 4000);
      return undefined;
    }
    const tracked = await trackRefs(deps, [ref]);
    const t = tracked[0] && deps.store.get(tracked[0].key);
    if (t && action === 'inspect') await deps.inspect(t);
    return tracked;
  };
}
