/**
 * Links into the clouds' web consoles ("Open in Cloud Console").
 *
 * None of the consoles documents a deep-link URL for a single job of these kinds, so most links go to the
 * product console's page where the job can be found by its id (the glue copies the id first and says so).
 * What each path rests on:
 * - VOD: `https://vod.console.aliyun.com/#/media/video/list` is linked from Alibaba's own VOD docs; the detail
 *   page `#/media/video/detail/<VideoId>/video` appears in public notes, and a transcode task's page is its
 *   video's page, so with a snapshot (whose name is the VideoId) we link there. The task itself has no page.
 * - IMS (ICE): `https://ims.console.aliyun.com/summary` is the page the IMS API docs link to; the path of the
 *   editing-job list is unverified, so we stop at the console's overview. The same holds for a job's online
 *   editing project (ProjectId): no public doc gives the project editing page's URL (the API reference,
 *   https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-geteditingproject, names only
 *   the API), so `editingProjectLink` opens the overview too, UNCONFIRMED, and the project is found by its id.
 * - Live (production studio, edge transcode): `https://live.console.aliyun.com/` — pages under it take the
 *   region from the console's own selector; deep paths for casters and edge clusters are unverified.
 * - Huawei MPC: `https://console.huaweicloud.com/mpc/?region=<region>` follows the `?region=` convention every
 *   Huawei console uses; the path of the editing-job list inside it is unverified.
 * Links are always https, and every job-derived value is validated and URL-encoded.
 */
import { type Job } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { isRegionName } from '../util/region.js';
import { KIND_INFO } from '../kinds/index.js';

export interface ConsoleLink {
  url: string;
  /** True when the link opens this job's own page; false when the user must find the job (by its id) there. */
  exact: boolean;
}

function regionOrNull(region: string): string | null {
  return isRegionName(region) ? region : null;
}

/**
 * The page of one job from its snapshot's name (KindInfo.namePage; VOD: its video's page, the VideoId being 32
 * lowercase hex characters). A name that does not match is not put into a URL.
 */
function namePageUrl(ref: JobRef, job: Job | null | undefined): string | null {
  const page = KIND_INFO[ref.kind].namePage;
  const name = job?.kind === ref.kind ? job.name : null;
  return page && name && page.namePattern.test(name) ? `${page.prefix}${encodeURIComponent(name)}${page.suffix}` : null;
}

/**
 * The console page for a job, and whether it is the job's own page.
 * @param snapshot the job's last snapshot, when known: it can make the link more precise (KindInfo.namePage).
 */
export function consoleLink(ref: JobRef, region: string, snapshot?: Job | null): ConsoleLink {
  const r = regionOrNull(region || ref.region);
  const page = namePageUrl(ref, snapshot);
  if (page) return { url: page, exact: false };
  const c = KIND_INFO[ref.kind].console;
  return { url: `${c.url}${c.regionQuery && r ? `?region=${encodeURIComponent(r)}` : ''}`, exact: false };
}

/** The console URL for a job (see consoleLink). */
export function consoleUrl(ref: JobRef, region: string, snapshot?: Job | null): string {
  return consoleLink(ref, region, snapshot).url;
}

/** The IMS console page where a job's online editing project (Job.editingProjectId) is found; see the header. */
export const IMS_PROJECT_CONSOLE = 'https://ims.console.aliyun.com/summary';

/**
 * The console page for the job's editing project, or null when the job names none (only IMS jobs have one). Never
 * the project's own page (unconfirmed).
 */
export function editingProjectLink(job: Pick<Job, 'editingProjectId'>): ConsoleLink | null {
  const id = job.editingProjectId;
  if (id === undefined || id === null || id.trim() === '') return null;
  return { url: IMS_PROJECT_CONSOLE, exact: false };
}
