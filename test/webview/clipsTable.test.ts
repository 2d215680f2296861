/**
 * The clips table's columns line up across rows and its last column can always be reached: at 1400 px (the panel
 * in a full-width editor) and at 1000 px (the same window with the side bar open), with a clip whose media name
 * is far wider than its column. Before, each row sized itself to its own content, so a long name widened one row,
 * the header stayed narrower than the rows, and the scroll range ended before the last column.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { type Job } from '../../src/model/job.js';
import { fixtureJob, launch, openPreview, shot, showTab } from './support.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate callbacks run in the browser; this Node project has no DOM types */
declare const document: any;

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const LONG_NAME = `${'harbour-open-day-2024-drone-pass-over-the-breakwater-'.repeat(3)}final.mp4`;

/** The success fixture with its first clip's media named by a very long file URL (no MediaId). */
function jobWithLongMediaName(): Job {
  const job = fixtureJob('ice', 'success');
  const clip = job.timeline?.tracks[0]?.clips[0];
  assert.ok(clip, 'the fixture has a first clip');
  clip.mediaId = null;
  clip.mediaUrl = `https://mji-demo-bucket.oss-cn-shanghai.aliyuncs.com/raw/${LONG_NAME}`;
  return job;
}

describe('inspector: clips table', () => {
  for (const width of [1400, 1000]) {
    it(`at ${width} px every column lines up with the header and the last one can be scrolled into view`, async () => {
      const o = await openPreview(browser, jobWithLongMediaName(), { name: `clips-width-${width}`, viewport: { width, height: 800 } });
      await showTab(o.page, 'clips');
      await o.page.waitForSelector('.grid-sizer .grid-row[data-row="0"]');
      const shown = await o.page.evaluate(() => [...document.querySelectorAll('.grid-sizer .grid-row[data-row]')].map((r: any) => r.innerText).join('\n'));
      assert.ok(shown.includes('harbour-open-day-2024'), 'the long media name is in the table');

      // Scroll as far right as the scroller allows, then measure what is on screen.
      const m = await o.page.evaluate(() => {
        const s = document.querySelector('.grid-scroller');
        s.scrollLeft = s.scrollWidth;
        const box = s.getBoundingClientRect();
        // (No named helper functions inside evaluate: the TypeScript loader would wrap them in a helper the page lacks.)
        const [head, ...rows] = [document.querySelector('.grid-head'), ...document.querySelectorAll('.grid-sizer .grid-row[data-row]')]
          .map((row: any) => [...row.children].map((c: any) => [Math.round(c.getBoundingClientRect().left), Math.round(c.getBoundingClientRect().right)]));
        return {
          scrollWidth: s.scrollWidth, clientWidth: s.clientWidth, scrollLeft: s.scrollLeft,
          visibleLeft: box.left + s.clientLeft, visibleRight: box.left + s.clientLeft + s.clientWidth, head, rows,
        };
      });
      await shot(o.page, `clips-width-${width}-scrolled-right`);
      const lastHead = m.head![m.head!.length - 1]!;
      assert.ok(lastHead[0]! >= m.visibleLeft - 1 && lastHead[1]! <= m.visibleRight + 1,
        `the last column header [${lastHead.join(', ')}] is inside the visible part [${m.visibleLeft}, ${m.visibleRight}] (scrollWidth ${m.scrollWidth}, clientWidth ${m.clientWidth}, scrollLeft ${m.scrollLeft})`);
      assert.ok(m.rows.length >= 8, `the rows are rendered (${m.rows.length})`);
      m.rows.forEach((cells, i) => {
        assert.deepEqual(cells, m.head, `row ${i + 1}'s cells line up with the header's`);
      });
      await o.page.context().close();
    });
  }
});
