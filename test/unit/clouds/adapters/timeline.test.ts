import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { iceKind } from '../../../../src/clouds/adapters/ice.js';
import { parseTimeline } from '../../../../src/clouds/adapters/timeline.js';
import { type Timeline, type TimelineClip, type TimelineTrack } from '../../../../src/model/job.js';
import { buildTimeline, timelineShape, writeBigIceFixture } from '../../../fixtures/generate.js';
import { ctx, fixtureRecord, onlyJob } from './support.js';

/** A parsed Timeline that must have no parse error. */
function parsed(value: unknown): Extract<Timeline, { parseError: null }> {
  const tl = parseTimeline(value);
  assert.ok(tl !== null, 'timeline is null');
  assert.equal(tl.parseError, null, String(tl.parseError));
  return tl as Extract<Timeline, { parseError: null }>;
}

function track(tl: Timeline, i: number): TimelineTrack {
  const t = tl.tracks[i];
  assert.ok(t !== undefined, `no track ${i}`);
  return t;
}

function clip(t: TimelineTrack, i: number): TimelineClip {
  const c = t.clips[i];
  assert.ok(c !== undefined, `no clip ${i}`);
  return c;
}

function placement(c: TimelineClip): [number | null, number | null, boolean] {
  return [c.timelineIn, c.timelineOut, c.derivedPlacement];
}

describe('timeline: the multi-track example of reference §6.7 (ice/success fixture)', () => {
  const job = onlyJob('ice', 'success');
  const tl = job.timeline;

  it('has one track per entry, in stacking order, with the main track marked', () => {
    assert.ok(tl !== null && tl.parseError === null);
    assert.deepEqual(tl.tracks.map((t) => [t.type, t.index, t.main, t.clips.length]), [
      ['video', 0, true, 3], ['video', 1, false, 1], ['effect', 0, false, 1], ['subtitle', 0, false, 2], ['audio', 0, false, 1],
    ]);
  });

  it('lays the main track end to end, respecting Speed and image Duration: 18.3333 s', () => {
    assert.ok(tl !== null);
    const main = track(tl, 0);
    assert.deepEqual(placement(clip(main, 0)), [0, 10, true]);
    assert.deepEqual(placement(clip(main, 1)), [10, 15.3333, true]);
    assert.deepEqual(placement(clip(main, 2)), [15.3333, 18.3333, true]);
    assert.equal(tl.durationSeconds, 18.3333);
    assert.equal(clip(main, 1).speed, 1.5);
    assert.equal(clip(main, 2).clipType, 'Image');
    assert.equal(clip(main, 2).duration, 3);
  });

  it('keeps given placements and reads media references, text and effects', () => {
    assert.ok(tl !== null);
    const main = track(tl, 0);
    assert.equal(clip(main, 0).mediaId, fixtureRecord('ice', 'success').MediaProducingJob.Timeline.match(/"MediaId":"([0-9a-f]{32})"/)[1]);
    assert.equal(clip(main, 0).in, 2.5);
    assert.equal(clip(main, 0).out, 12.5);
    assert.deepEqual(clip(main, 1).effects.map((e) => [e.type, e.subType, e.durationSeconds]), [['Transition', 'fade', 1]]);
    assert.equal(clip(main, 1).mediaUrl, 'https://acme-media-prod.oss-cn-shanghai.aliyuncs.com/raw/2024/06/broll-harbour.mp4');
    assert.deepEqual(placement(clip(track(tl, 1), 0)), [0, 18.3333, false]);
    assert.deepEqual(placement(clip(track(tl, 2), 0)), [4, 10, false]);
    const audio = clip(track(tl, 4), 0);
    assert.deepEqual(placement(audio), [0, 18.3333, false]);
    assert.deepEqual(audio.effects.map((e) => e.type), ['Volume', 'AFade', 'AFade']);
    assert.equal(audio.effects[0]?.raw.Gain, 0.2);
  });

  it('subtitle text keeps its Content; a subtitle file without placement spans the whole output', () => {
    assert.ok(tl !== null);
    const subs = track(tl, 3);
    assert.equal(clip(subs, 0).text, 'Harbour open day\\N2024 highlights');
    assert.deepEqual(placement(clip(subs, 0)), [0, 4, false]);
    const file = clip(subs, 1);
    assert.equal(file.clipType, 'Subtitle');
    assert.equal(file.mediaUrl, 'https://acme-media-prod.oss-cn-shanghai.aliyuncs.com/subs/open-day-en.srt');
    assert.equal(file.text, file.mediaUrl);
    assert.deepEqual(placement(file), [0, 18.3333, true]);
  });

  it('keeps every clip object as raw', () => {
    assert.ok(tl !== null);
    assert.equal(clip(track(tl, 0), 2).raw.AdaptMode, 'Contain');
  });
});

