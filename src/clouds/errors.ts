/**
 * Typed errors of the cloud layer. Every failure that reaches a user is one of these, so the CLI, the tree
 * and the hover can show one clear line (`describeError`) and never a stack trace.
 * No error ever carries a secret: messages are built from codes, ids and the server's own message,
 * and `redactSecrets` (clouds/http/redact.ts) runs over server messages that may echo signed strings.
 */
import { type CloudId } from '../model/job.js';
import { type MediaJobsErrorKind } from '../model/trackedJob.js';
import { oneLine } from '../util/unsafeChars.js';
import * as l10n from '../util/l10n.js';

export abstract class MediaJobsError extends Error {
  abstract readonly kind: MediaJobsErrorKind;
  /** One line of advice, or null. */
  hint: string | null = null;
}

/** The cloud answered with an error body (JobNotFound, SignatureDoesNotMatch, APIGW.0308, …). */
export class ApiError extends MediaJobsError {
  override readonly name = 'ApiError';
  readonly kind = 'api' as const;
  /** The cloud's error code, on one line without control or bidi characters (it comes from the server). */
  readonly code: string;
  readonly requestId: string | null;
  constructor(
    readonly cloud: CloudId,
    /** API name as `product:Action`, e.g. `ice:GetMediaProducingJob`. */
    readonly api: string,
    code: string,
    message: string,
    readonly httpStatus: number,
    requestId: string | null,
    /** Seconds the server asked us to wait (x-acs-retry-after, Retry-After), if any. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    // Code, Message and RequestId are the server's text: whatever shows or stores them gets them clean.
    super(oneLine(message));
    this.code = oneLine(code);
    this.requestId = requestId === null ? null : oneLine(requestId);
  }
}

/** Where a network error happened, apart from its (localized) message, so nothing reads the message back. */
export interface NetworkErrorPlace {
  /** The host (and port) of the endpoint the request was for. */
  host?: string;
  /** The proxy's host (and port) when the request went through one. */
  proxyHost?: string;
}

/** The request did not complete: connection refused or reset, DNS failure, timeout, aborted. */
export class NetworkError extends MediaJobsError {
  override readonly name = 'NetworkError';
  readonly kind = 'network' as const;
  readonly host: string | null;
  readonly proxyHost: string | null;
  constructor(
    readonly api: string,
    /** ECONNRESET, ECONNREFUSED, ENOTFOUND, TIMEOUT, ABORTED, … */
    readonly code: string,
    message: string,
    place: NetworkErrorPlace = {},
  ) {
    super(message);
    this.host = place.host ?? null;
    this.proxyHost = place.proxyHost ?? null;
  }
}

/**
 * Why a body could not be read, for the hint to choose by (the message is in the display language, so nothing
 * matches its words): cut short, empty, larger than accepted, an HTML page (a proxy or portal), JSON that does not
 * parse, JSON that is not a known error shape on an error status, XML that is not an error body, anything else.
 */
export type BadResponseReason = 'truncated' | 'empty' | 'tooLarge' | 'html' | 'malformedJson' | 'unknownErrorShape' | 'xml' | 'notJson';

/** The server answered, but not with something we can read: a proxy's HTML page, a truncated or empty body. */
export class BadResponseError extends MediaJobsError {
  override readonly name = 'BadResponseError';
  readonly kind = 'bad-response' as const;
  constructor(
    readonly api: string,
    readonly httpStatus: number,
    readonly contentType: string | null,
    message: string,
    readonly requestId: string | null,
    readonly reason: BadResponseReason = 'notJson',
  ) {
    super(message);
  }
}

/** The body was JSON, but lacks what identifies the job (or has it in a shape we cannot use). */
export class SchemaError extends MediaJobsError {
  override readonly name = 'SchemaError';
  readonly kind = 'schema' as const;
  constructor(
    readonly api: string,
    /** Dotted path of the field, e.g. `MediaProducingJob.JobId`. */
    readonly field: string,
    message: string,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }
}

/** Our own configuration is unusable: unknown region, bad endpoint URL, bad id. Raised before any request. */
export class ConfigError extends MediaJobsError {
  override readonly name = 'ConfigError';
  readonly kind = 'config' as const;
  constructor(message: string, hint: string | null = null) {
    super(message);
    this.hint = hint;
  }
}

/** Credentials are missing or incomplete. A normal "sign in" path, not a crash. */
export class CredentialsError extends MediaJobsError {
  override readonly name = 'CredentialsError';
  readonly kind = 'credentials' as const;
  constructor(readonly cloud: CloudId, message: string, hint: string | null = null) {
    super(message);
    this.hint = hint;
  }
}

export function isMediaJobsError(e: unknown): e is MediaJobsError {
  return e instanceof MediaJobsError;
}

/** One line for a person: what failed, the cloud's code, the request id, and the hint. */
export function describeError(e: unknown): string {
  if (!(e instanceof MediaJobsError)) {
    return oneLine(l10n.t('unexpected error: {0}', e instanceof Error ? e.message : String(e)));
  }
  const parts: string[] = [];
  switch (e.kind) {
    case 'api': {
      const a = e as ApiError;
      parts.push(l10n.t('{0} failed: {1} (HTTP {2}): {3}', a.api, a.code, a.httpStatus, a.message));
      if (a.requestId) parts.push(l10n.t('request id {0}', a.requestId));
      break;
    }
    case 'network': {
      const n = e as NetworkError;
      parts.push(l10n.t('{0}: network error {1}: {2}', n.api, n.code, n.message));
      break;
    }
    case 'bad-response': {
      const b = e as BadResponseError;
      parts.push(l10n.t('{0}: unreadable response (HTTP {1}): {2}', b.api, `${b.httpStatus}${b.contentType ? `, ${b.contentType}` : ''}`, b.message));
      if (b.requestId) parts.push(l10n.t('request id {0}', b.requestId));
      break;
    }
    case 'schema': {
      const s = e as SchemaError;
      parts.push(l10n.t('{0}: unexpected response: {1} (field {2})', s.api, s.message, s.field));
      if (s.requestId) parts.push(l10n.t('request id {0}', s.requestId));
      break;
    }
    default:
      parts.push(e.message);
  }
  if (e.hint) parts.push(l10n.t('hint: {0}', e.hint));
  // Codes, messages and request ids come from the server: no terminal escapes, no bidi overrides, one line.
  return oneLine(parts.join('; '));
}
