/** The status vocabulary as people read it: labels and codicons, for the tree, hovers, the CLI and the inspector. */
import { type JobKind, type JobStatus } from '../model/job.js';
import { KIND_INFO } from '../kinds/index.js';
import { type TrackedJob } from '../model/trackedJob.js';
import * as l10n from '../util/l10n.js';

/** The one wording of a status: tree groups (`Partly Failed (1)`), hovers, links and the inspector's chips and banners. */
export const STATUS_LABEL: Readonly<Record<JobStatus, string>> = {
  running: 'Running',
  queued: 'Queued',
  failed: 'Failed',
  partial: 'Partly Failed',
  cancelled: 'Cancelled',
  succeeded: 'Succeeded',
  stopped: 'Stopped',
  unknown: 'Unknown',
};

/**
 * The label of a job's status: the kind's own word for its raw value where it has one (edge "0": `Not started`),
 * else the shared label. The status itself (grouping, icons, colours, terminal or not) stays the model's.
 */
export function statusLabelOf(kind: JobKind | null | undefined, status: JobStatus, rawStatus: string | null | undefined): string {
  const own = kind ? KIND_INFO[kind]?.statusLabels : undefined;
  if (own && rawStatus !== null && rawStatus !== undefined && Object.hasOwn(own, rawStatus)) return l10n.label(own[rawStatus]!);
  return l10n.label(STATUS_LABEL[status] ?? STATUS_LABEL.unknown);
}

/** The codicon per status (tree, status bar, hovers, inspector chips). */
export const STATUS_ICON: Readonly<Record<JobStatus, string>> = {
  running: 'sync', queued: 'clock', failed: 'error', partial: 'warning', cancelled: 'circle-slash', succeeded: 'pass-filled', stopped: 'debug-stop', unknown: 'question',
};

/** The theme colour id per status, where it has one. */
export const STATUS_COLOR: Readonly<Record<JobStatus, string | null>> = {
  running: 'charts.blue', queued: 'charts.yellow', succeeded: 'testing.iconPassed', failed: 'testing.iconFailed', partial: 'list.warningForeground', cancelled: null, stopped: null, unknown: null,
};

/** The status to show and group by: the snapshot's, or `unknown` before the first successful fetch. */
export function effectiveStatus(t: TrackedJob): JobStatus {
  return t.snapshot?.status ?? 'unknown';
}
