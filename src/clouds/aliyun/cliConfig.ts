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
import * as l10n from '../../util/l10n.js';

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
    return { error: l10n.t('the aliyun CLI configuration is not valid JSON') };
  }
  if (!isRecord(config)) return { error: l10n.t('the aliyun CLI configuration is not a JSON object') };
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

/** `cycle`: the problem is a source_profile cycle, passed up the chain as it is (the words are localized, not read). */
type Resolved = { profile: AliyunProfile } | { problem: string; cycle?: true };

function resolve(name: string, all: ReadonlyMap<string, Record<string, unknown>>, seen: string[]): Resolved {
  const shown = printableName(name);
  const p = all.get(name);
  if (!p) return { problem: l10n.t('no profile named "{0}" in the aliyun CLI configuration', shown) };
  if (seen.includes(name)) {
    return { problem: l10n.t('profile "{0}" has a source_profile cycle ({1})', printableName(seen[0]!), [...seen, name].map(printableName).join(' → ')), cycle: true };
  }
  const id = field(p, 'access_key_id');
  const secret = field(p, 'access_key_secret');
  const mode = field(p, 'mode') ?? (id ? 'AK' : undefined);
  if (mode === undefined) return { problem: l10n.t('profile "{0}" has no mode and no AccessKey', shown) };
  const region = field(p, 'region_id');
  const base = { cloud: 'aliyun' as const, name, origin: 'aliyun-cli' as const, ...(region && isRegionName(region) ? { defaultRegion: region } : {}) };
  const keys = (): AliyunCredentials | { problem: string } =>
    id && secret ? { accessKeyId: id, accessKeySecret: secret } : { problem: l10n.t('profile "{0}" (mode {1}) lacks access_key_id or access_key_secret', shown, mode) };
  const role = (source: AliyunCredentials | AliyunRoleCredentials): AliyunRoleCredentials | { problem: string } => {
    const roleArn = field(p, 'ram_role_arn');
    if (!roleArn) return { problem: l10n.t('profile "{0}" (mode {1}) has no {2}', shown, mode, 'ram_role_arn') };
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
      if (!token) return { problem: l10n.t('profile "{0}" (mode {1}) has no {2}', shown, mode, 'sts_token') };
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
      if (!sourceName) return { problem: l10n.t('profile "{0}" (mode {1}) has no {2}', shown, mode, 'source_profile') };
      const src = resolve(sourceName, all, [...seen, name]);
      if ('problem' in src) return seen.length || src.cycle ? src : { problem: l10n.t('profile "{0}": its source_profile: {1}', shown, src.problem) };
      const source = src.profile.role ?? src.profile.keys;
      if (!source) return { problem: l10n.t('profile "{0}": source_profile "{1}" holds no keys', shown, printableName(sourceName)) };
      const r = role(source);
      return 'problem' in r ? r : { profile: { ...base, mode, role: r } };
    }
    default:
      return {
        problem: l10n.t('profile "{0}" uses mode "{1}", which is not supported yet (supported: {2})', shown, printableName(mode), SUPPORTED_MODES.join(', ')),
      };
  }
}
