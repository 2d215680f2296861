/**
 * Profile commands: several accounts per cloud. Add, rename, remove, switch the default (one command), and import
 * every aliyun CLI profile at once. Keys go to SecretStorage only (ProfilesService); nothing secret is shown or logged.
 */
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CommandDeps } from './deps.js';
import { askAliyunKeys, askHuaweiKeys, save } from './credentials.js';
import { parseAliyunCliProfiles } from '../clouds/aliyun/cliConfig.js';
import { checkProfileName, printableName } from '../clouds/profiles.js';
import { type ProfileSummary, storedOf } from '../tracking/profilesService.js';
import { CLOUD_LABEL } from '../kinds/index.js';
import { type CloudId } from '../model/job.js';
import { noAliyunCliConfigMessage } from '../present/messages.js';

const CLOUD_ITEMS = [
  { label: CLOUD_LABEL.aliyun, description: 'AccessKey, optional STS token', cloud: 'aliyun' as const },
  { label: CLOUD_LABEL.huawei, description: 'AK/SK and project id', cloud: 'huawei' as const },
];

async function allProfiles(deps: CommandDeps): Promise<ProfileSummary[]> {
  return [...await deps.profiles.list('aliyun'), ...await deps.profiles.list('huawei')];
}

function profileItem(p: ProfileSummary): vscode.QuickPickItem & { profile: ProfileSummary } {
  return {
    label: `${p.isDefault ? '$(check) ' : ''}${p.name}`,
    description: CLOUD_LABEL[p.cloud],
    detail: [p.isDefault ? 'default' : null, p.configured ? null : 'no keys', p.windowOnly ? 'this window only' : null].filter(Boolean).join(' · ') || undefined,
    profile: p,
  };
}

async function pickProfile(deps: CommandDeps, placeHolder: string, cloud?: CloudId): Promise<ProfileSummary | undefined> {
  const all = (await allProfiles(deps)).filter((p) => cloud === undefined || p.cloud === cloud);
  if (all.length === 0) {
    void vscode.window.showInformationMessage('Media Jobs: no profiles yet. Add one with "Media Jobs: Add Profile…".');
    return undefined;
  }
  return (await deps.prompter.pick(all.map(profileItem), { placeHolder }))?.profile;
}

function nameCheck(taken: readonly string[]) {
  return (v: string): string | undefined => checkProfileName(v) ?? (taken.includes(v.trim()) ? `"${printableName(v.trim())}" is taken` : undefined);
}

function changed(deps: CommandDeps): void {
  deps.access.invalidate();
  // Jobs that failed for want of credentials may be in back-off: poll them now.
  void deps.poller.refresh();
}

export function addProfileCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const pick = await deps.prompter.pick(CLOUD_ITEMS, { placeHolder: 'Add a profile for…' });
    if (!pick) return false;
    const cloud = pick.cloud;
    const taken = (await deps.profiles.list(cloud)).map((p) => p.name);
    const name = await deps.prompter.input({ title: `New ${CLOUD_LABEL[cloud]} profile`, prompt: 'Profile name (e.g. dev, staging, customer-a)', validateInput: nameCheck(taken) });
    if (name === undefined) return false;
    const title = `${CLOUD_LABEL[cloud]} profile "${printableName(name.trim())}"`;
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
    const p = await pickProfile(deps, 'Make which profile the default of its cloud?');
    if (!p) return undefined;
    await deps.profiles.setDefault(p.cloud, p.name);
    changed(deps);
    void vscode.window.showInformationMessage(`Media Jobs: ${CLOUD_LABEL[p.cloud]} now uses profile "${printableName(p.name)}" by default.`);
    return p;
  };
}

export function renameProfileCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const p = await pickProfile(deps, 'Rename which profile?');
    if (!p) return false;
    const taken = (await deps.profiles.list(p.cloud)).map((x) => x.name).filter((n) => n !== p.name);
    const to = await deps.prompter.input({ title: `Rename ${CLOUD_LABEL[p.cloud]} profile "${printableName(p.name)}"`, prompt: 'New name', value: p.name, validateInput: nameCheck(taken) });
    if (to === undefined || to.trim() === p.name) return false;
    await deps.profiles.rename(p.cloud, p.name, to);
    changed(deps);
    return true;
  };
}

export function removeProfileCommand(deps: CommandDeps) {
  return async (): Promise<boolean> => {
    const p = await pickProfile(deps, 'Remove which profile (its keys are deleted)?');
    if (!p) return false;
    const jobs = deps.store.all().filter((t) => deps.profiles.resolveName(p.cloud, t.ref.profile ?? 'default') === p.name).length;
    const ok = await deps.prompter.confirm(
      `Remove the ${CLOUD_LABEL[p.cloud]} profile "${printableName(p.name)}"?`,
      `Its keys are deleted from VS Code's secret storage.${jobs ? ` Its ${jobs} tracked job${jobs === 1 ? '' : 's'} stay tracked and will say they have no credentials.` : ''}`,
      'Remove Profile',
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
    const path = join(deps.homeDir, '.aliyun', 'config.json');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      void vscode.window.showWarningMessage(noAliyunCliConfigMessage(path));
      return { imported: [], skipped: [] };
    }
    const parsed = parseAliyunCliProfiles(text);
    if ('error' in parsed) {
      void vscode.window.showWarningMessage(`Media Jobs: ${parsed.error} (${path}).`);
      return { imported: [], skipped: [] };
    }
    const imported: string[] = [];
    const skipped: string[] = [];
    const existing = new Set((await deps.profiles.list('aliyun')).map((p) => p.name));
    for (const e of parsed.entries) {
      const stored = e.profile ? storedOf(e.profile) : null;
      if (!stored) {
        skipped.push(`${printableName(e.name)}: ${e.problem ?? 'no keys'}`);
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
    const summary = `Media Jobs: imported ${imported.length} aliyun CLI profile${imported.length === 1 ? '' : 's'}${imported.length ? ` (${imported.map(printableName).join(', ')})` : ''}`
      + (skipped.length ? `; ${skipped.length} not imported (see the log).` : '.');
    void vscode.window.showInformationMessage(summary);
    return { imported, skipped };
  };
}
