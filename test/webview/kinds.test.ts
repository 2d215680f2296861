/**
 * The built inspector (dist/webview/inspector.js in a preview page under the real CSP) with fixture jobs of all
 * five kinds, in headless Chromium: overview values, outputs with Copy and Open, streams grouped with units,
 * the definition-vs-resolution flag, Huawei's own fields. Screenshots go to artifacts/webview/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { type Job } from '../../src/model/job.js';
import { cspViolations, fixtureJob, fixtureJobs, launch, type Opened, openPreview, shot, showTab } from './support.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate callbacks run in the browser; this Node project has no DOM types */
declare const window: any;

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function clean(o: Opened): Promise<void> {
  assert.deepEqual(await cspViolations(o), [], 'no CSP violations');
  assert.deepEqual(o.pageErrors, [], 'no page errors');
  assert.deepEqual(o.consoleErrors, [], 'no console errors');
  assert.deepEqual(o.dialogs, [], 'no dialogs');
  const logs = await o.page.evaluate(() => window.__inspectorPreview.logs);
  assert.deepEqual(logs, [], 'the webview logged no errors');
}

/** innerText with line breaks (flex items) as spaces. */
const text = async (o: Opened, sel: string): Promise<string> => (await o.page.locator(sel).first().innerText()).replace(/\s+/g, ' ').trim();
/** textContent (what a screen reader reads in order, without layout line breaks). */
const content = async (o: Opened, sel: string): Promise<string> => (await o.page.locator(sel).first().textContent()) ?? '';
const texts = (o: Opened, sel: string): Promise<string[]> => o.page.locator(sel).allInnerTexts();

