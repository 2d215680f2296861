/**
 * Reads a profile from the aliyun CLI's configuration (`~/.aliyun/config.json`), for "Import aliyun CLI Profile".
 * Pure: the caller reads the file (and writes nothing back to disk).
 *
 * The file: `{ current, profiles: [{ name, mode, access_key_id, access_key_secret, sts_token, region_id, … }] }`.
 * Modes `AK` and `StsToken` hold usable keys; the others (RamRoleArn, EcsRamRole, CloudSSO, …) need a token
 * exchange this extension does not do, so they are refused with the mode named.
 * No reason ever includes a secret, or a fragment of the file (JSON parser messages can quote it).
 */
import { type StoredAliyun } from './credentialsService.js';
import { isRegionName } from '../util/region.js';

export type AliyunCliProfileResult =
  | { ok: true; profile: string; credentials: StoredAliyun }
  | { ok: false; reason: string };

const SUPPORTED_MODES = ['AK', 'StsToken'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(p: Record<string, unknown>, name: string): string | undefined {
  const v = p[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Profile names are shown back to the user; keep them printable and short. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 63)}…` : clean;
}

/**
 * Picks a profile (the one named, else `current`, else the first) and returns its credentials, or the reason
 * it cannot be used.
 */
export function parseAliyunCliConfig(text: string, profileName?: string): AliyunCliProfileResult {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the aliyun CLI configuration is not valid JSON' };
  }
  if (!isRecord(config)) return { ok: false, reason: 'the aliyun CLI configuration is not a JSON object' };
  const profiles = Array.isArray(config.profiles) ? config.profiles.filter(isRecord) : [];
  if (profiles.length === 0) return { ok: false, reason: 'the aliyun CLI configuration has no profiles (run `aliyun configure`)' };
  const names = profiles.map((p) => (typeof p.name === 'string' ? p.name : '')).filter((n) => n !== '');

  let wanted = profileName ?? (typeof config.current === 'string' && config.current !== '' ? config.current : undefined);
  let profile: Record<string, unknown> | undefined;
  if (wanted !== undefined) {
    profile = profiles.find((p) => p.name === wanted);
    if (!profile) {
      const known = names.length ? names.map((n) => `"${printable(n)}"`).join(', ') : 'none with a name';
      return { ok: false, reason: `no profile named "${printable(wanted)}" in the aliyun CLI configuration (profiles: ${known})` };
    }
  } else {
    profile = profiles[0]!;
    wanted = typeof profile.name === 'string' && profile.name !== '' ? profile.name : 'default';
  }
  const name = printable(wanted);

  const idField = field(profile, 'access_key_id');
  // An empty mode is what old CLI versions wrote for plain AccessKey profiles.
  const mode = field(profile, 'mode') ?? (idField ? 'AK' : undefined);
  if (mode === undefined) return { ok: false, reason: `profile "${name}" has no mode and no AccessKey` };
  if (!SUPPORTED_MODES.includes(mode)) {
    return {
      ok: false,
      reason: `profile "${name}" uses mode "${printable(mode)}", which this extension cannot import (only AK and StsToken profiles hold keys it can use)`,
    };
  }
  const accessKeyId = idField;
  const accessKeySecret = field(profile, 'access_key_secret');
  if (!accessKeyId || !accessKeySecret) {
    return { ok: false, reason: `profile "${name}" (mode ${mode}) lacks access_key_id or access_key_secret` };
  }
  const credentials: StoredAliyun = { accessKeyId, accessKeySecret };
  if (mode === 'StsToken') {
    const token = field(profile, 'sts_token');
    if (!token) return { ok: false, reason: `profile "${name}" (mode StsToken) has no sts_token` };
    credentials.securityToken = token;
  }
  const region = field(profile, 'region_id');
  if (region && isRegionName(region)) credentials.defaultRegion = region;
  return { ok: true, profile: name, credentials };
}
