/**
 * The one place the extension reaches the clouds. It loads the core bundle on the first request (not at
 * activation), builds a CloudClient from the current credentials and settings, and rebuilds it when either
 * changes, keeping one set of rate limiters so a rebuild never resets an API's budget.
 */
import type * as Core from '../clouds/coreEntry.js';
import { type CloudClient, type FetchOutcome } from '../clouds/client.js';
import { systemClock } from '../clouds/clock.js';
import { type Credentials } from '../clouds/credentials.js';
import { type JobKind } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';

export type CoreModule = typeof Core;

export interface AccessConfig {
  credentials: Credentials;
  signature: 'v1' | 'v3';
  endpoints: Partial<Record<JobKind, string>>;
  defaultRegions: { aliyun: string; huawei: string };
}

export class CloudAccess {
  private core: CoreModule | null = null;
  private client: CloudClient | null = null;
  private limiters: InstanceType<CoreModule['RateLimiters']> | null = null;
  private configPromise: Promise<AccessConfig> | null = null;

  constructor(
    private readonly loadCore: () => CoreModule,
    private readonly readConfig: () => Promise<AccessConfig>,
    private readonly onRetry?: (info: { api: string; attempt: number; delayMs: number; error: unknown }) => void,
  ) {}

  /** Call when credentials or settings change: the next request builds a new client. */
  invalidate(): void {
    const old = this.client;
    this.client = null;
    this.configPromise = null;
    if (old) void old.close();
  }

  get loaded(): boolean {
    return this.core !== null;
  }

  async fetch(refs: readonly JobRef[], signal?: AbortSignal): Promise<FetchOutcome[]> {
    const client = await this.getClient();
    return client.fetch(refs, signal);
  }

  /** The region a reference resolves to with the current defaults. */
  async regionOf(ref: JobRef): Promise<string> {
    return (await this.getClient()).regionOf(ref);
  }

  describeError(e: unknown): string {
    return (this.core ??= this.loadCore()).describeError(e);
  }

  private async getClient(): Promise<CloudClient> {
    if (this.client) return this.client;
    this.configPromise ??= this.readConfig();
    const config = await this.configPromise;
    if (this.client) return this.client;
    const core = (this.core ??= this.loadCore());
    this.limiters ??= new core.RateLimiters(systemClock);
    this.client = new core.CloudClient({
      credentials: config.credentials,
      signature: config.signature,
      endpoints: config.endpoints,
      defaultRegions: config.defaultRegions,
      limiters: this.limiters,
      ...(this.onRetry ? { onRetry: this.onRetry } : {}),
    });
    return this.client;
  }

  dispose(): void {
    this.invalidate();
  }
}
