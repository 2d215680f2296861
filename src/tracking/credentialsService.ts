/**
 * Credentials for both clouds, kept in VS Code's SecretStorage (behind a small interface, tested in plain Node).
 *
 * - One JSON blob per cloud with a version field, so a half-written key pair cannot exist.
 * - A secret that cannot be read or parsed is treated as absent (the normal "sign in" path) and reported once
 *   through `problems()`.
 * - When SecretStorage cannot store (no OS keyring), `set*` throws SecretStorageUnavailableError instead of
 *   silently keeping the keys somewhere else; after the user accepts `keepForWindowOnly()`, they live in memory
 *   until the window closes.
 * - No error message ever contains a secret value: validation messages name the field, never the value, and a
 *   SecretStorage failure's own message is scrubbed of the values before it is passed on.
 */
// zod/mini, not zod: this file loads at activation, and the full zod adds ~750 kB to the extension bundle.
import * as l10n from '../util/l10n.js';
import * as z from 'zod/mini';
import { SECRET_KEYS } from '../constants.js';
import { errorText } from '../util/errorText.js';
import { type AliyunCredentials, type AliyunRoleCredentials, type Credentials, type HuaweiCredentials } from '../clouds/credentials.js';
import { DEFAULT_REGION, isRegionName } from '../clouds/endpoints.js';
import { type CloudId } from '../model/job.js';
import { CLOUD_LABEL } from '../kinds/index.js';
import { validateId } from '../kinds/refs.js';
import { Emitter, type Event } from '../util/event.js';

/** What the service needs from `vscode.SecretStorage`. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined> | Promise<string | undefined>;
  store(key: string, value: string): Thenable<void> | Promise<void>;
  delete(key: string): Thenable<void> | Promise<void>;
}

export interface StoredAliyun {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  defaultRegion?: string;
  /**
   * Roles to assume in turn with STS AssumeRole (aliyun CLI RamRoleArn: one; ChainableRamRoleArn: its source's roles,
   * then its own): the first is assumed with the keys above, each next one with the previous one's temporary keys.
   */
  roles?: StoredRole[];
}

/** One role of a chain, as the aliyun CLI's profile names it (ram_role_arn, ram_session_name, expired_seconds, …). */
export interface StoredRole {
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
  stsRegion?: string;
  stsEndpoint?: string;
}

export interface StoredHuawei {
  ak: string;
  sk: string;
  securityToken?: string;
  /** Project id per region (Huawei projects are per region). */
  projectIds: Record<string, string>;
  defaultRegion?: string;
}

export type ResolvedCredentials = Credentials & { aliyunRegion?: string; huaweiRegion?: string };

/** Where each cloud's credentials live in SecretStorage (src/constants.ts); tests pass their own. */
export const DEFAULT_SECRET_KEYS = SECRET_KEYS;

/** SecretStorage refused to store (typically: no OS keyring on Linux). The glue offers "keep for this window only". */
export class SecretStorageUnavailableError extends Error {
  override readonly name = 'SecretStorageUnavailableError';
  constructor(readonly cloud: CloudId, readonly detail: string) {
    super(l10n.t('SecretStorage could not store the {0} credentials ({1}). This usually means no OS keyring is available.', l10n.label(CLOUD_LABEL[cloud]), detail));
  }
}

const BLOB_VERSION = 1;

const roleBlob = z.object({
  roleArn: z.string().check(z.minLength(1)),
  roleSessionName: z.string().check(z.minLength(1)),
  durationSeconds: z.number(),
  stsRegion: z.optional(z.string().check(z.minLength(1))),
  stsEndpoint: z.optional(z.string().check(z.minLength(1))),
});

// `roles` is optional: blobs written before role profiles read as they are. (An older build drops the field and signs
// as the RAM user of the source keys; the keys stay where they were.)
const aliyunBlob = z.object({
  v: z.literal(BLOB_VERSION),
  accessKeyId: z.string().check(z.minLength(1)),
  accessKeySecret: z.string().check(z.minLength(1)),
  securityToken: z.optional(z.string().check(z.minLength(1))),
  defaultRegion: z.optional(z.string().check(z.minLength(1))),
  roles: z.optional(z.array(roleBlob)),
});

