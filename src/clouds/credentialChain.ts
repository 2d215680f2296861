/**
 * The credential chain of the official SDKs, as a pure function: which profile a command uses, and why.
 *
 * Order (https://github.com/aliyun/credentials-nodejs: src/providers/default.ts puts the environment first and the
 * CLI profile after it; src/providers/cli_profile.ts picks the profile named explicitly, else ALIBABA_CLOUD_PROFILE,
 * else the file's `current`), with our `--profile` on top because a flag the user typed must win over whatever the
 * shell exports:
 * 1. an explicit profile (`--profile NAME`, or the profile chosen in the extension);
 * 2. the environment keys: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN; HUAWEICLOUD_SDK_AK / _SK /
 *    _PROJECT_ID / _SECURITY_TOKEN;
 * 3. Alibaba Cloud only: ALIBABA_CLOUD_PROFILE, a profile of `~/.aliyun/config.json`;
 * 4. Alibaba Cloud only: the `current` profile of `~/.aliyun/config.json`.
 * An explicit or ALIBABA_CLOUD_PROFILE name that no source knows is an error naming it and the profiles that exist;
 * so is a profile whose mode we cannot use. Nothing here reads a file or the process: the caller passes both.
 */
import { parseAliyunCliProfiles, type AliyunCliConfig } from './aliyun/cliConfig.js';
import { type AliyunProfile, type HuaweiProfile, type Profile, printableName } from './profiles.js';
import { type CloudId } from '../model/job.js';
import * as l10n from '../util/l10n.js';

export interface ChainInput {
  /** `--profile NAME` (or the extension's chosen profile). */
  profile?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `~/.aliyun/config.json` as read, or null when there is none. */
  aliyunConfig: { path: string; text: string } | null;
  /** Profiles kept elsewhere (the extension's), searched for an explicit name before the aliyun CLI's. */
  extra?: readonly Profile[];
}

/** How the profile was chosen: shown by `media-jobs profiles` and in errors. */
export type ChainStep = 'flag' | 'environment' | 'ALIBABA_CLOUD_PROFILE' | 'current';

export type ChainResult<P extends Profile> =
  | { ok: true; profile: P; step: ChainStep; where: string }
  /** `missing`: `--profile` names a profile this cloud has no credentials in (the other cloud may have them). */
  | { ok: false; reason: string; missing?: true }
  | null;

export interface Chain {
  aliyun: ChainResult<AliyunProfile>;
  huawei: ChainResult<HuaweiProfile>;
  /** Problems reading the aliyun CLI file (not JSON, …), reported once whatever the cloud. */
  configProblem: string | null;
}

const ALIYUN_ENV = 'ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET';
const HUAWEI_ENV = 'HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK';

