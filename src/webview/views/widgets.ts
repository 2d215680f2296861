/** Small building blocks shared by the views: facts, chips, banners, empty states, sections. */
import { type JobKind, type JobStatus } from '../../model/job.js';
import * as l10n from '../../util/l10n.js';
import { STATUS_ICON, STATUS_LABEL, statusLabelOf } from '../../present/status.js';
import { type Ctx } from '../context.js';
import { button, type Child, h, icon } from '../dom.js';
import { DASH, dateTime } from '../format.js';

/** A missing value: a dash that says why on hover. */
export function missing(why = l10n.t('Not given by the API')): HTMLElement {
  return h('span', { class: 'missing', text: DASH, title: why, aria: { label: why } });
}

export function textOr(v: string | null | undefined, why?: string): Child {
  return v === null || v === undefined || v === '' ? missing(why) : v;
}

/** A status chip: icon and label (the kind's own word for its value, where it has one), coloured by status; the cloud's own value beside it. */
export function statusChip(status: JobStatus, raw: string | null, opts: { small?: boolean; kind?: JobKind } = {}): HTMLElement {
  const known = (STATUS_LABEL as Record<string, string>)[status] !== undefined;
  const s: JobStatus = known ? status : 'unknown';
  const chip = h('span', { class: `chip status status-${s}${opts.small ? ' small' : ''}`, title: raw !== null ? l10n.t('The cloud says: {0}', raw === '' ? l10n.t('(empty)') : raw) : undefined, data: { status: s } },
    icon(STATUS_ICON[s], s === 'running' ? 'codicon-modifier-spin' : ''), h('span', { class: 'chip-label', text: statusLabelOf(opts.kind, s, raw) }));
  if (raw === null || opts.small) return chip;
  return h('span', { class: 'status-group' }, chip, h('span', { class: 'raw-status', title: l10n.t('The status value as the cloud reports it'), text: raw === '' ? l10n.t('(empty)') : raw }));
}

export function chip(text: string, opts: { icon?: string; class?: string; title?: string } = {}): HTMLElement {
  return h('span', { class: `chip${opts.class ? ` ${opts.class}` : ''}`, title: opts.title }, opts.icon ? icon(opts.icon) : null, h('span', { class: 'chip-label', text }));
}

/** Local time, with UTC on hover. */
export function timeValue(iso: string | null | undefined): Child {
  const t = dateTime(iso);
  if (t === null) return missing();
  return h('time', { class: 'time', title: t.utc, aria: { label: l10n.t('{0} local time, {1}', t.local, t.utc) }, text: t.local });
}

/** A value in monospace with a Copy button. */
export function copyable(ctx: Ctx, text: string | null | undefined, what: string, opts: { class?: string } = {}): Child {
  if (text === null || text === undefined || text === '') return missing();
  return h('span', { class: `copyable${opts.class ? ` ${opts.class}` : ''}` },
    h('span', { class: 'mono value-text', text }),
    button({ icon: 'copy', title: l10n.t('Copy {0}', what), class: 'inline', onClick: () => ctx.copy(text, what) }));
}

/** A two-column list of label/value rows (a <dl>). */
/** A fact: label and value; `wide` lets a long value (an id, a path) take two columns of a compact list. */
export type Fact = [string, Child] | [string, Child, { wide: boolean }];

export function facts(rows: Array<Fact | null | false>, label?: string, opts: { compact?: boolean } = {}): HTMLElement {
  const dl = h('dl', { class: `facts${opts.compact ? ' compact' : ''}`, aria: { label } });
  for (const r of rows) {
    if (!r) continue;
    const dt = h('dt', { text: r[0] });
    const dd = h('dd', {}, r[1] ?? missing());
    // A compact list wraps each pair (allowed in <dl>) so pairs flow in columns.
    if (opts.compact) dl.appendChild(h('div', { class: `fact${r[2]?.wide ? ' wide' : ''}` }, dt, dd));
    else dl.append(dt, dd);
  }
  return dl;
}

export function section(title: string, content: Child[], opts: { icon?: string; count?: number | string; id?: string; actions?: Child[]; class?: string } = {}): HTMLElement {
  const headingId = opts.id ? `${opts.id}-h` : undefined;
  return h('section', { class: `section${opts.class ? ` ${opts.class}` : ''}`, id: opts.id, aria: { labelledby: headingId } },
    h('div', { class: 'section-head' },
      h('h2', { id: headingId }, opts.icon ? icon(opts.icon) : null, h('span', { text: title }),
        opts.count !== undefined ? h('span', { class: 'count-badge', text: String(opts.count) }) : null),
      opts.actions ? h('div', { class: 'section-actions' }, ...opts.actions) : null),
    ...content);
}

export type BannerKind = 'error' | 'warning' | 'info';

export function banner(kind: BannerKind, title: string, lines: Child[], opts: { icon?: string; actions?: Child[]; id?: string } = {}): HTMLElement {
  const iconName = opts.icon ?? (kind === 'error' ? 'error' : kind === 'warning' ? 'warning' : 'info');
  return h('div', { class: `banner banner-${kind}`, role: kind === 'info' ? 'status' : 'alert', id: opts.id },
    icon(iconName, 'banner-icon'),
    h('div', { class: 'banner-body' }, h('div', { class: 'banner-title', text: title }), ...lines.map((l) => (l === null || l === undefined || l === false ? null : h('div', { class: 'banner-line' }, l)))),
    opts.actions && opts.actions.length > 0 ? h('div', { class: 'banner-actions' }, ...opts.actions) : null);
}

export function emptyState(iconName: string, title: string, detail: Child[] = [], actions: Child[] = []): HTMLElement {
  return h('div', { class: 'empty-state', role: 'status' },
    icon(iconName, 'empty-icon'),
    h('div', { class: 'empty-title', text: title }),
    ...detail.map((d) => (d === null || d === undefined || d === false ? null : h('p', { class: 'empty-detail' }, d))),
    actions.length > 0 ? h('div', { class: 'empty-actions' }, ...actions) : null);
}

export function progressBar(p: number, label: string): HTMLElement {
  const v = Math.max(0, Math.min(100, p));
  const fill = h('div', { class: 'progress-fill' });
  fill.style.width = `${v}%`;
  return h('div', { class: 'progress', role: 'progressbar', aria: { valuenow: Math.round(v), valuemin: 0, valuemax: 100, label } }, fill);
}