describe('inspector: one fixture job of each kind', () => {
  it('ice: header, status with raw value, times in local time with UTC on hover, outputs, UserData decoded', async () => {
    const job = fixtureJob('ice', 'success');
    const o = await openPreview(browser, job, { name: 'kind-ice' });
    assert.equal(await text(o, '#job-title .kind-label'), 'IMS editing job');
    assert.equal(await text(o, '#job-title .job-name'), 'open-day-highlights.mp4');
    assert.equal(await o.page.getAttribute('.job-header .chip.status', 'data-status'), 'succeeded');
    assert.equal(await text(o, '.job-header .chip.status'), 'Succeeded');
    assert.equal(await text(o, '.job-header .raw-status'), 'Success');
    assert.equal(await text(o, '.job-header .job-id .value-text'), job.id);
    // Times: local text, UTC in the tooltip.
    const created = o.page.locator('#sec-times dd time').first();
    assert.match(await created.getAttribute('title') ?? '', /^2024-06-11 02:14:07 UTC$/);
    assert.match(await created.innerText(), /^2024-06-1[01] \d\d:\d\d:07$/);
    const timesText = await text(o, '#sec-times');
    assert.match(timesText, /Took\s+1 min 34 s/);
    assert.match(timesText, /Media duration\s+18\.33 s/);
    assert.match(await text(o, '#sec-job'), /Request ID\s+5F20C770-6214-47BA-AF7F-A45FBA52FFF4/);
    // Output: URL with Copy and Open.
    assert.equal(await o.page.locator('.output-card').count(), 1);
    assert.equal(await text(o, '.output-card .url-text'), job.outputs[0]?.url);
    await o.page.click('.output-card button:has-text("Open")');
    await o.page.click('.output-card button:has-text("Copy")');
    await o.page.click('.job-header .job-id button');
    await o.page.waitForFunction(() => window.__inspectorPreview.copied.length >= 2);
    const rec = await o.page.evaluate(() => ({ opened: window.__inspectorPreview.opened, copied: window.__inspectorPreview.copied }));
    assert.deepEqual(rec.opened, [{ url: job.outputs[0]?.url, warned: false }]);
    assert.deepEqual(rec.copied.map((c: { text: string }) => c.text), [job.outputs[0]?.url, job.id]);
    await o.page.waitForSelector('.toast.visible');
    // UserData decoded into a tree.
    const ud = await content(o, '#sec-userdata');
    assert.match(ud, /NotifyAddress: "https:\/\/hooks\.acme\.example\/ims"/);
    assert.match(ud, /campaign: "open-day"/);
    await shot(o.page, 'ice-overview-dark');
    await clean(o);
  });

  it('vod: outputs per definition with their own status, streams grouped video/audio with units', async () => {
    const job = fixtureJob('vod', 'success');
    const o = await openPreview(browser, job, { name: 'kind-vod' });
    assert.equal(await text(o, '.job-header .raw-status'), 'CompleteAllSucc');
    assert.equal(await o.page.locator('.output-card').count(), 3);
    assert.deepEqual(await texts(o, '.output-card .chip.definition'), ['LD', 'SD', 'HD']);
    await showTab(o.page, 'streams');
    assert.equal(await o.page.locator('.streams-card').count(), 3);
    assert.equal(await o.page.locator('.streams-video tbody tr').count(), 3);
    assert.equal(await o.page.locator('.streams-audio tbody tr').count(), 3);
    const firstVideo = await o.page.locator('.streams-video tbody tr').first().innerText();
    assert.match(firstVideo, /h264/);
    assert.match(firstVideo, /640×360/);
    assert.match(firstVideo, /25 fps/);
    assert.match(firstVideo, /\d kb\/s|Mb\/s/);
    const firstAudio = await o.page.locator('.streams-audio tbody tr').first().innerText();
    assert.match(firstAudio, /aac/);
    assert.match(firstAudio, /44\.1 kHz/);
    assert.match(firstAudio, /stereo/);
    assert.match(await text(o, '.streams-card .inline-facts'), /Overall bitrate 496\.1 kb\/s/);
    assert.equal(await o.page.locator('.definition-flag').count(), 0, 'every label matches its resolution');
    // Codec long name on hover.
    assert.ok((await o.page.locator('.streams-video tbody td[title]').count()) > 0);
    await shot(o.page, 'vod-streams-dark');
    await clean(o);
  });

  it('vod: an output whose resolution disagrees with its definition label is flagged', async () => {
    const base = fixtureJob('vod', 'success');
    const hd = base.outputs.findIndex((x) => x.definition === 'HD');
    const job: Job = {
      ...base,
      outputs: base.outputs.map((x, i) => (i === hd ? { ...x, width: 960, height: 540 } : x)),
      streams: base.streams.map((s) => (s.type === 'video' && s.output === base.outputs[hd]?.label ? { ...s, width: 960, height: 540 } : s)),
    };
    const o = await openPreview(browser, job, { name: 'kind-vod-mismatch' });
    assert.equal(await o.page.locator('.output-card .chip.flag').count(), 1);
    assert.match(await text(o, '.output-card .chip.flag'), /960×540, not 720p–1080p/);
    await showTab(o.page, 'streams');
    assert.equal(await o.page.locator('.definition-flag').count(), 1);
    assert.match(await text(o, '.definition-flag'), /Definition HD but 960×540/);
    assert.equal(await o.page.locator('.streams-video .flag-text').count(), 1, 'the stream row is flagged too');
    await shot(o.page, 'vod-definition-flag');
    await clean(o);
  });

  it('vod partly failed: a warning banner with code, message and hint; each output keeps its own error', async () => {
    const o = await openPreview(browser, fixtureJob('vod', 'partial'), { name: 'kind-vod-partial' });
    const banner = await text(o, '#job-error');
    assert.equal(await text(o, '.job-header .chip.status'), 'Partly Failed', 'the chip and the banner use the tree\'s wording (src/present/status.ts)');
    assert.match(banner, /^Partly Failed: Transcode\.ResolutionExceeded/);
    assert.match(banner, /1 of 2 transcode jobs failed/);
    assert.match(banner, /Hint: /);
    assert.match(await text(o, '.output-card:nth-child(2) .output-error'), /Transcode\.ResolutionExceeded/);
    await clean(o);
  });

  it('live-edge: a stream output that is not a web link gets Copy but no Open', async () => {
    const job = fixtureJob('live-edge', 'running', [{ kind: 'live-edge', id: 'x', region: 'cn-shanghai', params: { clusterId: 'edge-cluster-sh-01' } }]);
    const o = await openPreview(browser, job, { name: 'kind-edge' });
    assert.match(await text(o, '.output-card .url-text'), /^rtmp:\/\//);
    assert.equal(await o.page.locator('.output-card button:has-text("Open")').count(), 0);
    assert.match(await text(o, '.output-card'), /not a web link/);
    assert.match(await text(o, '#sec-job'), /Cluster ID\s+edge-cluster-sh-01/);
    await showTab(o.page, 'streams');
    assert.match(await text(o, '.streams'), /Edge transcode jobs report no stream details/);
    assert.equal(await o.page.locator('#sec-extras').count(), 0, 'every field has its place: no cloud fields left over');
    await shot(o.page, 'edge-overview');
    await clean(o);
  });

  it('live-edge (the SDK example): "Not started" for Status "0", the input stream, the stop time', async () => {
    const job = fixtureJob('live-edge', 'sdk-example', [{ kind: 'live-edge', id: 'x', region: 'cn-shanghai', params: { clusterId: 'c1' } }]);
    const o = await openPreview(browser, job, { name: 'kind-edge-not-started' });
    assert.equal(await o.page.getAttribute('.job-header .chip.status', 'data-status'), 'stopped', 'the status stays the model\'s');
    assert.equal(await text(o, '.job-header .chip.status'), 'Not started');
    assert.equal(await text(o, '.job-header .raw-status'), '0');
    assert.match(await text(o, '#sec-job'), /Status\s+Not started/);
    assert.match(await text(o, '#sec-job'), /Input\s+rtmp:\/\/mydomain\/app\/stream1/);
    assert.equal(await o.page.locator('#sec-job .input-value button:has-text("Open")').count(), 0, 'an rtmp input is not a web link');
    const stopped = o.page.locator('#sec-times dt:has-text("Stopped") + dd time');
    assert.equal(await stopped.getAttribute('title'), '2023-07-25 05:48:58 UTC');
    await clean(o);
  });

  it('vod (the SDK example): the input, each output\'s template and times, ffprobe\'s stream fields, the task\'s cloud fields', async () => {
    const job = fixtureJob('vod', 'sdk-example');
    const o = await openPreview(browser, job, { name: 'kind-vod-sdk' });
    assert.match(await text(o, '#sec-job'), /Input\s+http:\/\/outin-40564\*{5}e1403e7\.oss-cn-shanghai\.aliyuncs\.com\/customerTrans\//);
    assert.equal(await o.page.locator('#sec-job .input-value button:has-text("Open")').count(), 1, 'an http input opens (through the host)');
    const card = await text(o, '.output-card');
    assert.match(card, /Template ID\s+174b0534fea3\*{5}b51c8f0ad1374/);
    assert.match(card, /Created\s+2019-02-2[56]/);
    assert.match(card, /Completed\s+2019-02-2[56]/);
    await showTab(o.page, 'streams');
    const heads = await texts(o, '.streams-video thead th');
    for (const hd of ['Level', 'Pixel format', 'DAR', 'SAR', 'B-frames', 'Time base', 'Start']) assert.ok(heads.includes(hd), `${hd} in ${heads.join(', ')}`);
    const video = await o.page.locator('.streams-video tbody tr').first().innerText();
    for (const v of ['yuv420p', '30 (3.0)', '9:16', '81:256', '1/15360', '0 s']) assert.ok(video.includes(v), `${v} in ${video}`);
    const audioHeads = await texts(o, '.streams-audio thead th');
    for (const hd of ['Sample format', 'Time base', 'Start']) assert.ok(audioHeads.includes(hd), `${hd} in ${audioHeads.join(', ')}`);
    const audio = await o.page.locator('.streams-audio tbody tr').first().innerText();
    for (const v of ['fltp', '1/44100', '-0.04644 s']) assert.ok(audio.includes(v), `${v} in ${audio}`);
    const extras = await text(o, '#sec-extras');
    for (const v of ['Transcode task', 'Trigger', 'Auto', 'Transcode jobs', 'Priority', 'AliyunVoDEncryption', 'WatermarkIdList', 'NonExistJobIds', 'c5f9e2a1b3d4']) assert.ok(extras.includes(v), `${v} in ${extras}`);
    await shot(o.page, 'vod-sdk-streams');
    await clean(o);
  });

  it('live-editing: the task, its caster, and a clear "no timeline" message', async () => {
    const job = fixtureJob('live-editing', 'array');
    const o = await openPreview(browser, job, { name: 'kind-live-editing' });
    assert.equal(await text(o, '#job-title .kind-label'), 'Live production-studio editing');
    assert.match(await text(o, '#sec-job'), /Caster ID/);
    await showTab(o.page, 'timeline');
    assert.match(await text(o, '.empty-state'), /This job has no timeline/);
    assert.match(await text(o, '.empty-state'), /Live production-studio editings have no timeline/);
    await showTab(o.page, 'clips');
    assert.match(await text(o, '.empty-state'), /This job has no timeline/);
    await clean(o);
  });

  it('mpc-editing: Huawei times, output in OBS, streams from video_info/audio_info, the raw fields beside', async () => {
    const job = fixtureJobs('mpc-editing', 'batch', [{ kind: 'mpc-editing', id: 'x', region: 'cn-north-4', params: { projectId: 'p1' } }])[0] as Job;
    const o = await openPreview(browser, job, { name: 'kind-mpc' });
    assert.equal(await text(o, '#job-title .kind-label'), 'MPC editing job');
    assert.match(await text(o, '.job-header'), /Huawei Cloud · cn-north-4/);
    assert.match(await text(o, '.output-card .url-text'), /^obs:\/\//);
    await showTab(o.page, 'streams');
    const video = await text(o, '.streams-video tbody tr');
    assert.match(video, /1920×1080/);
    assert.match(video, /1\.98 Mb\/s/);
    assert.match(await text(o, '.streams-audio tbody tr'), /48 kHz/);
    const extras = await text(o, '#sec-extras');
    assert.match(extras, /HUAWEI CLOUD FIELDS/i);
    assert.match(extras, /video_info/);
    assert.match(extras, /audio_info/);
    await shot(o.page, 'mpc-streams');
    await clean(o);
  });

  it('ice failed: the error banner shows code, message and a hint', async () => {
    const o = await openPreview(browser, fixtureJob('ice', 'failed'), { name: 'kind-ice-failed' });
    const banner = await text(o, '#job-error');
    assert.match(banner, /^Failed: InputMediaDownloadFailed/);
    assert.match(banner, /Failed to download input media https:\/\/acme-media-prod/);
    assert.match(banner, /Hint: an input could not be fetched/);
    assert.equal(await o.page.getAttribute('#job-error', 'role'), 'alert');
    await shot(o.page, 'ice-failed');
    await clean(o);
  });

  it('ice template job: ClipsParam decoded as a tree, and the Timeline tab says why there is none', async () => {
    const job = fixtureJob('ice', 'template-job');
    const o = await openPreview(browser, job, { name: 'kind-ice-template' });
    assert.ok(await o.page.locator('.progress[role=progressbar]').count() === 1, 'a running job shows its progress');
    assert.equal(await o.page.getAttribute('.progress', 'aria-valuenow'), String(Math.round(job.progress ?? 0)));
    await showTab(o.page, 'clipsParam');
    const tree = await content(o, '.clips-param .json-tree');
    assert.match(tree, /VideoArray: \[ 3 items \]/);
    assert.match(tree, /Title: "Store opening/);
    assert.equal(await o.page.getAttribute('.clips-param .json-tree', 'role'), 'tree');
    // Collapsing a node hides its children and is remembered.
    await o.page.click('.clips-param .jt-toggle');
    assert.doesNotMatch(await content(o, '.clips-param .json-tree'), /\[0\]/);
    await o.page.waitForFunction(() => Object.values(window.__inspectorPreview.state?.tree ?? {}).includes(false));
    await showTab(o.page, 'timeline');
    assert.match(await text(o, '.empty-state'), /produced from template .*its clips are in ClipsParam/);
    await o.page.click('.empty-state button:has-text("Show ClipsParam")');
    await o.page.waitForSelector('#tab-clipsParam[aria-selected=true]');
    await shot(o.page, 'ice-template-clipsparam');
    await clean(o);
  });

  it('raw JSON: nested JSON strings decoded, line-virtualized, copy through the host', async () => {
    const job = fixtureJob('ice', 'success');
    const o = await openPreview(browser, job, { name: 'kind-raw' });
    await showTab(o.page, 'raw');
    await o.page.waitForSelector('.lines-body .line');
    const first = await texts(o, '.lines-body .line .lc');
    assert.equal(first[0], '{');
    const all = first.join('\n');
    assert.match(all, /"Timeline": \{/, 'the Timeline string is shown as an object');
    assert.match(all, /"VideoTracks": \[/);
    await o.page.click('button:has-text("Copy as received")');
    await o.page.click('button:has-text("Copy decoded")');
    await o.page.waitForFunction(() => window.__inspectorPreview.copied.length === 2);
    const copied = await o.page.evaluate(() => window.__inspectorPreview.copied);
    assert.deepEqual(JSON.parse(copied[0].text), job.raw, 'as received: the body exactly');
    assert.equal(typeof JSON.parse(copied[1].text).MediaProducingJob.Timeline, 'object', 'decoded: the Timeline as an object');
    await clean(o);
  });
});
