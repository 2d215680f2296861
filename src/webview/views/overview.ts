/** Overview tab: identity, times, outputs (Copy / Open), UserData and SubJobMaterials decoded, tracking facts. */
import { editingProjectLink } from '../../present/consoleLinks.js';
import * as l10n from '../../util/l10n.js';
import { definitionMismatch } from '../../present/definition.js';
import { type JobOutput } from '../../model/job.js';
import { type JobCore } from '../../protocol/webview.js';
import { type Ctx } from '../context.js';
import { button, type Child, h, icon } from '../dom.js';
import { between, bitrate, bytes, duration, fps, isWebUrl, num, percent, resolution } from '../format.js';
import { kindInfo, kindLabel } from '../kind.js';
import { jsonTree } from './json.js';
import { chip, copyable, emptyState, type Fact, facts, missing, section, statusChip, textOr, timeValue } from './widgets.js';

export function renderOverview(ctx: Ctx): HTMLElement {
  const p = ctx.payload();
  const job = p.job;
  const root = h('div', { class: 'overview' });
  if (!job) {
    root.appendChild(emptyState(p.tracked.refreshing ? 'loading' : 'cloud-download', p.tracked.refreshing ? l10n.t('Fetching the job…') : l10n.t('This job has not been fetched yet'), [
      p.tracked.lastError ? l10n.t('The last attempt failed (see above).') : l10n.t('Its details appear here once the cloud answers.'),
    ], [button({ icon: 'refresh', label: l10n.t('Fetch now'), onClick: () => ctx.host.send({ type: 'refresh' }) })]));
    root.appendChild(section(l10n.t('Reference'), [facts(refRows(ctx), l10n.t('Reference'))], { icon: 'symbol-key' }));
    return root;
  }

  const took = between(job.startedAt ?? job.createdAt, job.completedAt);
  const can = kindInfo(job.kind)?.inspector;
  const grid = h('div', { class: 'overview-grid' },
    section(l10n.t('Job'), [facts([
      [l10n.t('Kind'), kindLabel(job.kind)],
      [l10n.t('Name'), textOr(job.name, l10n.t('The API gives no name for this job'))],
      [l10n.t('Status'), statusChip(job.status, job.rawStatus, { kind: job.kind })],
      [l10n.t('Progress'), job.progress !== null ? percent(job.progress) : missing(l10n.t('The API gives no progress for this job'))],
      ...refRows(ctx),
      job.templateId !== null || can?.template === true ? [l10n.t('Template ID'), copyable(ctx, job.templateId, l10n.t('template id'))] as Fact : null,
      editingProjectRow(ctx, job),
      ...inputRows(ctx, job),
      [l10n.t('Request ID'), copyable(ctx, job.requestId, l10n.t('request id'))],
    ], l10n.t('Job'))], { icon: 'info', id: 'sec-job' }),
    section(l10n.t('Times'), timesContent(job, took), { icon: 'calendar', id: 'sec-times' }));
  root.appendChild(grid);

  root.appendChild(section(l10n.t('Outputs'), job.outputs.length > 0
    ? [h('div', { class: 'outputs' }, ...job.outputs.map((o, i) => outputCard(ctx, job, o, i)))]
    : [h('p', { class: 'muted', text: job.status === 'succeeded' ? l10n.t('The cloud names no output for this job.') : l10n.t('No output yet.') })],
  { icon: 'output', count: job.outputs.length, id: 'sec-outputs' }));

  root.appendChild(section('UserData', [decodedValue(ctx, job.userData, 'userData', 'UserData', l10n.t('The job carries no UserData.'))], { icon: 'symbol-object', id: 'sec-userdata' }));
  if (can?.subJobMaterials === true) {
    root.appendChild(section('SubJobMaterials', [decodedValue(ctx, job.subJobMaterials, 'subJobMaterials', 'SubJobMaterials', l10n.t('The job carries no SubJobMaterials.'))], { icon: 'references', id: 'sec-subjobs' }));
  }

  const t = p.tracked;
  root.appendChild(section(l10n.t('Tracking'), [facts([
    [l10n.t('Tracked since'), timeValue(t.addedAt)],
    [l10n.t('Last checked'), timeValue(t.lastCheckedAt)],
    [l10n.t('Watched'), t.watched ? l10n.t('Yes, polled until done even in the background') : l10n.t('No')],
  ], l10n.t('Tracking'))], { icon: 'eye', id: 'sec-tracking' }));
  return root;
}