function envValue(env: ChainInput['env'], name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** The environment's profiles (named "environment"), one per cloud whose keys are set. */
export function environmentProfiles(env: ChainInput['env']): { aliyun?: AliyunProfile; huawei?: HuaweiProfile } {
  const out: { aliyun?: AliyunProfile; huawei?: HuaweiProfile } = {};
  const id = envValue(env, 'ALIBABA_CLOUD_ACCESS_KEY_ID');
  const secret = envValue(env, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  if (id && secret) {
    const token = envValue(env, 'ALIBABA_CLOUD_SECURITY_TOKEN');
    const region = envValue(env, 'ALIBABA_CLOUD_REGION_ID');
    out.aliyun = {
      cloud: 'aliyun', name: 'environment', origin: 'environment', mode: token ? 'StsToken' : 'AK',
      keys: { accessKeyId: id, accessKeySecret: secret, ...(token ? { securityToken: token } : {}) },
      ...(region ? { defaultRegion: region } : {}),
    };
  }
  const ak = envValue(env, 'HUAWEICLOUD_SDK_AK');
  const sk = envValue(env, 'HUAWEICLOUD_SDK_SK');
  if (ak && sk) {
    const token = envValue(env, 'HUAWEICLOUD_SDK_SECURITY_TOKEN');
    const project = envValue(env, 'HUAWEICLOUD_SDK_PROJECT_ID');
    const region = envValue(env, 'HUAWEICLOUD_SDK_REGION');
    out.huawei = {
      cloud: 'huawei', name: 'environment', origin: 'environment', ak, sk, projectIds: {},
      ...(token ? { securityToken: token } : {}), ...(project ? { projectId: project } : {}), ...(region ? { defaultRegion: region } : {}),
    };
  }
  return out;
}

/** Every profile the chain can see, with where each comes from; for `media-jobs profiles` and the import command. */
export interface VisibleProfile {
  cloud: CloudId;
  name: string;
  /** "environment", the file path, or "extension". */
  where: string;
  profile: Profile | null;
  /** Why it cannot be used (mode not supported, keys missing), or null. */
  problem: string | null;
  /** The profile this cloud's commands use when no --profile is given. */
  selected: boolean;
}

function readConfig(input: ChainInput): { config: AliyunCliConfig | null; problem: string | null } {
  if (!input.aliyunConfig) return { config: null, problem: null };
  const parsed = parseAliyunCliProfiles(input.aliyunConfig.text);
  if ('error' in parsed) return { config: null, problem: `${parsed.error} (${input.aliyunConfig.path})` };
  return { config: parsed, problem: null };
}

function knownNames(input: ChainInput, config: AliyunCliConfig | null): string {
  const names = new Set<string>();
  for (const p of input.extra ?? []) names.add(p.name);
  for (const e of config?.entries ?? []) names.add(e.name);
  return names.size ? [...names].map((n) => `"${printableName(n)}"`).join(', ') : l10n.t('none');
}

/** Picks each cloud's profile by the chain's order. */
export function resolveChain(input: ChainInput): Chain {
  const { config, problem: configProblem } = readConfig(input);
  const env = environmentProfiles(input.env);
  const path = input.aliyunConfig?.path ?? '~/.aliyun/config.json';
  const extra = input.extra ?? [];

  const named = (name: string, step: ChainStep): { aliyun: ChainResult<AliyunProfile>; huawei: ChainResult<HuaweiProfile> } | null => {
    const ali = extra.find((p): p is AliyunProfile => p.cloud === 'aliyun' && p.name === name);
    const hw = extra.find((p): p is HuaweiProfile => p.cloud === 'huawei' && p.name === name);
    const entry = config?.entries.find((e) => e.name === name);
    if (!ali && !hw && !entry) return null;
    let aliyun: ChainResult<AliyunProfile> = null;
    if (ali) aliyun = { ok: true, profile: ali, step, where: 'extension' };
    else if (entry) aliyun = entry.profile ? { ok: true, profile: entry.profile, step, where: path } : { ok: false, reason: entry.problem ?? l10n.t('unusable') };
    const huawei: ChainResult<HuaweiProfile> = hw ? { ok: true, profile: hw, step, where: 'extension' } : null;
    return { aliyun, huawei };
  };
  const unknown = (name: string, via: string): string =>
    l10n.t('no profile named "{0}"{1} (profiles: {2})', printableName(name), via, knownNames(input, config));

  // 1. Explicit: it alone decides, for both clouds; a cloud without that profile has no credentials.
  if (input.profile !== undefined) {
    const found = named(input.profile, 'flag');
    if (!found) {
      const reason = unknown(input.profile, '');
      return { aliyun: { ok: false, reason }, huawei: { ok: false, reason }, configProblem };
    }
    const name = printableName(input.profile);
    return {
      aliyun: found.aliyun ?? { ok: false, reason: l10n.t('profile "{0}" has no Alibaba Cloud credentials', name), missing: true },
      huawei: found.huawei ?? { ok: false, reason: l10n.t('profile "{0}" has no Huawei Cloud credentials', name), missing: true },
      configProblem,
    };
  }

  // 2. Environment keys; 3. ALIBABA_CLOUD_PROFILE; 4. the file's current profile.
  let aliyun: ChainResult<AliyunProfile> = null;
  if (env.aliyun) aliyun = { ok: true, profile: env.aliyun, step: 'environment', where: ALIYUN_ENV };
  else {
    const wanted = envValue(input.env, 'ALIBABA_CLOUD_PROFILE');
    if (wanted !== undefined) {
      const found = named(wanted, 'ALIBABA_CLOUD_PROFILE');
      aliyun = found?.aliyun
        ? { ...found.aliyun, ...(found.aliyun.ok ? { step: 'ALIBABA_CLOUD_PROFILE' as const } : {}) }
        : { ok: false, reason: unknown(wanted, ' (ALIBABA_CLOUD_PROFILE)') };
    } else if (config?.current) {
      const entry = config.entries.find((e) => e.name === config.current);
      aliyun = !entry
        ? { ok: false, reason: unknown(config.current, l10n.t(' (the current profile of {0})', path)) }
        : entry.profile ? { ok: true, profile: entry.profile, step: 'current', where: path } : { ok: false, reason: entry.problem ?? l10n.t('unusable') };
    }
  }
  const huawei: ChainResult<HuaweiProfile> = env.huawei ? { ok: true, profile: env.huawei, step: 'environment', where: HUAWEI_ENV } : null;
  return { aliyun, huawei, configProblem };
}

/** Every profile the chain can see, marking the one each cloud uses without --profile. */
export function visibleProfiles(input: ChainInput): { profiles: VisibleProfile[]; configProblem: string | null } {
  const chain = resolveChain({ ...input, profile: undefined });
  const { config, problem } = readConfig(input);
  const env = environmentProfiles(input.env);
  const path = input.aliyunConfig?.path ?? '~/.aliyun/config.json';
  const isSelected = (cloud: CloudId, where: string, name: string): boolean => {
    const r = chain[cloud];
    return r !== null && r.ok && r.where === where && r.profile.name === name;
  };
  const out: VisibleProfile[] = [];
  for (const p of input.extra ?? []) out.push({ cloud: p.cloud, name: p.name, where: 'extension', profile: p, problem: null, selected: false });
  if (env.aliyun) out.push({ cloud: 'aliyun', name: env.aliyun.name, where: ALIYUN_ENV, profile: env.aliyun, problem: null, selected: isSelected('aliyun', ALIYUN_ENV, env.aliyun.name) });
  if (env.huawei) out.push({ cloud: 'huawei', name: env.huawei.name, where: HUAWEI_ENV, profile: env.huawei, problem: null, selected: isSelected('huawei', HUAWEI_ENV, env.huawei.name) });
  for (const e of config?.entries ?? []) {
    out.push({ cloud: 'aliyun', name: e.name, where: path, profile: e.profile, problem: e.problem, selected: isSelected('aliyun', path, e.name) });
  }
  return { profiles: out, configProblem: problem };
}