describe('timeline: placement rules', () => {
  it('a clip without Out cannot be placed, nor can the clips laid after it; a given TimelineIn restarts the layout', () => {
    const tl = parsed({
      VideoTracks: [{ VideoTrackClips: [
        { MediaId: 'a', In: 0, Out: 4 },
        { MediaId: 'b', In: 0 },
        { MediaId: 'c', In: 0, Out: 2 },
        { MediaId: 'd', TimelineIn: 20, In: 0, Out: 5 },
        { MediaId: 'e', Out: 1 },
        { MediaId: 'f', TimelineOut: 40, In: 0, Out: 3 },
      ] }],
    });
    const t = track(tl, 0);
    assert.deepEqual(t.clips.map(placement), [
      [0, 4, true], [4, null, true], [null, null, false], [20, 25, true], [25, 26, true], [26, 40, true],
    ]);
    // A clip without a place: the Timeline says the output lasts at least 40 s.
    assert.deepEqual([tl.durationSeconds, tl.durationIsLowerBound], [40, true]);
  });

  it('a clip whose cursor is unknown but has TimelineOut and a length is placed backwards from it', () => {
    const tl = parsed({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }, { MediaId: 'b', Out: 3, TimelineOut: 9 }] }] });
    assert.deepEqual(placement(clip(track(tl, 0), 1)), [6, 9, true]);
  });

  it('ReferenceClipId takes the placement of the referenced clip, even one on a later track', () => {
    const tl = parsed({
      VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ ReferenceClipId: 'vo' }, { MediaId: 'x', Out: 2 }] }],
      AudioTracks: [{ AudioTrackClips: [{ MediaId: 'pad', Out: 3 }, { ClipId: 'vo', MediaId: 'voice', Out: 5 }] }],
    });
    assert.deepEqual(placement(clip(track(tl, 0), 0)), [3, 8, true]);
    assert.deepEqual(placement(clip(track(tl, 0), 1)), [8, 10, true]);
    assert.equal(tl.durationSeconds, 10);
  });

  it('an unresolvable reference leaves the clip unplaced', () => {
    const tl = parsed({ VideoTracks: [{ VideoTrackClips: [{ ReferenceClipId: 'nowhere' }] }] });
    assert.deepEqual(placement(clip(track(tl, 0), 0)), [null, null, false]);
    assert.equal(tl.durationSeconds, null);
  });

  it('the alignment fixture: reference, unknown Out, GlobalImage, TTS and open-ended subtitle', () => {
    const job = onlyJob('ice', 'timeline-alignment');
    const tl = job.timeline;
    assert.ok(tl !== null && tl.parseError === null);
    const main = track(tl, 0);
    assert.deepEqual(main.clips.map(placement), [[0, 6, true], [6, 12, true], [12, null, true], [null, null, false]]);
    // The job is running (no Duration yet) and the third clip's length is unknown: at least 12 s, not 12 s.
    assert.deepEqual([tl.durationSeconds, tl.durationIsLowerBound], [12, true]);
    assert.deepEqual(placement(clip(track(tl, 1), 0)), [0, null, true]); // GlobalImage: the whole output, whose end is unknown
    const sub = clip(track(tl, 2), 0);
    assert.deepEqual(placement(sub), [1, null, true]);
    assert.equal(sub.text, 'LIVE');
    const audio = track(tl, 3);
    assert.deepEqual(placement(clip(audio, 0)), [0, 6, true]); // ReferenceClipId "host"
    assert.deepEqual(placement(clip(audio, 1)), [6, 8.5, true]); // TTS: Duration only
    assert.equal(clip(audio, 1).text, 'Thanks for watching');
  });

  it('without a main track the duration is the latest clip end; only video/audio tracks can be main, the first wins', () => {
    const tl = parsed({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Out: 3 }] }, { MainTrack: true, VideoTrackClips: [{ MediaId: 'b', Out: 2 }] },
        { MainTrack: true, VideoTrackClips: [{ MediaId: 'c', Out: 9 }] }],
      SubtitleTracks: [{ MainTrack: true, SubtitleTrackClips: [{ Type: 'Text', Content: 'x', TimelineIn: 0, TimelineOut: 20 }] }],
    });
    assert.deepEqual(tl.tracks.map((t) => t.main), [false, true, false, false]);
    assert.equal(tl.durationSeconds, 2);
    const noMain = parsed({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Out: 3 }] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'm', TimelineIn: 1, TimelineOut: 7 }] }] });
    assert.equal(noMain.durationSeconds, 7);
  });

  it('an effect-type video track, image tracks with ImageId, FileUrl spelling and effect items with Duration', () => {
    const tl = parsed({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'v', Out: 10 }] }, { Type: 'Effect', VideoTrackClips: [{ Type: 'VFX', SubType: 'shake', TimelineIn: 2, Duration: 3 }] }],
      ImageTracks: [{ ImageTrackClips: [{ ImageId: 'img1', Duration: 4 }, { ImageId: 'img2', Duration: 1.5 }] }],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Subtitle', SubType: 'ass', FileUrl: 'https://b.example/s.ass' }] }],
      EffectTracks: [{ EffectTrackItems: [{ Type: 'Filter', SubType: 'm1' }] }],
    });
    assert.deepEqual(tl.tracks.map((t) => [t.type, t.index]), [['video', 0], ['effect', 1], ['image', 0], ['effect', 0], ['subtitle', 0]]);
    // The effect track of VideoTracks says where it came from (its index counts VideoTracks); EffectTracks' does not.
    assert.deepEqual(tl.tracks.map((t) => t.origin), [undefined, 'video', undefined, undefined, undefined]);
    assert.deepEqual(placement(clip(track(tl, 1), 0)), [2, 5, true]);
    assert.equal(clip(track(tl, 1), 0).clipType, 'VFX');
    assert.deepEqual(track(tl, 2).clips.map((c) => [c.mediaId, ...placement(c)]), [['img1', 0, 4, true], ['img2', 4, 5.5, true]]);
    assert.equal(clip(track(tl, 4), 0).mediaUrl, 'https://b.example/s.ass');
    assert.deepEqual(placement(clip(track(tl, 3), 0)), [0, 10, true]); // filter without placement: 0..end
    assert.equal(tl.durationSeconds, 10);
  });

  it('reads numbers given as strings, ignores junk values, skips non-object clips, treats Speed ≤ 0 as 1', () => {
    const tl = parsed({
      VideoTracks: [{ MainTrack: 'true', VideoTrackClips: [
        null, 7, 'clip', { MediaId: 12345, In: '1', Out: '5', Speed: '2' }, { MediaId: 'z', In: 'soon', Out: 2, Speed: 0, Effects: [null, { Gain: 1 }] },
      ] }],
      AudioTracks: 'not tracks',
    });
    const t = track(tl, 0);
    assert.equal(t.main, true);
    assert.equal(t.clips.length, 2);
    assert.deepEqual([clip(t, 0).mediaId, clip(t, 0).in, clip(t, 0).speed, ...placement(clip(t, 0))], ['12345', 1, 2, 0, 2, true]);
    assert.deepEqual([clip(t, 1).in, ...placement(clip(t, 1))], [null, 2, 4, true]);
    assert.deepEqual(clip(t, 1).effects.map((e) => [e.type, e.subType]), [['', null]]);
  });
});