/** The Times facts; when the API gives no time at all (Live editing), one line saying so instead of a column of dashes. */
function timesContent(job: JobCore, took: number | null): Child[] {
  if (!job.createdAt && !job.startedAt && !job.completedAt && !job.updatedAt && !job.stoppedAt) {
    return [
      h('p', { class: 'muted no-times', text: `${kindInfo(job.kind)?.api ?? l10n.t('The API')} reports no times.` }),
      job.durationSeconds !== null ? facts([[l10n.t('Media duration'), duration(job.durationSeconds)]], l10n.t('Times')) : null,
    ];
  }
  return [facts([
    [l10n.t('Created'), timeValue(job.createdAt)],
    [l10n.t('Started'), timeValue(job.startedAt)],
    // A long-lived job's last stop (edge LastStopAt); kinds that never stop have no such row.
    job.stoppedAt !== undefined ? [l10n.t('Stopped'), job.stoppedAt !== null ? timeValue(job.stoppedAt) : missing(l10n.t('The job has not stopped since it was created'))] as Fact : null,
    [l10n.t('Completed'), timeValue(job.completedAt)],
    [l10n.t('Updated'), timeValue(job.updatedAt)],
    [l10n.t('Took'), took !== null ? duration(took) : missing(l10n.t('Needs a start (or creation) and a completion time'))],
    [l10n.t('Media duration'), job.durationSeconds !== null ? duration(job.durationSeconds) : missing()],
  ], l10n.t('Times')), h('p', { class: 'muted small', text: l10n.t('Local time; hover for UTC.') })];
}

/**
 * What the job reads: one row per input (a source file, an input stream) with Copy, and Open for a web link. An
 * input is job data: text nodes only, and only http(s) links open (through the host).
 */
function inputRows(ctx: Ctx, job: JobCore): Fact[] {
  const inputs = (job.inputs ?? []).filter((x) => x.url);
  return inputs.map((x, i): Fact => {
    const url = x.url ?? '';
    const label = inputs.length > 1 ? l10n.t('Input {0}', i + 1) : l10n.t('Input');
    return [label, h('span', { class: 'input-value' },
      copyable(ctx, url, l10n.t('input URL'), { class: 'input-url' }),
      isWebUrl(url) ? button({ icon: 'link-external', title: l10n.t('Open {0}', url), label: l10n.t('Open'), class: 'secondary small', data: { url: 'open' }, onClick: () => ctx.open(url) }) : null,
      x.label ? h('span', { class: 'muted small', text: ` (${x.label})` }) : null), { wide: true }];
  });
}

/**
 * The online editing project the job came from (ICE ProjectId), with Copy and a link to the IMS console, where the
 * project is found by its id (the project page's own URL is unconfirmed: src/present/consoleLinks.ts).
 */
function editingProjectRow(ctx: Ctx, job: JobCore): Fact | null {
  const id = job.editingProjectId;
  const link = editingProjectLink(job);
  if (!id || link === null) return null;
  return [l10n.t('Editing project'), h('span', { class: 'input-value', data: { field: 'editing-project' } },
    copyable(ctx, id, l10n.t('project id')),
    button({ icon: 'link-external', title: l10n.t('Open the IMS console (find the project by its id there)'), label: l10n.t('Console'), class: 'secondary small', onClick: () => ctx.open(link.url) }))];
}

function refRows(ctx: Ctx): Array<[string, Child]> {
  const p = ctx.payload();
  const ref = p.tracked.ref;
  const params = p.job?.params ?? ref.params;
  const rows: Array<[string, Child]> = [[l10n.t('Job ID'), copyable(ctx, ref.id, l10n.t('job id'))], [l10n.t('Region'), textOr(ref.region || p.job?.region)]];
  if (params.casterId) rows.push([l10n.t('Caster ID'), copyable(ctx, params.casterId, l10n.t('caster id'))]);
  if (params.clusterId) rows.push([l10n.t('Cluster ID'), copyable(ctx, params.clusterId, l10n.t('cluster id'))]);
  if (params.projectId) rows.push([l10n.t('Project ID'), copyable(ctx, params.projectId, l10n.t('project id'))]);
  if (params.showId) rows.push([l10n.t('Show ID'), copyable(ctx, params.showId, l10n.t('show id'))]);
  return rows;
}

