/**
 * STS `AssumeRole` (RPC, version 2015-04-01): the call, the answer, and a cache of the temporary keys it gives.
 * https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerole
 *
 * The aliyun CLI's RamRoleArn and ChainableRamRoleArn profiles resolve to an `AliyunRoleCredentials`; the client
 * turns it into keys through `RoleCredentialCache`, which asks STS once and hands out the same keys until they are
 * within `REFRESH_MARGIN_MS` of their Expiration (the official Node credentials library refreshes 180 s before:
 * https://github.com/aliyun/credentials-nodejs, src/providers/ram_role_arn.ts), then asks again. The request itself is
 * signed and sent by the client (src/clouds/client.ts) like every other call: same signer, retries and deadline.
 * A chain (ChainableRamRoleArn) is a cache whose source is another cache.
 */
import { z } from 'zod';
import { type AliyunCall } from '../apiCall.js';
import { type Clock } from '../clock.js';
import { type AliyunCredentials, type AliyunRoleCredentials, isRoleCredentials } from '../credentials.js';
import { validateEndpoint } from '../endpoints.js';
import { ConfigError, SchemaError } from '../errors.js';
import { isRegionName } from '../../util/region.js';
import * as l10n from '../../util/l10n.js';

export const STS_VERSION = '2015-04-01';
export const STS_API = 'sts:AssumeRole';
/** Keys this close to their Expiration are not handed out any more: a request signed now must still pass. */
export const REFRESH_MARGIN_MS = 180_000;
export { DEFAULT_DURATION_SECONDS, MIN_DURATION_SECONDS } from './stsLimits.js';
import { MIN_DURATION_SECONDS } from './stsLimits.js';
/** RoleSessionName: 2 to 64 characters of letters, digits, `.`, `@`, `-`, `_` (AssumeRole doc). */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
/** `acs:ram::<account id>:role/<role name>`. */
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9.@_\-/]{1,128}$/i;

/** Where AssumeRole goes: the profile's sts_endpoint, else sts.<sts_region>.aliyuncs.com, else sts.aliyuncs.com. */
export function stsOrigin(role: Pick<AliyunRoleCredentials, 'stsEndpoint' | 'stsRegion'>): string {
  if (role.stsEndpoint) {
    // The CLI config writes a bare host; a URL (the emulator's http://127.0.0.1:port) is taken as it is.
    const raw = /^[a-z]+:\/\//i.test(role.stsEndpoint) ? role.stsEndpoint : `https://${role.stsEndpoint}`;
    return validateEndpoint(raw);
  }
  if (role.stsRegion) {
    if (!isRegionName(role.stsRegion)) throw new ConfigError(l10n.t('"{0}" is not a region name (sts_region)', role.stsRegion));
    return `https://sts.${role.stsRegion}.aliyuncs.com`;
  }
  return 'https://sts.aliyuncs.com';
}

/** Checks a role before any request; the message names the field, never a key. */
export function checkRole(role: AliyunRoleCredentials): ConfigError | null {
  if (!ROLE_ARN.test(role.roleArn)) return new ConfigError(l10n.t('the role ARN "{0}" does not look like acs:ram::<account id>:role/<name>', role.roleArn.slice(0, 80)));
  if (!SESSION_NAME.test(role.roleSessionName)) {
    return new ConfigError(l10n.t('the role session name "{0}" must be 2 to 64 letters, digits or . @ - _', role.roleSessionName.slice(0, 80)));
  }
  if (!Number.isInteger(role.durationSeconds) || role.durationSeconds < MIN_DURATION_SECONDS) {
    return new ConfigError(l10n.t('the role session duration {0} s is below STS\'s minimum of {1} s', role.durationSeconds, MIN_DURATION_SECONDS));
  }
  return null;
}

export function assumeRoleCall(role: AliyunRoleCredentials): AliyunCall {
  return {
    cloud: 'aliyun',
    product: 'Sts',
    action: 'AssumeRole',
    version: STS_VERSION,
    method: 'POST',
    params: { RoleArn: role.roleArn, RoleSessionName: role.roleSessionName, DurationSeconds: String(role.durationSeconds) },
  };
}

const answer = z.object({
  RequestId: z.string().optional(),
  Credentials: z.object({
    AccessKeyId: z.string().min(1),
    AccessKeySecret: z.string().min(1),
    SecurityToken: z.string().min(1),
    // UTC, `2015-04-09T11:52:19Z`.
    Expiration: z.string().refine((s) => Number.isFinite(Date.parse(s)), 'not a time'),
  }),
});

export interface TemporaryKeys {
  credentials: AliyunCredentials;
  /** ms since the epoch. */
  expiresAt: number;
}

/** Reads AssumeRole's answer. A SchemaError names the field; it never quotes a value (they are secrets). */
export function parseAssumeRole(body: unknown): TemporaryKeys {
  const r = answer.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue ? issue.path.join('.') || '(response)' : '(response)';
    throw new SchemaError(STS_API, field, l10n.t('the AssumeRole answer lacks a usable {0}', field), typeof (body as { RequestId?: unknown })?.RequestId === 'string' ? (body as { RequestId: string }).RequestId : null);
  }
  const c = r.data.Credentials;
  return {
    credentials: { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken },
    expiresAt: Date.parse(c.Expiration),
  };
}

/** Sends one AssumeRole call signed with `signWith` and returns the parsed answer body. */
export type AssumeRoleSender = (call: AliyunCall, origin: string, signWith: AliyunCredentials, signal?: AbortSignal) => Promise<unknown>;

/** The temporary keys of one role, asked for when missing or about to expire; concurrent askers share one call. */
export class RoleCredentialCache {
  private keys: TemporaryKeys | null = null;
  private pending: Promise<TemporaryKeys> | null = null;
  private readonly source: RoleCredentialCache | null;
  /** How many times STS was asked (for tests and the log). */
  refreshes = 0;

  constructor(private readonly role: AliyunRoleCredentials, private readonly send: AssumeRoleSender, private readonly clock: Clock) {
    this.source = isRoleCredentials(role.source) ? new RoleCredentialCache(role.source, send, clock) : null;
  }

  /** Keys that stay valid for at least REFRESH_MARGIN_MS. */
  async get(signal?: AbortSignal): Promise<AliyunCredentials> {
    const k = this.keys;
    if (k && k.expiresAt - this.clock.now() > REFRESH_MARGIN_MS) return k.credentials;
    this.pending ??= this.refresh(signal).finally(() => {
      this.pending = null;
    });
    return (await this.pending).credentials;
  }

  /** The cloud said the keys expired (clocks disagree): ask again next time, the source's too. */
  invalidate(): void {
    this.keys = null;
    this.source?.invalidate();
  }

  /** Time the current keys expire (ms), or null; for status lines, never the keys. */
  get expiresAt(): number | null {
    return this.keys?.expiresAt ?? null;
  }

  private async refresh(signal?: AbortSignal): Promise<TemporaryKeys> {
    const problem = checkRole(this.role);
    if (problem) throw problem;
    const signWith = this.source ? await this.source.get(signal) : (this.role.source as AliyunCredentials);
    const body = await this.send(assumeRoleCall(this.role), stsOrigin(this.role), signWith, signal);
    this.refreshes++;
    const keys = parseAssumeRole(body);
    this.keys = keys;
    return keys;
  }
}
