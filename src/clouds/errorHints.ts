/**
 * One line of advice per failure, in the user's terms: which setting to check, which permission to grant.
 * The error message says what happened (the cloud's code and words); the hint says what to do about it.
 * Codes and meanings come from the clouds' error-code pages (Alibaba Cloud common errors, the Huawei API Gateway
 * table); a kind's own service codes are its adapter's (`apiErrorHint`, `jobHints` in src/clouds/adapters/).
 */
import { type ApiError, type BadResponseError, type MediaJobsError, type NetworkError } from './errors.js';
import { type JobError } from '../model/job.js';
import * as l10n from '../util/l10n.js';

export interface HintContext {
  /** `product:Action`, which is also the RAM permission name (e.g. `ice:GetMediaProducingJob`). */
  api: string;
  /** How long the API keeps jobs queryable, e.g. "1 year". */
  retention?: string;
  region?: string;
  /** Attempts made, when known (for the throttling hint). */
  attempts?: number;
  /** The kind's own advice for its API's error codes, tried first (the adapter's `apiErrorHint`). */
  apiHint?: (e: ApiError, notFound: () => string) => string | null;
}

export function hintForError(e: MediaJobsError, ctx: HintContext): string | null {
  switch (e.kind) {
    case 'api':
      return apiHint(e as ApiError, ctx);
    case 'network':
      return networkHint(e as NetworkError);
    case 'bad-response':
      return badResponseHint(e as BadResponseError);
    default:
      return null;
  }
}

/** Sets `e.hint` (keeping an existing one when there is nothing better) and returns `e`. */
export function withHint<E extends MediaJobsError>(e: E, ctx: HintContext): E {
  const hint = hintForError(e, ctx);
  if (hint !== null) e.hint = hint;
  return e;
}

function inRegion(ctx: HintContext): string {
  return ctx.region ? l10n.t(' (region {0})', ctx.region) : '';
}

function apiHint(e: ApiError, ctx: HintContext): string | null {
  const code = e.code;
  const message = e.message.toLowerCase();

  // The kind's own service codes (they never look like the cloud-wide codes below).
  const own = ctx.apiHint?.(e, () => notFoundHint(ctx)) ?? null;
  if (own !== null) return own;

  // Credentials and signatures (Alibaba).
  if (code.startsWith('InvalidAccessKeyId')) {
    return l10n.t('the AccessKey id is not known to this cloud: a wrong or deleted key, a key of another account, or a key of the other site (China mainland vs international)');
  }
  if (code === 'SignatureDoesNotMatch' || code === 'IncompleteSignature') {
    return l10n.t('check the AccessKey secret (it must belong to this AccessKey id) and that the system clock is right');
  }
  if (code.startsWith('InvalidTimeStamp')) {
    return l10n.t('the system clock is off by more than 15 minutes; correct the time (enable NTP) and try again');
  }
  if (code === 'SignatureNonceUsed') {
    return l10n.t('the request was seen twice (a replay, or a proxy resending it); try again, each attempt carries a new nonce');
  }
  if (code.startsWith('InvalidSecurityToken')) {
    return l10n.t('the STS security token expired or is malformed, or belongs to another AccessKey; get fresh STS credentials');
  }
  if (code === 'Forbidden.RAM' || code === 'Forbidden' || code.startsWith('Forbidden.') || code === 'NoPermission' || code.startsWith('NoPermission')) {
    return l10n.t('the RAM user or role lacks permission {0}; grant it in the RAM console (a policy allowing "{0}")', ctx.api);
  }
  if (/^Throttling/i.test(code) || code === 'TooManyRequests') {
    const tries = ctx.attempts !== undefined && ctx.attempts > 1 ? l10n.t(', retried {0} times', ctx.attempts - 1) : '';
    return l10n.t('throttled by the cloud{0}: slow down (raise the poll interval or track fewer jobs at once)', tries);
  }

  // Huawei API Gateway.
  const gw = /^APIGW?\.(\d{4})$/.exec(code)?.[1];
  if (gw !== undefined) {
    if (gw === '0301' && /expire/.test(message)) {
      return l10n.t('the request signature expired: the system clock is off by more than 15 minutes; correct the time (enable NTP)');
    }
    switch (gw) {
      case '0101':
        return l10n.t('API not found: check the region{0} and endpoint (MPC lives at mpc.<region>.myhuaweicloud.com) and that the API path is right', inRegion(ctx));
      case '0301':
        return l10n.t('authentication failed: check the AK/SK pair, the project id (it must belong to this region) and the system clock');
      case '0302':
      case '0304':
      case '0306':
        return l10n.t('access denied: the IAM user lacks permission for {0} (or is blocked by an access policy)', ctx.api);
      case '0303':
      case '0305':
        return l10n.t('authentication failed: check the AK/SK pair and the system clock');
      case '0307':
        return l10n.t('the token must be renewed: get a new IAM token or temporary credentials');
      case '0308':
        return l10n.t('throttled by Huawei API Gateway (MPC allows about 100 requests per minute per tenant): slow down or raise the poll interval');
      case '0310':
        return l10n.t('the project is unavailable{0}: check the project id and that the project is enabled', inRegion(ctx));
      case '0801':
      case '0802':
        return l10n.t('access to region{0} is denied for this account; pick a region the account may use', inRegion(ctx));
      case '0613':
        return l10n.t('Huawei IAM is unavailable; try again later');
      default:
        if (/^06/.test(gw)) return l10n.t('Huawei API Gateway internal error; try again later');
        if (/^04/.test(gw)) return l10n.t('denied by an IP access rule of the gateway');
        return null;
    }
  }

  if (isNotFoundCode(code)) return notFoundHint(ctx);

  if (code === 'MissingParameter' || code.startsWith('InvalidParameter')) {
    return l10n.t('the request was rejected as invalid: check the job id and its extra parameters');
  }
  if (code.startsWith('ServiceUnavailable') || code.startsWith('InternalError') || e.httpStatus >= 500) {
    return l10n.t('the cloud reported a server-side error; it was retried, try again later');
  }
  return null;
}

