/**
 * Job data is untrusted. Jobs whose every field an attacker could influence carries markup, script, CSS
 * injection and javascript: URLs (Message, FileName, UserData, clip and stream fields, the status itself) go
 * through the real parsers and the real bundle under the real CSP: nothing runs, nothing is injected, no dialog
 * opens, no CSP violation is reported, the text shows as text, and links open only as http(s) URLs of the job,
 * through the host, which also refuses malformed or unknown messages.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { iceKind } from '../../src/clouds/adapters/ice.js';
import { mpcEditingKind } from '../../src/clouds/adapters/mpcEditing.js';
import { vodKind } from '../../src/clouds/adapters/vod.js';
import { type Job } from '../../src/model/job.js';
import { INSPECTOR_TABS } from '../../src/protocol/webview.js';
import { cspViolations, launch, type Opened, openPreview, ROOT, shot, showTab } from './support.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate callbacks run in the browser; this Node project has no DOM types */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;

const SCRIPT = '<script>window.__pwned = "script"; alert(1)</script>';
const IMG = '<img src=x onerror="window.__pwned = \'img\'; alert(2)">';
const CSS = '</style><style>body{display:none !important}</style>';
const JS_URL = 'javascript:window.__pwned="url";alert(3)';
const SVG = '<svg onload="window.__pwned=\'svg\'"></svg>';
const ALL = `${SCRIPT} ${IMG} ${CSS} ${SVG}`;

function hostileIce(): Job {
  const timeline = {
    VideoTracks: [{ MainTrack: true, VideoTrackClips: [
      { MediaId: IMG, In: 0, Out: 4, Effects: [{ Type: CSS, SubType: SCRIPT }] },
      { MediaURL: JS_URL, In: 0, Out: 3, Title: ALL },
      { MediaURL: 'http://media.example.test/plain-http.mp4', In: 0, Out: 2 },
      { Type: SVG, MediaURL: `https://cdn.example.test/${encodeURIComponent(IMG)}.mp4`, In: 1, Out: 2 },
    ] }],
    SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: ALL, TimelineIn: 0, TimelineOut: 3, FontColor: CSS }] }],
    [SCRIPT]: IMG,
  };
  const body = {
    RequestId: IMG,
    MediaProducingJob: {
      JobId: 'e1e2e3e4e5e6e7e8e9e0f1f2f3f4f5f6', Status: 'Failed', Code: SCRIPT, Message: `${IMG} ${CSS} ${JS_URL}`,
      MediaURL: JS_URL, MediaId: SVG, TemplateId: CSS, ProjectId: SCRIPT,
      Timeline: JSON.stringify(timeline),
      ClipsParam: JSON.stringify({ [IMG]: SCRIPT, nested: { css: CSS, url: JS_URL } }),
      UserData: JSON.stringify({ NotifyAddress: JS_URL, [SCRIPT]: ALL, note: '</script><script>window.__pwned="data-block"</script>' }),
      SubJobMaterials: ALL,
      CreateTime: CSS,
    },
  };
  return iceKind.parse(body, { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0] as Job;
}

