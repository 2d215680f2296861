/**
 * Profile commands: several accounts per cloud. Add, rename, remove, switch the default (one command), and import
 * every aliyun CLI profile at once. Keys go to SecretStorage only (ProfilesService); nothing secret is shown or logged.
 */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { askAliyunKeys, askHuaweiKeys, readAliyunCliConfigFile, save } from './credentials.js';
import { parseAliyunCliProfiles } from '../clouds/aliyun/cliConfig.js';
import { checkProfileName, printableName } from '../clouds/profiles.js';
import { type ProfileSummary, storedOf } from '../tracking/profilesService.js';
import { CLOUD_LABEL } from '../kinds/index.js';
import { type CloudId } from '../model/job.js';
import * as l10n from '../util/l10n.js';

/** Built at use time: the labels are translated (module constants are evaluated before the catalog is set). */
const cloudItems = () => [
  { label: l10n.label(CLOUD_LABEL.aliyun), description: l10n.t('AccessKey, optional STS token'), cloud: 'aliyun' as const },
  { label: l10n.label(CLOUD_LABEL.huawei), description: l10n.t('AK/SK and project id'), cloud: 'huawei' as const },
];

async function allProfiles(deps: CommandDeps): Promise<ProfileSummary[]> {
  return [...await deps.profiles.list('aliyun'), ...await deps.profiles.list('huawei')];
}

function profileItem(p: ProfileSummary): vscode.QuickPickItem & { profile: ProfileSummary } {
  return {
    label: `${p.isDefault ? '$(check) ' : ''}${p.name}`,
    description: l10n.label(CLOUD_LABEL[p.cloud]),
    detail: [p.isDefault ? 'default' : null, p.configured ? null : l10n.t('no keys'), p.windowOnly ? l10n.t('this window only') : null].filter(Boolean).join(' · ') || undefined,
    profile: p,
  };
}

async function pickProfile(deps: CommandDeps, placeHolder: string, cloud?: CloudId): Promise<ProfileSummary | undefined> {
  const all = (await allProfiles(deps)).filter((p) => cloud === undefined || p.cloud === cloud);
  if (all.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('Media Jobs: no profiles yet. Add one with "Media Jobs: Add Profile…".'));
    return undefined;
  }
  return (await deps.prompter.pick(all.map(profileItem), { placeHolder }))?.profile;
}

function nameCheck(taken: readonly string[]) {
  return (v: string): string | undefined => checkProfileName(v) ?? (taken.includes(v.trim()) ? l10n.t('"{0}" is taken', printableName(v.trim())) : undefined);
}

function changed(deps: CommandDeps): void {
  deps.access.invalidate();
  // Jobs that failed for want of credentials may be in back-off: poll them now.
  void deps.poller.refresh();
}

export function addProfileCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const pick = await deps.prompter.pick(cloudItems(), { placeHolder: l10n.t('Add a profile for…') });
    if (!pick) return false;
    const cloud = pick.cloud;
    const taken = (await deps.profiles.list(cloud)).map((p) => p.name);
    const name = await deps.prompter.input({ title: l10n.t('New {0} profile', l10n.label(CLOUD_LABEL[cloud])), prompt: l10n.t('Profile name (e.g. dev, staging, customer-a)'), validateInput: nameCheck(taken) });
    if (name === undefined) return false;
    const title = `${l10n.label(CLOUD_LABEL[cloud])} profile "${printableName(name.trim())}"`;
    if (cloud === 'aliyun') {
      const keys = await askAliyunKeys(deps, title);
      if (!keys) return false;
      return save(deps, cloud, () => deps.profiles.add('aliyun', name, keys));
    }
    const keys = await askHuaweiKeys(deps, undefined, title);
    if (!keys) return false;
    return save(deps, cloud, () => deps.profiles.add('huawei', name, keys));
  };
}

