/**
 * A job item's tooltip is resolved lazily (resolveTreeItem) as untrusted Markdown that states the status, and
 * job data from the cloud (an output file name, an error message) stays text: a `command:` link or HTML in it is
 * escaped, both in the Markdown and in what the workbench renders on hover.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, hasHarness, hover, screenshot, uiHtml, waitFor } from './helpers.js';
import {
  SAMPLE_IDS, clearNotifications, shortId, showView, testApi, trackJob, untrackAll, useEmulatorCredentials, type TestApi,
  type TrackedJob,
} from './jobs.js';

const LINK = '[x](command:workbench.action.quit)';
const HTML = '<img src=x onerror=alert(1)>';
/** The output file name the job will have: a Markdown command link and an HTML image with a script. */
const HOSTILE_NAME = `${LINK}${HTML}.mp4`;
const HOSTILE_ERROR = `Rendering failed, see ${LINK} ${HTML}`;

/** Link destinations in Markdown source, skipping escaped brackets. */
function linkTargets(md: string): string[] {
  return [...md.matchAll(/(?<!\\)\]\((?<target>[^)\s]*)/g)].map((m) => m.groups!.target!);
}

suite('tooltip', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await testApi();
    await useEmulatorCredentials(api);
    untrackAll(api);
  });

  test('the tooltip is Markdown with the status; a hostile name and error message stay escaped text', async () => {
    const id = SAMPLE_IDS.ice.badTimeline;
    await emulator.setStatus('ice', id, 'Failed', {
      error: { code: 'Render.Failed', message: HOSTILE_ERROR },
      fields: { MediaURL: `https://mji-demo-bucket.oss-cn-shanghai.aliyuncs.com/out/${encodeURIComponent(HOSTILE_NAME)}` },
    });
    const [t] = (await trackJob(api, 'ice', [id])) as [TrackedJob];
    const job = await waitFor(() => api.store.get(t.key)?.snapshot, 10_000, { message: 'the job fetched' });
    assert.equal(job.status, 'failed');
    assert.equal(job.name, HOSTILE_NAME, 'the emulator served the hostile file name');
    assert.equal(job.error?.message, HOSTILE_ERROR);

    const node = api.tree.nodeById(`job:${t.key}`);
    assert.ok(node, 'the job is in the tree');
    const item = await api.tree.getTreeItem(node);
    assert.equal(item.tooltip, undefined, 'the tooltip is not built up front');
    // The label is plain text (labels never render Markdown): the name is there as is, cut to fit.
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    assert.ok(label.startsWith(`${shortId(id)} · ${LINK}<img`), label);

    const resolved = api.tree.resolveTreeItem(item, node);
    const md = resolved?.tooltip;
    assert.ok(md instanceof vscode.MarkdownString, 'a MarkdownString tooltip');
    assert.ok(!md.isTrusted, 'not trusted: command links never run');
    assert.ok(!md.supportHtml, 'no HTML');
    const v = md.value;
    assert.match(v, /^\*\*IMS editing job\*\* · Failed \(Failed\)/, `status and the cloud's value in:\n${v}`);
    assert.match(v, /Render\\\.Failed/, 'the error code');
    // Escaped: every bracket, parenthesis, colon and angle bracket of the job's strings has a backslash.
    assert.ok(v.includes('\\[x\\]\\(command\\:workbench\\.action\\.quit\\)'), `the command link is escaped in:\n${v}`);
    assert.ok(v.includes('\\<img src\\=x onerror\\=alert\\(1\\)\\>'), `the HTML is escaped in:\n${v}`);
    assert.doesNotMatch(v, /(?<!\\)</, 'no unescaped "<" anywhere');
    assert.doesNotMatch(v, /(?<!\\)\(command:/, 'no unescaped command link');
    const targets = linkTargets(v);
    assert.ok(targets.every((u) => /^https:\/\//.test(u)), `only https links (the output): ${targets.join(', ')}`);
    assert.ok(targets.every((u) => !u.includes('(') && !u.includes(')')), 'link destinations cannot be broken out of');

    if (hasHarness()) {
      // What the workbench renders when the row is hovered.
      await clearNotifications();
      await showView(api);
      // A tree refresh under the mouse (the poller) can close a hover before it shows: make the gesture again,
      // up to three times, each waiting as long as the single attempt used to.
      const shown = async () => (await uiHtml('.workbench-hover .hover-contents, .monaco-hover .hover-contents'))?.find((h) => h.includes('Render'));
      let html: string | undefined;
      for (let attempt = 1; attempt <= 3 && html === undefined; attempt++) {
        await hover('.part.sidebar .monaco-list-row', shortId(id));
        html = await waitFor(shown, 10_000, { message: 'the tooltip on screen' }).catch((e: unknown) => {
          if (attempt === 3) throw e;
          return undefined;
        });
      }
      assert.ok(html !== undefined, 'the tooltip on screen');
      assert.doesNotMatch(html, /<img/i, 'no image element rendered');
      assert.doesNotMatch(html, /href="command:|data-href="command:/i, 'no command link rendered');
      assert.doesNotMatch(html, /<[a-z][^>]*\sonerror\s*=/i, 'no element with an onerror attribute');
      assert.ok(html.includes('[x](command:workbench.action.quit)'), 'the link text is shown as text');
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the HTML is shown as text');
      await screenshot('tooltip-hostile', { waitForSelector: '.workbench-hover, .monaco-hover' });
    }
  });
});
