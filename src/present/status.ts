/** The status vocabulary as people read it: labels and codicons, for the tree, hovers, the CLI and the inspector. */
import { type JobStatus } from '../model/job.js';
import { type TrackedJob } from '../model/trackedJob.js';

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
