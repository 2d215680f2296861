import { type JobKind, type JobParams } from './job.js';

/** What identifies a job to track or fetch: kind, id, region and the extra parameters its kind needs. */
export interface JobRef {
  kind: JobKind;
  id: string;
  /** Empty means "use the default region of the cloud". */
  region: string;
  params: JobParams;
  /**
   * The credential profile (account) the job was tracked with and is polled with. Absent on references saved
   * before profiles existed, which read as the profile named "default" (what today's credentials migrate to); absent
   * on an untracked look-up, which uses the cloud's current default profile. Not part of the job's key.
   */
  profile?: string;
}
