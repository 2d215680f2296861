/**
 * What a job id's hover says, without vscode (so it is unit-tested with a fake store and cloud access):
 * - a tracked job: its status from the job store, at once (no request);
 * - an id that is not tracked, with credentials for its cloud: one fetch of every kind it may be (in one
 *   CloudAccess.fetch call), bounded to 2 s; then the job, or "not found" with the API's error and hint. Results
 *   are kept for 30 s and a fetch in flight is shared, so moving the mouse over the same id costs one request;
 * - otherwise (no credentials, no answer in time, a parameter missing from the text): the kind(s) and the id.
 * In an untrusted workspace (Restricted Mode) nothing is fetched for an id that is not tracked: the document
 * would choose what is signed and sent (its id, parameters and region), merely by being hovered.
 * src/views/jobHover.ts wraps the Markdown in a trusted MarkdownString.
 */
import { isRegionName } from '../clouds/endpoints.js';
import { CLOUD_LABEL, KIND_CLOUD } from '../kinds/index.js';
import { type FetchOutcome } from '../clouds/client.js';
import { type CloudId, type Job, type JobKind } from '../model/job.js';
import { type JobIdHit } from '../model/jobIdHit.js';
import { type JobRef } from '../model/jobRef.js';
import { refOfHit, refOfJob } from '../kinds/refs.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { fetchedHoverMarkdown, notFoundHoverMarkdown, trackedHoverMarkdown, unfetchedHoverMarkdown } from '../present/jobHoverMarkdown.js';
import * as l10n from '../util/l10n.js';

/** What the hover needs from the extension's services (JobStore, CloudAccess, CredentialsService, Logger fit). */
export interface JobHoverDeps {
  store: { findById(id: string): TrackedJob[]; get(key: string): TrackedJob | undefined };
  access: { fetch(refs: readonly JobRef[], signal?: AbortSignal): Promise<FetchOutcome[]>; describeError(e: unknown): string };
  credentials: { status(): Promise<{ aliyun: boolean; huawei: boolean }> };
  /** The profile an untracked id is looked up with (the cloud's default), named in the hover. */
  profileOf?: (cloud: CloudId) => string | null;
  /** Whether the workspace is trusted (vscode.workspace.isTrusted); untrusted: no fetch for untracked ids. Default: trusted. */
  isTrusted?: () => boolean;
  logger: { debug(message: string): void };
  /** Milliseconds since the epoch (tests pass a fixed clock). */
  now?: () => number;
  /** The bound of the one fetch (default 2,000 ms). */
  fetchTimeoutMs?: number;
  /** How long a fetched result is reused (default 30 s). */
  cacheMs?: number;
}

type FetchResult =
  | { kind: 'found'; job: Job; ref: JobRef; more: number }
  | { kind: 'not-found'; kinds: JobKind[]; code: string | null; message: string; hint: string | null }
  | { kind: 'unfetched'; why: string };

/** The tracked job a hit names: same id (or the caster of tracked tasks), one of its kinds, most likely kind first. */
export function trackedFor(store: JobHoverDeps['store'], m: JobIdHit): TrackedJob | undefined {
  const candidates = store.findById(m.id).filter((t) => m.kinds.includes(t.ref.kind));
  if (candidates.length === 0) return undefined;
  const rank = (t: TrackedJob): number => {
    let r = m.kinds.indexOf(t.ref.kind) * 10;
    if (t.ref.id !== m.id) r += 5; // a task of a tracked caster, when the caster itself is hovered
    if (m.params.casterId && t.ref.params.casterId !== m.params.casterId) r += 1;
    return r;
  };
  return candidates.sort((a, b) => rank(a) - rank(b))[0];
}

/** The references to fetch for a hit, and why kinds were left out. */
export function refsFor(m: JobIdHit, clouds: { aliyun: boolean; huawei: boolean }): { refs: JobRef[]; skipped: string[] } {
  const refs: JobRef[] = [];
  const skipped: string[] = [];
  const region = m.region && isRegionName(m.region) ? m.region : '';
  for (const kind of m.kinds) {
    const cloud = KIND_CLOUD[kind];
    if (!clouds[cloud]) {
      skipped.push(`no ${l10n.label(CLOUD_LABEL[cloud])} credentials`);
      continue;
    }
    // The one rule from a hit to a reference; a parameter the text does not give is not asked for in a hover.
    const r = refOfHit(m, kind, region);
    if (r.ref) refs.push(r.ref);
    else skipped.push(r.missing[0]!.why);
  }
  return { refs, skipped };
}

