/**
 * ICE quick video production ("batch") jobs as `ListBatchMediaProducingJobs` (2020-11-09) lists them,
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-listbatchmediaproducingjobs
 * (models: aliyun/alibabacloud-typescript-sdk ice-20201109/src/models/ListBatchMediaProducingJobsRequest.ts and
 * ListBatchMediaProducingJobsResponseBody.ts). An item of EditingBatchJobList: JobId, JobType (Script, Smart_Mix),
 * Status (Init, Processing, Finished, Failed), CreateTime, ModifiedTime, CompleteTime, and the JSON texts
 * InputConfig, EditingConfig, OutputConfig, UserData, Extend. A batch job produces its videos as sub-jobs, which
 * ListMediaProducingJobs lists with `MasterJobId` (ListMediaProducingJobsRequest.ts).
 *
 * Mapping: the configs are the inspector's extras (decoded); OutputConfig's MediaURL is a pattern (`…_{index}.mp4`),
 * not an output, so its file name is the job's name and it is no `outputs[]` entry.
 */
import { z } from 'zod';
import { type Job, type JobExtra, type JobStatus } from '../../model/job.js';
import { byName, type MappedStatus } from './status.js';
import { iceKind } from './ice.js';
import { aliyunTime, blankJob, decodedOrRaw, fileNameFromUrl, idString, isRecord, jsonInString, optString } from './wire.js';
import * as l10n from '../../util/l10n.js';

const STATUS = new Map<string, JobStatus>([
  ['Init', 'queued'],
  ['Processing', 'running'],
  ['Finished', 'succeeded'],
  ['Failed', 'failed'],
]);

/** ListBatchMediaProducingJobs `Status` (the request takes the same four values). */
export function iceBatchStatus(raw: unknown): MappedStatus {
  return byName(STATUS, raw);
}

/** Our status → the request's Status value. */
export const ICE_BATCH_STATUS_VALUES: Readonly<Partial<Record<JobStatus, string>>> = { queued: 'Init', running: 'Processing', succeeded: 'Finished', failed: 'Failed' };

const BatchJobWire = z.looseObject({
  JobId: idString,
  JobType: optString,
  Status: z.unknown().optional(),
  CreateTime: aliyunTime,
  ModifiedTime: aliyunTime,
  CompleteTime: aliyunTime,
  InputConfig: jsonInString(z.unknown()),
  EditingConfig: jsonInString(z.unknown()),
  OutputConfig: jsonInString(z.unknown()),
  UserData: jsonInString(z.unknown()),
  Extend: jsonInString(z.unknown()),
});

/** The batch's configs the inspector shows, each with its title (in the display language: called at parse time). */
const extraTitles = () => [
  ['InputConfig', l10n.t('Input config')], ['EditingConfig', l10n.t('Editing config')], ['OutputConfig', l10n.t('Output config')], ['Extend', 'Extend'],
] as const;

/**
 * One EditingBatchJobList item as a Job (a parent in a list: `batch.role === 'batch'`), or null when it has no
 * JobId. `subJobCount` is filled in by the lister once it has counted the sub-jobs.
 */
export function iceBatchJob(item: unknown, region: string, requestId: string | null): Job | null {
  const r = BatchJobWire.safeParse(item);
  if (!r.success) return null;
  const w = r.data;
  const { status, rawStatus } = iceBatchStatus(w.Status);
  const output = decodedOrRaw(w.OutputConfig);
  const pattern = isRecord(output) && typeof output.MediaURL === 'string' ? output.MediaURL : null;
  const extras: JobExtra[] = [];
  for (const [key, title] of extraTitles()) {
    const value = decodedOrRaw(w[key]);
    if (value !== null) extras.push({ title, value });
  }
  return {
    ...blankJob(iceKind.kind, region, w.JobId),
    name: fileNameFromUrl(pattern) ?? `${l10n.t('quick video production')}${w.JobType !== null ? ` (${w.JobType})` : ''}`,
    status,
    rawStatus,
    createdAt: w.CreateTime,
    updatedAt: w.ModifiedTime,
    completedAt: w.CompleteTime,
    userData: decodedOrRaw(w.UserData),
    requestId,
    raw: item,
    ...(extras.length > 0 ? { extras } : {}),
    batch: { role: 'batch', jobType: w.JobType, subJobCount: null },
  };
}

/** A batch job with its sub-jobs counted. */
export function withSubJobCount(job: Job, count: number): Job {
  return job.batch?.role === 'batch' ? { ...job, batch: { ...job.batch, subJobCount: count } } : job;
}
