/**
 * Every profile of the aliyun CLI's configuration (`~/.aliyun/config.json`), read as the official credentials
 * libraries read it (https://github.com/aliyun/credentials-nodejs, src/providers/cli_profile.ts; the CLI's own fields:
 * https://www.alibabacloud.com/help/en/cli/configure-credentials). Pure: the caller reads the file.
 *
 * The file: `{ current, profiles: [{ name, mode, access_key_id, access_key_secret, sts_token, ram_role_arn,
 * ram_session_name, expired_seconds, sts_region, sts_endpoint, source_profile, region_id, … }] }`.
 * - AK: access_key_id + access_key_secret (an empty mode with keys is what old CLI versions wrote for AK).
 * - StsToken: the same + sts_token.
 * - RamRoleArn: the keys + ram_role_arn, assumed with STS AssumeRole (ram_session_name, expired_seconds).
 * - ChainableRamRoleArn: ram_role_arn assumed with the credentials of `source_profile` (any usable mode, itself
 *   possibly chained; a cycle is refused).
 * - EcsRamRole, OIDC, CloudSSO, External, CredentialsURI, … : named in a "not supported yet" problem.
 * Problems never include a secret, or a fragment of the file (JSON parser messages can quote it).
 */
import { type AliyunCredentials, type AliyunRoleCredentials } from '../credentials.js';
import { type AliyunMode, type AliyunProfile, printableName } from '../profiles.js';
import { DEFAULT_DURATION_SECONDS } from './stsLimits.js';
import { isRegionName } from '../../util/region.js';

export interface CliProfileEntry {
  name: string;
  /** The mode as written (or inferred for an old AK profile). */
  mode: string;
  /** The usable profile, or null with the reason in `problem`. */
  profile: AliyunProfile | null;
  problem: string | null;
}

export interface AliyunCliConfig {
  current: string | null;
  entries: CliProfileEntry[];
}

export const SUPPORTED_MODES: readonly AliyunMode[] = ['AK', 'StsToken', 'RamRoleArn', 'ChainableRamRoleArn'];

/** The session name the official libraries default to is time-based; ours is fixed, so audit logs group it. */
export const DEFAULT_SESSION_NAME = 'media-jobs';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(p: Record<string, unknown>, name: string): string | undefined {
  const v = p[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function numberField(p: Record<string, unknown>, name: string): number | undefined {
  const v = p[name];
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Reads the whole file; an unreadable file is `{ error }` (never quoting it). */
export function parseAliyunCliProfiles(text: string): AliyunCliConfig | { error: string } {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return { error: 'the aliyun CLI configuration is not valid JSON' };
  }
  if (!isRecord(config)) return { error: 'the aliyun CLI configuration is not a JSON object' };
  const raw = Array.isArray(config.profiles) ? config.profiles.filter(isRecord) : [];
  const byName = new Map<string, Record<string, unknown>>();
  for (const p of raw) {
    const n = field(p, 'name');
    if (n !== undefined && !byName.has(n)) byName.set(n, p);
  }
  const entries = [...byName.entries()].map(([name, p]) => entryOf(name, p, byName));
  const current = typeof config.current === 'string' && config.current.trim() !== '' ? config.current.trim() : null;
  return { current, entries };
}

function entryOf(name: string, p: Record<string, unknown>, all: ReadonlyMap<string, Record<string, unknown>>): CliProfileEntry {
  const mode = field(p, 'mode') ?? (field(p, 'access_key_id') ? 'AK' : '');
  const r = resolve(name, all, []);
  return 'problem' in r ? { name, mode, profile: null, problem: r.problem } : { name, mode, profile: r.profile, problem: null };
}

type Resolved = { profile: AliyunProfile } | { problem: string };

function resolve(name: string, all: ReadonlyMap<string, Record<string, unknown>>, seen: string[]): Resolved {
  const shown = printableName(name);
  const p = all.get(name);
  if (!p) return { problem: `no profile named "${shown}" in the aliyun CLI configuration` };
  if (seen.includes(name)) return { problem: `profile "${printableName(seen[0]!)}" has a source_profile cycle (${[...seen, name].map(printableName).join(' → ')})` };
  const id = field(p, 'access_key_id');
  const secret = field(p, 'access_key_secret');
  const mode = field(p, 'mode') ?? (id ? 'AK' : undefined);
  if (mode === undefined) return { problem: `profile "${shown}" has no mode and no AccessKey` };
  const region = field(p, 'region_id');
  const base = { cloud: 'aliyun' as const, name, origin: 'aliyun-cli' as const, ...(region && isRegionName(region) ? { defaultRegion: region } : {}) };
  const keys = (): AliyunCredentials | { problem: string } =>
    id && secret ? { accessKeyId: id, accessKeySecret: secret } : { problem: `profile "${shown}" (mode ${mode}) lacks access_key_id or access_key_secret` };
  const role = (source: AliyunCredentials | AliyunRoleCredentials): AliyunRoleCredentials | { problem: string } => {
    const roleArn = field(p, 'ram_role_arn');
    if (!roleArn) return { problem: `profile "${shown}" (mode ${mode}) has no ram_role_arn` };
    const stsRegion = field(p, 'sts_region');
    const stsEndpoint = field(p, 'sts_endpoint');
    return {
      source, roleArn,
      roleSessionName: field(p, 'ram_session_name') ?? DEFAULT_SESSION_NAME,
      durationSeconds: numberField(p, 'expired_seconds') ?? numberField(p, 'duration_seconds') ?? DEFAULT_DURATION_SECONDS,
      ...(stsRegion ? { stsRegion } : {}), ...(stsEndpoint ? { stsEndpoint } : {}),
    };
  };
  switch (mode) {
    case 'AK': {
      const k = keys();
      return 'problem' in k ? k : { profile: { ...base, mode, keys: k } };
    }
    case 'StsToken': {
      const k = keys();
      if ('problem' in k) return k;
      const token = field(p, 'sts_token');
      if (!token) return { problem: `profile "${shown}" (mode StsToken) has no sts_token` };
      return { profile: { ...base, mode, keys: { ...k, securityToken: token } } };
    }
    case 'RamRoleArn': {
      const k = keys();
      if ('problem' in k) return k;
      const r = role(k);
      return 'problem' in r ? r : { profile: { ...base, mode, role: r } };
    }
    case 'ChainableRamRoleArn': {
      const sourceName = field(p, 'source_profile');
      if (!sourceName) return { problem: `profile "${shown}" (mode ChainableRamRoleArn) has no source_profile` };
      const src = resolve(sourceName, all, [...seen, name]);
      if ('problem' in src) return { problem: seen.length || src.problem.includes('source_profile cycle') ? src.problem : `profile "${shown}": its source_profile: ${src.problem}` };
      const source = src.profile.role ?? src.profile.keys;
      if (!source) return { problem: `profile "${shown}": source_profile "${printableName(sourceName)}" holds no keys` };
      const r = role(source);
      return 'problem' in r ? r : { profile: { ...base, mode, role: r } };
    }
    default:
      return {
        problem: `profile "${shown}" uses mode "${printableName(mode)}", which is not supported yet (supported: ${SUPPORTED_MODES.join(', ')})`,
      };
  }
}
