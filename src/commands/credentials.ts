/**
 * Credential commands. Secrets go to SecretStorage only (CredentialsService); input boxes are
 * password-masked; nothing secret is logged, shown or written to settings or state.
 */
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CommandDeps } from './deps.js';
import { isRegionName } from '../clouds/endpoints.js';
import { parseAliyunCliConfig } from '../tracking/aliyunCliConfig.js';
import { type ResolvedCredentials, SecretStorageUnavailableError, type StoredAliyun, type StoredHuawei } from '../tracking/credentialsService.js';
import { DEFAULT_PROFILE } from '../clouds/profiles.js';
import { CONFIG_SECTION } from '../constants.js';
import { type CloudId } from '../model/job.js';
import { CLOUD_LABEL } from '../kinds/index.js';
import { aliyunCliImportFailedMessage, credentialsNotSavedMessage, noAliyunCliConfigMessage, profileItems, profilePlaceholder } from '../present/messages.js';
import * as l10n from '../util/l10n.js';

const notEmpty = (what: string) => (v: string) => (v.trim() === '' ? l10n.t('{0} is required', what) : /\s/.test(v.trim()) ? l10n.t('{0} cannot contain spaces', what) : undefined);
const regionCheck = (v: string) => (v.trim() === '' || isRegionName(v.trim()) ? undefined : l10n.t('Regions look like cn-shanghai or cn-north-4'));

/**
 * Stores keys in the cloud's default profile (creating the profile "default" when the cloud has none), which is
 * what these commands did before profiles: today's keys are the "default" profile's.
 */
export function setDefaultProfileKeys(deps: CommandDeps, cloud: 'aliyun', keys: StoredAliyun): () => Promise<'stored' | 'windowOnly'>;
export function setDefaultProfileKeys(deps: CommandDeps, cloud: 'huawei', keys: StoredHuawei): () => Promise<'stored' | 'windowOnly'>;
export function setDefaultProfileKeys(deps: CommandDeps, cloud: CloudId, keys: StoredAliyun | StoredHuawei): () => Promise<'stored' | 'windowOnly'> {
  return async () => {
    const name = deps.profiles.defaultName(cloud);
    const svc = name === null ? undefined : deps.profiles.serviceOf(cloud, name);
    if (svc) return cloud === 'aliyun' ? svc.setAliyun(keys as StoredAliyun) : svc.setHuawei(keys as StoredHuawei);
    return cloud === 'aliyun' ? deps.profiles.add('aliyun', DEFAULT_PROFILE, keys as StoredAliyun) : deps.profiles.add('huawei', DEFAULT_PROFILE, keys as StoredHuawei);
  };
}

/** The default profile's keys of a cloud, if any (for prompts that keep what is there). */
async function defaultProfileKeys(deps: CommandDeps): Promise<ResolvedCredentials> {
  return deps.profiles.defaultCredentials();
}

export async function save(deps: CommandDeps, cloud: CloudId, set: () => Promise<'stored' | 'windowOnly'>): Promise<boolean> {
  const label = l10n.label(CLOUD_LABEL[cloud]);
  try {
    const where = await set();
    void vscode.window.showInformationMessage(where === 'stored'
      ? l10n.t('{0} credentials saved in VS Code\'s secret storage.', label)
      : l10n.t('{0} credentials kept for this window only: they are gone when it closes.', label));
  } catch (e) {
    if (!(e instanceof SecretStorageUnavailableError)) {
      void vscode.window.showErrorMessage(credentialsNotSavedMessage(label, e));
      return false;
    }
    const keep = await deps.prompter.confirm(
      l10n.t('VS Code cannot store secrets on this machine (no OS keyring).'),
      l10n.t('Keep the credentials in memory for this window only? Nothing is written to disk; you will need to enter them again after a reload. To store them, set up a keyring (e.g. gnome-keyring) and start VS Code with --password-store="gnome-libsecret".'),
      l10n.t('Keep for This Window'),
    );
    if (!keep) return false;
    deps.profiles.keepForWindowOnly();
    try {
      await set();
    } catch (e2) {
      void vscode.window.showErrorMessage(credentialsNotSavedMessage(label, e2));
      return false;
    }
    void vscode.window.showInformationMessage(l10n.t('{0} credentials kept for this window only.', label));
  }
  deps.access.invalidate();
  // Jobs that failed for want of credentials may be in back-off: poll them now.
  void deps.poller.refresh();
  return true;
}