/** Decoded JSON as a tree; text that was not JSON as text, said so. */
export function decodedValue(ctx: Ctx, value: unknown, id: string, label: string, none: string): HTMLElement {
  if (value === null || value === undefined) return h('p', { class: 'muted', text: none });
  if (typeof value === 'string') {
    return h('div', { class: 'not-json' },
      h('p', { class: 'muted' }, icon('warning'), ` ${l10n.t('{0} is not JSON; shown as received ({1} characters).', label, num(value.length, 0))}`),
      h('pre', { class: 'json-block plain', tabIndex: 0, text: value, aria: { label } }));
  }
  if (typeof value !== 'object') return h('pre', { class: 'json-block', text: JSON.stringify(value) });
  return jsonTree(value, { id, label, state: ctx.state.tree, onToggle: () => ctx.saveState() });
}

function outputName(o: JobOutput, i: number): string {
  return o.fileName ?? o.label ?? o.definition ?? o.mediaId ?? l10n.t('Output {0}', i + 1);
}

function outputCard(ctx: Ctx, job: JobCore, o: JobOutput, i: number): HTMLElement {
  const web = isWebUrl(o.url);
  const mismatch = definitionMismatch(o.definition, o.width, o.height);
  const head = h('div', { class: 'output-head' },
    icon(kindInfo(job.kind)?.inspector.liveOutput === true ? 'broadcast' : 'file-media'),
    h('span', { class: 'output-name', text: outputName(o, i), title: outputName(o, i) }),
    o.definition ? chip(o.definition, { class: 'definition', title: l10n.t('Definition label (a template name, not a measurement)') }) : null,
    mismatch ? chip(l10n.t('{0}, not {1}', mismatch.actual, mismatch.expected), { icon: 'warning', class: 'flag', title: l10n.t('The definition label says {0} ({1}) but the output is {2}', o.definition ?? '', mismatch.expected, mismatch.actual) }) : null,
    o.status ? statusChip(o.status, o.rawStatus, { small: true }) : null);
  const urlRow = o.url
    ? h('div', { class: 'output-url' },
      h('span', { class: 'mono url-text', text: o.url, title: o.url }),
      button({ icon: 'copy', title: l10n.t('Copy URL'), label: l10n.t('Copy'), class: 'secondary small', onClick: () => ctx.copy(o.url ?? '', l10n.t('output URL')) }),
      web ? button({ icon: 'link-external', title: l10n.t('Open {0}', o.url ?? ''), label: l10n.t('Open'), class: 'secondary small', data: { url: 'open' }, onClick: () => ctx.open(o.url ?? '') }) : null,
      !web ? h('span', { class: 'muted small', text: l10n.t('not a web link'), title: l10n.t('Only http and https links open from here') }) : null)
    : null;
  const factsRow = facts([
    o.label && o.label !== outputName(o, i) ? [l10n.t('Label'), copyable(ctx, o.label, l10n.t('output label')), { wide: true }] : null,
    o.mediaId ? [l10n.t('Media ID'), copyable(ctx, o.mediaId, l10n.t('media id')), { wide: true }] : null,
    o.storageLocation ? [l10n.t('Storage'), o.storageLocation, { wide: true }] : null,
    o.templateId ? [l10n.t('Template ID'), copyable(ctx, o.templateId, l10n.t('template id')), { wide: true }] : null,
    o.createdAt ? [l10n.t('Created'), timeValue(o.createdAt)] : null,
    o.completedAt ? [l10n.t('Completed'), timeValue(o.completedAt)] : null,
    o.width !== null || o.height !== null ? [l10n.t('Resolution'), resolution(o.width, o.height)] : null,
    o.fps !== null ? [l10n.t('Frame rate'), fps(o.fps)] : null,
    o.bitrateKbps !== null ? [l10n.t('Bitrate'), bitrate(o.bitrateKbps)] : null,
    o.sizeBytes !== null ? [l10n.t('Size'), bytes(o.sizeBytes)] : null,
    o.durationSeconds !== null ? [l10n.t('Duration'), duration(o.durationSeconds)] : null,
    o.format ? [l10n.t('Format'), o.format] : null,
    o.progress !== null && o.status !== 'succeeded' ? [l10n.t('Progress'), percent(o.progress)] : null,
  ], l10n.t('Output {0}', i + 1), { compact: true });
  const err = o.error
    ? h('div', { class: 'output-error' }, icon('error'), h('span', { class: 'mono', text: o.error.code || l10n.t('Error') }), h('span', { text: o.error.message }))
    : null;
  return h('article', { class: 'output-card', aria: { label: l10n.t('Output {0}: {1}', i + 1, outputName(o, i)) } }, head, urlRow, factsRow, err);
}