/** JobNotFound, NoSuchResource, InvalidJobId.NotFound, TaskNotExist, … (but not the AccessKey one). */
function isNotFoundCode(code: string): boolean {
  if (code.startsWith('InvalidAccessKeyId')) return false;
  return /NotFound|NotExist|NoSuch|Not\.Exist|Nonexist/i.test(code);
}

function notFoundHint(ctx: HintContext): string {
  // The kinds' retention texts (`one year`, `not documented`) are a label table (test/unit/l10n.test.ts).
  const window = ctx.retention ? ` (${l10n.label(ctx.retention)})` : '';
  return l10n.t('not found, or older than this API\'s retention window{0}; check the id and the region{1}', window, inRegion(ctx));
}

/**
 * OpenSSL's words for "the first bytes back were not a TLS record": an https:// URL aimed at a port that speaks
 * plain HTTP (the emulator, a local stub, a proxy's plain port). Not a certificate problem.
 */
const PLAIN_HTTP_CODE = /^ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST)$/;

/** The first host (with its port) a network message names: the transport names the host it dialled. */
function serverIn(message: string): string | null {
  const host = String.raw`(?:\[[0-9a-f:.]+\]|localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d{1,5})?`;
  return new RegExp(String.raw`(?<![\w.-])(${host})(?![\w-])`, 'i').exec(message)?.[1] ?? null;
}

const TLS_CODE = /^(CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|ERR_SSL_|HOSTNAME_MISMATCH)/;

