/**
 * The mark a listed ICE batch job or sub-job carries on every surface (the CLI's list rows, the Recent tree):
 * `batch Script · 3 sub-jobs` on a quick video production job, `sub-job of 8750b5…` on a sub-job listed under it.
 */
import { type Job } from '../model/job.js';
import { shortId } from './shortId.js';
import * as l10n from '../util/l10n.js';

export function batchMark(job: Pick<Job, 'batch'>): string | null {
  const b = job.batch;
  if (b === undefined) return null;
  if (b.role === 'sub') return l10n.t('sub-job of {0}', shortId(b.parentId));
  const type = b.jobType !== null && b.jobType !== '' ? ` ${b.jobType}` : '';
  const count = b.subJobCount === null ? '' : ` · ${b.subJobCount} sub-job${b.subJobCount === 1 ? '' : 's'}`;
  return `batch${type}${count}`;
}