export class JobHoverContent {
  private readonly cache = new Map<string, { at: number; result: Promise<FetchResult> }>();
  private readonly now: () => number;

  constructor(private readonly deps: JobHoverDeps) {
    this.now = deps.now ?? Date.now;
  }

  async markdown(m: JobIdHit): Promise<string> {
    const tracked = trackedFor(this.deps.store, m);
    if (tracked) return trackedHoverMarkdown(this.deps.store.get(tracked.key) ?? tracked, this.now());
    const r = await this.fetchOnce(m);
    switch (r.kind) {
      case 'found':
        return fetchedHoverMarkdown(r.job, r.ref, this.now(), m, r.more, this.deps.profileOf?.(KIND_CLOUD[r.ref.kind]) ?? null);
      case 'not-found':
        return notFoundHoverMarkdown(m, r);
      case 'unfetched':
        return unfetchedHoverMarkdown(m, r.why);
    }
  }

  private async fetchOnce(m: JobIdHit): Promise<FetchResult> {
    if (this.deps.isTrusted && !this.deps.isTrusted()) {
      return { kind: 'unfetched', why: l10n.t('Not looked up in Restricted Mode: trust the workspace, or track the job, to see its status') };
    }
    let clouds: { aliyun: boolean; huawei: boolean };
    try {
      clouds = await this.deps.credentials.status();
    } catch {
      clouds = { aliyun: false, huawei: false };
    }
    const { refs, skipped } = refsFor(m, clouds);
    if (refs.length === 0) {
      const why = skipped.some((s) => s.startsWith('no '))
        ? l10n.t('Set credentials (Media Jobs: Set Credentials…) to see its status')
        : l10n.t('Not looked up: {0}', [...new Set(skipped)].join('; '));
      return { kind: 'unfetched', why };
    }
    const key = JSON.stringify(refs);
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < (this.deps.cacheMs ?? 30_000)) return cached.result;
    const result = this.fetchBounded(m, refs);
    this.cache.set(key, { at: now, result });
    if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value!);
    // A timeout is not worth remembering: the next hover tries again.
    void result.then((r) => {
      if (r.kind === 'unfetched') this.cache.delete(key);
    });
    return result;
  }

  private async fetchBounded(m: JobIdHit, refs: JobRef[]): Promise<FetchResult> {
    const limit = this.deps.fetchTimeoutMs ?? 2000;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve('timeout');
      }, limit);
    });
    let outcomes: FetchOutcome[] | 'timeout';
    try {
      outcomes = await Promise.race([this.deps.access.fetch(refs, abort.signal), timeout]);
    } catch (e) {
      this.deps.logger.debug(`hover fetch of ${m.id} failed: ${e instanceof Error ? e.message : String(e)}`);
      return { kind: 'unfetched', why: l10n.t('Could not look it up: {0}', this.deps.access.describeError(e)) };
    } finally {
      clearTimeout(timer);
    }
    if (outcomes === 'timeout') return { kind: 'unfetched', why: l10n.t('No answer within {0} s; hover again to retry', limit / 1000) };
    for (const o of outcomes) {
      if (o.jobs.length === 0) continue;
      const job = o.jobs.find((j) => j.id === m.id) ?? o.jobs[0]!;
      const own = refOfJob(job);
      return { kind: 'found', job, ref: { ...own, region: own.region || o.ref.region }, more: o.jobs.length - 1 };
    }
    const first = outcomes.find((o) => o.error)?.error;
    if (!first) return { kind: 'not-found', kinds: refs.map((r) => r.kind), code: null, message: l10n.t('No job with this id'), hint: null };
    if (first.kind === 'network' || first.kind === 'credentials' || first.kind === 'config') {
      return { kind: 'unfetched', why: l10n.t('Could not look it up: {0}{1}', first.message, first.hint ? ` (${first.hint})` : '') };
    }
    const code = (first as unknown as { code?: unknown }).code;
    return {
      kind: 'not-found', kinds: refs.map((r) => r.kind), code: typeof code === 'string' ? code : null, message: first.message, hint: first.hint,
    };
  }
}
