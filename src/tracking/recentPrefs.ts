/**
 * What the Recent Jobs view remembers between sessions (globalState, this machine): the time window, the status
 * filter, the regions shown per kind, and the live edge cluster ids per account (no API lists clusters, so the
 * user names them once). Read back defensively: a value from an older version or edited by hand falls back to
 * the default field by field, and never throws.
 *
 * Accounts: until several profiles exist per cloud there is one account per cloud, named `default`; cluster ids
 * are kept under `<cloud>/<account>` so profiles can take their own later.
 */
import { STATE_KEYS } from '../constants.js';
import { JOB_KINDS, JOB_STATUSES, type JobKind, type JobStatus } from '../model/job.js';
import { DEFAULT_WINDOW, readWindow, type RecentWindow } from '../present/recentWindow.js';
import { validateId } from '../kinds/refs.js';
import { isRegionName } from '../util/region.js';

export interface RecentPrefs {
  window: RecentWindow;
  status: JobStatus | null;
  /** Regions shown per kind (absent: the cloud's default region). */
  regions: Partial<Record<JobKind, string[]>>;
  /** Live edge cluster ids per account key (`aliyun/default`). */
  clusters: Record<string, string[]>;
}

export interface PrefsMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

export const RECENT_PREFS_KEY = STATE_KEYS.recent;

/** At most this many regions per kind and cluster ids per account are kept (each is a source row). */
export const MAX_REGIONS_PER_KIND = 10;
export const MAX_CLUSTERS_PER_ACCOUNT = 50;

export function defaultPrefs(): RecentPrefs {
  return { window: DEFAULT_WINDOW, status: null, regions: {}, clusters: {} };
}

function stringList(v: unknown, ok: (s: string) => boolean, max: number): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const s of v) if (typeof s === 'string' && ok(s) && !out.includes(s) && out.length < max) out.push(s);
  return out;
}

export function isClusterId(s: string): boolean {
  return validateId(s, 'cluster id') === null;
}

/** Saved prefs read back field by field (anything unreadable is the default). */
export function readPrefs(v: unknown): RecentPrefs {
  const p = defaultPrefs();
  if (typeof v !== 'object' || v === null) return p;
  const o = v as Record<string, unknown>;
  p.window = readWindow(o.window) ?? DEFAULT_WINDOW;
  p.status = typeof o.status === 'string' && (JOB_STATUSES as readonly string[]).includes(o.status) ? (o.status as JobStatus) : null;
  if (typeof o.regions === 'object' && o.regions !== null) {
    for (const kind of JOB_KINDS) {
      const list = stringList((o.regions as Record<string, unknown>)[kind], isRegionName, MAX_REGIONS_PER_KIND);
      if (list.length > 0) p.regions[kind] = list;
    }
  }
  if (typeof o.clusters === 'object' && o.clusters !== null) {
    for (const [account, list] of Object.entries(o.clusters as Record<string, unknown>)) {
      if (!/^(aliyun|huawei)\/[\w.-]{1,64}$/.test(account)) continue;
      const ids = stringList(list, isClusterId, MAX_CLUSTERS_PER_ACCOUNT);
      if (ids.length > 0) p.clusters[account] = ids;
    }
  }
  return p;
}

/** The prefs over a memento: read once, written whole on each change (they are a few hundred bytes). */
export class RecentPrefsStore {
  private prefs: RecentPrefs;

  constructor(private readonly memento: PrefsMemento, private readonly key = RECENT_PREFS_KEY) {
    this.prefs = readPrefs(memento.get(key));
  }

  get current(): Readonly<RecentPrefs> {
    return this.prefs;
  }

  async update(change: (p: RecentPrefs) => void): Promise<void> {
    const next = structuredClone(this.prefs);
    change(next);
    this.prefs = readPrefs(next);
    await this.memento.update(this.key, this.prefs);
  }
}