const huaweiBlob = z.object({
  v: z.literal(BLOB_VERSION),
  ak: z.string().check(z.minLength(1)),
  sk: z.string().check(z.minLength(1)),
  securityToken: z.optional(z.string().check(z.minLength(1))),
  projectIds: z.record(z.string(), z.string()),
  defaultRegion: z.optional(z.string().check(z.minLength(1))),
});

// Lengths that no real key exceeds by much; they keep pasted garbage (a whole file, a log line) out.
const LIMITS = { keyId: [8, 128], secret: [8, 256], token: [16, 16_384] } as const;

function checkValue(value: string, what: string, [min, max]: readonly [number, number]): void {
  if (value.length === 0) throw new Error(l10n.t('{0} is empty', what));
  if (/\s/.test(value)) throw new Error(l10n.t('{0} contains whitespace (paste it without spaces or line breaks)', what));
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new Error(l10n.t('{0} contains a control character', what));
  if (value.length < min) throw new Error(l10n.t('{0} is too short ({1} characters; at least {2})', what, value.length, min));
  if (value.length > max) throw new Error(l10n.t('{0} is too long ({1} characters; at most {2})', what, value.length, max));
}

function checkRegion(region: string | undefined, what: string): void {
  if (region !== undefined && !isRegionName(region)) throw new Error(l10n.t('{0} is not a region name (regions look like cn-shanghai or cn-north-4)', what));
}

// The AssumeRole page's rules (src/clouds/aliyun/sts.ts checks them again before a call; not imported here, since
// that module brings the full zod into the activation bundle).
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9.@_\-/]{1,128}$/i;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

function validateRoles(roles: readonly StoredRole[]): StoredRole[] {
  if (roles.length > 8) throw new Error(l10n.t('A role chain has at most {0} roles', 8));
  return roles.map((r, i) => {
    const what = roles.length > 1 ? l10n.t('Role {0} of the chain', i + 1) : l10n.t('The role');
    if (!ROLE_ARN.test(r.roleArn)) throw new Error(l10n.t('{0}: the ARN does not look like acs:ram::<account id>:role/<name>', what));
    if (!SESSION_NAME.test(r.roleSessionName)) throw new Error(l10n.t('{0}: the session name must be 2 to 64 letters, digits or . @ - _', what));
    if (!Number.isInteger(r.durationSeconds) || r.durationSeconds < 900 || r.durationSeconds > 43_200) throw new Error(l10n.t('{0}: the session duration must be 900 to 43200 seconds', what));
    checkRegion(r.stsRegion, l10n.t('{0}: the STS region', what));
    return {
      roleArn: r.roleArn, roleSessionName: r.roleSessionName, durationSeconds: r.durationSeconds,
      ...(r.stsRegion ? { stsRegion: r.stsRegion } : {}), ...(r.stsEndpoint ? { stsEndpoint: r.stsEndpoint } : {}),
    };
  });
}

/** The role chain as the cloud client takes it: each role's source is the previous role, the first's the keys. */
export function roleChainOf(keys: AliyunCredentials, roles: readonly StoredRole[]): AliyunRoleCredentials | undefined {
  let source: AliyunCredentials | AliyunRoleCredentials = keys;
  let last: AliyunRoleCredentials | undefined;
  for (const r of roles) {
    last = { source, ...r };
    source = last;
  }
  return last;
}