/** The one switch: pick any profile of either cloud; it becomes its cloud's default. */
export function switchDefaultProfileCommand(deps: CommandDeps) {
  return async (): Promise<ProfileSummary | undefined> => {
    const p = await pickProfile(deps, l10n.t('Make which profile the default of its cloud?'));
    if (!p) return undefined;
    await deps.profiles.setDefault(p.cloud, p.name);
    changed(deps);
    void vscode.window.showInformationMessage(l10n.t('Media Jobs: {0} now uses profile "{1}" by default.', l10n.label(CLOUD_LABEL[p.cloud]), printableName(p.name)));
    return p;
  };
}

export function renameProfileCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const p = await pickProfile(deps, l10n.t('Rename which profile?'));
    if (!p) return false;
    const taken = (await deps.profiles.list(p.cloud)).map((x) => x.name).filter((n) => n !== p.name);
    const to = await deps.prompter.input({ title: l10n.t('Rename {0} profile "{1}"', l10n.label(CLOUD_LABEL[p.cloud]), printableName(p.name)), prompt: l10n.t('New name'), value: p.name, validateInput: nameCheck(taken) });
    if (to === undefined || to.trim() === p.name) return false;
    await deps.profiles.rename(p.cloud, p.name, to);
    changed(deps);
    return true;
  };
}

export function removeProfileCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const p = await pickProfile(deps, l10n.t('Remove which profile (its keys are deleted)?'));
    if (!p) return false;
    const jobs = deps.store.all().filter((t) => deps.profiles.resolveName(p.cloud, t.ref.profile ?? 'default') === p.name).length;
    const ok = await deps.prompter.confirm(
      l10n.t('Remove the {0} profile "{1}"?', l10n.label(CLOUD_LABEL[p.cloud]), printableName(p.name)),
      l10n.t('Its keys are deleted from VS Code\'s secret storage.{0}', jobs === 1 ? l10n.t(' Its {0} tracked job stay tracked and will say they have no credentials.', jobs) : jobs ? l10n.t(' Its {0} tracked jobs stay tracked and will say they have no credentials.', jobs) : ''),
      l10n.t('Remove Profile'),
    );
    if (!ok) return false;
    await deps.profiles.remove(p.cloud, p.name);
    changed(deps);
    return true;
  };
}

/**
 * Imports every usable profile of `~/.aliyun/config.json` under its own name (AK, StsToken, RamRoleArn and
 * ChainableRamRoleArn; the others are listed with the reason). A name already taken is updated from the file.
 */
export function importAllAliyunCliProfilesCommand(deps: CommandDeps) {
  return async (): Promise<{ imported: string[]; skipped: string[] }> => {
    const file = await readAliyunCliConfigFile(deps);
    if (!file) return { imported: [], skipped: [] };
    const { path, text } = file;
    const parsed = parseAliyunCliProfiles(text);
    if ('error' in parsed) {
      void vscode.window.showWarningMessage(l10n.t('Media Jobs: {0} ({1}).', parsed.error, path));
      return { imported: [], skipped: [] };
    }
    const imported: string[] = [];
    const skipped: string[] = [];
    const existing = new Set((await deps.profiles.list('aliyun')).map((p) => p.name));
    for (const e of parsed.entries) {
      const stored = e.profile ? storedOf(e.profile) : null;
      if (!stored) {
        skipped.push(`${printableName(e.name)}: ${e.problem ?? l10n.t('no keys')}`);
        continue;
      }
      try {
        if (existing.has(e.name)) await deps.profiles.serviceOf('aliyun', e.name)!.setAliyun(stored);
        else await deps.profiles.add('aliyun', e.name, stored);
        imported.push(e.name);
      } catch (err) {
        skipped.push(`${printableName(e.name)}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    changed(deps);
    for (const s of skipped) deps.logger.warn(`aliyun CLI profile not imported: ${s}`);
    const summary = (imported.length === 1 ? l10n.t('Media Jobs: imported {0} aliyun CLI profile{1}', imported.length, ` (${imported.map(printableName).join(', ')})`) : l10n.t('Media Jobs: imported {0} aliyun CLI profiles{1}', imported.length, imported.length ? ` (${imported.map(printableName).join(', ')})` : ''))
      + (skipped.length ? l10n.t('; {0} not imported (see the log).', skipped.length) : '.');
    void vscode.window.showInformationMessage(summary);
    return { imported, skipped };
  };
}
