import { type JobKind, type JobParams } from './job.js';

/** What identifies a job to track or fetch: kind, id, region and the extra parameters its kind needs. */
export interface JobRef {
  kind: JobKind;
  id: string;
  /** Empty means "use the default region of the cloud". */
  region: string;
  params: JobParams;
}

// Kind → cloud and kind → label live in src/kinds/ (one file per kind); re-exported for model/'s importers.
export { KIND_CLOUD, KIND_LABEL } from '../kinds/index.js';

/** Shortens long ids for labels: the first 8 and last 4 characters (`7c1e0a9b…a801`); short ids stay whole. */
export function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

/** Longest id we accept; the real ones are 32–64 characters. */
export const MAX_ID_LENGTH = 128;

/**
 * Checks an id (or any identity parameter) before it goes into a request.
 * Returns a reason when it is unusable, or null when it is fine.
 * Ids are opaque to us, but none of the five APIs uses spaces, slashes or control characters.
 * @example validateId('a1b2-…') === null; validateId('a b') === 'contains a space'
 */
export function validateId(value: string, what = 'id'): string | null {
  if (value.length === 0) return `${what} is empty`;
  if (value.length > MAX_ID_LENGTH) return `${what} is ${value.length} characters long (at most ${MAX_ID_LENGTH})`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return `${what} contains a control character`;
  if (/\s/.test(value)) return `${what} contains a space`;
  if (/[/\\?#&=%"'<>]/.test(value)) return `${what} contains a character ids never have (${/[/\\?#&=%"'<>]/.exec(value)?.[0]})`;
  return null;
}

/** A stable key for a job reference (used by stores and de-duplication). */
export function jobKey(ref: Pick<JobRef, 'kind' | 'id' | 'region' | 'params'>): string {
  const p = ref.params;
  return [ref.kind, ref.region, ref.id, p.clusterId ?? '', p.casterId ?? '', p.projectId ?? ''].join('|');
}
