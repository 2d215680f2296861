/**
 * Finished jobs of the past, for browsing: `count` per kind (VOD: one task per video, every fourth video transcoded
 * a second time; Live editing: ten tasks per production studio), spread evenly
 * over the last `days` days, so list calls have several pages and windows to walk. Ids are derived from the kind
 * and the index (stable across runs); statuses cycle through success, failure and the others each kind has.
 */
import { SAMPLE_IDS } from './sampleJobs.js';
import { type IceBatchInit, type JobInit } from './state.js';

const DAY = 86_400_000;

function hex(prefix: string, i: number, length = 32): string {
  return `${prefix}${i.toString(16)}`.padStart(length, '0');
}

/** A UUID-shaped id (Live editing's ShowId and CasterId) from a fixed head and the index. */
function uuid(head: string, i: number): string {
  return `${head}${i.toString(16).padStart(12, '0')}`;
}

/** Every twentieth index (3, 23, …: the first is within a day when 300 jobs span 60 days, as in `npm start`) also has an ICE batch job, with this many sub-jobs a minute apart after it. */
export const SUB_JOBS_PER_BATCH = 3;
const isBatchIndex = (i: number): boolean => i % 20 === 3;
const startOffset = (i: number, count: number, days: number): number => -(3_600_000 + Math.floor(i * ((days * DAY) / Math.max(1, count))));

/**
 * The batch jobs of the history (quick video production; their sub-jobs are among historyJobs' ICE jobs). Configs
 * after the SDK model's @example values (ice-20201109 ListBatchMediaProducingJobsResponseBody.ts).
 */
export function historyBatches(count: number, days = 60): IceBatchInit[] {
  const out: IceBatchInit[] = [];
  for (let i = 0; i < count; i++) {
    if (!isBatchIndex(i)) continue;
    const failed = i % 40 === 23;
    out.push({
      id: hex('ba', i), jobType: i % 80 === 3 ? 'Smart_Mix' : 'Script', startOffsetMs: startOffset(i, count, days), description: 'history batch',
      fields: {
        InputConfig: JSON.stringify({ MediaGroupArray: [{ GroupName: 'opening', MediaArray: [`https://example-bucket.oss-cn-shanghai.aliyuncs.com/history/in-${i}.mp4`] }] }),
        EditingConfig: JSON.stringify({ MediaConfig: { Volume: 0 }, SpeechConfig: { Volume: 1 }, BackgroundMusicConfig: { Volume: 0.3 } }),
        OutputConfig: JSON.stringify({ MediaURL: `https://example-bucket.oss-cn-shanghai.aliyuncs.com/history/batch-${i}_{index}.mp4`, Count: SUB_JOBS_PER_BATCH, MaxDuration: 15, Width: 1080, Height: 1920 }),
        UserData: JSON.stringify({ batch: i }),
        Extend: '{}',
      },
      phases: [{ at: 0, status: 'Init' }, { at: 10_000, status: 'Processing' }, { at: (SUB_JOBS_PER_BATCH + 2) * 60_000, status: failed ? 'Failed' : 'Finished' }],
    });
  }
  return out;
}

export function historyJobs(count: number, days = 60): JobInit[] {
  const out: JobInit[] = [];
  for (let i = 0; i < count; i++) {
    // Oldest last: i = 0 is an hour ago, the last one `days` days ago.
    const startOffsetMs = startOffset(i, count, days);
    const failed = i % 5 === 4;
    for (let k = 0; isBatchIndex(i) && k < SUB_JOBS_PER_BATCH; k++) {
      const subFailed = i % 40 === 23 && k === 0;
      out.push({
        kind: 'ice', id: hex('bc', i * 10 + k), masterJobId: hex('ba', i), startOffsetMs: startOffsetMs + (k + 1) * 60_000, description: 'history sub-job',
        fields: { Duration: 15, MediaURL: `https://example-bucket.oss-cn-shanghai.aliyuncs.com/history/batch-${i}_${k}.mp4` },
        phases: [{ at: 0, status: 'Processing', progress: 0 }, { at: 30_000, status: subFailed ? 'Failed' : 'Success', progress: 100, ...(subFailed ? { error: { code: 'InvalidParameter', message: 'The media does not exist.' } } : {}) }],
      });
    }
    out.push({
      kind: 'ice', id: hex('a1', i), startOffsetMs, description: 'history',
      fields: { ProjectId: hex('b1', i), TemplateId: i % 2 === 0 ? hex('c1', i) : '', Duration: 30 + (i % 90), MediaURL: `https://example-bucket.oss-cn-shanghai.aliyuncs.com/history/${i}.mp4` },
      phases: [{ at: 0, status: 'Processing', progress: 0 }, { at: 60_000, status: failed ? 'Failed' : 'Success', progress: 100, ...(failed ? { error: { code: 'InvalidParameter', message: 'The media does not exist.' } } : {}) }],
    });
    out.push({
      kind: 'live-edge', id: hex('e1', i), clusterId: SAMPLE_IDS.liveEdge.clusterId, startOffsetMs, description: 'history',
      fields: { Name: `history-${i}`, Type: 'common', StreamInput: `rtmp://in.example.com/app/h${i}`, StreamOutput: `rtmp://out.example.com/app/h${i}`, TemplateId: hex('f1', i), TemplateName: 'hd' },
      phases: [{ at: 0, status: '1' }, ...(i % 3 === 0 ? [] : [{ at: 30 * 60_000, status: '0' }])],
    });
    out.push({
      kind: 'vod', id: hex('9a', i), startOffsetMs, description: 'history',
      fields: { VideoId: hex('9b', i % 4 === 3 ? i - 1 : i), TranscodeTemplateGroupId: hex('9c', 1), Trigger: i % 4 === 3 ? 'Manual' : 'Auto' },
      phases: [{ at: 0, status: 'Processing' }, { at: 40_000, status: failed ? 'CompleteAllFail' : 'CompleteAllSucc' }],
      items: [{
        id: hex('9d', i), fields: { TranscodeTemplateId: hex('9e', 1), Definition: 'HD' },
        phases: [{ at: 0, status: 'Transcoding', progress: 0 }, { at: 40_000, status: failed ? 'TranscodeFail' : 'TranscodeSuccess', progress: 100, ...(failed ? { error: { code: 'InvalidInput', message: 'The input file cannot be decoded.' } } : {}) }],
      }],
    });
    out.push({
      kind: 'live-editing', id: uuid('43300b81-0c1d-4e5f-8a9b-', i), casterId: uuid('53300b81-b761-4c10-842a-', Math.floor(i / 10)), startOffsetMs, description: 'history',
      fields: { OutputVodId: failed ? '' : hex('3e', i), StorageInfo: { StorageLocation: 'outin-demo-bucket.oss-cn-shanghai.aliyuncs.com', FileName: `EditFile-history-${i}.mp4` } },
      phases: [{ at: 0, status: 0 }, { at: 10_000, status: 1 }, { at: 60_000, status: failed ? -1 : 3 }],
    });
    out.push({
      kind: 'mpc-editing', id: hex('d1', i), startOffsetMs, description: 'history',
      fields: { description: `history ${i}`, output: { bucket: 'mji-demo-obs', location: 'cn-north-4', object: 'history/', file_name: `h${i}.mp4` } },
      phases: [{ at: 0, status: 'WAITING', progress: 0 }, { at: 20_000, status: 'PROCESSING', progress: 10 }, { at: 120_000, status: i % 7 === 6 ? 'CANCELED' : failed ? 'FAILED' : 'SUCCEEDED', progress: 100 }],
    });
  }
  return out;
}
