import { type JobKind, type JobParams } from './job.js';

/** What identifies a job to track or fetch: kind, id, region and the extra parameters its kind needs. */
export interface JobRef {
  kind: JobKind;
  id: string;
  /** Empty means "use the default region of the cloud". */
  region: string;
  params: JobParams;
}
