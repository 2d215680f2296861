/**
 * The OpenTimelineIO export read back by the format's own rules (its serialization docs,
 * https://opentimelineio.readthedocs.io/en/latest/tutorials/otio-serialized-schema.html), not by our types: every
 * object names a known schema and version and has that schema's fields; a track's items follow one another, so an
 * item starts where the items before it (transitions take no time) end; a transition's halves fit in its
 * neighbours; all times share one rate. For every fixture timeline (the ICE fixtures, from the SDK model and the
 * docs, and the emulator's samples), each clip the parser placed is found exactly once, where the parser put it,
 * with its In as the source start, and each clip it could not place is kept in its track's metadata.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { KINDS } from '../../../src/clouds/adapters/registry.js';
import { timelineToOtio, otioText, otioSummaryText } from '../../../src/export/otio.js';
import { type Job } from '../../../src/model/job.js';
import { trackName } from '../../../src/present/trackNames.js';
import { ctx, fixtureNames, onlyJob } from '../clouds/adapters/support.js';
import { largeTimeline, OPEN_ENDED_TIMELINE, SAMPLE_TIMELINE, SLIDESHOW_TIMELINE } from '../../emulator/sampleJobs.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The fields each schema must carry (the serialized-schema page), beside OTIO_SCHEMA. */
const FIELDS: Record<string, string[]> = {
  'Timeline.1': ['name', 'metadata', 'global_start_time', 'tracks'],
  'Stack.1': ['name', 'metadata', 'source_range', 'effects', 'markers', 'enabled', 'children'],
  'Track.1': ['name', 'metadata', 'source_range', 'effects', 'markers', 'enabled', 'children', 'kind'],
  'Clip.2': ['name', 'metadata', 'source_range', 'effects', 'markers', 'enabled', 'media_references', 'active_media_reference_key'],
  'Gap.1': ['name', 'metadata', 'source_range', 'effects', 'markers', 'enabled'],
  'Transition.1': ['name', 'metadata', 'transition_type', 'in_offset', 'out_offset'],
  'ExternalReference.1': ['name', 'metadata', 'target_url', 'available_range'],
  'MissingReference.1': ['name', 'metadata', 'available_range'],
  'LinearTimeWarp.1': ['name', 'metadata', 'effect_name', 'time_scalar'],
  'RationalTime.1': ['rate', 'value'],
  'TimeRange.1': ['start_time', 'duration'],
};

/** Walks every object: a known schema with its fields; returns the rates seen. */
function checkSchemas(v: unknown, rates: Set<number>, where = '$'): void {
  if (Array.isArray(v)) return v.forEach((x, i) => checkSchemas(x, rates, `${where}[${i}]`));
  if (v === null || typeof v !== 'object') return;
  const o = v as J;
  const schema = o.OTIO_SCHEMA;
  // Metadata is free-form: the ICE clip objects under it are not OTIO objects.
  if (schema === undefined) {
    for (const [k, x] of Object.entries(o)) if (k !== 'metadata' && !where.includes('metadata')) checkSchemas(x, rates, `${where}.${k}`);
    return;
  }
  assert.ok(FIELDS[schema], `${where}: unknown schema ${schema}`);
  for (const f of FIELDS[schema]!) assert.ok(f in o, `${where} (${schema}) lacks ${f}`);
  if (schema === 'RationalTime.1') {
    assert.ok(Number.isFinite(o.rate) && o.rate > 0 && Number.isFinite(o.value), `${where}: ${JSON.stringify(o)}`);
    rates.add(o.rate);
  }
  if (schema === 'Track.1') assert.ok(['Video', 'Audio'].includes(o.kind), `${where}: kind ${o.kind}`);
  if (schema === 'Clip.2') assert.ok(o.active_media_reference_key in o.media_references, `${where}: the active media reference exists`);
  if (schema === 'Transition.1') assert.ok(['SMPTE_Dissolve', 'Custom_Transition'].includes(o.transition_type));
  for (const [k, x] of Object.entries(o)) if (k !== 'metadata') checkSchemas(x, rates, `${where}.${k}`);
}

const seconds = (t: J): number => t.value / t.rate;

