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
import * as l10n from '../util/l10n.js';

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
    return { ok: false, reason: l10n.t('the aliyun CLI configuration is not valid JSON') };
  }
  if (!isRecord(config)) return { ok: false, reason: l10n.t('the aliyun CLI configuration is not a JSON object') };
  const profiles = Array.isArray(config.profiles) ? config.profiles.filter(isRecord) : [];
  if (profiles.length === 0) return { ok: false, reason: l10n.t('the aliyun CLI configuration has no profiles (run `aliyun configure`)') };
  const names = profiles.map((p) => (typeof p.name === 'string' ? p.name : '')).filter((n) => n !== '');

  let wanted = profileName ?? (typeof config.current === 'string' && config.current !== '' ? config.current : undefined);
  let profile: Record<string, unknown> | undefined;
  if (wanted !== undefined) {
    profile = profiles.find((p) => p.name === wanted);
    if (!profile) {
      const known = names.length ? names.map((n) => `"${printable(n)}"`).join(', ') : l10n.t('none with a name');
      return { ok: false, reason: l10n.t('no profile named "{0}" in the aliyun CLI configuration (profiles: {1})', printable(wanted), known) };
    }
  } else {
    profile = profiles[0]!;
    wanted = typeof profile.name === 'string' && profile.name !== '' ? profile.name : 'default';
  }
  const name = printable(wanted);

  const idField = field(profile, 'access_key_id');
  // An empty mode is what old CLI versions wrote for plain AccessKey profiles.
  const mode = field(profile, 'mode') ?? (idField ? 'AK' : undefined);
  if (mode === undefined) return { ok: false, reason: l10n.t('profile "{0}" has no mode and no AccessKey', name) };
  if (!SUPPORTED_MODES.includes(mode)) {
    return {
      ok: false,
      reason: l10n.t('profile "{0}" uses mode "{1}", which this extension cannot import (only AK and StsToken profiles hold keys it can use)', name, printable(mode)),
    };
  }
  const accessKeyId = idField;
  const accessKeySecret = field(profile, 'access_key_secret');
  if (!accessKeyId || !accessKeySecret) {
    return { ok: false, reason: l10n.t('profile "{0}" (mode {1}) lacks access_key_id or access_key_secret', name, mode) };
  }
  const credentials: StoredAliyun = { accessKeyId, accessKeySecret };
  if (mode === 'StsToken') {
    const token = field(profile, 'sts_token');
    if (!token) return { ok: false, reason: l10n.t('profile "{0}" (mode {1}) has no {2}', name, mode, 'sts_token') };
    credentials.securityToken = token;
  }
  const region = field(profile, 'region_id');
  if (region && isRegionName(region)) credentials.defaultRegion = region;
  return { ok: true, profile: name, credentials };
}
