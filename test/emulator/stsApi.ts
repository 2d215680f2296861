/**
 * STS AssumeRole (2015-04-01) as the emulator serves it. The caller has already been authenticated with its own
 * keys (aliyunAuth.ts: the signature is checked with the source AccessKey's secret); this checks the parameters and
 * the role's trust, then issues temporary keys (`STS.` id, secret, token) that the media APIs accept until their
 * Expiration and then reject with InvalidSecurityToken.Expired.
 * https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerole
 *
 * Errors (codes from the AssumeRole page and Alibaba's "common errors of AssumeRole" page,
 * https://www.alibabacloud.com/help/doc-detail/42775.htm; statuses are guesses, as elsewhere in the emulator):
 * - no RoleArn / RoleSessionName → 400 MissingParameter;
 * - DurationSeconds below 900 or above the role's maximum → 400 InvalidParameter.DurationSeconds;
 * - a RoleSessionName outside [A-Za-z0-9.@_-]{2,64} → 400 InvalidParameter.RoleSessionName;
 * - an unknown role → 404 EntityNotExist.Role; a caller the role does not trust → 403 NoPermission.
 */
import { randomBytes } from 'node:crypto';
import { type AliyunKey, type EmulatorCredentials } from './credentials.js';
import { type ApiOutcome } from './wire.js';

export interface AssumeRoleContext {
  /** The AccessKey that signed the request (already verified). */
  callerKeyId: string;
  now: number;
  keys: Map<string, AliyunKey>;
  roles: EmulatorCredentials['roles'];
}

const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

function err(status: number, code: string, message: string): ApiOutcome {
  return { ok: false, status, code, message };
}

/** `2015-04-09T11:52:19Z`, the form of the documented Expiration. */
function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function handleAssumeRole(params: Readonly<Record<string, string>>, ctx: AssumeRoleContext): ApiOutcome {
  const arn = params['RoleArn'];
  const session = params['RoleSessionName'];
  if (!arn) return err(400, 'MissingParameter', 'The input parameter "RoleArn" that is mandatory for processing this request is not supplied.');
  if (!session) return err(400, 'MissingParameter', 'The input parameter "RoleSessionName" that is mandatory for processing this request is not supplied.');
  if (!SESSION_NAME.test(session)) return err(400, 'InvalidParameter.RoleSessionName', 'The parameter RoleSessionName is wrongly formed.');
  const role = ctx.roles.find((r) => r.arn.toLowerCase() === arn.toLowerCase());
  if (!role) return err(404, 'EntityNotExist.Role', `The role not exists: ${arn}.`);
  const duration = params['DurationSeconds'] === undefined ? 3600 : Number(params['DurationSeconds']);
  if (!Number.isInteger(duration) || duration < 900 || duration > role.maxSessionSeconds) {
    return err(400, 'InvalidParameter.DurationSeconds', `The Min/Max value of DurationSeconds is 15min/${role.maxSessionSeconds / 3600}hr.`);
  }
  const caller = ctx.keys.get(ctx.callerKeyId);
  // A RAM user is trusted by its AccessKey id; an assumed role (role chaining) by the role it acts as.
  const principal = caller?.role ? `role:${caller.role}` : ctx.callerKeyId;
  if (!role.trusted.includes(principal)) {
    return err(403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.');
  }
  const expiresAt = ctx.now + duration * 1000;
  const accessKeyId = `STS.${randomBytes(12).toString('hex')}`;
  const accessKeySecret = randomBytes(24).toString('base64');
  const securityToken = `CAIS${randomBytes(48).toString('base64')}`;
  ctx.keys.set(accessKeyId, { secret: accessKeySecret, securityToken, expiresAt, role: role.arn });
  const account = /^acs:ram::(\d+):/.exec(role.arn)?.[1] ?? '0';
  return {
    ok: true,
    payload: {
      AssumedRoleUser: { AssumedRoleId: `3${account.slice(0, 15)}:${session}`, Arn: `${role.arn}/${session}` },
      Credentials: { AccessKeyId: accessKeyId, AccessKeySecret: accessKeySecret, SecurityToken: securityToken, Expiration: utcSeconds(expiresAt) },
    },
  };
}
