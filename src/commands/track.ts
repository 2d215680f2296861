/** Track a Job… and Look Up Job ID at Cursor. */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { plausibleKindsForBareId } from '../kinds/idShapes.js';
import { JOB_KINDS, type JobKind } from '../model/job.js';
import { type JobIdHit } from '../model/jobIdHit.js';
import { type JobRef } from '../model/jobRef.js';
import { KIND_CLOUD, KIND_LABEL } from '../kinds/index.js';
import { refOfHit, validateId } from '../kinds/refs.js';
import { CLOUD_LABEL, KIND_INFO, type KindParam } from '../kinds/index.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { isRegionName } from '../clouds/endpoints.js';
import { lookUpFailedMessage, promptText, titleText } from '../present/messages.js';
import * as l10n from '../util/l10n.js';

/** Splits what the user typed or pasted: spaces, commas, semicolons, new lines; quotes stripped. */
export function splitIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.replace(/^["'`]+|["'`]+$/g, '')).filter((s) => s.length > 0))];
}

function validateIdList(text: string): string | undefined {
  const ids = splitIds(text);
  if (ids.length === 0) return l10n.t('Enter at least one id');
  if (ids.length > 50) return l10n.t('At most 50 ids at once ({0} given)', ids.length);
  for (const id of ids) {
    // Input box messages render links and icons: what was pasted is neutralised.
    const p = validateId(id, `"${id.slice(0, 40)}"`);
    if (p) return promptText(p);
  }
  return undefined;
}

function validateParam(what: string, optional: boolean) {
  return (v: string): string | undefined => {
    const t = v.trim();
    if (t === '') return optional ? undefined : l10n.t('{0} is required', what);
    const p = validateId(t, what);
    return p ? promptText(p) : undefined;
  };
}

/**
 * How many prompts Track a Job… shows for a kind: the kind, the ids, the ClusterId (live-edge) or the project id
 * (mpc-editing), the region. Before the kind is picked the total is that of most kinds (3); it becomes 4 once a
 * kind with an extra prompt is picked (as VS Code's own multi-step inputs do when a choice adds a step).
 */
export function trackSteps(kind?: JobKind): number {
  return 3 + (kind ? trackPrompts(kind).length : 0);
}

/** The title of prompt `step` of Track a Job…: `Track a Job (2/4)`. */
export function trackStepTitle(step: number, kind?: JobKind): string {
  return l10n.t('Track a Job ({0}/{1})', step, trackSteps(kind));
}

/** The identity parameters Track a Job… asks for after the ids (src/kinds/: ClusterId, project id). */
function trackPrompts(kind: JobKind): Array<KindParam & { trackPrompt: string }> {
  return KIND_INFO[kind].params.filter((p): p is KindParam & { trackPrompt: string } => p.trackPrompt !== undefined);
}

/**
 * The reference a found id names as `kind` (refOfHit, src/kinds/refs.ts), in the hit's region (else the cloud's
 * default), after asking for each parameter the fetch needs that the text did not give (an edge job's
 * ClusterId, a ShowId's CasterId). Undefined when a prompt is cancelled.
 */
export async function askRefOfHit(deps: CommandDeps, hit: JobIdHit, kind: JobKind): Promise<JobRef | undefined> {
  const region = hit.region && isRegionName(hit.region) ? hit.region : deps.settings().defaultRegions[KIND_CLOUD[kind]];
  const first = refOfHit(hit, kind, region);
  if (first.ref) return first.ref;
  const params = { ...hit.params };
  for (const p of first.missing) {
    const v = await deps.prompter.input({ title: titleText(l10n.t('Look up {0}', hit.id)), prompt: promptText(p.prompt), validateInput: validateParam(p.what, false) });
    if (v === undefined || v.trim() === '') return undefined;
    params[p.name] = v.trim();
  }
  return refOfHit({ ...hit, params }, kind, region).ref ?? undefined;
}

/** Adds references to the store, wakes the poller, and reveals the first one. */
export async function trackRefs(deps: CommandDeps, given: JobRef[]): Promise<TrackedJob[]> {
  // A job belongs to the account it was tracked with: the cloud's default profile now, unless the caller named one.
  const refs = given.map((r) => {
    if (r.profile) return r;
    const profile = deps.profiles.defaultName(KIND_CLOUD[r.kind]);
    return profile ? { ...r, profile } : r;
  });
  const tracked = deps.store.add(refs);
  deps.logger.info(`tracking ${refs.map((r) => `${r.kind} ${r.id} (${r.region})`).join(', ')}`);
  await deps.poller.refresh(tracked.map((t) => t.key));
  const first = tracked[0] && deps.store.get(tracked[0].key);
  const node = first ? deps.tree.nodeById(`job:${first.key}`) : undefined;
  if (node) await deps.view.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
  return tracked;
}

export function trackJobCommand(deps: CommandDeps) {
  return async (): Promise<TrackedJob[] | undefined> => {
    const kindPick = await deps.prompter.pick(
      JOB_KINDS.map((k) => ({ label: k, description: l10n.label(KIND_LABEL[k]), detail: l10n.label(CLOUD_LABEL[KIND_CLOUD[k]]), jobKind: k })),
      { title: trackStepTitle(1), placeHolder: l10n.t('Which kind of job?') },
    );
    if (!kindPick) return undefined;
    const kind = kindPick.jobKind;
    const idText = await deps.prompter.input({
      title: trackStepTitle(2, kind),
      prompt: KIND_INFO[kind].idPrompt,
      placeHolder: l10n.t('one or more ids, separated by spaces, commas or new lines'),
      validateInput: validateIdList,
    });
    if (idText === undefined) return undefined;
    const params: JobRef['params'] = {};
    for (const [i, param] of trackPrompts(kind).entries()) {
      const v = await deps.prompter.input({ title: trackStepTitle(3 + i, kind), prompt: param.trackPrompt, validateInput: validateParam(param.what ?? param.name, !param.required) });
      if (v === undefined) return undefined;
      if (param.required || v.trim()) params[param.name] = v.trim();
    }
    const cloud = KIND_CLOUD[kind];
    const fallback = deps.settings().defaultRegions[cloud];
    const region = await deps.prompter.input({
      title: trackStepTitle(trackSteps(kind), kind),
      prompt: promptText(l10n.t('Region (empty: {0})', fallback)),
      placeHolder: fallback,
      validateInput: (v) => (v.trim() === '' || isRegionName(v.trim()) ? undefined : l10n.t('Regions look like cn-shanghai or cn-north-4')),
    });
    if (region === undefined) return undefined;
    const refs: JobRef[] = splitIds(idText).map((id) => ({ kind, id, region: region.trim() || fallback, params: { ...params } }));
    return trackRefs(deps, refs);
  };
}

export function lookUpJobIdAtCursorCommand(deps: CommandDeps) {
  return async (): Promise<TrackedJob[] | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(l10n.t('Open a file and put the cursor on a job id.'));
      return undefined;
    }
    const pos = editor.selection.active;
    const found = await deps.jobIdAt(editor.document, pos);
    let hit: JobIdHit;
    if (found) {
      hit = found;
    } else {
      // No context says what it is: offer the word under the cursor with every kind, like an unknown id.
      const range = editor.document.getWordRangeAtPosition(pos, /[A-Za-z0-9_.-]+/);
      const word = range ? editor.document.getText(range) : '';
      if (!word || validateId(word) !== null || word.length < 8) {
        void vscode.window.showInformationMessage(l10n.t('No job id at the cursor.'));
        return undefined;
      }
      hit = { id: word, kinds: plausibleKindsForBareId(word), params: {}, needs: [], source: 'word' };
    }
    const { id, kinds } = hit;
    const existing = deps.store.findById(id);
    if (existing.length > 0) {
      await deps.inspect(existing[0]!);
      return existing;
    }
    let kind = kinds[0];
    if (kinds.length !== 1) {
      const pick = await deps.prompter.pick(kinds.map((k, i) => ({ label: k, description: l10n.label(KIND_LABEL[k]), detail: i === 0 && found ? l10n.t('most likely from the context') : undefined, jobKind: k })), {
        title: titleText(l10n.t('Look up {0}', id)),
        placeHolder: l10n.t('Which kind of job is it?'),
      });
      if (!pick) return undefined;
      kind = pick.jobKind;
    }
    if (!kind) return undefined;
    const ref = await askRefOfHit(deps, hit, kind);
    if (!ref) return undefined;
    const tracked = await trackRefs(deps, [ref]);
    const t = tracked[0] && deps.store.get(tracked[0].key);
    if (t?.lastError) {
      void vscode.window.showWarningMessage(lookUpFailedMessage(kind, id, t.lastError));
    }
    return tracked;
  };
}
