/**
 * The rows of the Recent Jobs view, without VS Code: Cloud → source (a kind in a region; live edge: its clusters)
 * → jobs, then one "Load more" row while the list goes on, or one row that says why there is nothing (loading, no
 * job in the window, the error with its hint). Job rows look like the tracked tree's (the same label, status icon
 * and phrases), lead with their status (no status group above them here), say when the job was created, and say
 * "tracked" when it already is. Pure, so the rows are unit-tested.
 */
import { type CloudId, type Job, type JobKind, type JobStatus } from '../model/job.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { type TrackedError } from '../model/trackedJob.js';
import { CLOUD_LABEL, KIND_CLOUD, KIND_LABEL } from '../kinds/index.js';
import { refOfJob } from '../kinds/refs.js';
import { escapeMarkdown, jobLabel, jobTooltipMarkdown, type RowLook, shortId, statusIcon, statusPhrase } from './jobPresentation.js';
import { STATUS_LABEL, statusLabelOf } from './status.js';
import { neutralise } from '../util/neutralise.js';
import { batchMark } from './batch.js';
import * as l10n from '../util/l10n.js';

const SEP = ' · ';

export interface SourceSpec {
  kind: JobKind;
  region: string;
  /** Live edge: the cluster; null elsewhere. */
  clusterId: string | null;
  /**
   * An ICE batch (quick video production) job whose sub-jobs this source lists: its id and creation time (the
   * sub-jobs are created after it, so they are listed from then on, whatever the view's window and status filter:
   * a batch row opens to all its parts). Absent for a kind's own list.
   */
  parent?: { id: string; createdAt: string | null };
}

export type RecentNode =
  | { type: 'cloud'; id: string; cloud: CloudId }
  | { type: 'source'; id: string; spec: SourceSpec }
  /** Live edge in a region: its remembered clusters, each a source. */
  | { type: 'clusters'; id: string; kind: JobKind; region: string }
  | { type: 'recentJob'; id: string; sourceId: string; job: Job }
  | { type: 'more'; id: string; sourceId: string }
  | { type: 'note'; id: string; sourceId: string; note: NoteRow };

/** A row that is not a job: what a source has to say, and what clicking it does. */
export interface NoteRow {
  label: string;
  description?: string;
  tooltip?: string;
  icon: 'loading~spin' | 'error' | 'info' | 'add' | 'key';
  color?: string;
  /** `retry` reloads the source, `credentials` opens Set Credentials, `addCluster` asks for a cluster id. */
  action: 'retry' | 'credentials' | 'addCluster' | null;
}

export function sourceId(spec: SourceSpec): string {
  return `recent/${spec.kind}/${spec.region}${spec.clusterId ? `/${spec.clusterId}` : ''}`;
}

export function cloudNodeId(cloud: CloudId): string {
  return `recent/${cloud}`;
}

export function clustersNodeId(kind: JobKind, region: string): string {
  return `recent/${kind}/${region}/clusters`;
}

/** A Job from a list as the tracked tree's presenters read it (not tracked; never polled). */
export function asTracked(job: Job, listedAt: string): TrackedJob {
  const ref = refOfJob(job);
  return { key: `recent:${job.kind}:${job.id}`, ref, snapshot: job, lastError: null, addedAt: listedAt, lastCheckedAt: listedAt, watched: false };
}

/** Creation time as a short local date and time (the view is a snapshot: an age would go stale). */
export function createdText(iso: string | null, locale?: string): string | null {
  const t = iso ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(t)) return null;
  return new Date(t).toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A job row: the tracked row's label and icon; status, its phrases, the creation time, the short id, "tracked". */
export function recentJobLook(job: Job, tracked: boolean, now: number, locale?: string, opts: { underParent?: boolean } = {}): RowLook {
  const t = asTracked(job, new Date(now).toISOString());
  const icon = statusIcon(job.status);
  const label = jobLabel(t);
  const parts = [statusLabelOf(job.kind, job.status, job.rawStatus).toLowerCase()];
  // A batch says so first (what it is, and how many parts it has); a sub-job under its batch's row needs no mark.
  const batch = opts.underParent === true ? null : batchMark(job);
  if (batch && job.batch?.role === 'batch') parts.push(batch);
  // The phrase already names a kind's own status word (edge "not started"): do not say it twice.
  // Without ages ("started 3 min ago", "waiting 2 min"): the rows are what the list said when it was read, and an
  // age would go stale; the creation time below does not.
  for (const p of statusPhrase(job, now)) if (p !== parts[0] && !/ ago$|^waiting /.test(p)) parts.push(p);
  const created = createdText(job.createdAt, locale);
  if (created) parts.push(created);
  if (label !== shortId(job.id)) parts.push(shortId(job.id));
  if (batch && job.batch?.role !== 'batch') parts.push(batch);
  if (tracked) parts.push('tracked');
  const description = neutralise(parts.join(SEP), { icons: false, maxLength: 200 });
  // A batch (quick video production) job is not a job GetMediaProducingJob answers for: no Track or Inspect.
  const isBatch = job.batch?.role === 'batch';
  const tokens = ['recentJob', `kind-${job.kind}`, `status-${job.status}`, isBatch ? 'batch' : tracked ? 'tracked' : 'untracked'];
  return {
    label, description, icon: icon.spin ? `${icon.id}~spin` : icon.id, color: icon.color ?? undefined, contextValue: `${tokens.join(';')};`,
    a11y: `${label}, ${l10n.label(STATUS_LABEL[job.status])}${description ? `, ${description}` : ''}`,
  };
}

