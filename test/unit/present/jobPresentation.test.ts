import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { emptyOutput, type Job, type JobKind, JOB_STATUSES, type JobOutput } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { contextValue, escapeMarkdown, formatAge, jobDescription, jobLabel, jobName, jobTitle, jobTooltipMarkdown, outputUrls, rowAge, safeHttpUrl, shortId, statusIcon } from '../../../src/present/jobPresentation.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();

function tracked(kind: JobKind, id: string, snap: Partial<Job> | null, extra: Partial<TrackedJob> = {}, params: JobRef['params'] = {}): TrackedJob {
  const ref: JobRef = { kind, id, region: 'cn-shanghai', params };
  return {
    key: jobKey(ref), ref,
    snapshot: snap ? { ...blankJob(kind, 'cn-shanghai', id), params, ...snap } : null,
    lastError: null, addedAt: ago(3_600_000), lastCheckedAt: snap ? ago(12_000) : null, watched: false, ...extra,
  };
}

const ICE_ID = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';

test('formatAge and shortId', () => {
  assert.equal(formatAge(12_400), '12 s');
  assert.equal(formatAge(-5_000), '0 s');
  assert.equal(formatAge(3 * 60_000 + 59_000), '3 min');
  assert.equal(formatAge(2 * 3_600_000 + 1), '2 h');
  assert.equal(formatAge(5 * 86_400_000), '5 d');
  assert.equal(shortId(ICE_ID), '7c1e0a9b…a801');
  assert.equal(shortId('edge-cluster-01'), 'edge-cluster-01');
  assert.equal(shortId('53200b81-b761-4c10-842a-a0726d970001'), '53200b81…0001');
});

