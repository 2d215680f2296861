/**
 * Named credential profiles (accounts) in the extension: any number per cloud, each in its own SecretStorage entry,
 * one of them the cloud's default. Add, rename, remove, set default.
 *
 * - The list (names, which storage slot holds each, the default, renames) is not secret and lives in globalState
 *   (`mediaJobs.profiles`). Secrets live only in SecretStorage, through one CredentialsService per slot (validation,
 *   window-only mode, corrupt-secret reports as today).
 * - Migration: before any profile was added there is no list, and the credentials of today
 *   (`mediaJobs.credentials.aliyun` / `.huawei`, blob v1) are read as the profile named "default" in the "legacy"
 *   slot. Nothing is moved or rewritten, so today's secrets keep working, and so does an older build of the
 *   extension reading them.
 * - Renaming keeps the slot and remembers the old name as an alias: jobs tracked under the old name keep their
 *   account (in this window and others) without their saved references being rewritten.
 * - Removing deletes the slot's secret; jobs tracked with the profile stay tracked and say it has no credentials.
 */
import { SECRET_KEYS } from '../constants.js';
import { CredentialsService, type ResolvedCredentials, type SecretStore, type StoredAliyun, type StoredHuawei, type StoredRole } from './credentialsService.js';
import { type AliyunCredentials, type AliyunRoleCredentials, type Credentials, isRoleCredentials } from '../clouds/credentials.js';
import { type AliyunProfile, checkProfileName, DEFAULT_PROFILE, printableName } from '../clouds/profiles.js';
import { CLOUDS, type CloudId } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { CLOUD_LABEL } from '../kinds/index.js';
import * as l10n from '../util/l10n.js';
import { Emitter, type Event } from '../util/event.js';

/** What the service needs from `vscode.Memento` (globalState satisfies it). */
export interface IndexStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export const PROFILES_STATE_KEY = 'mediaJobs.profiles';
/** The slot of today's credentials: the keys of SECRET_KEYS themselves. */
export const LEGACY_SLOT = 'legacy';

interface CloudIndex {
  default: string | null;
  entries: Array<{ name: string; slot: string }>;
  /** Old name → current name, for jobs tracked before a rename. */
  aliases: Record<string, string>;
}

interface ProfileIndex {
  v: 1;
  aliyun: CloudIndex;
  huawei: CloudIndex;
}

export interface ProfileSummary {
  cloud: CloudId;
  name: string;
  isDefault: boolean;
  /** Keys are stored for it (a "default" profile of a fresh install has none). */
  configured: boolean;
  /** Kept for this window only (no OS keyring). */
  windowOnly: boolean;
}

/** Credentials of every profile by name (aliases included), per cloud, for CloudAccess. */
export interface Accounts {
  aliyun: Map<string, Credentials>;
  huawei: Map<string, Credentials>;
  defaults: { aliyun: string | null; huawei: string | null };
  /** Each account's default region, by cloud and name. */
  regions: { aliyun: Map<string, string>; huawei: Map<string, string> };
}

/** A tracked reference with its profile: the one it was tracked with, or "default" for one saved before profiles. */
export function withProfile(ref: JobRef): JobRef {
  return ref.profile ? ref : { ...ref, profile: DEFAULT_PROFILE };
}

/**
 * What SecretStorage keeps of an aliyun CLI profile: its keys, and for RamRoleArn / ChainableRamRoleArn the chain of
 * roles above them (bottom first), so the client assumes them in turn.
 */
export function storedOf(p: AliyunProfile): StoredAliyun | null {
  const region = p.defaultRegion ? { defaultRegion: p.defaultRegion } : {};
  if (p.keys) return { ...p.keys, ...region };
  if (!p.role) return null;
  const roles: StoredRole[] = [];
  let cur: AliyunCredentials | AliyunRoleCredentials = p.role;
  for (let depth = 0; isRoleCredentials(cur) && depth < 16; depth++) {
    const { source, ...role }: AliyunRoleCredentials = cur;
    roles.unshift(role);
    cur = source;
  }
  return isRoleCredentials(cur) ? null : { ...cur, ...region, roles };
}