describe('timeline: input forms and errors', () => {
  it('absent timelines are null', () => {
    for (const v of [undefined, null, '', '   ']) assert.equal(parseTimeline(v), null);
  });

  it('accepts JSON text, an object, and JSON text encoded twice', () => {
    const obj = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Out: 2 }] }] };
    for (const v of [obj, JSON.stringify(obj), JSON.stringify(JSON.stringify(obj))]) assert.equal(parsed(v).durationSeconds, 2);
  });

  it('text that is not JSON gives parseError with the position, keeps the text, and the job still maps', () => {
    const job = onlyJob('ice', 'timeline-invalid');
    const tl = job.timeline;
    assert.ok(tl !== null && tl.parseError !== null);
    assert.match(tl.parseError, /^Timeline is not valid JSON: trailing comma before '\]' at position 98 \(line 1, column 99\)$/);
    assert.equal(tl.rawText, fixtureRecord('ice', 'timeline-invalid').MediaProducingJob.Timeline);
    assert.deepEqual(tl.tracks, []);
    assert.equal(tl.durationSeconds, null);
    assert.equal(job.status, 'failed');
    assert.equal(job.error?.code, 'InvalidParameter.Timeline');
  });

  it('JSON that is not an object is a parse error too', () => {
    for (const [v, what] of [['[]', 'an array'], ['42', 'number'], [[1], 'an array'], [true, 'boolean']] as const) {
      const tl = parseTimeline(v);
      assert.ok(tl !== null && tl.parseError !== null);
      assert.match(tl.parseError, new RegExp(`is ${what}`));
      assert.equal(typeof tl.rawText, 'string');
    }
  });

  it('refuses a Timeline over the size cap', () => {
    const tl = parseTimeline(JSON.stringify(buildTimeline(50)), 1000);
    assert.ok(tl !== null && tl.parseError !== null);
    assert.match(tl.parseError, /too large/);
  });
});

