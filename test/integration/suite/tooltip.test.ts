/**
 * A job item's tooltip is resolved lazily (resolveTreeItem) as untrusted Markdown that states the status, and
 * job data from the cloud (an output file name, an error message) stays text: a `command:` link or HTML in it is
 * escaped, both in the Markdown and in what the workbench renders on hover. Hovered once, the tooltip stays open
 * while the tree keeps polling (every 2 s) and another row's progress changes under it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, hasHarness, hover, screenshot, uiHtml, waitFor } from './helpers.js';
import { SAMPLE_IDS, clearNotifications, setSetting, shortId, showView, trackJob, untrackAll, type TestApi, type TrackedJob, type TreeNode, freshApi } from './jobs.js';

const LINK = '[x](command:workbench.action.quit)';
const HTML = '<img src=x onerror=alert(1)>';
/** The output file name the job will have: a Markdown command link and an HTML image with a script. */
const HOSTILE_NAME = `${LINK}${HTML}.mp4`;
const HOSTILE_ERROR = `Rendering failed, see ${LINK} ${HTML}`;
/** A job no other suite depends on, made to run (its progress moves while the tooltip is open). */
const BUSY = SAMPLE_IDS.ice.template;
/** How long the tooltip must stay on screen after it opened (a behaviour check, not a timing measurement). */
const HOLD_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Link destinations in Markdown source, skipping escaped brackets. */
function linkTargets(md: string): string[] {
  return [...md.matchAll(/(?<!\\)\]\((?<target>[^)\s]*)/g)].map((m) => m.groups!.target!);
}

suite('tooltip', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await freshApi();
  });

  suiteTeardown(async () => {
    if (!api) return;
    await setSetting(api, 'pollIntervalSeconds', undefined, (s) => s.pollIntervalMs === 10_000);
    await emulator.setStatus('ice', BUSY, 'Success', { progress: 100 });
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
    // The label is plain text (labels never render Markdown): the name, neutralised (no "](" left to form a link)
    // and cut to fit; the short id ends the description.
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    assert.ok(label.startsWith('[x] (command:workbench.action.'), label);
    assert.ok(!label.includes(']('), label);
    assert.match(String(item.description), new RegExp(`^Render\\.Failed · .*${shortId(id)}$`));

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
      // Another job runs and is polled every 2 s while the tooltip is open.
      await setSetting(api, 'pollIntervalSeconds', 2, (s) => s.pollIntervalMs === 2_000);
      await emulator.setStatus('ice', BUSY, 'Processing', { progress: 10 });
      const [busy] = (await trackJob(api, 'ice', [BUSY])) as [TrackedJob];
      await waitFor(() => api.store.get(busy.key)?.snapshot?.progress === 10, 10_000, { message: 'the busy job fetched' });

      // What the workbench renders when the row is hovered: one hover, no retry.
      await clearNotifications();
      await showView(api);
      const shown = async () => (await uiHtml('.workbench-hover .hover-contents, .monaco-hover .hover-contents'))?.find((h) => h.includes('Render'));
      await hover('.part.sidebar .monaco-list-row', shortId(id));
      const html = await waitFor(shown, 10_000, { message: 'the tooltip on screen' });
      assert.doesNotMatch(html, /<img/i, 'no image element rendered');
      assert.doesNotMatch(html, /href="command:|data-href="command:/i, 'no command link rendered');
      assert.doesNotMatch(html, /<[a-z][^>]*\sonerror\s*=/i, 'no element with an onerror attribute');
      assert.ok(html.includes('[x](command:workbench.action.quit)'), 'the link text is shown as text');
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the HTML is shown as text');

      // Hold still: the tree polls and the other row's progress moves, but only that row is redrawn.
      const fired: Array<'all' | string[]> = [];
      const sub = api.tree.onDidChangeTreeData((e: TreeNode | TreeNode[] | undefined | null | void) => {
        fired.push(e ? (Array.isArray(e) ? e : [e]).map((n) => n.id) : 'all');
      });
      try {
        const started = Date.now();
        for (let progress = 20; Date.now() - started < HOLD_MS; progress += 10) {
          await emulator.setStatus('ice', BUSY, 'Processing', { progress });
          await sleep(1_000);
        }
      } finally {
        sub.dispose();
      }
      const after = await shown();
      assert.ok(after !== undefined, `the tooltip is still on screen ${HOLD_MS / 1000} s after it opened (tree events meanwhile: ${JSON.stringify(fired)})`);
      assert.ok((api.store.get(busy.key)?.snapshot?.progress ?? 0) > 10, 'the other job was polled and moved meanwhile');
      assert.ok(fired.length > 0, 'the tree did refresh meanwhile');
      assert.ok(fired.every((e) => e !== 'all' && e.every((n) => n === `job:${busy.key}`)), `only the busy row was redrawn: ${JSON.stringify(fired)}`);
      await screenshot('tooltip-hostile', { waitForSelector: '.workbench-hover, .monaco-hover' });
    }
  });
});