function hostileVod(): Job {
  const stream = JSON.stringify([{ Index: '0', CodecName: SCRIPT, CodecLongName: IMG, Profile: CSS, Width: '1280', Height: '720', Lang: SVG, Fps: '25', PixFmt: SCRIPT, Dar: IMG, Sar: CSS, Timebase: SVG }]);
  const body = {
    RequestId: 'R',
    TranscodeTask: {
      TranscodeTaskId: 'a1a2a3a4a5a6a7a8a9a0b1b2b3b4b5b6', VideoId: IMG, TaskStatus: SCRIPT, TranscodeTemplateGroupId: CSS, Trigger: SVG,
      TranscodeJobInfoList: [{
        TranscodeJobId: CSS, Definition: IMG, TranscodeJobStatus: 'TranscodeFail', ErrorCode: SCRIPT, ErrorMessage: ALL,
        InputFileUrl: JS_URL, TranscodeTemplateId: SCRIPT, Priority: IMG,
        OutputFile: { OutputFileUrl: `https://out.example.test/${IMG}/${SCRIPT}.mp4`, Format: SVG, VideoStreamList: stream, AudioStreamList: JSON.stringify([{ Index: '1', CodecName: IMG, ChannelLayout: CSS, Samplerate: '48000', SampleFmt: SCRIPT }]), Encryption: ALL, WatermarkIdList: [SVG] },
      }],
    },
  };
  return vodKind.parse(body, { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0] as Job;
}

function hostileMpc(): Job {
  const body = {
    job_array: [{
      job_id: 'h-0001', status: 'FAILED', error_code: SCRIPT, exec_description: ALL, description: IMG,
      user_data: JSON.stringify({ [IMG]: CSS }),
      output: { bucket: SCRIPT, location: CSS, object: `${IMG}/`, file_name: `${SCRIPT}.mp4` },
      editing_output: { format: IMG, video_info: { codec: SCRIPT, width: 1920, height: 1080 }, audio_info: [{ codec: CSS }] },
      metadata: [{ key: SCRIPT, value: IMG }],
    }],
  };
  return mpcEditingKind.parse(body, { refs: [{ kind: 'mpc-editing', id: 'h-0001', region: 'cn-north-4', params: { projectId: 'p' } }], region: 'cn-north-4', requestId: null }).jobs[0] as Job;
}

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Nothing ran, nothing was injected, the page is intact. */
async function assertUntouched(o: Opened, where: string): Promise<void> {
  const page = o.page;
  const r = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      pwned: window.__pwned ?? null,
      bodyDisplay: getComputedStyle(document.body).display,
      appVisible: document.querySelector('#app').getBoundingClientRect().height > 100,
      injected: document.querySelectorAll('img, iframe, object, embed, style, svg, a, form, base, link:not([rel=stylesheet])').length,
      cspMetas: document.querySelectorAll('meta[http-equiv]').length,
      scripts: [...document.querySelectorAll('script')].map((s: any) => (s.nonce ? 'nonce' : s.type)),
      handlerAttrs: all.filter((el: any) => [...el.attributes].some((a: any) => /^on/i.test(a.name))).length,
      styleAttrsFromData: all.filter((el: any) => /display\s*:\s*none/.test(el.getAttribute('style') ?? '')).length,
      stylesheets: document.styleSheets.length,
    };
  });
  assert.equal(r.pwned, null, `${where}: no injected code ran`);
  assert.notEqual(r.bodyDisplay, 'none', `${where}: the CSS injection did not apply`);
  assert.ok(r.appVisible, `${where}: the app is on screen`);
  assert.equal(r.injected, 0, `${where}: no element built from job data`);
  assert.equal(r.cspMetas, 1, `${where}: the page's own CSP, nothing added`);
  assert.deepEqual(r.scripts, ['application/json', 'application/json', 'application/json', 'nonce', 'nonce'], `${where}: only the page's own scripts`);
  assert.equal(r.handlerAttrs, 0, `${where}: no inline event handler attribute anywhere`);
  assert.equal(r.styleAttrsFromData, 0, `${where}: no style from job data`);
  assert.equal(r.stylesheets, 3, `${where}: only the three linked stylesheets`);
  assert.deepEqual(o.dialogs, [], `${where}: no dialog opened`);
  assert.deepEqual(await cspViolations(o), [], `${where}: no CSP violation reported`);
  assert.deepEqual(o.pageErrors, [], `${where}: no page error`);
}

async function everyTab(o: Opened, name: string): Promise<void> {
  for (const tab of INSPECTOR_TABS) {
    if (await o.page.getAttribute(`#tab-${tab}`, 'aria-selected') !== 'true') await showTab(o.page, tab);
    await o.page.waitForTimeout(50);
    await assertUntouched(o, `${name}/${tab}`);
  }
}

