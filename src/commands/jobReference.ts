/**
 * `mediaJobs.openJobReference`: what hover links, document links and CodeLenses on a job id run. The argument is
 * what the language server found (`{ id, kinds, params, region, needs, action }`, see JobReferenceArgs):
 * - inspect (default): open the tracked job in the inspector, or track it first (asking the kind when the text
 *   leaves more than one, and a parameter the API needs that the text did not give), then inspect it;
 * - track: the same without opening the inspector;
 * - copy: copy the id;
 * - console: open the job's cloud console (asking the kind when needed).
 * The argument is validated: command URIs can come from any link.
 */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { trackRefs } from './track.js';
import { isRegionName } from '../clouds/endpoints.js';
import { consoleUrl } from '../present/consoleLinks.js';
import { type JobKind } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { KIND_CLOUD, KIND_LABEL } from '../kinds/index.js';
import { validateId } from '../kinds/refs.js';
import { KIND_INFO } from '../kinds/index.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { trackedFor } from '../views/jobHoverContent.js';
import { type JobReferenceArgs, parseJobReferenceArgs } from '../present/jobHoverMarkdown.js';
import { alreadyTrackedStatusMessage, copiedStatusMessage, promptText, titleText } from '../present/messages.js';

function validateParam(what: string) {
  return (v: string): string | undefined => {
    const t = v.trim();
    if (t === '') return `${what} is required`;
    const p = validateId(t, what);
    return p ? promptText(p) : undefined;
  };
}

async function pickKind(deps: CommandDeps, a: JobReferenceArgs): Promise<JobKind | undefined> {
  if (a.kinds.length === 1) return a.kinds[0];
  const pick = await deps.prompter.pick(
    a.kinds.map((k, i) => ({ label: k, description: KIND_LABEL[k], detail: i === 0 ? 'most likely from the context' : undefined, jobKind: k })),
    { title: titleText(`Look up ${a.id}`), placeHolder: 'Which kind of job is it?' },
  );
  return pick?.jobKind;
}

/** The reference for the picked kind, with the parameters the API needs asked for when the text did not give them. */
async function refFor(deps: CommandDeps, a: JobReferenceArgs, kind: JobKind): Promise<JobRef | undefined> {
  const params: JobRef['params'] = {};
  if (kind === 'live-edge') {
    params.clusterId = a.params.clusterId ?? (await deps.prompter.input({
      title: titleText(`Look up ${a.id}`), prompt: 'ClusterId of the edge transcode job', validateInput: validateParam('ClusterId'),
    }))?.trim();
    if (!params.clusterId) return undefined;
  } else if (kind === 'live-editing') {
    if (a.params.casterId) params.casterId = a.params.casterId;
    else if (a.needs?.includes('casterId')) {
      const c = await deps.prompter.input({
        title: titleText(`Look up ${a.id}`), prompt: promptText(`CasterId of the production studio that ShowId ${a.id} belongs to`), validateInput: validateParam('CasterId'),
      });
      if (!c) return undefined;
      params.casterId = c.trim();
    } else if (a.params.showId) params.showId = a.params.showId;
  } else {
    for (const p of KIND_INFO[kind].params) if (a.params[p.name]) params[p.name] = a.params[p.name];
  }
  const region = a.region && isRegionName(a.region) ? a.region : deps.settings().defaultRegions[KIND_CLOUD[kind]];
  return { kind, id: a.id, region, params };
}

export function openJobReferenceCommand(deps: CommandDeps) {
  return async (arg?: unknown): Promise<TrackedJob[] | undefined> => {
    const a = parseJobReferenceArgs(arg);
    if (!a) throw new Error('this link does not name a job id Media Jobs can look up');
    const action = a.action ?? 'inspect';
    if (action === 'copy') {
      await vscode.env.clipboard.writeText(a.id);
      void vscode.window.setStatusBarMessage(copiedStatusMessage(a.id), 3000);
      return undefined;
    }
    const existing = trackedFor(deps.store, { id: a.id, kinds: a.kinds, params: a.params, needs: a.needs ?? [], ...(a.region ? { region: a.region } : {}) });
    if (existing) {
      const t = deps.store.get(existing.key) ?? existing;
      if (action === 'inspect') await deps.inspect(t);
      else if (action === 'console') await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(t.ref, t.ref.region), true));
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
    const ref = await refFor(deps, a, kind);
    if (!ref) return undefined;
    const tracked = await trackRefs(deps, [ref]);
    const t = tracked[0] && deps.store.get(tracked[0].key);
    if (t && action === 'inspect') await deps.inspect(t);
    return tracked;
  };
}
