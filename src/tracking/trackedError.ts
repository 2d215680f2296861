/** A poll's error as kept on a tracked job: plain data from a cloud-layer error (no stack, no secrets). */
import { type MediaJobsError } from '../clouds/errors.js';
import { type TrackedError } from '../model/trackedJob.js';

/** Turns a cloud-layer error into the plain data kept on a tracked job. */
export function trackedErrorFrom(e: MediaJobsError, at: Date): TrackedError {
  return { kind: e.kind, code: errorCode(e), message: e.message, hint: e.hint, at: at.toISOString() };
}

/** The most specific code an error has, read structurally so this file needs no runtime import of the error classes. */
function errorCode(e: MediaJobsError): string | null {
  const fields = e as unknown as { code?: unknown; httpStatus?: unknown; field?: unknown };
  if (typeof fields.code === 'string' && fields.code !== '') return fields.code;
  if (e.kind === 'bad-response' && typeof fields.httpStatus === 'number') return `HTTP ${fields.httpStatus}`;
  if (e.kind === 'schema') return 'UnexpectedResponse';
  if (e.kind === 'credentials') return 'NoCredentials';
  if (e.kind === 'config') return 'BadConfiguration';
  return null;
}