/** A track's items with their start on the track, by OTIO's rule (transitions take no time). */
function positions(track: J): Array<{ item: J; start: number; duration: number }> {
  let at = 0;
  const out: Array<{ item: J; start: number; duration: number }> = [];
  for (const item of track.children as J[]) {
    if (item.OTIO_SCHEMA === 'Transition.1') {
      out.push({ item, start: at, duration: 0 });
      continue;
    }
    const d = seconds(item.source_range.duration);
    assert.ok(d > 0, `${track.name}: an item of ${d} s`);
    out.push({ item, start: at, duration: d });
    at += d;
  }
  // A transition sits between two items whose lengths hold its halves.
  out.forEach((p, i) => {
    if (p.item.OTIO_SCHEMA !== 'Transition.1') return;
    const before = out[i - 1];
    const after = out[i + 1];
    assert.ok(before && after && before.item.OTIO_SCHEMA === 'Clip.2' && after.item.OTIO_SCHEMA === 'Clip.2', `${track.name}: a transition between two clips`);
    assert.ok(seconds(p.item.in_offset) <= before.duration + 1e-9 && seconds(p.item.out_offset) <= after.duration + 1e-9, `${track.name}: the transition fits`);
  });
  return out;
}

/** Reads the export back and checks it against the parsed job. */
function readBack(job: Job, rate = 30): J {
  const r = timelineToOtio(job, { rate });
  assert.ok(r.ok, r.ok ? '' : r.reason);
  const otio = JSON.parse(otioText(r.timeline)) as J;
  const rates = new Set<number>();
  checkSchemas(otio, rates);
  assert.deepEqual([...rates], [rate], 'one rate throughout');
  assert.equal(otio.OTIO_SCHEMA, 'Timeline.1');
  assert.equal(otio.tracks.OTIO_SCHEMA, 'Stack.1');
  assert.equal(otio.metadata.aliyun_ice.job_id, job.id);
  const tracks = otio.tracks.children as J[];
  const tl = job.timeline!;
  assert.ok(tl.parseError === null);
  let placedClips = 0;
  let unplaced = 0;
  for (const t of tl.tracks) {
    const name = trackName(t);
    const mine = tracks.filter((o) => o.name === name || o.name.startsWith(`${name} · overlap `));
    assert.ok(mine.length >= 1, `an OTIO track for ${name}`);
    assert.equal(mine[0]!.kind, t.type === 'audio' ? 'Audio' : 'Video');
    const kept = (mine[0]!.metadata.aliyun_ice.unplaced ?? []) as Array<{ index: number }>;
    const clips = mine.flatMap((o) => positions(o).filter((p) => p.item.OTIO_SCHEMA === 'Clip.2'));
    t.clips.forEach((c, n) => {
      const found = clips.filter((p) => p.item.metadata.aliyun_ice.index === n);
      const known = c.timelineIn !== null && c.timelineOut !== null && c.timelineOut - c.timelineIn > 1e-6;
      if (!known) {
        assert.equal(found.length, 0, `${name} clip ${n}: no position, not in the track`);
        assert.equal(kept.filter((k) => k.index === n).length, 1, `${name} clip ${n}: kept in the track's metadata`);
        unplaced++;
        return;
      }
      assert.equal(found.length, 1, `${name} clip ${n} once`);
      const p = found[0]!;
      assert.ok(Math.abs(p.start - c.timelineIn!) < 1e-6, `${name} clip ${n} starts at ${c.timelineIn}, read back ${p.start}`);
      assert.ok(Math.abs(p.duration - (c.timelineOut! - c.timelineIn!)) < 1e-6, `${name} clip ${n} lasts its timeline length`);
      assert.ok(Math.abs(seconds(p.item.source_range.start_time) - (c.in ?? 0)) < 1e-6, `${name} clip ${n}: source starts at In`);
      assert.equal(p.item.metadata.aliyun_ice.derived_placement, c.derivedPlacement, 'a derived position says so');
      const ref = p.item.media_references.DEFAULT_MEDIA as J;
      if (c.mediaUrl) assert.deepEqual([ref.OTIO_SCHEMA, ref.target_url], ['ExternalReference.1', c.mediaUrl]);
      else assert.deepEqual([ref.OTIO_SCHEMA, ref.metadata.aliyun_ice.media_id], ['MissingReference.1', c.mediaId]);
      placedClips++;
    });
  }
  assert.equal(r.summary.clips, placedClips);
  assert.equal(r.summary.unplaced, unplaced);
  assert.equal(otio.metadata.aliyun_ice.unplaced_clips, unplaced);
  return otio;
}

const iceJob = (timeline: unknown, extra: Record<string, unknown> = {}): Job =>
  KINDS.ice.parse({ MediaProducingJob: { JobId: 'j1', Status: 'Success', Timeline: JSON.stringify(timeline), ...extra } }, ctx()).jobs[0]!;

