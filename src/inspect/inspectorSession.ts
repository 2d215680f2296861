/**
 * The host side of one inspector panel, without vscode: turns a tracked job into the `job` message, keeps the
 * timeline index, and answers the webview's requests (timeline windows, table pages, clips, the raw body).
 * The vscode glue (views/inspectorPanel.ts) and the standalone preview page (webview/preview/previewHost.ts)
 * both drive one of these, so the preview answers exactly as the extension does.
 */
import { JOB_KINDS, type Job, type JobStatus, type Timeline } from '../model/job.js';
import { parseJobKey } from '../kinds/refs.js';
import { shortId } from '../present/jobPresentation.js';
import { STATUS_LABEL, statusLabelOf } from '../present/status.js';
import { TimelineIndex } from '../present/timelineIndex.js';
import { type TrackedJob } from '../model/trackedJob.js';
import * as l10n from '../util/l10n.js';
import { MAX_JSON_DEPTH, parseJsonBounded, stringifyBounded } from '../util/boundDepth.js';
import { editingProjectLink } from '../present/consoleLinks.js';
import { checkOpenUrl, type ExtraSection, type HostMessage, INLINE_CLIP_LIMIT, type JobCore, type JobPayload, RAW_TIMELINE_LIMIT, RAW_VIEW_LIMIT, type TimelineView, type TrackedInfo, type WebviewMessage } from '../protocol/webview.js';

export class InspectorSession {
  revision = 0;
  private tracked: TrackedJob | null = null;
  private stillTracked = true;
  private refreshing = false;
  private index: TimelineIndex | null = null;
  private indexedTimeline: Timeline | null = null;
  private rawCache = new Map<string, string>();

  constructor(readonly key: string) {}

  /** The job as the panel shows it now (the last one seen, also after it stopped being tracked). */
  get current(): TrackedJob | null {
    return this.tracked;
  }

  /**
   * Takes the store's current entry (undefined: no longer tracked; the last snapshot stays) and returns the
   * `job` message for the webview, with a new revision.
   */
  update(t: TrackedJob | undefined, refreshing: boolean): Extract<HostMessage, { type: 'job' }> {
    if (t !== undefined) {
      if (this.tracked?.snapshot !== t.snapshot) this.rawCache.clear();
      // Keep the last full snapshot when a poll error arrives without one.
      this.tracked = t.snapshot === null && this.tracked?.snapshot ? { ...t, snapshot: this.tracked.snapshot } : t;
      this.stillTracked = true;
    } else {
      this.stillTracked = false;
    }
    this.refreshing = refreshing;
    this.revision++;
    return { type: 'job', revision: this.revision, payload: this.payload() };
  }

  /** `<kind> <short id> · <status>`. */
  title(): string {
    const t = this.tracked;
    if (t === null) return `${parseJobKey(this.key)?.kind ?? 'job'} · ${l10n.t('loading')}`;
    const status: JobStatus = t.snapshot?.status ?? 'unknown';
    // The status as the model names it (a model word, shown through l10n.label: test/unit/l10n.test.ts's LABEL_TABLES),
    // or the kind's own word for its value (edge "0": not started).
    const own = t.snapshot ? statusLabelOf(t.snapshot.kind, status, t.snapshot.rawStatus) : null;
    const word = own !== null && own !== l10n.label(STATUS_LABEL[status]) ? own.toLowerCase() : l10n.label(status);
    return `${t.ref.kind} ${shortId(t.ref.id)} · ${t.snapshot ? word : this.refreshing ? l10n.t('loading') : l10n.t('not fetched')}`;
  }

  private payload(): JobPayload {
    const t = this.tracked;
    const job = t?.snapshot ?? null;
    const tracked: TrackedInfo = {
      key: this.key,
      // Not loaded yet: what the key says (a key that is not one: the first kind, and the panel says "not fetched").
      ref: t ? t.ref : parseJobKey(this.key) ?? { kind: JOB_KINDS[0], id: this.key, region: '', params: {} },
      lastError: t?.lastError ?? null,
      lastCheckedAt: t?.lastCheckedAt ?? null,
      addedAt: t?.addedAt ?? null,
      watched: t?.watched ?? false,
      // Clips not in memory (the store is reading them from the job's file, or the job is being fetched) read as trimmed.
      trimmed: t?.snapshotTrimmed === true || t?.snapshotLight === true,
      refreshing: this.refreshing,
      tracked: this.stillTracked,
    };
    let core: JobCore | null = null;
    if (job) {
      const { timeline: _t, raw: _r, extras: _e, ...rest } = job;
      core = rest;
    }
    return {
      key: this.key,
      tracked,
      job: core,
      // Set by the kind's adapter when the job was fetched; jobs saved before it did have none.
      errorHint: job?.error?.hint ?? null,
      timeline: this.timelineView(job, tracked.trimmed),
      hasRaw: job !== null && job.raw !== undefined && job.raw !== null,
      extras: (job?.extras ?? []).map((x): ExtraSection => ({ title: x.title, value: decodeNestedJson(x.value) })),
    };
  }

  private timelineView(job: Job | null, trimmed: boolean): TimelineView {
    const tl = job?.timeline ?? null;
    if (tl === null) {
      this.index = null;
      this.indexedTimeline = null;
      return { state: 'none' };
    }
    if (tl.parseError !== null) {
      this.index = null;
      return {
        state: 'error', parseError: tl.parseError,
        rawText: tl.rawText.length > RAW_TIMELINE_LIMIT ? tl.rawText.slice(0, RAW_TIMELINE_LIMIT) : tl.rawText,
        rawTextLength: tl.rawText.length,
      };
    }
    // A trimmed snapshot lost its clips to keep the saved state small: the full job is being fetched again.
    if (trimmed && tl.tracks.every((track) => track.clips.length === 0)) return { state: 'pending' };
    const index = this.indexFor(tl);
    return { state: 'ok', summary: index.summary, inline: index.clipCount <= INLINE_CLIP_LIMIT ? tl.tracks : null };
  }

