/**
 * A synthetic ICE job with a big Timeline, built as the cloud would send it (a JSON string in the response body)
 * and mapped by the real ICE parser, for the webview tests and bench/inspector.ts. Repeatable (seeded).
 */
import { iceKind } from '../../src/clouds/adapters/ice.js';
import { type Job } from '../../src/model/job.js';
import { seededRandom } from '../support/seededRandom.js';

export interface BigTimelineOptions {
  clips: number;
  tracks: number;
  seed?: number;
}

/** Track groups in the proportions of a busy edit: mostly video layers, some audio, subtitles and effects. */
function layout(tracks: number): Array<'video' | 'audio' | 'subtitle' | 'effect'> {
  const out: Array<'video' | 'audio' | 'subtitle' | 'effect'> = [];
  for (let i = 0; i < tracks; i++) {
    const f = i / tracks;
    out.push(f < 0.6 ? 'video' : f < 0.8 ? 'audio' : f < 0.9 ? 'subtitle' : 'effect');
  }
  return out;
}

export function bigTimelineBody(o: BigTimelineOptions): Record<string, unknown> {
  const rnd = seededRandom(o.seed ?? 7);
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
    return s;
  };
  const kinds = layout(o.tracks);
  const perTrack = Math.floor(o.clips / o.tracks);
  let extra = o.clips - perTrack * o.tracks;
  const VideoTracks: unknown[] = [];
  const AudioTracks: unknown[] = [];
  const SubtitleTracks: unknown[] = [];
  const EffectTracks: unknown[] = [];
  kinds.forEach((kind, t) => {
    const n = perTrack + (extra-- > 0 ? 1 : 0);
    const clips: unknown[] = [];
    let cursor = 0;
    for (let i = 0; i < n; i++) {
      const len = Math.round((0.4 + rnd() * 5) * 1000) / 1000;
      if (rnd() < 0.04) cursor = Math.round((cursor + rnd() * 3) * 1000) / 1000;
      const start = cursor;
      const end = Math.round((start + len) * 1000) / 1000;
      cursor = end;
      if (kind === 'subtitle') {
        clips.push({ Type: 'Text', Content: `Line ${i + 1}`, TimelineIn: start, TimelineOut: end });
      } else if (kind === 'effect') {
        clips.push({ Type: 'VFX', SubType: 'blur', TimelineIn: start, TimelineOut: end });
      } else {
        const inPoint = Math.round(rnd() * 60 * 1000) / 1000;
        const clip: Record<string, unknown> = { In: inPoint, Out: Math.round((inPoint + len) * 1000) / 1000, TimelineIn: start, TimelineOut: end };
        if (rnd() > 0.01) clip.MediaId = hex(32);
        if (rnd() < 0.05) clip.Effects = [{ Type: 'Volume', Gain: 0.5 }];
        clips.push(clip);
      }
    }
    if (kind === 'video') VideoTracks.push({ MainTrack: t === 0, VideoTrackClips: clips });
    else if (kind === 'audio') AudioTracks.push({ AudioTrackClips: clips });
    else if (kind === 'subtitle') SubtitleTracks.push({ SubtitleTrackClips: clips });
    else EffectTracks.push({ EffectTrackItems: clips });
  });
  const timeline = { VideoTracks, AudioTracks, SubtitleTracks, EffectTracks };
  return {
    RequestId: 'B1E0A2C4-0000-4000-8000-000000000001',
    MediaProducingJob: {
      JobId: `${hex(28)}${String(o.clips).padStart(4, '0').slice(-4)}`,
      Status: 'Success', Progress: 100, MediaURL: `https://acme-media-prod.oss-cn-shanghai.aliyuncs.com/output/big-${o.clips}.mp4`,
      CreateTime: '2024-06-11T02:14:07Z', CompleteTime: '2024-06-11T03:15:41Z',
      Timeline: JSON.stringify(timeline),
    },
  };
}

export function bigTimelineJob(o: BigTimelineOptions): Job {
  const job = iceKind.parse(bigTimelineBody(o), { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0];
  if (!job) throw new Error('no job');
  return job;
}