function validateAliyun(c: StoredAliyun): StoredAliyun {
  checkValue(c.accessKeyId, l10n.t('The AccessKey ID'), LIMITS.keyId);
  checkValue(c.accessKeySecret, l10n.t('The AccessKey secret'), LIMITS.secret);
  if (c.securityToken !== undefined && c.securityToken !== '') checkValue(c.securityToken, l10n.t('The STS security token'), LIMITS.token);
  if (c.accessKeyId.startsWith('STS.') && !c.securityToken) throw new Error(l10n.t('An STS AccessKey ID (STS.…) needs its security token'));
  if (c.accessKeyId === c.accessKeySecret) throw new Error(l10n.t('The AccessKey ID and secret are the same value; paste each in its own box'));
  const region = c.defaultRegion || undefined;
  checkRegion(region, l10n.t('The default region'));
  const roles = c.roles && c.roles.length > 0 ? validateRoles(c.roles) : undefined;
  return {
    accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret,
    ...(c.securityToken ? { securityToken: c.securityToken } : {}), ...(region ? { defaultRegion: region } : {}),
    ...(roles ? { roles } : {}),
  };
}

function validateHuawei(c: StoredHuawei): StoredHuawei {
  checkValue(c.ak, l10n.t('The AK'), LIMITS.keyId);
  checkValue(c.sk, l10n.t('The SK'), LIMITS.secret);
  if (c.securityToken !== undefined && c.securityToken !== '') checkValue(c.securityToken, l10n.t('The security token'), LIMITS.token);
  if (c.ak === c.sk) throw new Error(l10n.t('The AK and SK are the same value; paste each in its own box'));
  const projectIds: Record<string, string> = {};
  for (const [region, id] of Object.entries(c.projectIds ?? {})) {
    checkRegion(region, l10n.t('"{0}" (a project\'s region)', region.slice(0, 40)));
    const bad = validateId(id, l10n.t('The project id for {0}', region));
    if (bad) throw new Error(bad);
    projectIds[region] = id;
  }
  const region = c.defaultRegion || undefined;
  checkRegion(region, l10n.t('The default region'));
  return {
    ak: c.ak, sk: c.sk, projectIds,
    ...(c.securityToken ? { securityToken: c.securityToken } : {}), ...(region ? { defaultRegion: region } : {}),
  };
}

/** Replaces every occurrence of the given values in text (for messages of errors we did not write). */
function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('****');
  return out;
}

type CloudState<T> = { value: T | undefined; windowOnly: boolean };

export class CredentialsService {
  private readonly changes = new Emitter<void>();
  /** Credentials changed (set, imported, signed out, or reloaded after another window changed them). */
  readonly onDidChange: Event<void> = this.changes.event;

  private readonly keys: { aliyun: string; huawei: string };
  private windowOnly = false;
  /** Credentials kept in memory only (window-only mode); they win over SecretStorage. */
  private memory: { aliyun?: StoredAliyun; huawei?: StoredHuawei } = {};
  private cache: Promise<{ aliyun: CloudState<StoredAliyun>; huawei: CloudState<StoredHuawei> }> | null = null;
  /**
   * Bumped whenever the credentials change (set, sign out, another window): a read that started before is not
   * handed out (it may hold removed keys); it is read again.
   */
  private generation = 0;
  private pendingProblems: string[] = [];
  /** Problems already reported, so a corrupt secret is reported once, not on every read. */
  private reported = new Set<string>();

  constructor(private readonly secrets: SecretStore, keys?: { aliyun: string; huawei: string }) {
    this.keys = keys ?? { ...DEFAULT_SECRET_KEYS };
  }

  /** The credentials for the cloud client, with each cloud's default region. Cached after the first read. */
  async get(): Promise<ResolvedCredentials> {
    const { aliyun, huawei } = await this.read();
    const out: ResolvedCredentials = {};
    if (aliyun.value) {
      const a = aliyun.value;
      const creds: AliyunCredentials = { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret };
      if (a.securityToken) creds.securityToken = a.securityToken;
      out.aliyun = creds;
      // A role profile signs with the role's temporary keys (the client asks STS for them).
      const role = a.roles ? roleChainOf(creds, a.roles) : undefined;
      if (role) out.aliyunRole = role;
      if (a.defaultRegion) out.aliyunRegion = a.defaultRegion;
    }
    if (huawei.value) {
      const h = huawei.value;
      const creds: HuaweiCredentials = { ak: h.ak, sk: h.sk, projectIds: { ...h.projectIds } };
      if (h.securityToken) creds.securityToken = h.securityToken;
      out.huawei = creds;
      if (h.defaultRegion) out.huaweiRegion = h.defaultRegion;
    }
    return out;
  }