/** The job row's tooltip: the tracked tooltip's facts, and whether it is tracked. */
export function recentJobTooltip(job: Job, tracked: boolean, now: number): string {
  const t = asTracked(job, new Date(now).toISOString());
  const body = jobTooltipMarkdown(t, now).replace(/\n\n_Last checked[^\n]*_$/, '');
  if (hasChildren(job)) return `${body}\n\n${l10n.t('_A batch job: expand it to list its sub-jobs, and track those_')}`;
  return `${body}\n\n_${tracked ? l10n.t('Tracked: its row in Jobs is kept current') : l10n.t('Listed, not tracked: Track keeps it current and tells you when it finishes')}_`;
}

/** A kind's label for many of its jobs: "IMS editing jobs", "VOD transcode tasks", "Live production-studio editing tasks". */
export function kindPlural(kind: JobKind): string {
  // English plurals from the English label; in Chinese a noun has no plural ("{0}s" is "{0}").
  const english = KIND_LABEL[kind];
  return /(job|task)$/.test(english) ? l10n.t('{0}s', l10n.label(english)) : l10n.t('{0} tasks', l10n.label(english));
}

/** The source row's label: the kind's jobs, or for a live edge cluster its id. */
export function sourceLabel(spec: SourceSpec): string {
  return spec.clusterId ? l10n.t('cluster {0}', spec.clusterId) : kindPlural(spec.kind);
}

/** The source row's description: its region (a cluster row's is its parent's), what it holds once loaded. */
export function sourceDescription(spec: SourceSpec, loaded: { count: number; more: boolean } | null): string {
  const parts: string[] = [];
  if (!spec.clusterId) parts.push(spec.region);
  if (loaded) parts.push(loaded.count === 1 && !loaded.more ? l10n.t('{0} job', loaded.count) : l10n.t('{0} jobs', `${loaded.count}${loaded.more ? '+' : ''}`));
  return parts.join(SEP);
}

/** The source row's tooltip: which API it lists with, and what the user should know about it (unconfirmed APIs). */
export function sourceTooltip(spec: SourceSpec, info: { apis: readonly string[]; note: string | null } | null): string {
  const lines = [l10n.t('**{0}** in {1}{2} ({3})', escapeMarkdown(kindPlural(spec.kind)), escapeMarkdown(spec.region), spec.clusterId ? l10n.t(', cluster {0}', escapeMarkdown(spec.clusterId)) : '', escapeMarkdown(l10n.label(CLOUD_LABEL[KIND_CLOUD[spec.kind]])))];
  if (info) lines.push(l10n.t('Listed with {0}', info.apis.map((a) => `\`${a}\``).join(', then ')));
  if (info?.note) lines.push(escapeMarkdown(info.note));
  lines.push(l10n.t('_Fetched when expanded or refreshed, never in the background._'));
  return lines.join('  \n');
}

/** What a source shows under its jobs: nothing, "Load more", or why it is empty. */
export function sourceTail(
  state: 'idle' | 'loading' | 'ready' | 'error', jobs: number, more: boolean, error: TrackedError | null,
  filter: { window: string; status: JobStatus | null } | { parentId: string },
): NoteRow | 'more' | null {
  if (state === 'loading') return { label: jobs > 0 ? l10n.t('Loading more…') : 'Loading…', icon: 'loading~spin', action: null };
  if (state === 'error' && error) {
    return {
      label: neutralise(error.message, { icons: false, maxLength: 200 }),
      description: error.code ? neutralise(error.code, { icons: false, maxLength: 60 }) : undefined,
      tooltip: [`**${escapeMarkdown(error.code ?? l10n.t('Error'))}**: ${escapeMarkdown(error.message)}`, error.hint ? l10n.t('Hint: {0}', escapeMarkdown(error.hint)) : null, l10n.t('_Click to try again._')]
        .filter((l): l is string => l !== null).join('  \n'),
      icon: error.kind === 'credentials' ? 'key' : 'error',
      color: error.kind === 'credentials' ? undefined : 'errorForeground',
      action: error.kind === 'credentials' ? 'credentials' : 'retry',
    };
  }
  if (state === 'ready' && more) return 'more';
  if (state === 'ready' && jobs === 0 && 'parentId' in filter) return { label: l10n.t('No sub-job of {0} listed', shortId(filter.parentId)), icon: 'info', action: null };
  if (state === 'ready' && jobs === 0 && 'window' in filter) {
    return { label: l10n.t('No job{0} in the {1}', filter.status ? ` ${l10n.label(STATUS_LABEL[filter.status]).toLowerCase()}` : '', filter.window), icon: 'info', action: null };
  }
  return null;
}

/** Whether a listed job's row opens to a list of its own (an ICE batch job: its sub-jobs). */
export function hasChildren(job: Pick<Job, 'batch'>): boolean {
  return job.batch?.role === 'batch';
}

/** The tree id of a listed job: unique per source (the same job can be listed under two regions' sources only if it is in both). */
export function recentJobNodeId(source: string, job: Job): string {
  return `${source}/job:${job.id}`;
}

export { shortId };