function implicitIndex(): ProfileIndex {
  const cloud = (): CloudIndex => ({ default: DEFAULT_PROFILE, entries: [{ name: DEFAULT_PROFILE, slot: LEGACY_SLOT }], aliases: {} });
  return { v: 1, aliyun: cloud(), huawei: cloud() };
}

function isCloudIndex(v: unknown): v is CloudIndex {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (c.default === null || typeof c.default === 'string')
    && Array.isArray(c.entries) && c.entries.every((e) => typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' && typeof (e as { slot?: unknown }).slot === 'string')
    && typeof c.aliases === 'object' && c.aliases !== null && Object.values(c.aliases).every((a) => typeof a === 'string');
}

function slotId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class ProfilesService {
  private readonly changes = new Emitter<void>();
  /** A profile was added, renamed, removed, set default, or its keys changed. */
  readonly onDidChange: Event<void> = this.changes.event;
  private readonly slots = new Map<string, CredentialsService>();
  private windowOnly = false;
  private problem: string | null = null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly state: IndexStore,
    /** Today's service (SECRET_KEYS): the "legacy" slot, shared with the commands that predate profiles. */
    legacy: CredentialsService,
  ) {
    this.slots.set(LEGACY_SLOT, legacy);
    legacy.onDidChange(() => this.changes.fire());
  }

  /** The saved list, or the implicit one of a state from before profiles. Read on every call: other windows write it. */
  private index(): ProfileIndex {
    const raw = this.state.get<unknown>(PROFILES_STATE_KEY);
    if (raw === undefined) return implicitIndex();
    const r = raw as Partial<ProfileIndex>;
    if (r.v === 1 && isCloudIndex(r.aliyun) && isCloudIndex(r.huawei)) return { v: 1, aliyun: r.aliyun, huawei: r.huawei };
    // Unreadable: the secrets are still there under their slots; start from today's layout and say so once.
    this.problem ??= l10n.t('The saved profile list ({0}) is unreadable; only the "{1}" profiles are shown.', PROFILES_STATE_KEY, DEFAULT_PROFILE);
    return implicitIndex();
  }

  private async save(index: ProfileIndex): Promise<void> {
    await this.state.update(PROFILES_STATE_KEY, index);
    this.changes.fire();
  }

  /** A problem found reading the list, once. */
  takeProblem(): string | null {
    const p = this.problem;
    this.problem = null;
    return p === '' ? null : p;
  }

  /** The storage of one slot. */
  private slot(slot: string): CredentialsService {
    let s = this.slots.get(slot);
    if (!s) {
      s = new CredentialsService(this.secrets, { aliyun: `${SECRET_KEYS.aliyun}.${slot}`, huawei: `${SECRET_KEYS.huawei}.${slot}` });
      if (this.windowOnly) s.keepForWindowOnly();
      s.onDidChange(() => this.changes.fire());
      this.slots.set(slot, s);
    }
    return s;
  }

  /** The current name of a profile name (following renames), or null when there is none. */
  resolveName(cloud: CloudId, name: string): string | null {
    const c = this.index()[cloud];
    let n = name;
    for (let i = 0; i < 16 && c.aliases[n] !== undefined; i++) n = c.aliases[n]!;
    return c.entries.some((e) => e.name === n) ? n : null;
  }

  defaultName(cloud: CloudId): string | null {
    return this.index()[cloud].default;
  }

  /** The service holding one profile's keys (for the set/import commands), or undefined when there is no such profile. */
  serviceOf(cloud: CloudId, name: string): CredentialsService | undefined {
    const resolved = this.resolveName(cloud, name);
    const entry = resolved === null ? undefined : this.index()[cloud].entries.find((e) => e.name === resolved);
    return entry ? this.slot(entry.slot) : undefined;
  }

  /** The profiles of a cloud; today's "default" is listed only once it holds keys (a fresh install has none). */
  async list(cloud: CloudId): Promise<ProfileSummary[]> {
    const c = this.index()[cloud];
    const all = await Promise.all(c.entries.map(async (e) => {
      const st = await this.slot(e.slot).status();
      return { summary: { cloud, name: e.name, isDefault: c.default === e.name, configured: st[cloud], windowOnly: st.windowOnly }, legacy: e.slot === LEGACY_SLOT };
    }));
    return all.filter((x) => x.summary.configured || !x.legacy).map((x) => x.summary);
  }

  /** Profiles that hold keys, per cloud (what the tree counts as accounts). */
  async configuredNames(cloud: CloudId): Promise<string[]> {
    return (await this.list(cloud)).filter((p) => p.configured).map((p) => p.name);
  }

  /** Every profile's credentials, for the cloud client of each account. */
  async accounts(): Promise<Accounts> {
    const out: Accounts = { aliyun: new Map(), huawei: new Map(), defaults: { aliyun: null, huawei: null }, regions: { aliyun: new Map(), huawei: new Map() } };
    const index = this.index();
    for (const cloud of CLOUDS) {
      const c = index[cloud];
      out.defaults[cloud] = c.default;
      for (const e of c.entries) {
        const got: ResolvedCredentials = await this.slot(e.slot).get();
        const creds: Credentials = cloud === 'aliyun'
          ? (got.aliyun ? { aliyun: got.aliyun, ...(got.aliyunRole ? { aliyunRole: got.aliyunRole } : {}) } : {})
          : (got.huawei ? { huawei: got.huawei } : {});
        if (!creds[cloud]) continue;
        out[cloud].set(e.name, creds);
        const region = cloud === 'aliyun' ? got.aliyunRegion : got.huaweiRegion;
        if (region) out.regions[cloud].set(e.name, region);
      }
      for (const old of Object.keys(c.aliases)) {
        const now = this.resolveName(cloud, old);
        const creds = now === null ? undefined : out[cloud].get(now);
        if (creds && !out[cloud].has(old)) out[cloud].set(old, creds);
      }
    }
    return out;
  }

  /** The default profiles' credentials together (what look-ups, hovers and the Recent view use). */
  async defaultCredentials(): Promise<ResolvedCredentials> {
    const out: ResolvedCredentials = {};
    for (const cloud of CLOUDS) {
      const name = this.defaultName(cloud);
      const svc = name === null ? undefined : this.serviceOf(cloud, name);
      if (!svc) continue;
      const got = await svc.get();
      if (cloud === 'aliyun' && got.aliyun) {
        out.aliyun = got.aliyun;
        if (got.aliyunRole) out.aliyunRole = got.aliyunRole;
        if (got.aliyunRegion) out.aliyunRegion = got.aliyunRegion;
      }
      if (cloud === 'huawei' && got.huawei) {
        out.huawei = got.huawei;
        if (got.huaweiRegion) out.huaweiRegion = got.huaweiRegion;
      }
    }
    return out;
  }

  private checkNewName(c: CloudIndex, cloud: CloudId, name: string): string {
    const problem = checkProfileName(name);
    if (problem) throw new Error(problem);
    const n = name.trim();
    if (c.entries.some((e) => e.name === n)) throw new Error(l10n.t('There is already a {0} profile named "{1}"', l10n.label(CLOUD_LABEL[cloud]), printableName(n)));
    return n;
  }

  /**
   * Adds a profile and stores its keys (validated first: nothing is added when they are refused). The first profile
   * of a cloud becomes its default. Returns where the keys went.
   */
  async add(cloud: 'aliyun', name: string, keys: StoredAliyun): Promise<'stored' | 'windowOnly'>;
  async add(cloud: 'huawei', name: string, keys: StoredHuawei): Promise<'stored' | 'windowOnly'>;
  async add(cloud: CloudId, name: string, keys: StoredAliyun | StoredHuawei): Promise<'stored' | 'windowOnly'> {
    const index = this.index();
    const c = index[cloud];
    const n = this.checkNewName(c, cloud, name);
    // "default" goes back to today's key names when no profile of this cloud holds them.
    const slot = n === DEFAULT_PROFILE && !c.entries.some((e) => e.slot === LEGACY_SLOT) ? LEGACY_SLOT : slotId();
    const svc = this.slot(slot);
    const where = cloud === 'aliyun' ? await svc.setAliyun(keys as StoredAliyun) : await svc.setHuawei(keys as StoredHuawei);
    const fresh = this.index();
    const fc = fresh[cloud];
    fc.entries.push({ name: n, slot });
    // A new profile takes its name back from a rename: jobs tracked under that name now use it.
    delete fc.aliases[n];
    // The first profile with keys becomes the default (the implicit "default" of a fresh install has none).
    const current = fc.default === null ? undefined : fc.entries.find((e) => e.name === fc.default);
    if (!current || !(await this.slot(current.slot).status())[cloud]) fc.default = n;
    await this.save(fresh);
    return where;
  }

  async rename(cloud: CloudId, from: string, to: string): Promise<void> {
    const index = this.index();
    const c = index[cloud];
    const entry = c.entries.find((e) => e.name === from);
    if (!entry) throw new Error(l10n.t('No {0} profile named "{1}"', l10n.label(CLOUD_LABEL[cloud]), printableName(from)));
    const n = this.checkNewName(c, cloud, to);
    entry.name = n;
    for (const [old, cur] of Object.entries(c.aliases)) if (cur === from) c.aliases[old] = n;
    c.aliases[from] = n;
    delete c.aliases[n];
    if (c.default === from) c.default = n;
    await this.save(index);
  }

  /** Deletes the profile's keys and the profile; its tracked jobs stay (they will say they have no credentials). */
  async remove(cloud: CloudId, name: string): Promise<void> {
    const index = this.index();
    const c = index[cloud];
    const entry = c.entries.find((e) => e.name === name);
    if (!entry) throw new Error(l10n.t('No {0} profile named "{1}"', l10n.label(CLOUD_LABEL[cloud]), printableName(name)));
    await this.slot(entry.slot).signOut(cloud);
    c.entries = c.entries.filter((e) => e !== entry);
    for (const [old, cur] of Object.entries(c.aliases)) if (cur === name) delete c.aliases[old];
    if (c.default === name) c.default = c.entries[0]?.name ?? null;
    await this.save(index);
  }

  async setDefault(cloud: CloudId, name: string): Promise<void> {
    const index = this.index();
    if (!index[cloud].entries.some((e) => e.name === name)) throw new Error(l10n.t('No {0} profile named "{1}"', l10n.label(CLOUD_LABEL[cloud]), printableName(name)));
    index[cloud].default = name;
    await this.save(index);
  }

  /** After the user accepted: keys set from now on, in any profile, stay in memory for this window only. */
  keepForWindowOnly(): void {
    this.windowOnly = true;
    for (const s of this.slots.values()) s.keepForWindowOnly();
  }

  /** Another window changed secrets: every slot reads again. */
  invalidate(): void {
    for (const s of this.slots.values()) s.invalidate();
  }

  /** Problems of every slot (corrupt or unreadable secrets), each once. */
  problems(): string[] {
    const out = [...this.slots.values()].flatMap((s) => s.problems());
    const p = this.takeProblem();
    return p ? [p, ...out] : out;
  }

  dispose(): void {
    for (const [id, s] of this.slots) if (id !== LEGACY_SLOT) s.dispose();
    this.changes.dispose();
  }
}