describe('timeline: big timelines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'media-jobs-kinds-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the 5,000-clip fixture (generated into a temp dir) maps every clip, laid end to end on the main track', () => {
    const path = writeBigIceFixture(dir, 5000);
    const body: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const r = iceKind.parse(body, ctx());
    const tl = r.jobs[0]?.timeline;
    assert.ok(tl !== null && tl !== undefined && tl.parseError === null);
    const shape = timelineShape(5000);
    assert.deepEqual(tl.tracks.map((t) => [t.type, t.clips.length]), [
      ['video', shape.mainVideo], ['video', shape.overlayVideo], ['effect', shape.effects], ['subtitle', shape.subtitles], ['audio', shape.audio],
    ]);
    assert.equal(tl.tracks.reduce((n, t) => n + t.clips.length, 0), 5000);
    const main = track(tl, 0);
    assert.ok(main.clips.every((c) => c.derivedPlacement && c.timelineIn !== null && c.timelineOut !== null && c.timelineOut >= c.timelineIn));
    for (let i = 1; i < main.clips.length; i++) assert.equal(clip(main, i).timelineIn, clip(main, i - 1).timelineOut);
    assert.equal(tl.durationSeconds, clip(main, main.clips.length - 1).timelineOut);
    assert.ok(track(tl, 3).clips.every((c) => !c.derivedPlacement));
  });

  it('10,000 clips all normalize, every one placed (speed: bench/parse.ts)', () => {
    const tl = parsed(buildTimeline(10_000));
    const clips = tl.tracks.flatMap((t) => t.clips);
    assert.equal(clips.length, 10_000);
    assert.ok(clips.every((c) => c.timelineIn !== null && c.timelineOut !== null && c.timelineOut >= c.timelineIn));
  });
});

