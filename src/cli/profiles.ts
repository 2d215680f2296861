/**
 * The CLI's side of the credential chain (src/clouds/credentialChain.ts): the credentials a command uses, the secrets
 * its output is scrubbed of, and `media-jobs profiles`, which lists every profile it can see and where each comes from.
 * Nothing here prints a secret: lists show the mode, a masked key id, the role and the region.
 */
import { type Chain, type ChainInput, resolveChain, visibleProfiles } from '../clouds/credentialChain.js';
import { type Credentials } from '../clouds/credentials.js';
import { describeProfile, profileCredentials, profileSecrets, type Profile } from '../clouds/profiles.js';
import { parseAliyunCliProfiles } from '../clouds/aliyun/cliConfig.js';
import { CLOUD_LABEL } from '../kinds/index.js';
import { type CloudId } from '../model/job.js';
import { terminalSafeJson } from './format.js';
import * as l10n from '../util/l10n.js';

/** The credentials of both clouds as the chain picked them, with the sts endpoint override applied. */
export function chainCredentials(chain: Chain, stsEndpoint?: string): Credentials {
  const out: Credentials = {};
  if (chain.aliyun?.ok) {
    const c = profileCredentials(chain.aliyun.profile);
    if (c.aliyun) out.aliyun = c.aliyun;
    if (c.aliyunRole) out.aliyunRole = stsEndpoint ? withStsEndpoint(c.aliyunRole, stsEndpoint) : c.aliyunRole;
  }
  if (chain.huawei?.ok) {
    const c = profileCredentials(chain.huawei.profile);
    if (c.huawei) out.huawei = c.huawei;
  }
  return out;
}

function withStsEndpoint<T extends { stsEndpoint?: string; source: unknown }>(role: T, endpoint: string): T {
  // Every role of a chain calls STS: the override applies all the way down.
  const source = typeof role.source === 'object' && role.source !== null && 'roleArn' in role.source
    ? withStsEndpoint(role.source as T, endpoint) : role.source;
  return { ...role, source, stsEndpoint: endpoint };
}

/**
 * Every secret the chain's inputs hold: the environment's and every profile of the aliyun CLI file, whether or not
 * it is used (a server may echo anything; a profile list must not leak another profile's keys by accident).
 */
export function chainSecrets(input: ChainInput): Array<{ variable: string; value: string }> {
  const out: Array<{ variable: string; value: string }> = [];
  const envNames = ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN'];
  for (const variable of envNames) {
    const value = input.env[variable]?.trim();
    if (value) out.push({ variable, value });
  }
  if (input.aliyunConfig) {
    const parsed = parseAliyunCliProfiles(input.aliyunConfig.text);
    if (!('error' in parsed)) {
      for (const e of parsed.entries) {
        if (!e.profile) continue;
        for (const value of profileSecrets(e.profile)) out.push({ variable: l10n.t('the secret of aliyun CLI profile "{0}"', e.name), value });
      }
    }
  }
  return out;
}

/**
 * `media-jobs profiles`: one line per profile (or JSON), the one each cloud uses marked (with `--profile`, the one it
 * names); never a secret. `unknown`: `--profile` names no profile at all.
 */
export function formatProfiles(input: ChainInput, json: boolean): { text: string; problems: string[]; unknown: boolean } {
  const { profiles, configProblem } = visibleProfiles(input);
  const problems = configProblem ? [configProblem] : [];
  const chain = resolveChain(input);
  // --profile naming a profile nobody has: the chain's error (it names the profiles that exist), once.
  const unknown = input.profile !== undefined && !profiles.some((p) => p.name === input.profile);
  const seen = new Set<string>();
  for (const cloud of ['aliyun', 'huawei'] as const) {
    const r = chain[cloud];
    if (!r || r.ok || seen.has(r.reason)) continue;
    // With --profile, the other cloud lacking that name is no problem worth a line.
    if (!unknown && input.profile !== undefined && r.missing === true) continue;
    seen.add(r.reason);
    problems.push(unknown ? r.reason : `${l10n.label(CLOUD_LABEL[cloud])}: ${r.reason}`);
  }
  // Which rows are used: the chain's picks (with --profile, that profile's).
  for (const p of profiles) {
    const r = chain[p.cloud];
    p.selected = r !== null && r.ok && r.profile.name === p.name && r.where === p.where;
  }
  if (json) {
    const rows = profiles.map((p) => ({
      cloud: p.cloud, name: p.name, where: p.where, mode: p.profile ? modeOf(p.profile) : null,
      summary: p.profile ? describeProfile(p.profile) : null, problem: p.problem, used: p.selected,
    }));
    return { text: `${terminalSafeJson(rows)}\n`, problems, unknown };
  }
  if (profiles.length === 0) {
    return {
      text: `${l10n.t('No profiles: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK), or run `aliyun configure`.')}\n`,
      problems,
      unknown,
    };
  }
  const lines: string[] = [];
  for (const cloud of ['aliyun', 'huawei'] as CloudId[]) {
    const mine = profiles.filter((p) => p.cloud === cloud);
    if (mine.length === 0) continue;
    lines.push(l10n.t('{0}:', l10n.label(CLOUD_LABEL[cloud])));
    for (const p of mine) {
      const mark = p.selected ? '*' : ' ';
      const what = p.profile ? describeProfile(p.profile) : l10n.t('unusable: {0}', p.problem ?? l10n.t('unknown'));
      lines.push(`  ${mark} ${p.name}  (${p.where})  ${what}`);
    }
  }
  lines.push('', input.profile !== undefined ? l10n.t('* = used with this --profile') : l10n.t('* = used when no --profile is given'));
  return { text: `${lines.join('\n')}\n`, problems, unknown };
}

function modeOf(p: Profile): string {
  return p.cloud === 'aliyun' ? p.mode : p.securityToken ? 'temporary AK/SK' : 'AK/SK';
}
