/** The timeline index behind the lanes and the clips table: bounded windows, merging, gaps, rows, navigation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definitionMismatch } from '../../../src/present/definition.js';
import { type TimelineClip, type TimelineTrack } from '../../../src/model/job.js';
import { clipCaption, TimelineIndex } from '../../../src/present/timelineIndex.js';

function clip(tIn: number | null, tOut: number | null, extra: Partial<TimelineClip> = {}): TimelineClip {
  return {
    clipType: null, mediaId: 'm', mediaUrl: null, in: 0, out: tOut !== null && tIn !== null ? tOut - tIn : null, timelineIn: tIn, timelineOut: tOut,
    derivedPlacement: false, duration: null, speed: null, text: null, effects: [], raw: {}, ...extra,
  };
}

function track(type: TimelineTrack['type'], clips: TimelineClip[], main = false): TimelineTrack {
  return { type, index: 0, main, clips };
}

describe('TimelineIndex', () => {
  it('an open-ended clip is drawn to the next clip on its lane, or to the end of what the lanes show; no gap is counted', () => {
    const idx = new TimelineIndex([
      track('video', [clip(0, 10, { derivedPlacement: true }), clip(10, null, { derivedPlacement: true }), clip(14, 20)], true),
      track('subtitle', [clip(0, null, { mediaId: null, text: 'title', derivedPlacement: true })]),
    ], 20, true);
    assert.deepEqual([idx.summary.durationSeconds, idx.summary.durationIsLowerBound, idx.summary.gapCount], [20, true, 0]);
    const [video, subs] = idx.window({ from: 0, to: 20, pxPerSecond: 50 });
    const open = video?.items.find((it) => it.k === 'clip' && it.clip.index === 1);
    assert.ok(open && open.k === 'clip');
    assert.deepEqual([open.t0, open.t1, open.openEnd, open.clip.derived], [10, 14, true, true]);
    const title = subs?.items[0];
    assert.ok(title && title.k === 'clip');
    assert.deepEqual([title.t0, title.t1, title.openEnd], [0, 20, true]);
    assert.equal(idx.summary.tracks[0]?.end, 20, 'the lane\'s range is what is known');
    assert.equal(idx.summary.tracks[1]?.end, 0);
  });

  it('an open-ended clip followed by clips without a place keeps its stub (its end is anyone\'s guess)', () => {
    const idx = new TimelineIndex([track('video', [clip(0, null, { derivedPlacement: true }), clip(null, null), clip(null, 30)], true)], 30);
    const item = idx.window({ from: 0, to: 30, pxPerSecond: 20 })[0]?.items.find((it) => it.k === 'clip');
    assert.ok(item && item.k === 'clip');
    assert.deepEqual([item.t0, item.t1, item.openEnd], [0, 0, true]);
  });

  it('the length is a lower bound only when there is one; a caption is the Content of the clip\'s Text effect', () => {
    assert.equal(new TimelineIndex([track('video', [clip(0, 4)])], null, true).summary.durationIsLowerBound, false);
    const captioned = clip(0, 4, { effects: [{ type: 'Volume', subType: null, durationSeconds: null, raw: { Gain: 1 } }, { type: 'Text', subType: null, durationSeconds: null, raw: { Type: 'Text', Content: 'Hello <b>there</b>' } }] });
    assert.equal(clipCaption(captioned), 'Hello <b>there</b>');
    assert.equal(clipCaption(clip(0, 1)), null);
    assert.equal(clipCaption(clip(0, 1, { effects: [{ type: 'text', subType: null, durationSeconds: null, raw: { Content: '  ' } }] })), null);
    const idx = new TimelineIndex([track('video', [captioned, clip(4, 6)])], 6);
    assert.deepEqual(idx.rows('caption', 'asc', 0, 2).rows.map((r) => r.caption), ['Hello <b>there</b>', null]);
  });

  it('summary: clips, clips without media, unplaced clips, gaps on sequence tracks only', () => {
    const idx = new TimelineIndex([
      track('video', [clip(0, 4), clip(6, 9, { mediaId: null }), clip(9, 10), clip(null, null)], true),
      track('subtitle', [clip(0, 2, { mediaId: null, text: 'hi' }), clip(5, 6, { mediaId: null, text: 'yo' })]),
    ], 10);
    const s = idx.summary;
    assert.equal(s.clipCount, 6);
    assert.equal(s.clipsWithoutMedia, 1);
    assert.equal(s.unplacedClips, 1);
    assert.equal(s.gapCount, 1);
    assert.equal(s.gapSeconds, 2);
    assert.equal(s.tracks[1]?.gapCount, 0, 'subtitles between lines are no gaps');
    assert.equal(s.extent, 10);
  });

  it('a window holds only what overlaps it; narrow clips merge so a lane stays under its item budget', () => {
    const clips = Array.from({ length: 10_000 }, (_, i) => clip(i * 0.1, i * 0.1 + 0.1));
    const idx = new TimelineIndex([track('video', clips, true)], 1000);
    const fit = idx.window({ from: 0, to: 1000, pxPerSecond: 1, maxItemsPerLane: 50 });
    assert.equal(fit[0]?.clipsInWindow, 10_000);
    assert.ok((fit[0]?.items.length ?? 0) <= 50);
    assert.equal(fit[0]?.items[0]?.k, 'many');
    const many = fit[0]?.items.reduce((n, it) => n + (it.k === 'many' ? it.count : it.k === 'clip' ? 1 : 0), 0);
    assert.equal(many, 10_000, 'merged items account for every clip');
    const close = idx.window({ from: 100, to: 101, pxPerSecond: 1000, maxItemsPerLane: 120 });
    assert.ok(close[0]?.items.every((it) => it.k === 'clip'));
    assert.equal(close[0]?.items.length, 10, 'the clips starting at 100.0 … 100.9 (the window is [from, to))');
  });

  it('long clips that start before the window are found; overlapping clips get sub-rows', () => {
    const idx = new TimelineIndex([track('subtitle', [clip(0, 100, { text: 'a' }), clip(10, 20, { text: 'b' }), clip(50, 60, { text: 'c' })])], 100);
    const w = idx.window({ from: 40, to: 70, pxPerSecond: 10 })[0];
    assert.deepEqual(w?.items.map((it) => (it.k === 'clip' ? it.clip.text : it.k)), ['a', 'c']);
    assert.equal(w?.rows, 2);
  });

  it('gaps appear in sequence lanes when wide enough to see', () => {
    const idx = new TimelineIndex([track('video', [clip(0, 4), clip(6, 9)], true)], 9);
    const w = idx.window({ from: 0, to: 9, pxPerSecond: 100 })[0];
    assert.deepEqual(w?.items.map((it) => [it.k, it.t0, it.t1]), [['clip', 0, 4], ['gap', 4, 6], ['clip', 6, 9]]);
  });

  it('rows: every sort order, nulls last, stable ties; locate: neighbours, edges, by time', () => {
    const idx = new TimelineIndex([track('video', [clip(5, 6, { speed: 2 }), clip(0, 5), clip(6, 9, { speed: 1 })], true)], 9);
    assert.deepEqual(idx.rows('order', 'asc', 0, 10).rows.map((r) => r.index), [1, 0, 2]);
    assert.deepEqual(idx.rows('length', 'desc', 0, 10).rows.map((r) => r.index), [1, 2, 0]);
    assert.deepEqual(idx.rows('speed', 'asc', 0, 10).rows.map((r) => r.index), [2, 0, 1], 'null speed last');
    assert.deepEqual(idx.rows('speed', 'desc', 0, 10).rows.map((r) => r.index), [0, 2, 1], 'null speed last, also descending');
    assert.equal(idx.rows('order', 'asc', 2, 10).rows.length, 1);
    assert.deepEqual(idx.locate(0, { index: 1, step: 1 }), { track: 0, index: 0 });
    assert.equal(idx.locate(0, { index: 2, step: 1 }), null);
    assert.deepEqual(idx.locate(0, { edge: 'last' }), { track: 0, index: 2 });
    assert.deepEqual(idx.locate(0, { time: 5.5 }), { track: 0, index: 0 });
  });
});

describe('definitionMismatch', () => {
  it('flags labels that disagree with the picture, also in portrait; unknown labels and missing sizes pass', () => {
    assert.deepEqual(definitionMismatch('HD', 960, 540), { expected: '720p–1080p', actual: '960×540' });
    assert.equal(definitionMismatch('HD', 1280, 720), null);
    assert.equal(definitionMismatch('FHD', 1080, 1920), null);
    assert.deepEqual(definitionMismatch('4K', 1920, 1080), { expected: '2160p', actual: '1920×1080' });
    assert.equal(definitionMismatch('OD', 100, 100), null);
    assert.equal(definitionMismatch('HD', null, 720), null);
  });
});