  /** Which clouds have credentials, and whether any of them is held for this window only. */
  async status(): Promise<{ aliyun: boolean; huawei: boolean; windowOnly: boolean }> {
    const { aliyun, huawei } = await this.read();
    return {
      aliyun: aliyun.value !== undefined,
      huawei: huawei.value !== undefined,
      windowOnly: (aliyun.value !== undefined && aliyun.windowOnly) || (huawei.value !== undefined && huawei.windowOnly),
    };
  }

  /**
   * Problems found since the last call (a corrupt or unreadable secret), each reported once.
   * Messages name the cloud and the storage key, never a value.
   */
  problems(): string[] {
    const out = this.pendingProblems;
    this.pendingProblems = [];
    return out;
  }

  /** Validates and stores Alibaba Cloud credentials. Throws a plain Error (no secret in it) when invalid. */
  async setAliyun(c: StoredAliyun): Promise<'stored' | 'windowOnly'> {
    const clean = validateAliyun(c);
    return this.put('aliyun', clean, [clean.accessKeySecret, clean.securityToken, clean.accessKeyId]);
  }

  /** Validates and stores Huawei Cloud credentials. Throws a plain Error (no secret in it) when invalid. */
  async setHuawei(c: StoredHuawei): Promise<'stored' | 'windowOnly'> {
    const clean = validateHuawei(c);
    return this.put('huawei', clean, [clean.sk, clean.securityToken, clean.ak]);
  }

  /** After the user accepted: credentials set from now on stay in memory for this window only. */
  keepForWindowOnly(): void {
    this.windowOnly = true;
  }

  /** Deletes the credentials of one cloud (or both) from SecretStorage and memory. */
  async signOut(cloud?: CloudId): Promise<void> {
    const clouds: CloudId[] = cloud ? [cloud] : ['aliyun', 'huawei'];
    // From now on nothing read before hands out the keys, also while the deletes are in progress.
    this.changedNow();
    for (const c of clouds) {
      delete this.memory[c];
      try {
        await this.secrets.delete(this.keys[c]);
      } catch {
        // Nothing was stored there if storing never worked; memory is cleared either way.
        this.report(l10n.t('Could not delete the {0} credentials from SecretStorage ({1}); they may still be stored there.', c, this.keys[c]));
      }
    }
    this.changedNow();
    this.changes.fire();
  }

  /**
   * Drops the cache so the next read goes to SecretStorage again (call it from `secrets.onDidChange`: another
   * window changed them), and fires onDidChange.
   */
  invalidate(): void {
    this.changedNow();
    this.changes.fire();
  }

  /** Drops the cache and ends the current generation of reads. */
  private changedNow(): void {
    this.generation++;
    this.cache = null;
  }

  /**
   * Reads credentials from environment variables, the ones the CLI and the clouds' SDKs read:
   * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN / ALIBABA_CLOUD_REGION_ID and HUAWEICLOUD_SDK_AK /
   * _SK / _SECURITY_TOKEN / _PROJECT_ID / _REGION. Pure; the caller then calls set* (which validates).
   * A Huawei project id is per region: it is filed under HUAWEICLOUD_SDK_REGION, else `defaults.huaweiRegion`,
   * else the default Huawei region.
   */
  importFromEnv(
    env: Readonly<Record<string, string | undefined>>,
    defaults?: { huaweiRegion?: string },
  ): { aliyun?: StoredAliyun; huawei?: StoredHuawei } {
    const get = (name: string): string | undefined => {
      const v = env[name]?.trim();
      return v ? v : undefined;
    };
    const out: { aliyun?: StoredAliyun; huawei?: StoredHuawei } = {};
    const id = get('ALIBABA_CLOUD_ACCESS_KEY_ID');
    const secret = get('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    if (id && secret) {
      const a: StoredAliyun = { accessKeyId: id, accessKeySecret: secret };
      const token = get('ALIBABA_CLOUD_SECURITY_TOKEN');
      if (token) a.securityToken = token;
      const region = get('ALIBABA_CLOUD_REGION_ID');
      if (region) a.defaultRegion = region;
      out.aliyun = a;
    }
    const ak = get('HUAWEICLOUD_SDK_AK');
    const sk = get('HUAWEICLOUD_SDK_SK');
    if (ak && sk) {
      const h: StoredHuawei = { ak, sk, projectIds: {} };
      const token = get('HUAWEICLOUD_SDK_SECURITY_TOKEN');
      if (token) h.securityToken = token;
      const region = get('HUAWEICLOUD_SDK_REGION');
      if (region) h.defaultRegion = region;
      const project = get('HUAWEICLOUD_SDK_PROJECT_ID');
      if (project) h.projectIds[region ?? defaults?.huaweiRegion ?? DEFAULT_REGION.huawei] = project;
      out.huawei = h;
    }
    return out;
  }