test('titles: short id plus a useful name, or the caster / cluster context', () => {
  assert.equal(jobTitle(tracked('ice', ICE_ID, { name: 'promo.mp4' })), '7c1e0a9b…a801 · promo.mp4');
  assert.equal(jobTitle(tracked('ice', ICE_ID, null)), '7c1e0a9b…a801');
  const show = tracked('live-editing', '42200b81-0c1d-4e5f-8a9b-000000000001', { name: '42200b81-0c1d-4e5f-8a9b-000000000001' }, {}, { casterId: '53200b81-b761-4c10-842a-a0726d970001' });
  assert.equal(jobTitle(show), '42200b81…0001 · caster 53200b81…0001');
  const caster = tracked('live-editing', '53200b81-b761-4c10-842a-a0726d970001', null);
  assert.equal(jobTitle(caster), 'caster 53200b81…0001');
  const edge = tracked('live-edge', 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b01', null, {}, { clusterId: 'edge-cluster-sh-01' });
  assert.equal(jobTitle(edge), 'e7d1c4b2…6b01 · edge-cluster-sh-01');
  // A name with line breaks and control characters stays on one line.
  assert.equal(jobTitle(tracked('ice', ICE_ID, { name: 'a\nb\u0007c' })), '7c1e0a9b…a801 · a b c');
});

test('tree labels: the real name, else the short id (ids are not names); neutralised', () => {
  assert.equal(jobLabel(tracked('ice', ICE_ID, { name: 'promo.mp4' })), 'promo.mp4');
  assert.equal(jobLabel(tracked('ice', ICE_ID, { name: 'template promo-16x9' })), 'template promo-16x9');
  assert.equal(jobLabel(tracked('ice', ICE_ID, null)), '7c1e0a9b…a801');
  // Not names: the output file named after the job, the project fallback, a VOD VideoId, a ShowId.
  assert.equal(jobLabel(tracked('ice', ICE_ID, { name: `${ICE_ID}.mp4` })), '7c1e0a9b…a801');
  assert.equal(jobLabel(tracked('ice', ICE_ID, { name: 'project a0b1c2d3e4f5061728394a5b6c7d8e9f' })), '7c1e0a9b…a801');
  // …but a template job's template does.
  assert.equal(jobLabel(tracked('ice', ICE_ID, { name: `${ICE_ID}.mp4`, templateId: 'promo-16x9' })), 'template promo-16x9');
  assert.equal(jobLabel(tracked('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f01', { name: 'd4860fcc6a5e4d0bbce9fed52e893801', templateId: 'b1b65ab107e14c0e8f3dbb900f6c1f99' })), 'b1b65ab1…1f01');
  const showId = '42200b81-0c1d-4e5f-8a9b-000000000001';
  const casterId = '53200b81-b761-4c10-842a-a0726d970001';
  assert.equal(jobLabel(tracked('live-editing', showId, { name: showId }, {}, { casterId })), '42200b81…0001');
  assert.equal(jobLabel(tracked('live-editing', showId, { name: 'EditFile-uploading.mp4' }, {}, { casterId })), 'EditFile-uploading.mp4');
  assert.equal(jobLabel(tracked('live-editing', casterId, null)), 'caster 53200b81…0001');
  assert.equal(jobLabel(tracked('live-edge', 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b01', { name: 'news-main' }, {}, { clusterId: 'c1' })), 'news-main');
  assert.equal(jobName(tracked('mpc-editing', '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a02', { name: 'merged.mp4' })), 'merged.mp4');
  // Long names are cut so the description stays in view; line breaks, controls, bidi and link syntax go.
  assert.equal(jobLabel(tracked('ice', ICE_ID, { name: 'a-very-long-output-file-name-for-the-open-day.mp4' })), 'a-very-long-output-file-name-fo…');
  assert.equal(jobLabel(tracked('ice', ICE_ID, { name: 'a\nb\u0007c\u202e\u0085d' })), 'a bcd');
  assert.equal(jobLabel(tracked('ice', ICE_ID, { name: '[x](command:evil) $(alert).mp4' })), '[x] (command:evil) $(alert).mp4');
  // A named row's description ends with the short id: the label and description tell it apart together.
  assert.equal(jobDescription(tracked('ice', ICE_ID, { name: 'promo.mp4', status: 'running', progress: 45 }), NOW), '45 % · 7c1e0a9b…a801');
  assert.equal(jobDescription(tracked('live-edge', 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b02', { name: 'sports-backup', status: 'stopped' }), NOW), 'e7d1c4b2…6b02');
  assert.equal(jobDescription(tracked('ice', ICE_ID, { status: 'running', progress: 45 }), NOW), '45 %', 'no id twice');
});

test('descriptions: what the group does not say already, ages to the minute, nothing that ages on a finished row', () => {
  const d = (snap: Partial<Job>, extra: Partial<TrackedJob> = {}) => jobDescription(tracked('ice', ICE_ID, snap, extra), NOW);
  assert.equal(d({ status: 'running', progress: 45.4 }), '45 %');
  assert.equal(d({ status: 'running', startedAt: ago(180_000) }), 'started 3 min ago');
  assert.equal(d({ status: 'running', startedAt: ago(20_000) }), 'started <1 min ago');
  assert.equal(d({ status: 'running' }), '');
  assert.equal(d({ status: 'queued', createdAt: ago(120_000) }), 'waiting 2 min');
  assert.equal(d({ status: 'queued' }), '');
  assert.equal(d({ status: 'succeeded', startedAt: ago(7_500_000), completedAt: ago(7_200_000) }), 'took 5 min');
  assert.equal(
    d({ status: 'failed', createdAt: ago(400_000), completedAt: ago(100_000), error: { code: 'ExceededMaximumValue', message: 'x' } }),
    'ExceededMaximumValue · took 5 min',
  );
  assert.equal(d({ status: 'partial' }), '');
  // A VOD task summary error without a code (its failed outputs named none): no empty part.
  assert.equal(d({ status: 'partial', createdAt: ago(400_000), completedAt: ago(100_000), error: { code: '', message: '1 of 2 transcode jobs failed' } }), 'took 5 min');
  assert.equal(d({ status: 'stopped' }), '');
  assert.equal(d({ status: 'unknown', rawStatus: 'Suspended' }), 'status Suspended');
  // Live editing: the phase inside "running", never the group's own word.
  const live = (rawStatus: string, status: Job['status']) => jobDescription(tracked('live-editing', '42200b81-0c1d-4e5f-8a9b-000000000003', { status, rawStatus }, {}, { casterId: '53200b81-b761-4c10-842a-a0726d970001' }), NOW);
  assert.equal(live('2', 'running'), 'uploading to VOD');
  assert.equal(live('1', 'running'), 'editing');
  assert.equal(live('-1', 'failed'), '');
  assert.equal(live('3', 'succeeded'), '');
  // The age of the last check is never in the row.
  assert.doesNotMatch(d({ status: 'running', progress: 1 }), /updated|ago/);
  // Never fetched, and a failed first fetch.
  assert.equal(jobDescription(tracked('ice', ICE_ID, null), NOW), 'checking…');
  const err = { kind: 'api' as const, code: 'JobNotFound', message: 'gone', hint: null, at: ago(1000) };
  assert.equal(jobDescription(tracked('ice', ICE_ID, null, { lastError: err }), NOW), '⚠ JobNotFound');
  // An error after earlier successes: the warning first, the snapshot's facts kept.
  assert.equal(d({ status: 'running', progress: 10 }, { lastError: { ...err, code: null, kind: 'network' } }), '⚠ network · 10 %');
  // A hostile code stays one line without link syntax or controls.
  assert.equal(d({ status: 'failed', error: { code: '[x](command:evil)\n\u202eE', message: '' } }), '[x] (command:evil) E');
  assert.equal(rowAge(59_999), '<1 min');
  assert.equal(rowAge(60_000), '1 min');
});

test('escapeMarkdown neutralises links, images, HTML, autolinks and line structure', () => {
  const hostile = '[x](command:evil) ![i](https://t.example/p.png) <img src=x onerror=alert(1)> https://evil.example *b* `c` # h\n- list\r\n&amp;';
  const out = escapeMarkdown(hostile);
  assert.ok(!/(^|[^\\])[[\]()<>*`#&!]/.test(out), out);
  assert.ok(!out.includes('\n') && !out.includes('\r'));
  assert.ok(!out.includes('https://'), 'autolinks broken up');
  // Nothing lost: unescaping gives the flattened text back.
  assert.equal(out.replace(/\\(.)/g, '$1'), hostile.replace(/[\r\n]+/g, ' '));
});

test('safeHttpUrl keeps only http(s) URLs and makes them safe link destinations', () => {
  assert.equal(safeHttpUrl('https://b.oss-cn-shanghai.aliyuncs.com/out/a (1).mp4'), 'https://b.oss-cn-shanghai.aliyuncs.com/out/a%20%281%29.mp4');
  for (const bad of ['command:evil', 'javascript:alert(1)', 'obs://bucket/a.mp4', 'oss://b/a.mp4', 'file:///etc/passwd', 'data:text/html,x', 'not a url', '', null, 'https://user:pw@host/x']) {
    assert.equal(safeHttpUrl(bad), null, String(bad));
  }
});

test('tooltips: facts in UTC, raw status, outputs linked only for http(s), every job string escaped', () => {
  const outputs: JobOutput[] = [
    { ...emptyOutput(), url: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out/final.mp4', fileName: 'final.mp4', width: 1280, height: 720, sizeBytes: 4_404_019 },
    { ...emptyOutput(), url: 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D', fileName: '[x](command:evil)' },
    { ...emptyOutput(), url: 'obs://media-out/edit/out.mp4', fileName: null },
  ];
  const t = tracked('ice', ICE_ID, {
    status: 'failed', rawStatus: 'Failed', name: '<img src=x onerror=alert(1)>', progress: 100,
    createdAt: '2024-06-01T09:00:00Z', startedAt: '2024-06-01T09:00:05Z', completedAt: '2024-06-01T09:05:05Z', durationSeconds: 93.5,
    error: { code: 'ExceededMaximumValue', message: 'The specified "Width_Height" has exceeded [maximum](command:evil) value.' },
    outputs,
  }, {
    lastError: { kind: 'api', code: 'Throttling.User', message: 'denied <b>', hint: 'wait *a bit*', at: ago(60_000) },
  });
  const md = jobTooltipMarkdown(t, NOW);
  assert.match(md, /\*\*IMS editing job\*\* · Failed \(Failed\)/);
  assert.match(md, /Created: 2024-06-01 09:00:00 UTC/);
  assert.match(md, /Completed: 2024-06-01 09:05:05 UTC/);
  assert.match(md, /Took: 5 min/);
  assert.match(md, /Media duration: 1 min 34 s/);
  assert.match(md, /\[final\\\.mp4\]\(https:\/\/bucket\.oss-cn-shanghai\.aliyuncs\.com\/out\/final\.mp4\)/);
  assert.match(md, /1280×720/);
  assert.match(md, /4\.20 MB/, 'sizes read as in the inspector and the CLI');
  // Exactly one link, the http(s) one.
  assert.equal(md.match(/\]\(/g)?.length, 1, md);
  assert.ok(!md.includes('(command:'), md);
  // No unescaped HTML or link syntax from job data anywhere.
  assert.doesNotMatch(md, /(^|[^\\])</);
  assert.doesNotMatch(md.replace('](https://bucket', ''), /(^|[^\\])\]\(/);
  assert.match(md, /\\<img src\\=x onerror\\=alert\\\(1\\\)\\>/);
  assert.match(md, /\n- obs\\:\\\/\\\/media\\-out\\\/edit\\\/out\\\.mp4\n/);
  assert.match(md, /Last poll failed\*\* Throttling\\\.User: denied \\<b\\>/);
  assert.match(md, /Hint: wait \\\*a bit\\\*/);
  assert.match(md, /Last checked 12 s ago/);
  // Progress is not shown for a finished job.
  assert.doesNotMatch(md, /Progress/);
  // An error without a code reads as its message alone.
  const noCode = jobTooltipMarkdown(tracked('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f01', { status: 'partial', error: { code: '', message: '1 of 2 transcode jobs failed' } }), NOW);
  assert.match(noCode, /\*\*Error\*\* 1 of 2 transcode jobs failed/);
});

test('tooltips: ages of the times as the tooltip opens; what the API does not report is said once', () => {
  const md = jobTooltipMarkdown(tracked('ice', ICE_ID, { status: 'succeeded', createdAt: ago(7_500_000), completedAt: ago(7_200_000) }), NOW);
  assert.match(md, /Created: 2024-06-01 09:55:00 UTC, 2 h ago/);
  assert.match(md, /Completed: 2024-06-01 10:00:00 UTC, 2 h ago/);
  assert.doesNotMatch(md, /reports no/);
  // A failed Live editing task: TaskStatus -1, no error, no times.
  const casterId = '53200b81-b761-4c10-842a-a0726d970001';
  const failed = jobTooltipMarkdown(tracked('live-editing', '42200b81-0c1d-4e5f-8a9b-000000000002', { status: 'failed', rawStatus: '-1', params: { casterId } }, {}, { casterId }), NOW);
  assert.match(failed, /\*\*Error\*\* GetEditingJobInfo reports no error code or message for this job {2}\nHint: the production studio \(caster 53200b81\\-b761/);
  assert.match(failed, /GetEditingJobInfo reports no times/);
  assert.equal(failed.match(/reports no times/g)?.length, 1, 'said once');
  assert.doesNotMatch(failed, /Created|Started|Completed|Took/);
  // A VOD task's name is its VideoId.
  const vod = jobTooltipMarkdown(tracked('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f01', { status: 'succeeded', name: 'd4860fcc6a5e4d0bbce9fed52e893801', createdAt: ago(1000) }), NOW);
  assert.match(vod, /Video ID: d4860fcc6a5e4d0bbce9fed52e893801/);
  assert.doesNotMatch(vod, /Name:/);
});

test('tooltips before the first fetch and for a whole caster', () => {
  const md = jobTooltipMarkdown(tracked('live-editing', '53200b81-b761-4c10-842a-a0726d970001', null, { watched: true }), NOW);
  assert.match(md, /whole caster/);
  assert.match(md, /checking…/);
  assert.match(md, /Not checked yet · watched until done/);
});

test('contextValue encodes state for menus', () => {
  const running = tracked('ice', ICE_ID, { status: 'running', outputs: [{ ...emptyOutput(), url: 'https://x.example/a.mp4' }] });
  assert.equal(contextValue(running), 'job;kind-ice;status-running;active;unwatched;hasOutputUrl;');
  const failed = tracked('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f05', { status: 'failed', error: { code: 'E', message: 'm' }, outputs: [{ ...emptyOutput(), url: 'obs://b/a' }] }, { watched: true });
  const cv = contextValue(failed);
  assert.equal(cv, 'job;kind-vod;status-failed;terminal;watched;hasError;');
  // The regexes package.json menus use.
  assert.match(contextValue(running), /^job;/);
  assert.match(contextValue(running), /;active;/);
  assert.match(contextValue(running), /;unwatched;/);
  assert.doesNotMatch(contextValue(running), /;watched;/);
  assert.doesNotMatch(cv, /;active;/);
  assert.doesNotMatch(cv, /;hasOutputUrl;/);
  const never = tracked('mpc-editing', '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a01', null, { lastError: { kind: 'network', code: 'ECONNRESET', message: 'x', hint: null, at: ago(1) } });
  assert.equal(contextValue(never), 'job;kind-mpc-editing;status-unknown;active;unwatched;hasError;');
  assert.deepEqual(outputUrls(running), ['https://x.example/a.mp4']);
  assert.deepEqual(outputUrls(failed), []);
});

test('statusIcon: a codicon for every status, spinning only while running', () => {
  assert.deepEqual(statusIcon('running'), { id: 'sync', color: 'charts.blue', spin: true });
  assert.deepEqual(statusIcon('succeeded'), { id: 'pass-filled', color: 'testing.iconPassed', spin: false });
  assert.deepEqual(statusIcon('failed'), { id: 'error', color: 'testing.iconFailed', spin: false });
  assert.equal(statusIcon('partial').id, 'warning');
  assert.equal(statusIcon('queued').id, 'clock');
  assert.equal(statusIcon('stopped').id, 'debug-stop');
  assert.equal(statusIcon('unknown').id, 'question');
  assert.equal(new Set(JOB_STATUSES.map((s) => statusIcon(s).id)).size, JOB_STATUSES.length);
  assert.deepEqual(JOB_STATUSES.filter((s) => statusIcon(s).spin), ['running']);
});

test('Live edge "0" is "Not started" on the row and in the tooltip; its input and stop time are in the tooltip', () => {
  const id = 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b02';
  const snap: Partial<Job> = {
    name: 'sports-backup', status: 'stopped', rawStatus: '0', startedAt: ago(7_200_000), stoppedAt: ago(3_600_000),
    inputs: [{ url: 'rtmp://mydomain/app/[x](command:evil)', label: null }],
  };
  const t = tracked('live-edge', id, snap, {}, { clusterId: 'c1' });
  assert.equal(jobDescription(t, NOW), 'not started · e7d1c4b2…6b02');
  const md = jobTooltipMarkdown(t, NOW);
  assert.match(md, /^\*\*Live edge transcode job\*\* · Not started \(0\)/);
  assert.match(md, /Input: rtmp\\:\\\/\\\/mydomain\\\/app\\\/\\\[x\\\]\\\(command\\:evil\\\)/, 'escaped, never a link');
  assert.match(md, /Stopped: 2024-06-01 11:00:00 UTC, 1 h ago/);
  // Another kind's "0" and a running edge job keep the shared words.
  assert.match(jobTooltipMarkdown(tracked('live-edge', id, { ...snap, status: 'running', rawStatus: '1' }, {}, { clusterId: 'c1' }), NOW), /· Running \(1\)/);
  assert.equal(jobDescription(tracked('mpc-editing', '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a02', { status: 'stopped', rawStatus: '0' }), NOW), '');
});

test('VOD: the tooltip names each input (at most three, then how many more)', () => {
  const inputs = ['a', 'b', 'c', 'd', 'e'].map((x) => ({ url: `https://in.example/${x}.mov`, label: x.toUpperCase() }));
  const md = jobTooltipMarkdown(tracked('vod', '4573692435359de37f11e9577d7d5abf', { status: 'running', inputs }), NOW);
  assert.ok(md.includes('Input (A): https\\:\\/\\/in\\.example\\/a\\.mov  \n'), md);
  assert.match(md, /Input \(C\)/);
  assert.doesNotMatch(md, /Input \(D\)/);
  assert.match(md, /Inputs: … and 2 more/);
});

test('the tooltip names the profile a job is polled with; one saved before profiles names none', () => {
  const t = tracked('ice', ICE_ID, { status: 'running' });
  assert.match(jobTooltipMarkdown({ ...t, ref: { ...t.ref, profile: 'customer' } }, NOW), /Profile: customer/);
  assert.doesNotMatch(jobTooltipMarkdown(t, NOW), /Profile:/);
  // A profile name is the user's text: Markdown in it is escaped.
  assert.match(jobTooltipMarkdown({ ...t, ref: { ...t.ref, profile: 'a*b' } }, NOW), /Profile: a\\\*b/);
});