/**
 * The output's length (issue 11, defect 4): a length shorter than the truth is worse than none. Timelines from the
 * IMS docs: the SDK model's own Timeline example (GetMediaProducingJobResponseBody.ts @example: two MediaIds, no
 * In/Out), the voice-over slideshow of https://www.alibabacloud.com/help/en/ims/use-cases/text-to-video (in
 * test/fixtures/ice/sdk-example.json), the alignment example of
 * https://www.alibabacloud.com/help/en/ims/use-cases/inter-track-material-alignment, and the main-track rules of
 * https://www.alibabacloud.com/help/en/ims/use-cases/control-the-clip-duration.
 */
describe('timeline: the output\'s length and the clips that run to it', () => {
  const slideshow = (): string => fixtureRecord('ice', 'sdk-example').MediaProducingJob.Timeline;

  it('the slideshow with the job\'s Duration (30.5 s): the length is the Duration; the last TTS clip, the title and the looping music end there', () => {
    const job = onlyJob('ice', 'sdk-example');
    const tl = job.timeline;
    assert.ok(tl !== null && tl.parseError === null);
    assert.deepEqual([tl.durationSeconds, tl.durationIsLowerBound ?? false], [30.5, false]);
    const [images, title, tts, music] = tl.tracks;
    assert.ok(images && title && tts && music);
    // AI_TTS clips say only their text: the first starts at 0, the last (main track) ends with the output.
    assert.deepEqual(tts.clips.map(placement), [[0, null, true], [null, null, false], [null, 30.5, true]]);
    // Each image takes its TTS clip's placement (ReferenceClipId), as far as it is known.
    assert.deepEqual(images.clips.map(placement), [[0, null, true], [null, null, false], [null, 30.5, true]]);
    assert.deepEqual(placement(clip(title, 0)), [0, 30.5, true], 'a subtitle without TimelineIn/Out spans the output');
    assert.deepEqual(placement(clip(music, 0)), [0, 30.5, true], 'LoopMode music lasts until the output ends');
  });

  it('the same slideshow while the job runs (no Duration): nothing says how long it is, so the length is unknown, not 0', () => {
    const tl = parsed(slideshow());
    assert.deepEqual([tl.durationSeconds, tl.durationIsLowerBound ?? false], [null, false]);
    assert.deepEqual(placement(clip(track(tl, 1), 0)), [0, null, true], 'the title starts at 0, its end waits for the length');
    assert.deepEqual(placement(clip(track(tl, 3), 0)), [0, null, true]);
  });

  it('the SDK model\'s example Timeline (two MediaIds, no In/Out, no main track) with a Duration: the only track ends with the output', () => {
    const text = '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"****4d7cf14dc7b83b0e801c****"},{"MediaId":"****4d7cf14dc7b83b0e801c****"}]}]}';
    const withDuration = parseTimeline(text, undefined, 30.5);
    assert.ok(withDuration !== null && withDuration.parseError === null);
    assert.deepEqual(track(withDuration, 0).clips.map(placement), [[0, null, true], [null, 30.5, true]]);
    assert.deepEqual([withDuration.durationSeconds, withDuration.durationIsLowerBound ?? false], [30.5, false]);
    const without = parsed(text);
    assert.deepEqual(track(without, 0).clips.map(placement), [[0, null, true], [null, null, false]]);
    assert.equal(without.durationSeconds, null);
  });

  it('an open-ended last clip: "≥ 10 s" without a Duration; with the job\'s 19.27 s it is placed to 19.27 and the length is 19.27', () => {
    const timeline = { VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'intro', In: 0, Out: 10 }, { MediaId: 'talk', In: 30 }] }] };
    const open = parsed(timeline);
    assert.deepEqual(track(open, 0).clips.map(placement), [[0, 10, true], [10, null, true]]);
    assert.deepEqual([open.durationSeconds, open.durationIsLowerBound], [10, true]);
    const known = parseTimeline(timeline, undefined, 19.27);
    assert.ok(known !== null && known.parseError === null);
    assert.deepEqual(track(known, 0).clips.map(placement), [[0, 10, true], [10, 19.27, true]]);
    assert.deepEqual([known.durationSeconds, known.durationIsLowerBound ?? false], [19.27, false]);
  });

  it('on the main track the clips before the end are placed back from the Duration when their lengths are known', () => {
    const tl = parseTimeline({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a' }, { MediaId: 'b', In: 2, Out: 6 }] }] }, undefined, 10);
    assert.ok(tl !== null && tl.parseError === null);
    assert.deepEqual(track(tl, 0).clips.map(placement), [[0, 6, true], [6, 10, true]]);
  });

  it('a main audio track cuts the others: the video beyond it does not make the output longer', () => {
    // control-the-clip-duration: four 5 s videos, a 15 s main audio track: the video is 15 s.
    const videos = [1, 2, 3, 4].map((n) => ({ MediaUrl: `https://your-bucket.oss-cn-shanghai.aliyuncs.com/your_video${n}.mp4`, Out: 5 }));
    const tl = parsed({ VideoTracks: [{ VideoTrackClips: videos }], AudioTracks: [{ MainTrack: true, AudioTrackClips: [{ MediaUrl: 'https://your-bucket.oss-cn-shanghai.aliyuncs.com/your_audio.mp3', Out: 15 }] }] });
    assert.deepEqual([tl.durationSeconds, tl.durationIsLowerBound ?? false], [15, false]);
  });

  it('the inter-track alignment example: the video tied to audio_1 takes 5..15, the end clip follows: exactly 20 s', () => {
    const tl = parsed({
      VideoTracks: [{ VideoTrackClips: [
        { In: 0, Out: 5, MediaURL: 'https://your-bucket.oss-cn-shanghai.aliyuncs.com/head.mp4' },
        { ReferenceClipId: 'audio_1', MediaURL: 'https://your-bucket.oss-cn-shanghai.aliyuncs.com/video1.mp4' },
        { MediaURL: 'https://your-bucket.oss-cn-shanghai.aliyuncs.com/end.mp4', In: 0, Out: 5 },
      ] }],
      AudioTracks: [{ AudioTrackClips: [{ TimelineIn: 5, ClipId: 'audio_1', MediaId: '7980d8f************e6f7e5696301', In: 0, Out: 10 }] }],
    });
    assert.deepEqual(track(tl, 0).clips.map(placement), [[0, 5, true], [5, 15, true], [15, 20, true]]);
    assert.deepEqual(placement(clip(track(tl, 1), 0)), [5, 15, true]);
    assert.deepEqual([tl.durationSeconds, tl.durationIsLowerBound ?? false], [20, false]);
  });

  it('a FreezeFrame effect holds the last frame for its Duration: the clip lasts that much longer', () => {
    const tl = parsed({ VideoTracks: [{ VideoTrackClips: [
      { MediaId: 'a', In: 0, Out: 5, Effects: [{ Type: 'FreezeFrame', Duration: 2 }] },
      { MediaId: 'b', In: 0, Out: 3 },
    ] }] });
    assert.deepEqual(track(tl, 0).clips.map(placement), [[0, 7, true], [7, 10, true]]);
    assert.equal(tl.durationSeconds, 10);
  });

  it('subtitles without TimelineOut run to the Duration; a subtitle starting later too', () => {
    const tl = parseTimeline({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'v', In: 0 }] }],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'title' }, { Type: 'Text', Content: 'later', TimelineIn: 3 }] }],
    }, undefined, 12.5);
    assert.ok(tl !== null && tl.parseError === null);
    assert.deepEqual(track(tl, 1).clips.map(placement), [[0, 12.5, true], [3, 12.5, true]]);
    assert.deepEqual(placement(clip(track(tl, 0), 0)), [0, 12.5, true]);
  });

  it('a Duration that is not a positive number is ignored', () => {
    for (const d of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      const tl = parseTimeline({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Out: 4 }] }] }, undefined, d);
      assert.ok(tl !== null && tl.parseError === null);
      assert.equal(tl.durationSeconds, 4, String(d));
    }
  });
});