async function rememberRegion(cloud: CloudId, region: string | undefined): Promise<void> {
  if (!region) return;
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update(`defaultRegion.${cloud}`, region, vscode.ConfigurationTarget.Global);
}

/** Asks for Alibaba Cloud keys (secret and token masked); undefined when the user cancels. */
export async function askAliyunKeys(deps: CommandDeps, title = l10n.t('Alibaba Cloud credentials')): Promise<StoredAliyun | undefined> {
    const id = await deps.prompter.input({ title, prompt: 'AccessKey ID', placeHolder: 'LTAI…', validateInput: notEmpty('AccessKey ID') });
    if (id === undefined) return undefined;
    const secret = await deps.prompter.input({ title, prompt: l10n.t('AccessKey secret'), password: true, validateInput: notEmpty(l10n.t('AccessKey secret')) });
    if (secret === undefined) return undefined;
    const token = await deps.prompter.input({ title, prompt: l10n.t('STS security token (leave empty for a permanent AccessKey)'), password: true });
    if (token === undefined) return undefined;
    const region = await deps.prompter.input({ title, prompt: l10n.t('Default region (empty: {0})', deps.settings().defaultRegions.aliyun), validateInput: regionCheck });
    if (region === undefined) return undefined;
    const c: StoredAliyun = { accessKeyId: id.trim(), accessKeySecret: secret.trim() };
    if (token.trim()) c.securityToken = token.trim();
    if (region.trim()) c.defaultRegion = region.trim();
    return c;
}

export function setAliyunCredentialsCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const c = await askAliyunKeys(deps);
    if (!c) return false;
    const ok = await save(deps, 'aliyun', setDefaultProfileKeys(deps, 'aliyun', c));
    if (ok) await rememberRegion('aliyun', c.defaultRegion);
    return ok;
  };
}

/**
 * Asks for Huawei Cloud keys and a project id for the region; the project ids `existing` holds for the same AK are
 * kept. Undefined when the user cancels.
 */
export async function askHuaweiKeys(deps: CommandDeps, existing: ResolvedCredentials['huawei'], title = l10n.t('Huawei Cloud credentials')): Promise<StoredHuawei | undefined> {
    const ak = await deps.prompter.input({ title, prompt: l10n.t('Access key (AK)'), validateInput: notEmpty('AK') });
    if (ak === undefined) return undefined;
    const sk = await deps.prompter.input({ title, prompt: l10n.t('Secret access key (SK)'), password: true, validateInput: notEmpty('SK') });
    if (sk === undefined) return undefined;
    const region = await deps.prompter.input({ title, prompt: l10n.t('Region (empty: {0})', deps.settings().defaultRegions.huawei), validateInput: regionCheck });
    if (region === undefined) return undefined;
    const r = region.trim() || deps.settings().defaultRegions.huawei;
    const project = await deps.prompter.input({ title, prompt: l10n.t('Project id for {0} (IAM → My Credentials → Projects)', r), validateInput: notEmpty(l10n.t('Project id')) });
    if (project === undefined) return undefined;
    const token = await deps.prompter.input({ title, prompt: l10n.t('Security token for temporary credentials (leave empty otherwise)'), password: true });
    if (token === undefined) return undefined;
    const c: StoredHuawei = { ak: ak.trim(), sk: sk.trim(), projectIds: { ...(existing?.ak === ak.trim() ? existing.projectIds : {}), [r]: project.trim() } };
    if (token.trim()) c.securityToken = token.trim();
    if (region.trim()) c.defaultRegion = r;
    return c;
}

export function setHuaweiCredentialsCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const c = await askHuaweiKeys(deps, (await defaultProfileKeys(deps)).huawei);
    if (!c) return false;
    const ok = await save(deps, 'huawei', setDefaultProfileKeys(deps, 'huawei', c));
    if (ok) await rememberRegion('huawei', c.defaultRegion);
    return ok;
  };
}

