/**
 * IMS timelines as people submit them (issue 11, defects 4 and 5), in headless Chromium over the real bundle:
 * - the SDK example job (test/fixtures/ice/sdk-example.json: the IMS docs' text-to-video slideshow, images tied
 *   to AI_TTS clips by ReferenceClipId, a Text caption on each image, Duration 30.5): the length is the job's, each
 *   image shows its caption (lane, clip details, Caption column), derived positions are marked;
 * - a running job whose timeline has an open end (test/fixtures/ice/timeline-alignment.json): "≥ 0:12.000";
 * - an effect track given in VideoTracks is told apart from EffectTracks' own;
 * - hostile caption and font text stays text.
 * Screenshots: artifacts/webview/ice-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { iceKind } from '../../src/clouds/adapters/ice.js';
import { type Job } from '../../src/model/job.js';
import { cspViolations, fixtureJob, launch, type Opened, openPreview, shot, showTab } from './support.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate callbacks run in the browser; this Node project has no DOM types */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const text = async (page: Page, sel: string): Promise<string> => (await page.locator(sel).first().innerText()).replace(/\s+/g, ' ').trim();

function iceWithTimeline(timeline: unknown, extra: Record<string, unknown> = {}): Job {
  const body = { RequestId: 'R-1', MediaProducingJob: { JobId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', Status: 'Success', Timeline: JSON.stringify(timeline), ...extra } };
  return iceKind.parse(body, { refs: [], region: 'cn-shanghai', requestId: null }).jobs[0] as Job;
}

async function clean(o: Opened): Promise<void> {
  assert.deepEqual(await cspViolations(o), []);
  assert.deepEqual(o.pageErrors, []);
  assert.deepEqual(o.consoleErrors, []);
  assert.deepEqual(o.dialogs, []);
}

const CAPTION_1 = 'Is it not a pleasure to learn and to practise what is learned?';

describe('inspector: IMS timelines as submitted', () => {
  it('the slideshow: the job\'s 30.5 s is the length, each image shows its caption, derived positions are dashed and say "derived"', async () => {
    const o = await openPreview(browser, fixtureJob('ice', 'sdk-example'), { name: 'ice-slideshow', state: { tab: 'timeline' } });
    const page = o.page;
    await page.waitForSelector('.item.clip');
    const summary = await text(page, '#timeline-summary');
    assert.match(summary, /0:30\.500 \(30\.5 s\)/);
    assert.doesNotMatch(summary, /≥/);
    // The first image: placed from its TTS clip (start 0, end open: a stub), its caption in its label.
    const img = page.locator('.item.clip[data-track="0"][data-index="0"]');
    assert.match(await img.getAttribute('title') ?? '', /caption “Is it not a pleasure/);
    assert.match(await img.getAttribute('class') ?? '', /\bderived\b/);
    assert.equal(await img.evaluate((el: any) => getComputedStyle(el).borderLeftStyle), 'dashed', 'a derived clip has a dashed outline');
    // The title (no TimelineOut) runs to the job's length: its box reaches the lane's end.
    const titleBox = await page.locator('.item.clip[data-track="1"][data-index="0"]').boundingBox();
    const laneBox = await page.locator('.lane[data-track="1"] .lane-view').boundingBox();
    assert.ok(titleBox && laneBox && Math.abs(titleBox.x + titleBox.width - (laneBox.x + laneBox.width)) < 3, 'the title spans the output');
    await img.click();
    await page.waitForSelector('#clip-details .clip-details');
    const details = await text(page, '#clip-details .facts');
    assert.match(details, new RegExp(`Caption ${CAPTION_1.replace(/\?/g, '\\?')}`));
    assert.match(details, /On the output 0:00\.000 → end unknown derived/);
    assert.match(details, /Caption layout AdaptMode AutoWrap Alignment CenterCenter Text width 0\.7 Caption font Font FZKai-Z03S Size 55 Colour #ffffe0 Outline 2 Outline colour #000000 bold/);
    // The lane does not pretend the first image lasts the whole video: the images after it have no place.
    const imgBox = await img.boundingBox();
    const videoLane = await page.locator('.lane[data-track="0"] .lane-view').boundingBox();
    assert.ok(imgBox && videoLane && imgBox.width < videoLane.width / 4, `a stub: ${imgBox?.width} of ${videoLane?.width}`);
    assert.equal(await page.locator('#clip-details .derived-chip').count(), 1);
    await shot(page, 'ice-slideshow-timeline');

    // The Clips tab: a Caption column.
    await showTab(page, 'clips');
    await page.waitForSelector('.grid-sizer .grid-row[data-row="0"]');
    const heads = await page.evaluate(() => [...document.querySelectorAll('.grid-head .sort-button')].map((b: any) => b.innerText.trim()));
    assert.ok(heads.includes('Caption'), heads.join(','));
    const captions = await page.evaluate(() => [...document.querySelectorAll('.grid-sizer .grid-row[data-row] .caption-cell')].map((c: any) => c.textContent));
    assert.deepEqual(captions.slice(0, 3), [CAPTION_1, 'Is it not a delight to have friends come from afar?', 'Is he not a gentleman who is not annoyed when others do not know him?']);
    await shot(page, 'ice-slideshow-clips');

    // The Overview: the online editing project, with Copy and the console.
    await showTab(page, 'overview');
    assert.match(await text(page, '[data-field="editing-project"]'), /\*{4}fddd7748b58bf1d47e95\*{4}/);
    await page.click('[data-field="editing-project"] button:has-text("Console")');
    await page.waitForFunction(() => window.__inspectorPreview.opened?.length >= 1);
    assert.deepEqual(await page.evaluate(() => window.__inspectorPreview.opened.map((x: any) => x.url ?? x)), ['https://ims.console.aliyun.com/summary']);
    await clean(o);
  });

  it('a running job with an open end: the length reads "≥ 0:12.000", the open clips run to it', async () => {
    const o = await openPreview(browser, fixtureJob('ice', 'timeline-alignment'), { name: 'ice-lower-bound', state: { tab: 'timeline' } });
    const page = o.page;
    await page.waitForSelector('.item.clip');
    const chip = page.locator('#timeline-summary .chip.lower-bound');
    assert.equal(await chip.count(), 1);
    assert.equal((await chip.innerText()).trim(), '≥ 0:12.000 (at least 12 s)');
    assert.match(await chip.getAttribute('title') ?? '', /At least this long/);
    // The third main-track clip has no Out: open-ended and derived; a stub, since the clip after it has no place.
    const open = page.locator('.item.clip[data-track="0"][data-index="2"]');
    const classes = (await open.getAttribute('class') ?? '').split(/\s+/);
    assert.ok(classes.includes('open-end') && classes.includes('derived'), classes.join(' '));
    assert.match(await open.getAttribute('aria-label') ?? '', /end unknown, position derived/);
    await open.click();
    await page.waitForSelector('#clip-details .clip-details');
    assert.match(await text(page, '#clip-details .facts'), /On the output 0:12\.000 → end unknown derived/);
    await shot(page, 'ice-lower-bound');
    await clean(o);
  });

  it('an effect track of VideoTracks reads "Video 2 · effect", apart from EffectTracks\' "Effect 1"', async () => {
    const job = iceWithTimeline({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'v', In: 0, Out: 10 }] }, { Type: 'Effect', VideoTrackClips: [{ Type: 'VFX', SubType: 'shake', TimelineIn: 2, Duration: 3 }] }],
      EffectTracks: [{ EffectTrackItems: [{ Type: 'Filter', SubType: 'm1' }] }],
    });
    const o = await openPreview(browser, job, { name: 'ice-effect-tracks', state: { tab: 'timeline' } });
    const page = o.page;
    await page.waitForSelector('.item.clip');
    const lanes = await page.evaluate(() => [...document.querySelectorAll('.lane')]
      .sort((a: any, b: any) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((l: any) => l.querySelector('.lane-name').textContent));
    assert.deepEqual(lanes, ['Effect 1', 'Video 2 · effect', 'Video 1']);
    await clean(o);
  });

  it('hostile caption and font text stays text: nothing runs, nothing is injected', async () => {
    const ALL = '<script>window.__pwned = "script"</script> <img src=x onerror="window.__pwned=\'img\'"> </style><style>body{display:none}</style>';
    const job = iceWithTimeline({
      VideoTracks: [{ MainTrack: true, VideoTrackClips: [{
        MediaId: 'a84bba07931db925306a0799dc6ebd71', In: 0, Out: 6, X: ALL, AdaptMode: ALL,
        Effects: [{ Type: 'Text', Content: ALL, Font: ALL, FontColor: 'red;background:url(javascript:alert(1))', FontFace: { Bold: ALL } }],
      }] }],
    }, { Duration: 6 });
    const o = await openPreview(browser, job, { name: 'ice-hostile-caption', state: { tab: 'timeline', selected: { track: 0, index: 0 } } });
    const page = o.page;
    await page.waitForSelector('#clip-details .clip-caption');
    assert.equal(await page.locator('#clip-details .clip-caption').textContent(), ALL);
    assert.equal(await page.locator('.item.clip .item-caption').first().textContent(), ALL.replace(/\s+/g, ' ').slice(0, 79) + '…');
    const facts = await page.locator('#clip-details .facts').textContent() ?? '';
    assert.ok(facts.includes(`AdaptMode ${ALL}`), 'the layout fields as text');
    assert.ok(facts.includes('Colour red;background:url(javascript:alert(1))'));
    assert.ok(!/bold/.test(facts.split('Caption font')[1] ?? ''), 'a FontFace flag that is not true is not shown');
    assert.equal(await page.evaluate(() => document.querySelectorAll('.inspector script, .inspector img, .inspector style, #clip-details img').length), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).display), 'block');
    // Long hostile values wrap inside the facts column: nothing runs over the JSON beside it.
    const over = await page.evaluate(() => {
      const facts = document.querySelector('#clip-details .facts').getBoundingClientRect();
      return [...document.querySelectorAll('#clip-details .clip-pair')].filter((p: any) => p.getBoundingClientRect().right > facts.right + 1).length;
    });
    assert.equal(over, 0);
    await showTab(page, 'clips');
    await page.waitForSelector('.grid-sizer .caption-cell');
    assert.equal(await page.locator('.grid-sizer .caption-cell').first().getAttribute('title'), ALL);
    await shot(page, 'ice-hostile-caption');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await clean(o);
  });
});
