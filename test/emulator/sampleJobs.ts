/**
 * The emulator's sample jobs: every kind, every status value of each kind plus one unknown value, some jobs
 * that move over the first minute or so, failures with real-looking codes, and the quirky wire shapes the real
 * APIs produce (JSON inside strings, numbers as strings, a doubly encoded stream list, a Timeline that is not
 * JSON, a 2,000-clip Timeline, three EditingTasksInfo shapes, yyyyMMddHHmmss times, unknown extra fields).
 *
 * Offsets are relative to when the emulator starts (or when `sampleJobs()` output is added to a state), so
 * "moving" jobs move in the first ~70 s of every run, on the injected clock.
 */
import { EMULATOR_PROJECT_ID } from './credentials.js';
import { type JobInit, type Phase } from './state.js';

export const SAMPLE_IDS = {
  ice: {
    /** Queuing → Processing at 5 s (Progress 0 → 100) → Success at 40 s, with MediaURL and Duration. */
    movingToSuccess: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801',
    /** Stays Init (no Progress). */
    init: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a802',
    /** Stays Queuing. */
    queuing: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a803',
    /** Stays Processing with Progress "45" (a string). */
    processing: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a804',
    /** Success; Timeline, UserData, SubJobMaterials as JSON strings; unknown extra fields. */
    succeeded: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a805',
    /** Failed: ExceededMaximumValue "The specified "Width_Height" has exceeded maximum value." */
    failed: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a806',
    /** Success, but its Timeline string is not valid JSON. */
    badTimeline: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a807',
    /** Success with a 2,000-clip Timeline (three tracks). */
    largeTimeline: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a808',
    /** Template job: TemplateId + ClipsParam string, no Timeline. */
    template: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a809',
    /** Status "Suspended", which is not in the documented set. */
    unknownStatus: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a80a',
    /** Processing (stays; the notifications suite fails it with a hostile error); its name carries `$(zap)` (TemplateId). */
    hostile: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a80b',
    /** Success, Duration 30.5: the IMS docs' text-to-video slideshow (images tied to AI_TTS clips, a Text caption on each). */
    captioned: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a80c',
    /** Processing (0 → 90 % over 60 s, no Duration: the timeline is "at least 10 s") → Success at 60 s with Duration 19.27. */
    openEnded: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a80d',
  },
  vod: {
    /** Processing → CompletePartialSucc at 50 s: HD succeeds at 25 s, 4K fails at 50 s (InvalidParameter.TemplateGroupId). */
    movingToPartial: 'b1b65ab107e14c0e8f3dbb900f6c1f01',
    /** Stays Processing, both transcode jobs at 35 %. */
    processing: 'b1b65ab107e14c0e8f3dbb900f6c1f02',
    /** Partial: one output done, one still transcoding. */
    partial: 'b1b65ab107e14c0e8f3dbb900f6c1f03',
    /** CompleteAllSucc: stream lists as JSON strings, one doubly encoded like the docs' AudioStreamList example. */
    allSucceeded: 'b1b65ab107e14c0e8f3dbb900f6c1f04',
    /** CompleteAllFail with item errors. */
    allFailed: 'b1b65ab107e14c0e8f3dbb900f6c1f05',
    /** TaskStatus "Canceled", not in the documented set. */
    unknownStatus: 'b1b65ab107e14c0e8f3dbb900f6c1f06',
  },
  vodJobs: {
    movingHd: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f01',
    moving4k: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f02',
    succeededLd: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f03',
    succeededHd: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f04',
  },
  liveEditing: {
    /** EditingTasksInfo is a JSON string holding an array. */
    casterStringArray: '53200b81-b761-4c10-842a-a0726d970001',
    /** EditingTasksInfo is a JSON string holding one object, led by its own key (the SDK model's example). */
    casterStringObject: '53200b81-b761-4c10-842a-a0726d970002',
    /** EditingTasksInfo is an inline array. */
    casterInlineArray: '53200b81-b761-4c10-842a-a0726d970003',
    /** (string-array caster) 0 → 1 at 10 s → 2 at 45 s → 3 at 70 s. */
    showMoving: '42200b81-0c1d-4e5f-8a9b-000000000001',
    /** (string-array caster) -1, failed. */
    showFailed: '42200b81-0c1d-4e5f-8a9b-000000000002',
    /** (string-object caster) 2, uploading to VOD. */
    showUploading: '42200b81-0c1d-4e5f-8a9b-000000000003',
    /** (inline-array caster) 0, initializing. */
    showInitializing: '42200b81-0c1d-4e5f-8a9b-000000000004',
    /** (inline-array caster) 1, editing. */
    showEditing: '42200b81-0c1d-4e5f-8a9b-000000000005',
    /** (inline-array caster) 3, succeeded. */
    showSucceeded: '42200b81-0c1d-4e5f-8a9b-000000000006',
    /** (inline-array caster) 4, not in the documented set. */
    showUnknown: '42200b81-0c1d-4e5f-8a9b-000000000007',
  },
  liveEdge: {
    clusterId: 'edge-cluster-sh-01',
    /** "1" running for days, with an earlier stop (LastStartAt and LastStopAt both set). */
    running: 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b01',
    /** "0", never started. */
    stopped: 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b02',
    /** "0" → "1" at 20 s. */
    startingSoon: 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b03',
    /** "2", not in the documented set. */
    unknownStatus: 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b04',
  },
  mpc: {
    projectId: EMULATOR_PROJECT_ID,
    /** WAITING → PROCESSING at 10 s (progress 0 → 80) → FAILED at 60 s with MPC.10053. */
    movingToFailed: '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a01',
    /** Stays WAITING. */
    waiting: '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a02',
    /** Stays PROCESSING at 62 %. */
    processing: '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a03',
    /** SUCCEEDED with editing_output; carries unknown extra fields. */
    succeeded: '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a04',
    /** FAILED long ago: MPC.10052 cannot fetch input. */
    failed: '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a05',
    /** "CANCELED": not in ListEditingJobs' list, but the same service's EditingJob model has it. */
    cancelled: '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a06',
  },
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const OSS = 'https://mji-demo-bucket.oss-cn-shanghai.aliyuncs.com';

/** The multi-track Timeline of the reference (§6.7), as the API returns it: a JSON string. */
export const SAMPLE_TIMELINE = {
  VideoTracks: [
    {
      MainTrack: true,
      VideoTrackClips: [
        { MediaId: '9a1f0c2e4b7d4c1e8f3a6b5d2c1e0f9a', In: 2.5, Out: 12.5, Effects: [{ Type: 'Volume', Gain: 0.8 }] },
        { MediaURL: `${OSS}/clips/b.mp4`, In: 0, Out: 8, Speed: 1.5, Effects: [{ Type: 'Transition', SubType: 'fade', Duration: 1 }] },
        {
          Type: 'Image',
          MediaURL: `${OSS}/img/end.png`,
          Duration: 3,
          AdaptMode: 'Contain',
          Width: 1920,
          Height: 1080,
          Effects: [{ Type: 'Background', SubType: 'Blur', Radius: 0.1 }],
        },
      ],
    },
    {
      VideoTrackClips: [{ Type: 'Image', MediaURL: `${OSS}/img/logo.png`, X: 0.85, Y: 0.05, Width: 0.1, Height: 0.1, TimelineIn: 0, TimelineOut: 18.3333 }],
    },
  ],
  AudioTracks: [
    {
      AudioTrackClips: [
        {
          MediaURL: `${OSS}/audio/bgm.mp3`,
          LoopMode: true,
          TimelineIn: 0,
          TimelineOut: 18.3333,
          Effects: [
            { Type: 'Volume', Gain: 0.2 },
            { Type: 'AFade', SubType: 'In', Duration: 1 },
            { Type: 'AFade', SubType: 'Out', Duration: 2 },
          ],
        },
      ],
    },
  ],
  SubtitleTracks: [
    {
      SubtitleTrackClips: [
        {
          Type: 'Text',
          Content: 'Product launch\\NQ3 recap',
          X: 0,
          Y: 0.1,
          Alignment: 'TopCenter',
          Font: 'AlibabaPuHuiTi',
          FontSize: 64,
          FontColor: '#ffffff',
          FontFace: { Bold: true, Italic: false, Underline: false },
          TimelineIn: 0,
          TimelineOut: 4,
        },
        { Type: 'Subtitle', SubType: 'srt', FileURL: `${OSS}/subs/talk.srt` },
      ],
    },
  ],
  EffectTracks: [{ EffectTrackItems: [{ Type: 'Filter', SubType: 'pf4', TimelineIn: 4, TimelineOut: 10 }] }],
};

/** A Timeline with `clips` clips over a video, an audio and a subtitle track (60/20/20 %), laid out end to end. */
export function largeTimeline(clips = 2000): Record<string, unknown> {
  const video = Math.round(clips * 0.6);
  const audio = Math.round(clips * 0.2);
  const subtitles = clips - video - audio;
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return {
    VideoTracks: [
      {
        MainTrack: true,
        VideoTrackClips: Array.from({ length: video }, (_, i) => ({
          MediaId: `f00d${hex(i)}${hex(i * 7)}${hex(i * 13)}`.slice(0, 32),
          In: (i % 5) * 0.5,
          Out: (i % 5) * 0.5 + 2,
          ...(i % 50 === 49 ? { Effects: [{ Type: 'Transition', SubType: 'fade', Duration: 0.5 }] } : {}),
        })),
      },
    ],
    AudioTracks: [
      {
        AudioTrackClips: Array.from({ length: audio }, (_, i) => ({
          MediaURL: `${OSS}/audio/stem-${i}.mp3`,
          TimelineIn: i * 6,
          TimelineOut: i * 6 + 6,
          Effects: [{ Type: 'Volume', Gain: 0.5 }],
        })),
      },
    ],
    SubtitleTracks: [
      {
        SubtitleTrackClips: Array.from({ length: subtitles }, (_, i) => ({
          Type: 'Text',
          Content: `Caption ${i + 1}`,
          FontSize: 40,
          TimelineIn: i * 6,
          TimelineOut: i * 6 + 4,
        })),
      },
    ],
  };
}

const VIDEO_STREAMS = [
  {
    Index: '0', CodecName: 'h264', CodecLongName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10', CodecTag: '0x31637661',
    CodecTagString: 'avc1', CodecTimeBase: '1/60', Profile: 'High', Level: '31', PixFmt: 'yuv420p', Width: '1280',
    Height: '720', Dar: '16:9', Sar: '1:1', Fps: '30.0', AvgFPS: '30.0', HasBFrames: '2', Bitrate: '1019.466',
    Duration: '12.033333', StartTime: '0.000000', Timebase: '1/15360', Lang: 'und',
  },
];

const AUDIO_STREAMS = [
  {
    Index: '1', CodecName: 'aac', CodecLongName: 'AAC (Advanced Audio Coding)', CodecTag: '0x6134706d',
    CodecTagString: 'mp4a', CodecTimeBase: '1/44100', SampleFmt: 'fltp', Samplerate: '44100', Channels: '2',
    ChannelLayout: 'stereo', Bitrate: '64.533', Duration: '12.615533', StartTime: '-0.046440', Timebase: '1/44100', Lang: 'und',
  },
];

function vodOutputFile(definition: string, width: string, height: string, audioListWire: string): Record<string, unknown> {
  return {
    OutputFileUrl: `https://vod-demo.example-cdn.com/${definition.toLowerCase()}/out.m3u8`,
    Format: 'm3u8',
    Bitrate: '1084.598',
    Duration: '12.033',
    Fps: '30.0',
    Width: width,
    Height: height,
    Filesize: 2478390,
    Encryption: JSON.stringify({ EncryptType: 'AliyunVoDEncryption' }),
    WatermarkIdList: ['9c1d0e5f2a3b4c5d6e7f8a9b0c1d2e3f'],
    VideoStreamList: JSON.stringify(VIDEO_STREAMS.map((s) => ({ ...s, Width: width, Height: height }))),
    AudioStreamList: audioListWire,
    SubtitleStreamList: '[]',
  };
}

/** AudioStreamList as plain JSON in a string. */
const AUDIO_PLAIN = JSON.stringify(AUDIO_STREAMS);
/** Encoded twice: the string holds a JSON string that holds the array. */
const AUDIO_DOUBLE = JSON.stringify(JSON.stringify(AUDIO_STREAMS));
/** Like the VOD docs' example: the value even repeats its own key, then the doubly encoded list. */
const AUDIO_DOC_EXAMPLE = `"AudioStreamList": ${JSON.stringify(JSON.stringify(AUDIO_STREAMS))}`;

function vodItemFields(templateId: string, definition: string): Record<string, unknown> {
  return {
    TranscodeTemplateId: templateId,
    Definition: definition,
    Priority: '6',
    InputFileUrl: 'https://outin-demo.oss-cn-shanghai.aliyuncs.com/sv/5a3c2b1d-17f0a1b2c3d/5a3c2b1d-17f0a1b2c3d.mp4',
  };
}

const VOD_TASK_FIELDS = (videoId: string, trigger: 'Auto' | 'Manual'): Record<string, unknown> => ({
  VideoId: videoId,
  TranscodeTemplateGroupId: '2c8f1a7e3b9d4e6f8a0b1c2d3e4f5a6b',
  Trigger: trigger,
});

const LIVE_STORAGE = (fileName: string): Record<string, unknown> => ({
  StorageInfo: { StorageLocation: 'outin-demo-bucket.oss-cn-shanghai.aliyuncs.com', FileName: fileName },
});

const EDGE_FIELDS = (name: string, type: string): Record<string, unknown> => ({
  Name: name,
  Type: type,
  StreamInput: `rtmp://push.live-demo.example.com/app/${name}`,
  StreamOutput: `rtmp://push.live-demo.example.com/app/${name}_${type}`,
  TemplateId: 'c4a3b2d1-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  TemplateName: `${type}-720p`,
});

const MPC_OUTPUT = { bucket: 'mji-demo-obs', location: 'cn-north-4', object: 'editing/output/', file_name: 'merged.mp4' };
const MPC_EDITING_OUTPUT = {
  duration: 125,
  format: 'MP4',
  size: 20480,
  size_byte: 20971520,
  video_info: { width: 1920, height: 1080, bitrate: 1300, bitrate_bps: 1300000, frame_rate: 25, codec: 'H.264' },
  audio_info: [{ codec: 'AAC', sample: 44100, channels: 2, bitrate: 128, bitrate_bps: 128000 }],
};

const DOC_MEDIA = 'http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media';
const SLIDES = [
  'Is it not a pleasure to learn and to practise what is learned?',
  'Is it not a delight to have friends come from afar?',
  'Is he not a gentleman who is not annoyed when others do not know him?',
];

/**
 * The "voice-over aligned slideshow" of https://www.alibabacloud.com/help/en/ims/use-cases/text-to-video (texts
 * shortened): each image takes the placement of its AI_TTS clip (ReferenceClipId) and carries a Text caption; the
 * TTS track is the main track; music loops; the title has no TimelineOut. Only the job's Duration says how long it is.
 */
export const SLIDESHOW_TIMELINE = {
  VideoTracks: [{
    VideoTrackClips: SLIDES.map((text, i) => ({
      ReferenceClipId: `speech${i + 1}`, Type: 'Image', MediaURL: `${DOC_MEDIA}/image/a${i + 1}.png`,
      Effects: [{
        Type: 'Text', Content: text, Alignment: 'CenterCenter', FontSize: 55, AdaptMode: 'AutoWrap', TextWidth: 0.7, Font: 'FZKai-Z03S',
        FontColor: '#ffffe0', Outline: 2, OutlineColour: '#000000', FontFace: { Bold: true, Italic: false, Underline: false },
      }],
    })),
  }],
  AudioTracks: [
    { MainTrack: true, AudioTrackClips: SLIDES.map((text, i) => ({ Type: 'AI_TTS', ClipId: `speech${i + 1}`, Content: text, Voice: 'zhichu' })) },
    { AudioTrackClips: [{ MediaURL: `${DOC_MEDIA}/music/bgm.mp3`, LoopMode: true, Effects: [{ Type: 'Volume', Gain: 0.2 }] }] },
  ],
  SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'The Analects, chapter one', X: 0, Y: 0.05, Alignment: 'TopCenter', Font: 'FZKai-Z03S', FontSize: 70, FontColor: '#ffffff' }] }],
};