  private async put<C extends CloudId>(
    cloud: C, value: C extends 'aliyun' ? StoredAliyun : StoredHuawei, secretValues: readonly (string | undefined)[],
  ): Promise<'stored' | 'windowOnly'> {
    if (this.windowOnly) {
      (this.memory as Record<CloudId, unknown>)[cloud] = value;
      this.changedNow();
      this.changes.fire();
      return 'windowOnly';
    }
    try {
      await this.secrets.store(this.keys[cloud], JSON.stringify({ v: BLOB_VERSION, ...value }));
    } catch (e) {
      const detail = errorText(e);
      throw new SecretStorageUnavailableError(cloud, scrub(detail, secretValues).slice(0, 300));
    }
    // Stored for good: an older window-only copy must not shadow it.
    delete this.memory[cloud];
    this.changedNow();
    this.changes.fire();
    return 'stored';
  }

  /** The credentials as of the current generation: a read overtaken by a change (Sign Out) is done again. */
  private async read(): Promise<{ aliyun: CloudState<StoredAliyun>; huawei: CloudState<StoredHuawei> }> {
    for (;;) {
      const generation = this.generation;
      const value = await this.readCached();
      if (generation === this.generation) return value;
    }
  }

  private readCached(): Promise<{ aliyun: CloudState<StoredAliyun>; huawei: CloudState<StoredHuawei> }> {
    this.cache ??= (async () => {
      const [aliyunStored, huaweiStored] = await Promise.all([
        this.readBlob('aliyun', aliyunBlob),
        this.readBlob('huawei', huaweiBlob),
      ]);
      const strip = <T extends { v: number }>(b: T | undefined): Omit<T, 'v'> | undefined => {
        if (!b) return undefined;
        const { v: _v, ...rest } = b;
        return rest;
      };
      return {
        aliyun: this.memory.aliyun ? { value: this.memory.aliyun, windowOnly: true } : { value: strip(aliyunStored), windowOnly: false },
        huawei: this.memory.huawei ? { value: this.memory.huawei, windowOnly: true } : { value: strip(huaweiStored), windowOnly: false },
      };
    })();
    return this.cache;
  }

  private async readBlob<S extends z.ZodMiniType>(cloud: CloudId, schema: S): Promise<z.infer<S> | undefined> {
    const key = this.keys[cloud];
    let text: string | undefined;
    try {
      text = await this.secrets.get(key);
    } catch {
      this.report(l10n.t('The {0} credentials could not be read from SecretStorage ({1}); set them again.', cloud, key));
      return undefined;
    }
    if (text === undefined || text === '') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.report(l10n.t('The stored {0} credentials ({1}) are not readable; set them again.', cloud, key));
      return undefined;
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      this.report(l10n.t('The stored {0} credentials ({1}) are incomplete or from an unknown version; set them again.', cloud, key));
      return undefined;
    }
    return r.data as z.infer<S>;
  }

  private report(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.pendingProblems.push(message);
  }

  dispose(): void {
    this.changes.dispose();
  }
}