function networkHint(e: NetworkError): string | null {
  switch (e.code) {
    case 'TIMEOUT':
      return l10n.t('no answer in time: is the endpoint reachable from here (firewall, VPN, proxy: HTTPS_PROXY / NO_PROXY)? the cloud may also be slow');
    case 'CONNECT_TIMEOUT':
      return l10n.t('could not connect: is the endpoint right and reachable from here (firewall, VPN, proxy: HTTPS_PROXY / NO_PROXY)?');
    case 'ECONNREFUSED':
      return l10n.t('nothing accepts connections there: is the endpoint (or region) right, and is a proxy needed or misconfigured?');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return l10n.t('the host name does not resolve: check the region and endpoint, the DNS, or whether a proxy is required');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return l10n.t('the connection was closed mid-request: a proxy or firewall may be interfering; try again');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return l10n.t('the network path to the endpoint is down: check the connection, VPN or proxy');
    case 'PROXY_TUNNEL_FAILED':
      return l10n.t('the proxy would not connect to the cloud endpoint: check the proxy\'s allow list, or NO_PROXY if it should be bypassed');
    case 'PROXY_AUTH_REQUIRED':
      return l10n.t('the proxy needs credentials: put them in the proxy URL (http://user:password@host:port)');
    case 'ABORTED':
    case 'CLOSED':
      return null;
    default:
      if (PLAIN_HTTP_CODE.test(e.code)) {
        return l10n.t('the server at {0} answered in plain HTTP, not TLS: use http:// for a loopback endpoint or check the port', e.host ?? serverIn(e.message) ?? l10n.t('the endpoint'));
      }
      if (TLS_CODE.test(e.code)) {
        return l10n.t('the TLS certificate was not trusted: a TLS-inspecting proxy may be in the way; add its CA with NODE_EXTRA_CA_CERTS');
      }
      return l10n.t('check the network connection, the endpoint and any proxy settings');
  }
}

/** Chosen by the error's reason (and content type), never by its message: the message is in the display language. */
function badResponseHint(e: BadResponseError): string | null {
  if (e.reason === 'html' || /text\/html/i.test(e.contentType ?? '')) {
    return l10n.t('a proxy, captive portal or gateway answered instead of the cloud API: check the proxy settings and the endpoint');
  }
  switch (e.reason) {
    case 'truncated':
      return l10n.t('the answer was cut off mid-way (connection dropped); try again');
    case 'tooLarge':
      return l10n.t('the answer is larger than this tool accepts');
    case 'empty':
      return e.httpStatus >= 500 ? l10n.t('the service or a gateway failed without a message; try again later') : l10n.t('the server answered with nothing: is the endpoint the cloud API, not a proxy or a different service?');
    default:
      if (e.httpStatus >= 500) return l10n.t('the service or a gateway in front of it failed; try again later');
      return l10n.t('the answer was not what the cloud API sends: is the endpoint right, and is a proxy rewriting responses?');
  }
}

/** A kind's advice for its jobs' own errors (declared by its adapter). */
export interface JobHints {
  /** Advice for the kind's own error codes, tried first (null: the generic rules decide). */
  byCode?: (error: JobError) => string | null;
  /** What "rejected as invalid" should tell the user to check. */
  invalid?: string;
}

/** What to do about a job's own failure, where the code says enough; null otherwise. */
export function jobErrorHint(error: JobError, hints: JobHints = {}): string | null {
  const code = error.code;
  const message = error.message.toLowerCase();
  const own = hints.byCode?.(error) ?? null;
  if (own !== null) return own;
  if (/download|fetch|notfound|not found|404/i.test(code) || /(download|fetch).*(fail|404)|404 not found/.test(message)) {
    return l10n.t('an input could not be fetched: check that the URL or object exists and that the service may read it (bucket policy, RAM role)');
  }
  if (/ExceededMaximumValue|TooLarge|Exceed/i.test(code)) {
    return l10n.t('a parameter is above what the service allows (e.g. the output size): check the output settings named in the message');
  }
  if (/^InvalidParameter|^MissingParameter|Invalid/i.test(code)) {
    return l10n.t('the job was rejected as invalid: check {0}', hints.invalid ?? l10n.t('the template and parameters named in the message'));
  }
  if (/Timeout|TimedOut/i.test(code)) return l10n.t('the job took too long: submit it again, or with shorter inputs');
  if (/Internal|System|ServiceUnavailable/i.test(code)) return l10n.t('a service-side error: submit the job again later');
  return null;
}

/** The job error with its hint (`hint` set only when there is one). */
export function withJobHint(error: JobError, hints?: JobHints): JobError {
  const hint = jobErrorHint(error, hints);
  return hint === null ? error : { ...error, hint };
}
