/**
 * Retries with exponential backoff and full jitter, above the signer.
 *
 * Why above the signer: Alibaba rejects a reused SignatureNonce (SignatureNonceUsed) and both clouds reject
 * stale timestamps, so an attempt must never replay the previous request's bytes. `withRetry` therefore
 * takes a function that builds, signs and sends a fresh request each time it is called; the transport never
 * retries on its own. (Alibaba's own runtime re-signs inside its retry loop for the same reason.)
 *
 * The policy follows the AWS SDKs' standard mode, which the reference compares: full jitter
 * `random() * min(cap, base * 2^(n-1))`, a larger base for throttling, a 20 s cap, and a server's
 * retry-after hint taking precedence. Only transient failures are retried; auth, signature, permission and
 * not-found errors are thrown at once, because repeating them cannot help and can lock an account out.
 */
import { type Clock } from '../clock.js';
import { ApiError, BadResponseError, NetworkError } from '../errors.js';
import { TruncatedResponseError } from './transport.js';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Backoff base for transient failures (network, 5xx). */
  baseDelayMs: number;
  /** Backoff base after a throttle: the server asked us to slow down, so wait longer. */
  throttleBaseDelayMs: number;
  /** Cap on any single wait, the server's hint included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 200,
  throttleBaseDelayMs: 1_000,
  maxDelayMs: 20_000,
});

/** Network failures that will not go away by trying again. */
const PERMANENT_NETWORK_CODES = new Set(['ABORTED', 'CLOSED', 'PROXY_AUTH_REQUIRED']);
const TLS_CODE = /^(CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|ERR_SSL_|HOSTNAME_MISMATCH)/;

/**
 * Codes that mean "you, not the server": never retried whatever the HTTP status says. (Huawei's APIGW
 * auth/not-found codes come with 4xx statuses, which are not retried anyway.)
 */
const NEVER_RETRY =
  /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidSecurityToken|InvalidTimeStamp|SignatureNonceUsed|Forbidden|NoPermission|MissingParameter|InvalidParameter|.*NotFound|.*NotExist)/;

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Huawei API Gateway internal errors (500) and IAM unavailable (503). */
const APIGW_INTERNAL = /^APIGW?\.06(0[1-9]|1[0-3])$/;

export function isThrottle(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  if (e.httpStatus === 429) return true;
  return /^Throttling/i.test(e.code) || e.code === 'APIGW.0308' || e.code === 'APIG.0308' || e.code === 'TooManyRequests';
}

export function isRetryable(e: unknown): boolean {
  if (e instanceof NetworkError) return !PERMANENT_NETWORK_CODES.has(e.code) && !TLS_CODE.test(e.code);
  if (e instanceof TruncatedResponseError) return true;
  if (e instanceof BadResponseError) return e.httpStatus >= 500 && e.httpStatus <= 599;
  if (e instanceof ApiError) {
    if (isThrottle(e)) return true;
    if (NEVER_RETRY.test(e.code)) return false;
    if (/^(ServiceUnavailable|InternalError)/i.test(e.code)) return true;
    if (APIGW_INTERNAL.test(e.code)) return true;
    return RETRYABLE_STATUS.has(e.httpStatus);
  }
  return false;
}

export interface RetryOptions {
  policy?: RetryPolicy;
  clock: Clock;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  /** Stops waiting between attempts; the attempt itself should get the same signal. */
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** The wait before the attempt after failed attempt `attempt` (1-based). */
export function backoffDelayMs(attempt: number, error: unknown, policy: RetryPolicy, random: () => number): number {
  const hint = error instanceof ApiError ? error.retryAfterSeconds : null;
  if (hint !== null && Number.isFinite(hint) && hint >= 0) return Math.min(policy.maxDelayMs, Math.round(hint * 1000));
  const base = isThrottle(error) ? policy.throttleBaseDelayMs : policy.baseDelayMs;
  const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Calls `attempt(1)`, `attempt(2)`, … until one succeeds, an error is not retryable, or `maxAttempts` is
 * reached; the last error is then thrown unchanged. `attempt` must build and sign a fresh request every
 * time (new nonce, new timestamp): it is called afresh for every try, never replayed.
 * If `signal` aborts while waiting between attempts, the last attempt's error is thrown.
 */
export async function withRetry<T>(attempt: (attemptNumber: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY_POLICY;
  const random = opts.random ?? Math.random;
  const max = Math.max(1, Math.floor(policy.maxAttempts));
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= max || !isRetryable(error) || opts.signal?.aborted) throw error;
      const delayMs = backoffDelayMs(n, error, policy, random);
      opts.onRetry?.({ attempt: n, delayMs, error });
      try {
        await opts.clock.sleep(delayMs, opts.signal);
      } catch {
        // Aborted while waiting: report why the last attempt failed rather than a bare abort reason.
        throw error;
      }
    }
  }
}