/**
 * A main track whose second clip has no Out (it plays to the end of its source, whose length the Timeline does not
 * say), a caption on the first clip, a title without TimelineOut: while the job runs the output is "at least 10 s".
 */
export const OPEN_ENDED_TIMELINE = {
  VideoTracks: [{
    MainTrack: true,
    VideoTrackClips: [
      { MediaId: '2776e2051ccb9b2baee4458edb3ce587', In: 0, Out: 10, Effects: [{ Type: 'Text', Content: 'Harbour open day', FontSize: 64, FontColor: '#ffffff', Y: 0.8 }] },
      { MediaId: 'e4620fcd39a4d824aebf9c5ec6211d3d', In: 30 },
    ],
  }],
  SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'LIVE', TimelineIn: 1, Alignment: 'TopRight' }] }],
};

/** Fresh sample job definitions (new objects each call, so several emulators never share state). */
export function sampleJobs(): JobInit[] {
  const I = SAMPLE_IDS.ice;
  const V = SAMPLE_IDS.vod;
  const VJ = SAMPLE_IDS.vodJobs;
  const L = SAMPLE_IDS.liveEditing;
  const E = SAMPLE_IDS.liveEdge;
  const M = SAMPLE_IDS.mpc;
  const timeline = JSON.stringify(SAMPLE_TIMELINE);
  const iceCommon = { ProjectId: 'a0b1c2d3e4f5061728394a5b6c7d8e9f', UserData: JSON.stringify({ NotifyAddress: 'http://xx.xx.xxx', Key: 'Valuexxx' }) };
  const iceOutput = (id: string): Record<string, unknown> => ({
    MediaId: `out${id.slice(3)}`,
    MediaURL: `${OSS}/output/${id}.mp4`,
    VodMediaId: `vod${id.slice(3)}`,
  });
  const hdItem: Phase[] = [
    { at: 0, status: 'Transcoding', progress: 0, progressTo: 100 },
    { at: 25_000, status: 'TranscodeSuccess', progress: 100, fields: { OutputFile: vodOutputFile('HD', '1280', '720', AUDIO_PLAIN) } },
  ];

  return [
    // ICE ------------------------------------------------------------------------------------------------
    {
      kind: 'ice', id: I.movingToSuccess, description: 'Queuing → Processing (5 s, 0→100 %) → Success (40 s)',
      fields: { ...iceCommon, Timeline: timeline },
      phases: [
        { at: 0, status: 'Queuing', progress: 0 },
        { at: 5_000, status: 'Processing', progress: 0, progressTo: 100 },
        { at: 40_000, status: 'Success', progress: 100, fields: { ...iceOutput(I.movingToSuccess), Duration: 18.3333 } },
      ],
    },
    { kind: 'ice', id: I.init, description: 'Init (stays)', startOffsetMs: -2 * MINUTE, fields: { ...iceCommon, Timeline: timeline }, phases: [{ at: 0, status: 'Init' }] },
    {
      kind: 'ice', id: I.queuing, description: 'Queuing (stays)', startOffsetMs: -5 * MINUTE,
      fields: { ...iceCommon, Timeline: timeline }, phases: [{ at: 0, status: 'Queuing', progress: 0 }],
    },
    {
      kind: 'ice', id: I.processing, description: 'Processing, Progress "45" as a string (stays)', startOffsetMs: -10 * MINUTE, progressAsString: true,
      fields: { ...iceCommon, Timeline: timeline },
      phases: [{ at: 0, status: 'Queuing', progress: 0 }, { at: MINUTE, status: 'Processing', progress: 45 }],
    },
    {
      kind: 'ice', id: I.succeeded, description: 'Success; JSON-string Timeline/UserData/SubJobMaterials; unknown fields', startOffsetMs: -3 * HOUR,
      fields: {
        ...iceCommon,
        Timeline: timeline,
        SubJobMaterials: JSON.stringify([{ SubJobId: 'd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6', MediaId: '9a1f0c2e4b7d4c1e8f3a6b5d2c1e0f9a' }]),
        // Fields the reference does not list: a client must keep going.
        JobType: 'Script',
        OutputMediaTarget: 'oss-object',
        ClipsParamVersion: 2,
        FutureField: { Nested: ['a', 1, null] },
      },
      phases: [
        { at: 0, status: 'Queuing', progress: 0 },
        { at: 20_000, status: 'Processing', progress: 50 },
        { at: 95_000, status: 'Success', progress: 100, fields: { ...iceOutput(I.succeeded), Duration: 18.3333 } },
      ],
    },
    {
      kind: 'ice', id: I.failed, description: 'Failed: ExceededMaximumValue', startOffsetMs: -50 * MINUTE,
      fields: { ...iceCommon, Timeline: timeline },
      phases: [
        { at: 0, status: 'Queuing', progress: 0 },
        { at: 10_000, status: 'Failed', progress: 0, error: { code: 'ExceededMaximumValue', message: 'The specified "Width_Height" has exceeded maximum value.' } },
      ],
    },
    {
      kind: 'ice', id: I.badTimeline, description: 'Success; Timeline string is not valid JSON', startOffsetMs: -1 * DAY,
      fields: { ...iceCommon, Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"9a1f0c2e4b7d4c1e8f3a6b5d2c1e0f9a","In":0,"Out":5},]' },
      phases: [{ at: 0, status: 'Success', progress: 100, fields: iceOutput(I.badTimeline) }],
    },
    {
      kind: 'ice', id: I.largeTimeline, description: 'Success; 2,000-clip Timeline', startOffsetMs: -6 * HOUR,
      fields: { ...iceCommon, Timeline: JSON.stringify(largeTimeline(2000)) },
      // Duration: the main track's 1,200 clips of 2 s (the job's Duration is the timeline's length, so they agree).
      phases: [{ at: 0, status: 'Success', progress: 100, fields: { ...iceOutput(I.largeTimeline), Duration: 2400 } }],
    },
    {
      kind: 'ice', id: I.template, description: 'Success; template job (TemplateId + ClipsParam, no Timeline)', startOffsetMs: -2 * DAY,
      fields: {
        ProjectId: iceCommon.ProjectId,
        TemplateId: 'IceSys_VETemplate_s100241',
        ClipsParam: JSON.stringify({ VideoArray: ['****9d46c886b45481030f6e****', '****c886810b4890b9d9b5a4****', 'https://mji-demo-bucket.oss-cn-shanghai.aliyuncs.com/v1.mp4'], Text0: 'Welcome' }),
      },
      phases: [{ at: 0, status: 'Success', progress: 100, fields: { ...iceOutput(I.template), Duration: 30.5 } }],
    },
    {
      kind: 'ice', id: I.unknownStatus, description: 'Status "Suspended" (not documented)', startOffsetMs: -30 * MINUTE,
      fields: { ...iceCommon, Timeline: timeline }, phases: [{ at: 0, status: 'Suspended', progress: 12 }],
    },
    {
      // Job text that plays with VS Code's renderers: a theme icon in its name (TemplateId); the error message a
      // command link is given by the notifications suite (emulator.setStatus), the way a cloud would return it.
      kind: 'ice', id: I.hostile, description: 'Processing (stays); TemplateId "$(zap) launch promo"', startOffsetMs: -3 * MINUTE,
      fields: { ProjectId: iceCommon.ProjectId, TemplateId: '$(zap) launch promo', ClipsParam: JSON.stringify({ Text0: 'Welcome' }) },
      phases: [{ at: 0, status: 'Processing', progress: 30 }],
    },
    {
      kind: 'ice', id: I.captioned, description: 'Success; text-to-video slideshow: images tied to AI_TTS clips, Text captions (Duration 30.5)', startOffsetMs: -4 * HOUR,
      fields: { ...iceCommon, Timeline: JSON.stringify(SLIDESHOW_TIMELINE) },
      phases: [{ at: 0, status: 'Success', progress: 100, fields: { ...iceOutput(I.captioned), Duration: 30.5 } }],
    },
    {
      kind: 'ice', id: I.openEnded, description: 'Processing (no Duration: timeline "at least 10 s") → Success (60 s, Duration 19.27)',
      fields: { ...iceCommon, Timeline: JSON.stringify(OPEN_ENDED_TIMELINE) },
      phases: [
        { at: 0, status: 'Processing', progress: 0, progressTo: 90 },
        { at: 60_000, status: 'Success', progress: 100, fields: { ...iceOutput(I.openEnded), Duration: 19.27 } },
      ],
    },

    // VOD ------------------------------------------------------------------------------------------------
    {
      kind: 'vod', id: V.movingToPartial, description: 'Processing → CompletePartialSucc (50 s): HD ok at 25 s, 4K fails',
      fields: VOD_TASK_FIELDS('d4860fcc6a5e4d0bbce9fed52e893801', 'Auto'),
      phases: [{ at: 0, status: 'Processing' }, { at: 50_000, status: 'CompletePartialSucc' }],
      items: [
        { id: VJ.movingHd, fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'HD'), phases: hdItem },
        {
          id: VJ.moving4k, fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d7', '4K'),
          phases: [
            { at: 0, status: 'Transcoding', progress: 0, progressTo: 60 },
            {
              at: 50_000, status: 'TranscodeFail', progress: 60,
              error: { code: 'InvalidParameter.TemplateGroupId', message: 'The specified parameter "TemplateGroupId" is not valid: the 4K template needs a source of at least 2160p.' },
            },
          ],
        },
      ],
    },
    {
      kind: 'vod', id: V.processing, description: 'Processing, two outputs at 35 % (stays)', startOffsetMs: -4 * MINUTE,
      fields: VOD_TASK_FIELDS('d4860fcc6a5e4d0bbce9fed52e893802', 'Manual'),
      phases: [{ at: 0, status: 'Processing' }],
      items: [
        { id: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f11', fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'SD'), phases: [{ at: 0, status: 'Transcoding', progress: 35 }] },
        { id: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f12', fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d7', 'FHD'), phases: [{ at: 0, status: 'Transcoding', progress: 35 }] },
      ],
    },
    {
      kind: 'vod', id: V.partial, description: 'Partial: one output done, one transcoding (stays)', startOffsetMs: -8 * MINUTE,
      fields: VOD_TASK_FIELDS('d4860fcc6a5e4d0bbce9fed52e893803', 'Auto'),
      phases: [{ at: 0, status: 'Processing' }, { at: 3 * MINUTE, status: 'Partial' }],
      items: [
        {
          id: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f21', fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'LD'),
          phases: [{ at: 0, status: 'Transcoding', progress: 0 }, { at: 3 * MINUTE, status: 'TranscodeSuccess', progress: 100, fields: { OutputFile: vodOutputFile('LD', '640', '360', AUDIO_PLAIN) } }],
        },
        { id: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f22', fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d7', '2K'), phases: [{ at: 0, status: 'Transcoding', progress: 70 }] },
      ],
    },
    {
      kind: 'vod', id: V.allSucceeded, description: 'CompleteAllSucc; stream lists as strings, one doubly encoded', startOffsetMs: -5 * HOUR,
      fields: VOD_TASK_FIELDS('d4860fcc6a5e4d0bbce9fed52e893804', 'Auto'),
      phases: [{ at: 0, status: 'Processing' }, { at: 2 * MINUTE, status: 'CompleteAllSucc' }],
      items: [
        {
          id: VJ.succeededLd,
          // The docs' own example: ErrorCode "200" on a job that succeeded.
          fields: { ...vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'LD'), ErrorCode: '200', ErrorMessage: '' },
          phases: [{ at: 0, status: 'Transcoding', progress: 0 }, { at: 2 * MINUTE, status: 'TranscodeSuccess', progress: 100, fields: { OutputFile: vodOutputFile('LD', '640', '360', AUDIO_DOC_EXAMPLE) } }],
        },
        {
          id: VJ.succeededHd, fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d7', 'HD'),
          phases: [{ at: 0, status: 'Transcoding', progress: 0 }, { at: 2 * MINUTE, status: 'TranscodeSuccess', progress: 100, fields: { OutputFile: vodOutputFile('HD', '1280', '720', AUDIO_DOUBLE) } }],
        },
      ],
    },
    {
      kind: 'vod', id: V.allFailed, description: 'CompleteAllFail; item errors', startOffsetMs: -1 * DAY,
      fields: VOD_TASK_FIELDS('d4860fcc6a5e4d0bbce9fed52e893805', 'Manual'),
      phases: [{ at: 0, status: 'Processing' }, { at: MINUTE, status: 'CompleteAllFail' }],
      items: [
        {
          id: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f41', fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'HD'),
          phases: [
            { at: 0, status: 'Transcoding', progress: 0 },
            { at: MINUTE, status: 'TranscodeFail', progress: 0, error: { code: 'InvalidParameter.ResourceContentBad', message: 'The resource operated InputFile is bad' } },
          ],
        },
        {
          id: 'c2a0f3e1d4b54a6e9f8a7b6c5d4e3f42', fields: vodItemFields('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d7', 'AUTO'),
          phases: [
            { at: 0, status: 'Transcoding', progress: 0 },
            { at: MINUTE, status: 'TranscodeFail', progress: 0, error: { code: 'InvalidParameter.TemplateGroupId', message: 'The specified parameter "TemplateGroupId" is not valid.' } },
          ],
        },
      ],
    },
    {
      kind: 'vod', id: V.unknownStatus, description: 'TaskStatus "Canceled" (not documented)', startOffsetMs: -2 * HOUR,
      fields: VOD_TASK_FIELDS('d4860fcc6a5e4d0bbce9fed52e893806', 'Manual'),
      phases: [{ at: 0, status: 'Canceled' }],
      items: [],
    },

    // Live editing ---------------------------------------------------------------------------------------
    {
      kind: 'live-editing', id: L.showMoving, casterId: L.casterStringArray, casterShape: 'json-string-array',
      description: '0 → 1 (10 s) → 2 (45 s) → 3 (70 s)',
      fields: { OutputVodId: '3e34733b40b9a96ccf5c1ff6f6900001', ...LIVE_STORAGE('EditFile-moving.mp4') },
      phases: [{ at: 0, status: 0 }, { at: 10_000, status: 1 }, { at: 45_000, status: 2 }, { at: 70_000, status: 3 }],
    },
    {
      kind: 'live-editing', id: L.showFailed, casterId: L.casterStringArray, description: '-1 failed', startOffsetMs: -2 * HOUR,
      fields: { OutputVodId: '', ...LIVE_STORAGE('EditFile-failed.mp4') },
      phases: [{ at: 0, status: 0 }, { at: MINUTE, status: 1 }, { at: 3 * MINUTE, status: -1 }],
    },
    {
      kind: 'live-editing', id: L.showUploading, casterId: L.casterStringObject, casterShape: 'json-string-object',
      description: '2 uploading to VOD (stays)', startOffsetMs: -6 * MINUTE,
      fields: { OutputVodId: '3e34733b40b9a96ccf5c1ff6f6900003', ...LIVE_STORAGE('EditFile-uploading.mp4') },
      phases: [{ at: 0, status: 1 }, { at: 4 * MINUTE, status: 2 }],
    },
    {
      kind: 'live-editing', id: L.showInitializing, casterId: L.casterInlineArray, casterShape: 'inline-array',
      description: '0 initializing (stays)', fields: { OutputVodId: '', ...LIVE_STORAGE('EditFile-init.mp4') }, phases: [{ at: 0, status: 0 }],
    },
    {
      kind: 'live-editing', id: L.showEditing, casterId: L.casterInlineArray, description: '1 editing (stays)', startOffsetMs: -MINUTE,
      fields: { OutputVodId: '', ...LIVE_STORAGE('EditFile-editing.mp4') }, phases: [{ at: 0, status: 1 }],
    },
    {
      kind: 'live-editing', id: L.showSucceeded, casterId: L.casterInlineArray, description: '3 succeeded', startOffsetMs: -1 * DAY,
      fields: { OutputVodId: '3e34733b40b9a96ccf5c1ff6f6900006', ...LIVE_STORAGE('EditFile-done.mp4'), ExtraFromTheFuture: true },
      phases: [{ at: 0, status: 0 }, { at: MINUTE, status: 3 }],
    },
    {
      kind: 'live-editing', id: L.showUnknown, casterId: L.casterInlineArray, description: '4 (not documented)', startOffsetMs: -10 * MINUTE,
      fields: { OutputVodId: '', ...LIVE_STORAGE('EditFile-unknown.mp4') }, phases: [{ at: 0, status: 4 }],
    },

    // Live edge transcode --------------------------------------------------------------------------------
    {
      kind: 'live-edge', id: E.running, clusterId: E.clusterId, description: '"1" running for days (earlier stop)', startOffsetMs: -3 * DAY,
      fields: EDGE_FIELDS('news-main', 'common'),
      phases: [{ at: 0, status: '1' }, { at: HOUR, status: '0' }, { at: 2 * HOUR, status: '1' }],
    },
    {
      kind: 'live-edge', id: E.stopped, clusterId: E.clusterId, description: '"0" never started', startOffsetMs: -1 * DAY,
      fields: EDGE_FIELDS('sports-backup', 'nbhd-2'), phases: [{ at: 0, status: '0' }],
    },
    {
      kind: 'live-edge', id: E.startingSoon, clusterId: E.clusterId, description: '"0" → "1" (20 s)',
      fields: EDGE_FIELDS('concert-4k', 'ultra-hd'), phases: [{ at: 0, status: '0' }, { at: 20_000, status: '1' }],
    },
    {
      kind: 'live-edge', id: E.unknownStatus, clusterId: E.clusterId, description: '"2" (not documented)', startOffsetMs: -HOUR,
      fields: { ...EDGE_FIELDS('lab-test', 'common'), Region: 'cn-shanghai' }, phases: [{ at: 0, status: '2' }],
    },

    // Huawei MPC editing ---------------------------------------------------------------------------------
    {
      kind: 'mpc-editing', id: M.movingToFailed, description: 'WAITING → PROCESSING (10 s, 0→80 %) → FAILED MPC.10053 (60 s)',
      fields: { description: 'merge intro and talk', user_data: 'ticket=MJI-42', output: MPC_OUTPUT },
      phases: [
        { at: 0, status: 'WAITING', progress: 0 },
        { at: 10_000, status: 'PROCESSING', progress: 0, progressTo: 80 },
        { at: 60_000, status: 'FAILED', progress: 80, error: { code: 'MPC.10053', message: 'The input file is not found.' } },
      ],
    },
    {
      kind: 'mpc-editing', id: M.waiting, description: 'WAITING (stays)', startOffsetMs: -MINUTE,
      fields: { description: 'queued clip', user_data: '', output: MPC_OUTPUT }, phases: [{ at: 0, status: 'WAITING', progress: 0 }],
    },
    {
      kind: 'mpc-editing', id: M.processing, description: 'PROCESSING 62 % (stays)', startOffsetMs: -7 * MINUTE,
      fields: { description: 'concat three clips', user_data: '{"owner":"ops"}', output: MPC_OUTPUT },
      phases: [{ at: 0, status: 'WAITING', progress: 0 }, { at: MINUTE, status: 'PROCESSING', progress: 62 }],
    },
    {
      kind: 'mpc-editing', id: M.succeeded, description: 'SUCCEEDED with editing_output; unknown fields', startOffsetMs: -4 * HOUR,
      fields: { description: 'highlights', user_data: 'ticket=MJI-7', output: MPC_OUTPUT, metadata: [{ name: 'title', value: 'Highlights' }, { name: 'owner', value: 'ops' }], tenant_tags: { env: 'demo' } },
      phases: [
        { at: 0, status: 'WAITING', progress: 0 },
        { at: 30_000, status: 'PROCESSING', progress: 40 },
        { at: 5 * MINUTE, status: 'SUCCEEDED', progress: 100, fields: { editing_output: MPC_EDITING_OUTPUT } },
      ],
    },
    {
      kind: 'mpc-editing', id: M.failed, description: 'FAILED MPC.10052 (cannot fetch input)', startOffsetMs: -2 * DAY,
      fields: { description: 'broken source', user_data: '', output: MPC_OUTPUT },
      phases: [
        { at: 0, status: 'WAITING', progress: 0 },
        { at: 20_000, status: 'FAILED', progress: 0, error: { code: 'MPC.10052', message: 'Failed to obtain the input file.' } },
      ],
    },
    {
      kind: 'mpc-editing', id: M.cancelled, description: 'CANCELED (the EditingJob model\'s value)', startOffsetMs: -3 * HOUR,
      fields: { description: 'cancelled by operator', user_data: '', output: MPC_OUTPUT }, phases: [{ at: 0, status: 'CANCELED', progress: 10 }],
    },
  ];
}
