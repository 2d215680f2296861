/**
 * Named credential profiles: what an "account" is to the CLI and the extension. Pure data and pure rules; where a
 * profile is kept (SecretStorage, `~/.aliyun/config.json`, the environment) is the caller's business.
 *
 * An Alibaba Cloud profile holds keys (aliyun CLI modes AK and StsToken) or a role to assume with them (RamRoleArn,
 * ChainableRamRoleArn); a Huawei Cloud profile holds an AK/SK (and a security token for temporary keys) with a project
 * id per region. `describeProfile` is what lists show: the mode, a masked key id, the region, never a secret.
 */
import { type AliyunCredentials, type AliyunRoleCredentials, type Credentials, rootKeys } from './credentials.js';
import { type CloudId } from '../model/job.js';
import * as l10n from '../util/l10n.js';

/** The profile name today's single credential per cloud migrates to, and the name the extension starts with. */
export const DEFAULT_PROFILE = 'default';

/** Where a profile was found. */
export type ProfileOrigin = 'extension' | 'aliyun-cli' | 'environment';

/** The aliyun CLI's authentication modes we can use (https://www.alibabacloud.com/help/en/cli/configure-credentials). */
export type AliyunMode = 'AK' | 'StsToken' | 'RamRoleArn' | 'ChainableRamRoleArn';

export interface AliyunProfile {
  cloud: 'aliyun';
  name: string;
  origin: ProfileOrigin;
  mode: AliyunMode;
  /** AK / StsToken modes. */
  keys?: AliyunCredentials;
  /** RamRoleArn / ChainableRamRoleArn modes. */
  role?: AliyunRoleCredentials;
  defaultRegion?: string;
}

export interface HuaweiProfile {
  cloud: 'huawei';
  name: string;
  origin: ProfileOrigin;
  ak: string;
  sk: string;
  securityToken?: string;
  /** Project id per region (Huawei projects are per region). */
  projectIds: Record<string, string>;
  /** From HUAWEICLOUD_SDK_PROJECT_ID: used in any region without its own entry. */
  projectId?: string;
  defaultRegion?: string;
}

export type Profile = AliyunProfile | HuaweiProfile;

/** The credentials the cloud client takes for one profile. */
export function profileCredentials(p: Profile): Credentials {
  if (p.cloud === 'huawei') {
    return {
      huawei: {
        ak: p.ak, sk: p.sk, projectIds: { ...p.projectIds },
        ...(p.securityToken ? { securityToken: p.securityToken } : {}), ...(p.projectId ? { projectId: p.projectId } : {}),
      },
    };
  }
  if (p.role) return { aliyunRole: p.role };
  return p.keys ? { aliyun: { ...p.keys } } : {};
}

/** Every secret value a profile holds (role chains included), so output can be scrubbed of them. */
export function profileSecrets(p: Profile): string[] {
  const out: string[] = [];
  if (p.cloud === 'huawei') {
    out.push(p.sk);
    if (p.securityToken) out.push(p.securityToken);
  } else {
    const keys = p.role ? rootKeys(p.role) : p.keys;
    if (keys) {
      out.push(keys.accessKeySecret);
      if (keys.securityToken) out.push(keys.securityToken);
    }
  }
  return out.filter((s) => s.length > 0);
}

/** `LTAI…t001`: enough to tell two keys apart, never the whole id (ids are not secrets, but need not be shown). */
export function maskKeyId(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

/** One line about a profile for lists and pickers: mode, masked key id or role, region. Never a secret. */
export function describeProfile(p: Profile): string {
  const parts: string[] = [];
  if (p.cloud === 'aliyun') {
    // The mode is the aliyun CLI's own word (AK, StsToken, RamRoleArn…): not translated.
    parts.push(p.mode);
    if (p.role) parts.push(l10n.t('role {0}', p.role.roleArn));
    const keys = p.role ? safeRoot(p.role) : p.keys;
    if (keys) parts.push(l10n.t('key {0}', maskKeyId(keys.accessKeyId)));
  } else {
    parts.push(p.securityToken ? l10n.t('temporary AK/SK') : 'AK/SK', l10n.t('key {0}', maskKeyId(p.ak)));
    const regions = Object.keys(p.projectIds);
    if (regions.length) parts.push(l10n.t('projects in {0}', regions.sort().join(', ')));
  }
  if (p.defaultRegion) parts.push(l10n.t('region {0}', p.defaultRegion));
  return parts.join(', ');
}

function safeRoot(role: AliyunRoleCredentials): AliyunCredentials | undefined {
  try {
    return rootKeys(role);
  } catch {
    return undefined;
  }
}

/** A profile name as the user gives it: printable, trimmed, 1–64 characters. Returns the problem, or null. */
export function checkProfileName(name: string): string | null {
  const n = name.trim();
  if (n === '') return l10n.t('A profile name is required');
  if (n.length > 64) return l10n.t('A profile name has at most {0} characters', 64);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(n)) return l10n.t('A profile name cannot contain control characters');
  return null;
}

/** Profile names are shown back to the user; keep them printable and short. */
export function printableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 63)}…` : clean;
}

export function cloudOf(p: Profile): CloudId {
  return p.cloud;
}
