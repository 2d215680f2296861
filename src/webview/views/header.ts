/** The panel's header: what the job is, its status (with the cloud's own value), progress, and the banners. */
import { JOB_STATUSES } from '../../model/job.js';
import * as l10n from '../../util/l10n.js';
import { CLOUD_LABEL } from '../../kinds/index.js';
import { STATUS_LABEL } from '../../present/status.js';
import { type Ctx } from '../context.js';
import { button, h, icon } from '../dom.js';
import { dateTime, oneLine } from '../format.js';
import { kindInfo, kindLabel as labelOfKind } from '../kind.js';
import { banner, chip, copyable, progressBar, statusChip } from './widgets.js';

const cloudLabel = (cloud: string): string | undefined => (Object.hasOwn(CLOUD_LABEL, cloud) ? l10n.label((CLOUD_LABEL as Record<string, string>)[cloud]!) : undefined);

export function renderHeader(ctx: Ctx): HTMLElement {
  const p = ctx.payload();
  const job = p.job;
  const ref = p.tracked.ref;
  const kind = ref.kind;
  const info = kindInfo(kind);
  const kindLabel = labelOfKind(kind);
  const name = job?.name && job.name !== ref.id ? oneLine(job.name, 120) : null;

  const titleRow = h('div', { class: 'title-row' },
    h('span', { class: 'kind-icon', title: kindLabel }, icon(info?.icon ?? 'symbol-misc')),
    h('div', { class: 'title-text' },
      h('h1', { id: 'job-title' }, h('span', { class: 'kind-label', text: kindLabel }), name ? h('span', { class: 'job-name', text: name, title: job?.name ?? undefined }) : null),
      h('div', { class: 'subtitle' },
        job ? statusChip(job.status, job.rawStatus, { kind: job.kind }) : p.tracked.refreshing ? chip(l10n.t('Fetching…'), { icon: 'loading', class: 'status status-queued spin' }) : chip(l10n.t('Not fetched'), { icon: 'circle-slash', class: 'status status-unknown' }),
        chip(`${cloudLabel(job?.cloud ?? '') ?? cloudLabel(info?.cloud ?? 'aliyun')} · ${ref.region || l10n.t('default region')}`, { icon: 'cloud', class: 'plain' }),
        h('span', { class: 'id-group', title: l10n.t('Job id') }, h('span', { class: 'id-label', text: 'ID' }), copyable(ctx, ref.id, l10n.t('job id'), { class: 'job-id' })))),
    h('div', { class: 'header-actions' },
      button({
        icon: p.tracked.refreshing ? 'loading' : 'refresh', title: l10n.t('Refresh'), label: l10n.t('Refresh'), class: `secondary${p.tracked.refreshing ? ' spin' : ''}`,
        onClick: () => ctx.host.send({ type: 'refresh' }),
      })));

  const parts: HTMLElement[] = [titleRow];
  if (job && job.progress !== null && (job.status === 'running' || job.status === 'queued' || job.progress < 100)) {
    parts.push(h('div', { class: 'progress-row' }, progressBar(job.progress, l10n.t('Progress')), h('span', { class: 'progress-text', text: `${Math.round(job.progress)} %` })));
  }

  const banners = h('div', { class: 'banners' });
  if (job?.error) {
    const e = job.error;
    const what = job.status === 'partial' || job.status === 'failed' ? l10n.label(STATUS_LABEL[job.status]) : l10n.t('Error');
    banners.appendChild(banner(job.status === 'partial' ? 'warning' : 'error', e.code ? `${what}: ${e.code}` : what, [
      e.message ? h('span', { class: 'error-message', text: e.message }) : null,
      p.errorHint ? h('span', { class: 'hint' }, h('strong', { text: l10n.t('Hint: ') }), p.errorHint) : null,
    ], { id: 'job-error' }));
  }
  if (job && !(JOB_STATUSES as readonly string[]).includes(job.status)) {
    banners.appendChild(banner('warning', l10n.t('Unknown status'), [l10n.t('The cloud reported "{0}", which this extension does not know.', job.rawStatus)]));
  } else if (job && job.status === 'unknown') {
    banners.appendChild(banner('warning', l10n.t('Unknown status: {0}', job.rawStatus === '' ? l10n.t('(empty)') : job.rawStatus), [
      l10n.t('The cloud reported a status value this extension does not know; it is shown as it came. The job is still polled until it reaches a known final status.'),
    ], { id: 'unknown-status' }));
  }
  const le = p.tracked.lastError;
  if (le) {
    const at = dateTime(le.at);
    banners.appendChild(banner(job ? 'warning' : 'error', `${job ? l10n.t('The last refresh failed') : l10n.t('The job could not be fetched')}${le.code ? `: ${le.code}` : ''}`, [
      le.message,
      le.hint ? h('span', { class: 'hint' }, h('strong', { text: l10n.t('Hint: ') }), le.hint) : null,
      at ? h('span', { class: 'muted', text: l10n.t('Since {0}', at.local), title: at.utc }) : null,
    ], { id: 'last-error', icon: 'debug-disconnect' }));
  }
  if (!p.tracked.tracked) {
    banners.appendChild(banner('info', l10n.t('No longer tracked'), [l10n.t('This job was removed from the tracked jobs; the panel shows its last snapshot.')]));
  }
  if (p.tracked.refreshing && job) {
    banners.appendChild(banner('info', l10n.t('Fetching the job again…'), [p.tracked.trimmed ? l10n.t('The saved snapshot was trimmed to keep the saved state small.') : l10n.t('The panel updates when it arrives.')], { icon: 'loading' }));
  }
  if (banners.childElementCount > 0) parts.push(banners);
  return h('header', { class: 'job-header', aria: { labelledby: 'job-title' } }, ...parts);
}