describe('inspector: hostile job fields', () => {
  it('ICE: markup, script, CSS injection and javascript: URLs in every field stay text on every tab', async () => {
    const job = hostileIce();
    const o = await openPreview(browser, job, { name: 'hostile-ice' });
    await assertUntouched(o, 'ice/overview');
    // The text is there, as text.
    const bannerText = await o.page.locator('#job-error').textContent() ?? '';
    assert.ok(bannerText.includes(IMG), 'the message shows literally');
    assert.ok(bannerText.includes(CSS));
    assert.ok((await o.page.locator('#job-title').textContent() ?? '').includes('IMS editing job'));
    assert.ok((await o.page.locator('#sec-userdata').textContent() ?? '').includes(SCRIPT), 'UserData keys show literally');
    // A javascript: output URL is text with Copy, never Open.
    assert.equal(await o.page.locator('.output-card .url-text').first().textContent(), JS_URL);
    assert.equal(await o.page.locator('.output-card button:has-text("Open")').count(), 0);
    await shot(o.page, 'hostile-ice-overview');
    await showTab(o.page, 'timeline');
    await o.page.waitForSelector('.item.clip');
    // Clip labels and the JSON of a hostile clip.
    const labels = await o.page.locator('.item.clip .item-label').allTextContents();
    assert.ok(labels.includes(IMG), 'a media id made of markup is a label');
    await o.page.click('.item.clip[data-track="0"][data-index="1"]');
    await o.page.waitForSelector('#clip-details .clip-details');
    assert.ok((await o.page.locator('#clip-details').textContent() ?? '').includes(JSON.stringify(ALL)), "the clip JSON shows the markup as a JSON string");
    assert.equal(await o.page.locator('#clip-details button[title^="Open"]').count(), 0, 'no Open for a javascript: media URL');
    await o.page.click('.item.clip[data-track="0"][data-index="2"]');
    await o.page.waitForSelector('#clip-details button[title^="Open"]');
    await o.page.click('#clip-details button[title^="Open"]');
    await o.page.waitForFunction(() => window.__inspectorPreview.opened.length === 1);
    assert.deepEqual(await o.page.evaluate(() => window.__inspectorPreview.opened), [{ url: 'http://media.example.test/plain-http.mp4', warned: true }], 'plain http opens only after the warning');
    await shot(o.page, 'hostile-ice-timeline', true);
    await everyTab(o, 'ice');
  });

  it('VOD: stream fields, file names and the definition label', async () => {
    const o = await openPreview(browser, hostileVod(), { name: 'hostile-vod', state: { tab: 'streams' } });
    const streams = await o.page.locator('.streams').textContent() ?? '';
    assert.ok(streams.includes(SCRIPT) && streams.includes(CSS) && streams.includes(SVG));
    assert.ok((await o.page.locator('.streams-video thead th').allInnerTexts()).includes('Pixel format'));
    await shot(o.page, 'hostile-vod-streams');
    // The input (a javascript: URL) and each output's template: text, with Copy and no Open.
    await showTab(o.page, 'overview');
    assert.equal(await o.page.locator('#sec-job .input-url .value-text').textContent(), JS_URL);
    assert.equal(await o.page.locator('#sec-job .input-value button:has-text("Open")').count(), 0);
    assert.ok((await o.page.locator('.output-card').textContent() ?? '').includes(SCRIPT));
    await everyTab(o, 'vod');
  });

  it('MPC: OBS names, descriptions and Huawei\'s own fields', async () => {
    const o = await openPreview(browser, hostileMpc(), { name: 'hostile-mpc' });
    assert.ok((await o.page.locator('.output-card').textContent() ?? '').includes(`${SCRIPT}.mp4`));
    await everyTab(o, 'mpc');
  });

  it('the host opens only http(s) URLs the job holds, and refuses malformed or unknown messages', async () => {
    const o = await openPreview(browser, hostileIce(), { name: 'hostile-host' });
    const r = await o.page.evaluate(async () => {
      const p = window.__inspectorPreview;
      const tries = [
        { type: 'openExternal', url: 'javascript:alert(1)' },
        { type: 'openExternal', url: 'https://evil.example.test/not-in-the-job' },
        { type: 'openExternal', url: 'file:///etc/passwd' },
        { type: 'openExternal', url: 'https://user:pass@media.example.test/x' },
        { type: 'openExternal', url: 'http://media.example.test/plain-http.mp4' },
      ];
      for (const t of tries) p.receive(t);
      for (const bad of [
        { type: 'runCommand', command: 'workbench.action.files.delete' },
        { type: 'requestRows', reqId: 1, revision: 1, sort: 'order', dir: 'asc', offset: 0, count: 1e9 },
        { type: 'requestRows', reqId: 1, revision: 1, sort: 'constructor', dir: 'asc', offset: 0, count: 10 },
        { type: 'requestWindow', reqId: 1, revision: 1, from: 0, to: 1, pxPerSecond: 1, tracks: 'all', maxItemsPerLane: 10 },
        { type: 'copy', text: 42 },
        { type: 'openExternal' },
        null, 'ready', [], { type: '__proto__' },
      ]) p.receive(bad);
      await new Promise((res) => setTimeout(res, 50));
      return { opened: p.opened, refused: p.refusedOpens.map((x: any) => x.url), rejected: p.rejected.length };
    });
    assert.deepEqual(r.opened, [{ url: 'http://media.example.test/plain-http.mp4', warned: true }]);
    assert.deepEqual(r.refused, ['javascript:alert(1)', 'https://evil.example.test/not-in-the-job', 'file:///etc/passwd', 'https://user:pass@media.example.test/x']);
    assert.equal(r.rejected, 10);
    await assertUntouched(o, 'after the refused messages');
  });

  it('the bundle carries no eval, no Function constructor, no innerHTML and no zod', () => {
    const js = readFileSync(join(ROOT, 'dist', 'webview', 'inspector.js'), 'utf8');
    assert.doesNotMatch(js, /\beval\s*\(/);
    assert.doesNotMatch(js, /new Function\s*\(/);
    assert.doesNotMatch(js, /\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=|document\.write/);
    assert.doesNotMatch(js, /zod/i);
  });
});
