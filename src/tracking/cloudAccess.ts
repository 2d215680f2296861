/**
 * The one place the extension reaches the clouds. It loads the core bundle on the first request (not at
 * activation), builds a CloudClient from the current credentials and settings, and rebuilds it when either
 * changes, keeping one set of rate limiters so a rebuild never resets an API's budget.
 *
 * `invalidate()` (Sign Out, new keys, changed settings) starts a new generation. A configuration read that
 * started before it is never used (the read starts again), and requests of an older generation still in flight
 * are aborted before they sign again and run once more with the current client, so once Sign Out has returned no
 * request is signed with the removed keys, and callers get answers that fit the current configuration.
 */
import type * as Core from '../clouds/coreEntry.js';
import { type CloudClient, type FetchOutcome } from '../clouds/client.js';
import { type ListPage, type ListQuery } from '../clouds/listing.js';
import { systemClock } from '../clouds/clock.js';
import { type Credentials } from '../clouds/credentials.js';
import { type CloudId, type JobKind } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { KIND_CLOUD } from '../kinds/index.js';

export type CoreModule = typeof Core;

export interface ListInfo {
  apis: readonly string[];
  maxPageSize: number;
  note: string | null;
}

export interface AccessConfig {
  credentials: Credentials;
  signature: 'v1' | 'v3';
  endpoints: Partial<Record<JobKind, string>>;
  defaultRegions: { aliyun: string; huawei: string };
  /** The proxy environment for the transport (VS Code's http.proxy), or absent for process.env. */
  proxyEnv?: Record<string, string | undefined>;
  /**
   * Credentials per profile (account) and cloud, aliases of renamed profiles included. A reference naming a
   * profile is fetched with that profile's client (one per account, sharing the rate limiters); a profile missing
   * here gives its references a "no credentials for profile" error. Absent: every reference uses `credentials`.
   */
  accounts?: { aliyun: ReadonlyMap<string, Credentials>; huawei: ReadonlyMap<string, Credentials> };
  /** The default profile of each cloud: what `credentials` holds, and what a reference without a profile uses. */
  defaultAccount?: Readonly<Record<CloudId, string | null>>;
}

export class CloudAccess {
  private core: CoreModule | null = null;
  private client: CloudClient | null = null;
  /** One client per named account (cloud and profile), of the current generation. */
  private accountClients = new Map<string, CloudClient>();
  private config: AccessConfig | null = null;
  private limiters: InstanceType<CoreModule['RateLimiters']> | null = null;
  private configPromise: Promise<AccessConfig> | null = null;
  /** Bumped by invalidate(): a config read or a client from an older generation is never used again. */
  private generation = 0;
  /** Aborts the requests of the current generation when it ends. */
  private generationAbort = new AbortController();

  constructor(
    private readonly loadCore: () => CoreModule,
    private readonly readConfig: () => Promise<AccessConfig>,
    private readonly onRetry?: (info: { api: string; attempt: number; delayMs: number; error: unknown }) => void,
  ) {}

  /** Call when credentials or settings change: the next request builds a new client. */
  invalidate(): void {
    this.generation++;
    const old = [this.client, ...this.accountClients.values()];
    this.client = null;
    this.accountClients = new Map();
    this.config = null;
    this.configPromise = null;
    // Requests of the old client stop before they sign again (a wait for a rate-limit token, a retry's back-off).
    this.generationAbort.abort(new Error('the credentials or settings changed'));
    this.generationAbort = new AbortController();
    for (const c of old) if (c) void c.close();
  }

  get loaded(): boolean {
    return this.core !== null;
  }

  async fetch(refs: readonly JobRef[], signal?: AbortSignal): Promise<FetchOutcome[]> {
    // Bounded: a generation ends only when the user changes credentials or settings.
    for (let attempt = 0; ; attempt++) {
      const { client, generation, abort } = await this.current();
      const combined = anySignal(signal, abort);
      let outcomes: FetchOutcome[];
      try {
        outcomes = await this.fetchByAccount(client, refs, combined.signal);
      } finally {
        combined.dispose();
      }
      // Answers of a generation that ended (signed out meanwhile) are not this configuration's: ask again.
      if (generation === this.generation || signal?.aborted || attempt >= 3) return outcomes;
    }
  }