export function setCredentialsCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const pick = await deps.prompter.pick([
      { label: l10n.label(CLOUD_LABEL.aliyun), description: l10n.t('AccessKey, optional STS token'), command: 'aliyun' as const },
      { label: l10n.label(CLOUD_LABEL.huawei), description: l10n.t('AK/SK and project id'), command: 'huawei' as const },
      { label: l10n.t('Import from environment variables'), description: l10n.t('ALIBABA_CLOUD_* and HUAWEICLOUD_SDK_*'), command: 'env' as const },
      { label: l10n.t('Import aliyun CLI profile'), description: '~/.aliyun/config.json', command: 'cli' as const },
    ], { placeHolder: l10n.t('Set credentials for…') });
    if (!pick) return false;
    switch (pick.command) {
      case 'aliyun': return setAliyunCredentialsCommand(deps)();
      case 'huawei': return setHuaweiCredentialsCommand(deps)();
      case 'env': return importCredentialsFromEnvCommand(deps)();
      case 'cli': return importAliyunCliProfileCommand(deps)();
    }
  };
}

export function importCredentialsFromEnvCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const found = deps.credentials.importFromEnv(deps.env);
    if (!found.aliyun && !found.huawei) {
      void vscode.window.showWarningMessage(l10n.t('No credentials in the environment: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_PROJECT_ID, before starting VS Code.'));
      return false;
    }
    let ok = true;
    if (found.aliyun) ok = (await save(deps, 'aliyun', setDefaultProfileKeys(deps, 'aliyun', found.aliyun))) && ok;
    if (found.huawei) ok = (await save(deps, 'huawei', setDefaultProfileKeys(deps, 'huawei', found.huawei))) && ok;
    return ok;
  };
}

/** `~/.aliyun/config.json` as text, or null after saying there is none (both import commands read it so). */
export async function readAliyunCliConfigFile(deps: Pick<CommandDeps, 'homeDir'>): Promise<{ path: string; text: string } | null> {
  const path = join(deps.homeDir, '.aliyun', 'config.json');
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch {
    void vscode.window.showWarningMessage(noAliyunCliConfigMessage(path));
    return null;
  }
}

export function importAliyunCliProfileCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const file = await readAliyunCliConfigFile(deps);
    if (!file) return false;
    const { text } = file;
    let parsed = parseAliyunCliConfig(text);
    if (!parsed.ok) {
      // The current profile may be of an unsupported mode: let the user pick another one.
      const names = profileNames(text);
      if (names.length > 1) {
        const pick = await deps.prompter.pick(profileItems(names), { placeHolder: profilePlaceholder(parsed.reason) });
        if (!pick) return false;
        parsed = parseAliyunCliConfig(text, pick.profile);
      }
      if (!parsed.ok) {
        void vscode.window.showWarningMessage(aliyunCliImportFailedMessage(parsed.reason));
        return false;
      }
    }
    const imported = parsed;
    const ok = await save(deps, 'aliyun', setDefaultProfileKeys(deps, 'aliyun', imported.credentials));
    if (ok) await rememberRegion('aliyun', imported.credentials.defaultRegion);
    return ok;
  };
}

function profileNames(text: string): string[] {
  try {
    const j = JSON.parse(text) as { profiles?: Array<{ name?: unknown }> };
    return (j.profiles ?? []).map((p) => p.name).filter((n): n is string => typeof n === 'string');
  } catch {
    return [];
  }
}

export function signOutCommand(deps: CommandDeps) {
  return async (): Promise<void> => {
    const pick = await deps.prompter.pick([
      { label: l10n.t('Both clouds'), cloud: undefined },
      { label: l10n.label(CLOUD_LABEL.aliyun), cloud: 'aliyun' as const },
      { label: l10n.label(CLOUD_LABEL.huawei), cloud: 'huawei' as const },
    ], { placeHolder: l10n.t('Delete which credentials from secret storage?') });
    if (!pick) return;
    // The default profiles' keys, as before profiles (today's keys are the "default" profile's).
    for (const cloud of pick.cloud ? [pick.cloud] : (['aliyun', 'huawei'] as const)) {
      const name = deps.profiles.defaultName(cloud);
      const svc = name === null ? undefined : deps.profiles.serviceOf(cloud, name);
      await svc?.signOut(cloud);
    }
    deps.access.invalidate();
    void vscode.window.showInformationMessage(l10n.t('Signed out{0}: the credentials were deleted.', pick.cloud ? l10n.t(' of {0}', pick.label) : ''));
  };
}