  private indexFor(tl: Timeline): TimelineIndex {
    if (this.index === null || this.indexedTimeline !== tl) {
      this.index = new TimelineIndex(tl.tracks, tl.durationSeconds, tl.parseError === null && tl.durationIsLowerBound === true);
      this.indexedTimeline = tl;
    }
    return this.index;
  }

  /** The answer to a request (null for messages that are not requests or cannot be answered). */
  answer(msg: WebviewMessage): HostMessage | null {
    const revision = this.revision;
    switch (msg.type) {
      case 'requestWindow': {
        const index = this.index;
        if (index === null) return { type: 'window', reqId: msg.reqId, revision, from: msg.from, to: msg.to, pxPerSecond: msg.pxPerSecond, lanes: [] };
        const lanes = index.window({ from: msg.from, to: msg.to, pxPerSecond: msg.pxPerSecond, tracks: msg.tracks, maxItemsPerLane: msg.maxItemsPerLane });
        return { type: 'window', reqId: msg.reqId, revision, from: msg.from, to: msg.to, pxPerSecond: msg.pxPerSecond, lanes };
      }
      case 'requestRows': {
        const r = this.index?.rows(msg.sort, msg.dir, msg.offset, msg.count) ?? { total: 0, rows: [] };
        return { type: 'rows', reqId: msg.reqId, revision, sort: msg.sort, dir: msg.dir, offset: msg.offset, total: r.total, rows: r.rows };
      }
      case 'requestClip': {
        const index = this.index;
        const at = index?.locate(msg.track, { index: msg.index, step: msg.step, edge: msg.edge, time: msg.time }) ?? null;
        if (index === null || at === null) return { type: 'clip', reqId: msg.reqId, revision, track: msg.track, index: msg.index ?? -1, clip: null };
        return { type: 'clip', reqId: msg.reqId, revision, track: at.track, index: at.index, clip: index.clip(at.track, at.index) };
      }
      case 'requestRaw': {
        const text = this.rawText(true);
        if (text === null) return { type: 'raw', reqId: msg.reqId, revision, text: '', totalChars: 0, truncated: false };
        let shown = text;
        if (text.length > RAW_VIEW_LIMIT) {
          const cutAt = text.lastIndexOf('\n', RAW_VIEW_LIMIT);
          shown = text.slice(0, cutAt > 0 ? cutAt : RAW_VIEW_LIMIT);
        }
        return { type: 'raw', reqId: msg.reqId, revision, text: shown, totalChars: text.length, truncated: shown.length < text.length };
      }
      default:
        return null;
    }
  }

  /** The response body as pretty JSON: as received, or with JSON held in strings decoded (null when absent). */
  rawText(decoded: boolean): string | null {
    const raw = this.tracked?.snapshot?.raw;
    if (raw === undefined || raw === null) return null;
    const k = decoded ? 'decoded' : 'received';
    let text = this.rawCache.get(k);
    if (text === undefined) {
      // Bounded again here: a snapshot need not have come through our parser (the preview host, a test).
      text = stringifyBounded(decoded ? decodeNestedJson(raw) : raw, 2, DECODED_DEPTH);
      this.rawCache.set(k, text);
    }
    return text;
  }

  /** True when the URL is one the job holds: an output's URL or a timeline clip's media URL. */
  jobHasUrl(url: string): boolean {
    const job = this.tracked?.snapshot;
    if (!job) return false;
    if (job.outputs.some((o) => o.url === url)) return true;
    // The console page of the job's editing project (a fixed IMS console URL, nothing of the job in it).
    if (editingProjectLink(job)?.url === url) return true;
    for (const track of job.timeline?.tracks ?? []) {
      for (const c of track.clips) if (c.mediaUrl === url) return true;
    }
    return false;
  }

  checkOpen(url: string): ReturnType<typeof checkOpenUrl> {
    return checkOpenUrl(url, (u) => this.jobHasUrl(u));
  }
}

/** Levels the decoded raw view may reach: the walk's own 32 plus one bounded parse below it. */
const DECODED_DEPTH = 32 + MAX_JSON_DEPTH + 1;

/**
 * Replaces strings that hold JSON objects or arrays (also encoded twice) with what they hold, recursively, so
 * the raw view shows a Timeline, UserData or a VOD stream list as structure rather than one escaped line.
 * Each decoded string is parsed with bounded nesting (parts deeper than 64 levels become a marker string) and
 * the walk stops decoding 32 levels down, so the result is at most `DECODED_DEPTH` levels deep.
 */
export function decodeNestedJson(v: unknown, depth = 0): unknown {
  if (depth > 32) return v;
  if (typeof v === 'string') {
    const s = v.trim();
    const looksJson = (s.startsWith('{') && s.endsWith('}')) || (s.startsWith('[') && s.endsWith(']')) || /^"\s*[[{][\s\S]*[\]}]\s*"$/.test(s);
    if (!looksJson || s.length > 50_000_000) return v;
    try {
      let parsed: unknown = parseJsonBounded(s);
      if (typeof parsed === 'string') {
        const inner = parsed.trim();
        if (!/^[[{]/.test(inner)) return v;
        parsed = parseJsonBounded(inner);
      }
      return typeof parsed === 'object' && parsed !== null ? decodeNestedJson(parsed, depth + 1) : v;
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map((x) => decodeNestedJson(x, depth + 1));
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decodeNestedJson(x, depth + 1);
    return out;
  }
  return v;
}