  /**
   * References naming a profile other than the cloud's default go to that account's client, the rest to the
   * default one; every group runs at once and the outcomes come back in the order of `refs`.
   */
  private async fetchByAccount(defaultClient: CloudClient, refs: readonly JobRef[], signal: AbortSignal): Promise<FetchOutcome[]> {
    const config = this.config;
    if (!config?.accounts) return defaultClient.fetch(refs, signal);
    const groups = new Map<string, { client: CloudClient; refs: JobRef[]; indexes: number[] }>();
    refs.forEach((ref, i) => {
      const cloud = KIND_CLOUD[ref.kind];
      const name = ref.profile;
      const isDefault = name === undefined || name === config.defaultAccount?.[cloud];
      const key = isDefault ? '' : `${cloud}\n${name}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { client: isDefault ? defaultClient : this.accountClient(config, cloud, name!), refs: [], indexes: [] }));
      g.refs.push(ref);
      g.indexes.push(i);
    });
    const out: FetchOutcome[] = new Array<FetchOutcome>(refs.length);
    await Promise.all([...groups.values()].map(async (g) => {
      const outcomes = await g.client.fetch(g.refs, signal);
      outcomes.forEach((o, j) => {
        out[g.indexes[j]!] = o;
      });
    }));
    return out;
  }

  private accountClient(config: AccessConfig, cloud: CloudId, name: string): CloudClient {
    const key = `${cloud}\n${name}`;
    let c = this.accountClients.get(key);
    if (!c) {
      // Only this cloud's keys: a reference of the other cloud never signs with them.
      const credentials = config.accounts?.[cloud].get(name) ?? {};
      c = this.makeClient(config, credentials, name);
      this.accountClients.set(key, c);
    }
    return c;
  }

  private makeClient(config: AccessConfig, credentials: Credentials, account?: string): CloudClient {
    const core = (this.core ??= this.loadCore());
    this.limiters ??= new core.RateLimiters(systemClock);
    return new core.CloudClient({
      credentials,
      ...(account !== undefined ? { account } : {}),
      signature: config.signature,
      endpoints: config.endpoints,
      defaultRegions: config.defaultRegions,
      ...(config.proxyEnv ? { proxyEnv: config.proxyEnv } : {}),
      limiters: this.limiters,
      ...(this.onRetry ? { onRetry: this.onRetry } : {}),
    });
  }

  /**
   * Browses one kind (CloudClient.list): pages as the caller pulls them. Sign Out or new settings end it (the next
   * pull throws); the caller starts again with the current configuration.
   */
  async *list(kind: JobKind, query: ListQuery, signal?: AbortSignal): AsyncGenerator<ListPage, void, undefined> {
    const { client, abort } = await this.current();
    const combined = anySignal(signal, abort);
    try {
      yield* client.list(kind, query, combined.signal);
    } finally {
      combined.dispose();
    }
  }

  /** What the list call of a kind is (its APIs, page size, note), or null when it cannot be browsed. Loads the core. */
  listInfo(kind: JobKind): ListInfo | null {
    const lister = (this.core ??= this.loadCore()).listerOf(kind);
    return lister ? { apis: lister.apis, maxPageSize: lister.maxPageSize, note: lister.note ?? null } : null;
  }

  /** The region a reference resolves to with the current defaults. */
  async regionOf(ref: JobRef): Promise<string> {
    return (await this.getClient()).regionOf(ref);
  }

  describeError(e: unknown): string {
    return (this.core ??= this.loadCore()).describeError(e);
  }

  private async getClient(): Promise<CloudClient> {
    return (await this.current()).client;
  }

  /** The client of the current generation, built from a configuration read within that generation. */
  private async current(): Promise<{ client: CloudClient; generation: number; abort: AbortSignal }> {
    for (;;) {
      const generation = this.generation;
      const abort = this.generationAbort.signal;
      if (this.client) return { client: this.client, generation, abort };
      const promise = (this.configPromise ??= this.readConfig());
      let config: AccessConfig;
      try {
        config = await promise;
      } catch (e) {
        // A failed read is not cached: the next request reads again.
        if (this.configPromise === promise) this.configPromise = null;
        throw e;
      }
      // Invalidated while reading (Sign Out during the read): that config may hold the removed keys.
      if (generation !== this.generation) continue;
      if (this.client) return { client: this.client, generation, abort };
      this.config = config;
      this.client = this.makeClient(config, config.credentials);
      return { client: this.client, generation, abort };
    }
  }

  dispose(): void {
    this.invalidate();
  }
}

/**
 * A signal that aborts when either does; `dispose()` removes its listeners (the generation's signal lives for
 * many requests, so they must not pile up on it).
 */
function anySignal(a: AbortSignal | undefined, b: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const none = { dispose: () => undefined };
  if (a === undefined) return { signal: b, ...none };
  if (a.aborted) return { signal: a, ...none };
  if (b.aborted) return { signal: b, ...none };
  const ctl = new AbortController();
  const onA = (): void => ctl.abort(a.reason);
  const onB = (): void => ctl.abort(b.reason);
  a.addEventListener('abort', onA, { once: true });
  b.addEventListener('abort', onB, { once: true });
  return {
    signal: ctl.signal,
    dispose: () => {
      a.removeEventListener('abort', onA);
      b.removeEventListener('abort', onB);
    },
  };
}
