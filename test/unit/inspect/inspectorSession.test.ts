/** The host side of a panel without vscode: the job message, answers to requests, the raw view, links, titles. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { iceKind } from '../../../src/clouds/adapters/ice.js';
import { vodKind } from '../../../src/clouds/adapters/vod.js';
import { type Job } from '../../../src/model/job.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { refOfJob } from '../../../src/kinds/refs.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';
import { decodeNestedJson, InspectorSession } from '../../../src/inspect/inspectorSession.js';
import { INLINE_CLIP_LIMIT } from '../../../src/protocol/webview.js';

const FIXTURES = join(__dirname, '../../fixtures');

function job(kind: 'ice' | 'vod', name: string): Job {
  const body = JSON.parse(readFileSync(join(FIXTURES, kind, `${name}.json`), 'utf8'));
  const def = kind === 'ice' ? iceKind : vodKind;
  return def.parse(body, { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0] as Job;
}

function tracked(j: Job, over: Partial<TrackedJob> = {}): TrackedJob {
  const ref = refOfJob(j);
  return { key: jobKey(ref), ref, snapshot: j, lastError: null, addedAt: '2024-06-11T00:00:00Z', lastCheckedAt: null, watched: false, ...over };
}

function bigJob(clips: number): Job {
  const VideoTrackClips = Array.from({ length: clips }, (_, i) => ({ MediaId: `m${i}`, In: 0, Out: 1, TimelineIn: i, TimelineOut: i + 1 }));
  const body = { RequestId: 'R', MediaProducingJob: { JobId: 'big', Status: 'Success', Timeline: JSON.stringify({ VideoTracks: [{ MainTrack: true, VideoTrackClips }] }) } };
  return iceKind.parse(body, { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0] as Job;
}

describe('InspectorSession', () => {
  it('the job message: no raw body and no timeline clips inside, a summary instead; revisions count up', () => {
    const j = job('ice', 'success');
    const t = tracked(j);
    const s = new InspectorSession(t.key);
    const m1 = s.update(t, false);
    const m2 = s.update(t, true);
    assert.equal(m1.revision, 1);
    assert.equal(m2.revision, 2);
    const p = m1.payload;
    assert.equal('raw' in (p.job ?? {}), false);
    assert.equal('timeline' in (p.job ?? {}), false);
    assert.equal(p.hasRaw, true);
    assert.equal(p.timeline.state, 'ok');
    if (p.timeline.state === 'ok') {
      assert.equal(p.timeline.summary.clipCount, 8);
      assert.ok(p.timeline.inline !== null, 'a small timeline travels inline');
    }
    assert.equal(m2.payload.tracked.refreshing, true);
    assert.equal(s.title(), `ice ${j.id.slice(0, 8)}…${j.id.slice(-4)} · succeeded`);
  });

  it('big timelines stay with the host and are answered window by window, page by page, clip by clip', () => {
    const j = bigJob(INLINE_CLIP_LIMIT + 1000);
    const s = new InspectorSession('k');
    const m = s.update(tracked(j), false);
    assert.equal(m.payload.timeline.state === 'ok' && m.payload.timeline.inline, null);
    const w = s.answer({ type: 'requestWindow', reqId: 7, revision: 1, from: 100, to: 200, pxPerSecond: 10, tracks: [0], maxItemsPerLane: 120 });
    assert.ok(w?.type === 'window' && w.reqId === 7 && w.revision === 1);
    if (w?.type === 'window') {
      assert.equal(w.lanes[0]?.clipsInWindow, 100, 'clips 100..199 are in [100, 200); the one ending at 100 is not');
      assert.ok((w.lanes[0]?.items.length ?? 0) <= 120);
    }
    const rows = s.answer({ type: 'requestRows', reqId: 8, revision: 1, sort: 'timelineIn', dir: 'desc', offset: 0, count: 3 });
    assert.ok(rows?.type === 'rows');
    if (rows?.type === 'rows') {
      assert.equal(rows.total, INLINE_CLIP_LIMIT + 1000);
      assert.deepEqual(rows.rows.map((r) => r.timelineIn), [2999, 2998, 2997]);
    }
    const next = s.answer({ type: 'requestClip', reqId: 9, revision: 1, track: 0, index: 10, step: 1 });
    assert.ok(next?.type === 'clip' && next.index === 11 && next.clip?.mediaId === 'm11');
    const last = s.answer({ type: 'requestClip', reqId: 9, revision: 1, track: 0, edge: 'last' });
    assert.ok(last?.type === 'clip' && last.index === INLINE_CLIP_LIMIT + 999);
    const none = s.answer({ type: 'requestClip', reqId: 9, revision: 1, track: 5, index: 0 });
    assert.ok(none?.type === 'clip' && none.clip === null);
  });

  it('raw view: nested JSON strings decoded; copy as received is the body exactly', () => {
    const j = job('vod', 'success');
    const s = new InspectorSession('k');
    s.update(tracked(j), false);
    const r = s.answer({ type: 'requestRaw', reqId: 1, revision: 1 });
    assert.ok(r?.type === 'raw' && !r.truncated && r.text.length === r.totalChars);
    assert.deepEqual(JSON.parse(s.rawText(false) ?? ''), j.raw);
    const decoded = JSON.parse(s.rawText(true) ?? '');
    const list = decoded.TranscodeTask.TranscodeJobInfoList[0].OutputFile.VideoStreamList;
    assert.ok(Array.isArray(list), 'a stream list held in a string is shown as a list');
  });

  it('decodeNestedJson: objects and arrays in strings (also encoded twice); other strings stay', () => {
    assert.deepEqual(decodeNestedJson({ a: '{"b":[1,"[2]"]}', c: 'plain', d: '"[{\\"x\\":1}]"', e: '{not json' }), { a: { b: [1, [2]] }, c: 'plain', d: [{ x: 1 }], e: '{not json' });
  });

  it('raw view of a body with 5,000 levels of JSON held in a string (and one deep value as received): shown, deep parts marked', () => {
    const deepText = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const j = job('ice', 'success');
    // The raw body as a caller may hand it over (not through our parser): deep in a string and deep as a value.
    const raw = { MediaProducingJob: { JobId: j.id, UserData: deepText, Extra: JSON.parse(deepText) as unknown } };
    const s = new InspectorSession('k');
    s.update(tracked({ ...j, raw }), false);
    for (const decoded of [true, false]) {
      const text = s.rawText(decoded);
      assert.ok(text !== null && text.includes('nested deeper than'), `decoded=${decoded}`);
      assert.doesNotThrow(() => JSON.parse(text));
    }
    const answer = s.answer({ type: 'requestRaw', reqId: 1, revision: 1 });
    assert.ok(answer?.type === 'raw' && answer.text.length > 0);
    const d = decodeNestedJson({ v: deepText });
    assert.doesNotThrow(() => JSON.stringify(d));
  });

  it('links: only the job\'s own http(s) URLs open', () => {
    const j = job('ice', 'success');
    const s = new InspectorSession('k');
    s.update(tracked(j), false);
    assert.deepEqual(s.checkOpen(j.outputs[0]?.url ?? ''), { ok: true, url: j.outputs[0]?.url, warn: false });
    assert.equal(s.checkOpen('https://acme-media-prod.oss-cn-shanghai.aliyuncs.com/raw/2024/06/broll-harbour.mp4').ok, true, 'a clip\'s media URL');
    assert.equal(s.checkOpen('https://elsewhere.example/').ok, false);
    // The IMS console for the job's editing project (ProjectId), and only for a job that has one.
    assert.equal(s.checkOpen('https://ims.console.aliyun.com/summary').ok, true);
    const noProject = new InspectorSession('k2');
    noProject.update(tracked({ ...j, editingProjectId: null }), false);
    assert.equal(noProject.checkOpen('https://ims.console.aliyun.com/summary').ok, false);
  });

  it('a job no longer tracked keeps its last snapshot; a restored (trimmed) snapshot says the timeline is pending', () => {
    const j = job('ice', 'success');
    const t = tracked(j);
    const s = new InspectorSession(t.key);
    s.update(t, false);
    const gone = s.update(undefined, false);
    assert.equal(gone.payload.tracked.tracked, false);
    assert.equal(gone.payload.job?.id, j.id);
    const trimmedJob: Job = { ...j, raw: undefined, timeline: j.timeline && j.timeline.parseError === null ? { ...j.timeline, tracks: j.timeline.tracks.map((x) => ({ ...x, clips: [] })) } : null };
    const m = new InspectorSession(t.key).update({ ...t, snapshot: trimmedJob, snapshotTrimmed: true }, true);
    assert.equal(m.payload.timeline.state, 'pending');
    assert.equal(m.payload.hasRaw, false);
  });

  it('the error hint and the extras come from the job as its adapter made it; a job saved without them shows none', () => {
    const failed = job('ice', 'failed');
    assert.match(failed.error?.hint ?? '', /could not be fetched/);
    const p = new InspectorSession('k').update(tracked(failed), false).payload;
    assert.equal(p.errorHint, failed.error?.hint);
    assert.deepEqual(p.extras, []);
    const { hint: _h, ...oldError } = failed.error!;
    assert.equal(new InspectorSession('k').update(tracked({ ...failed, error: oldError }), false).payload.errorHint, null);

    const withExtras: Job = { ...job('vod', 'success'), extras: [{ title: 'video_info', value: '{"width":"1280"}' }, { title: 'plain', value: 'x' }] };
    const q = new InspectorSession('k').update(tracked(withExtras), false).payload;
    assert.deepEqual(q.extras, [{ title: 'video_info', value: { width: '1280' } }, { title: 'plain', value: 'x' }], 'JSON held in strings decoded');
    assert.equal((q.job as Record<string, unknown>).extras, undefined, 'sent once, as extras');
  });
});