test('every ICE fixture with a readable timeline reads back by OTIO rules', () => {
  let n = 0;
  for (const name of fixtureNames('ice')) {
    let job: Job;
    try {
      job = onlyJob('ice', name);
    } catch {
      continue;
    }
    if (job.timeline === null || job.timeline.parseError !== null) continue;
    readBack(job);
    n++;
  }
  assert.ok(n >= 8, `fixtures read back: ${n}`);
});

test('the emulator samples read back: the docs\' slideshow, an open end, the big sample', () => {
  readBack(iceJob(SAMPLE_TIMELINE));
  const slides = readBack(iceJob(SLIDESHOW_TIMELINE, { Duration: 30.5 }), 25);
  assert.equal(slides.metadata.aliyun_ice.duration, 30.5);
  const open = readBack(iceJob(OPEN_ENDED_TIMELINE));
  assert.equal(open.metadata.aliyun_ice.duration_is_lower_bound, true);
  readBack(iceJob(largeTimeline(500)));
});

test('a gap before TimelineIn, speed as LinearTimeWarp, a transition on the cut, overlaps on an extra track, an open end left out', () => {
  const job = iceJob({
    VideoTracks: [{
      VideoTrackClips: [
        { MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/a%20b.mp4', In: 2, Out: 6, TimelineIn: 1, TimelineOut: 5 },
        { MediaId: 'm2', In: 0, Out: 4, TimelineIn: 5, TimelineOut: 9, Effects: [{ Type: 'Transition', SubType: 'fade', Duration: 1 }] },
        { MediaId: 'm3', In: 0, Out: 8, Speed: 2, TimelineIn: 9, TimelineOut: 13 },
        { MediaId: 'm4', In: 0, Out: 3, TimelineIn: 6, TimelineOut: 8 },
      ],
    }],
    SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Hello', TimelineIn: 2 }] }],
  });
  const otio = readBack(job, 24);
  const [main, overlap] = otio.tracks.children as [J, J];
  assert.equal(main.name, 'Video 1');
  assert.deepEqual(main.children.map((i: J) => i.OTIO_SCHEMA), ['Gap.1', 'Clip.2', 'Transition.1', 'Clip.2', 'Clip.2']);
  assert.equal(main.children[0].source_range.duration.value, 24, 'one second of gap at 24 per second');
  assert.equal(main.children[1].name, 'a b.mp4');
  assert.equal(main.children[2].transition_type, 'SMPTE_Dissolve');
  assert.equal(seconds(main.children[2].in_offset), 0.5);
  assert.deepEqual(main.children[4].effects.map((e: J) => [e.OTIO_SCHEMA, e.time_scalar]), [['LinearTimeWarp.1', 2]]);
  assert.equal(overlap.name, 'Video 1 · overlap 1');
  assert.deepEqual(overlap.children.map((i: J) => i.OTIO_SCHEMA), ['Gap.1', 'Clip.2']);
  assert.equal(overlap.metadata.aliyun_ice.overlap_of, 'Video 1');
  const r = timelineToOtio(job);
  assert.ok(r.ok);
  assert.match(otioSummaryText(r.summary), /1 transition, 1 extra track for overlapping clips/);
});

test('a transition whose half does not fit its neighbour stays in metadata only', () => {
  const job = iceJob({ VideoTracks: [{ VideoTrackClips: [
    { MediaId: 'a', In: 0, Out: 0.2, TimelineIn: 0, TimelineOut: 0.2 },
    { MediaId: 'b', In: 0, Out: 4, TimelineIn: 0.2, TimelineOut: 4.2, Effects: [{ Type: 'Transition', SubType: 'wiperight', Duration: 1 }] },
  ] }] });
  const otio = readBack(job);
  assert.deepEqual(otio.tracks.children[0].children.map((i: J) => i.OTIO_SCHEMA), ['Clip.2', 'Clip.2']);
  assert.equal(otio.tracks.children[0].children[1].metadata.aliyun_ice.clip.Effects[0].SubType, 'wiperight');
});

test('no timeline, an unreadable one, or a bad rate is a reason, not a file', () => {
  const none = timelineToOtio({ ...blankJob('ice', 'cn-shanghai', 'j0'), templateId: 't1' });
  assert.deepEqual(none, { ok: false, reason: 'j0 has no Timeline (it was made from a template: its ClipsParam holds the values)' });
  const bad = timelineToOtio(onlyJob('ice', 'timeline-invalid'));
  assert.ok(!bad.ok && /could not be read/.test(bad.reason));
  const rate = timelineToOtio(iceJob(SAMPLE_TIMELINE), { rate: 0 });
  assert.ok(!rate.ok && /rate/.test(rate.reason));
});
