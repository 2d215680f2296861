/**
 * The hover on a job id (without vscode): a tracked job's status from the store at once; an untracked one fetched
 * once, bounded in time, cached; "not found" with the API's hint; the kinds and the id otherwise. Command links are
 * exactly Inspect, Track, Copy ID and Open in Console, and all job and document text is escaped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { ApiError, NetworkError } from '../../../src/clouds/errors.js';
import { type FetchOutcome } from '../../../src/clouds/client.js';
import { type Job, type JobKind } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';
import { JobHoverContent, type JobHoverDeps, refsFor, trackedFor } from '../../../src/views/jobHoverContent.js';
import { commandUri, HOVER_ENABLED_COMMANDS, trackedHoverMarkdown, untrackedLinks } from '../../../src/present/jobHoverMarkdown.js';
import { type JobIdHit } from '../../../src/model/jobIdHit.js';
import { parseJobReferenceArgs } from '../../../src/protocol/commandArgs.js';

const NOW = Date.parse('2025-06-18T10:00:00Z');
const ICE = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';
const EDGE = 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b01';
const HOSTILE = '[x](command:workbench.action.quit)<img src=x onerror=alert(1)>';

function job(kind: JobKind, id: string, extra: Partial<Job> = {}): Job {
  return { ...blankJob(kind, 'cn-shanghai', id), status: 'running', rawStatus: 'Processing', progress: 45, ...extra };
}

function trackedJob(kind: JobKind, id: string, snap: Partial<Job> | null): TrackedJob {
  const ref: JobRef = { kind, id, region: 'cn-shanghai', params: {} };
  return {
    key: jobKey(ref), ref, snapshot: snap ? job(kind, id, snap) : null, lastError: null,
    addedAt: new Date(NOW - 60_000).toISOString(), lastCheckedAt: new Date(NOW - 5_000).toISOString(), watched: false,
  };
}

/** Link destinations in Markdown source (skipping escaped brackets). */
function linkTargets(md: string): string[] {
  return [...md.matchAll(/(?<!\\)\]\(([^)\s]*)/g)].map((m) => m[1]!);
}

/** Markdown source without its escapes (for matching prose). */
function plain(md: string): string {
  return md.replace(/\\(.)/g, '$1');
}

function commandsIn(md: string): string[] {
  return linkTargets(md).filter((t) => t.startsWith('command:')).map((t) => t.slice('command:'.length).split('?')[0]!);
}

interface Fake extends JobHoverDeps {
  calls: JobRef[][];
  signals: AbortSignal[];
}

function fake(opts: { tracked?: TrackedJob[]; creds?: { aliyun: boolean; huawei: boolean }; fetch?: (refs: readonly JobRef[], signal?: AbortSignal) => Promise<FetchOutcome[]> } = {}): Fake {
  const tracked = opts.tracked ?? [];
  const f: Fake = {
    calls: [],
    signals: [],
    store: { findById: (id) => tracked.filter((t) => t.ref.id === id || t.ref.params.casterId === id), get: (key) => tracked.find((t) => t.key === key) },
    access: {
      fetch: (refs, signal) => {
        f.calls.push([...refs]);
        if (signal) f.signals.push(signal);
        return opts.fetch ? opts.fetch(refs, signal) : Promise.resolve(refs.map((ref) => ({ ref, jobs: [], error: null })));
      },
      describeError: (e) => String(e),
    },
    credentials: { status: async () => opts.creds ?? { aliyun: true, huawei: true } },
    logger: { debug: () => undefined },
    now: () => NOW,
    fetchTimeoutMs: 150,
  };
  return f;
}

const match = (m: Partial<JobIdHit> = {}): JobIdHit => ({ id: ICE, kinds: ['ice', 'live-edge'], params: {}, needs: [], source: 'JobId', ...m });

test('command URIs: JSON arguments, percent-encoded, with parentheses and quotes encoded too', () => {
  const uri = commandUri('mediaJobs.openJobReference', [{ id: "a(b)'c", kinds: ['ice'] }]);
  assert.ok(!/[()'\s"]/.test(uri.slice('command:'.length)), uri);
  assert.deepEqual(JSON.parse(decodeURIComponent(uri.split('?')[1]!)), [{ id: "a(b)'c", kinds: ['ice'] }]);
});

test('a tracked job: status icon, the tooltip facts, and Inspect / Copy ID / Copy aliyun Command / Open in Console by its key', () => {
  const t = trackedJob('ice', ICE, { name: HOSTILE, error: { code: 'Render.Failed', message: HOSTILE } });
  const md = trackedHoverMarkdown(t, NOW);
  assert.match(md, /^\$\(sync~spin\) \*\*IMS editing job\*\* · Running \(Processing\)/);
  assert.match(md, /Progress: 45 %/);
  assert.deepEqual(commandsIn(md), ['mediaJobs.inspectJob', 'mediaJobs.copyJobId', 'mediaJobs.copyAsAliyunCommand', 'mediaJobs.openInConsole']);
  for (const target of linkTargets(md)) assert.ok(target.endsWith(encodeURIComponent(JSON.stringify([t.key]))), target);
  // A Huawei job's hover offers its own cloud's CLI.
  assert.ok(commandsIn(trackedHoverMarkdown(trackedJob('mpc-editing', '5f3c9a1e7b2d4c6e8f0a1b2c3d4e5a01', {}), NOW)).includes('mediaJobs.copyAsHcloudCommand'));
  // The hostile name and message are text: no extra link, no HTML.
  assert.ok(!/(?<!\\)<img/.test(md), md);
  assert.ok(!commandsIn(md).includes('workbench.action.quit'));
});

test('links of an untracked id: Inspect, Track, Copy ID, Open in Console, all through openJobReference, arguments round-trip', () => {
  const m = match({ params: { clusterId: 'edge-cluster-sh-01' }, region: 'cn-beijing' });
  const md = untrackedLinks(m);
  assert.deepEqual(commandsIn(md), Array(5).fill('mediaJobs.openJobReference'));
  const actions = linkTargets(md).map((t) => parseJobReferenceArgs((JSON.parse(decodeURIComponent(t.split('?')[1]!)) as unknown[])[0]));
  assert.deepEqual(actions.map((a) => a?.action), ['inspect', 'track', 'copy', 'command', 'console']);
  assert.deepEqual(actions[0], { id: ICE, kinds: ['ice', 'live-edge'], params: { clusterId: 'edge-cluster-sh-01' }, region: 'cn-beijing', action: 'inspect' });
  for (const c of commandsIn(md)) assert.ok(HOVER_ENABLED_COMMANDS.includes(c));
  assert.deepEqual([...HOVER_ENABLED_COMMANDS].sort(), ['mediaJobs.copyAsAliyunCommand', 'mediaJobs.copyAsHcloudCommand', 'mediaJobs.copyJobId', 'mediaJobs.inspectJob', 'mediaJobs.openInConsole', 'mediaJobs.openJobReference']);
});

test('openJobReference arguments are validated', () => {
  assert.deepEqual(parseJobReferenceArgs({ id: ICE, kind: 'vod' }), { id: ICE, kinds: ['vod'], params: {} });
  for (const bad of [null, 'x', [], { id: ICE }, { id: 'a b', kinds: ['ice'] }, { id: ICE, kinds: ['ftp'] }, { id: ICE, kinds: ['ice'], params: { secret: 'x' } },
    { id: ICE, kinds: ['ice'], params: { clusterId: 'a/b' } }, { id: ICE, kinds: ['ice'], region: 'Moon' }, { id: ICE, kinds: ['ice'], action: 'delete' },
    { id: ICE, kinds: ['ice'], needs: ['password'] }]) {
    assert.equal(parseJobReferenceArgs(bad), null, JSON.stringify(bad));
  }
});

test('trackedFor: same id and one of the kinds, most likely kind first; refsFor: what can be fetched', () => {
  const edge = trackedJob('live-edge', ICE, null);
  const ice = trackedJob('ice', ICE, null);
  const vod = trackedJob('vod', ICE, null);
  assert.equal(trackedFor(fake({ tracked: [edge, vod, ice] }).store, match())?.ref.kind, 'ice');
  assert.equal(trackedFor(fake({ tracked: [vod] }).store, match()), undefined);
  const r = refsFor(match({ kinds: ['ice', 'live-edge', 'mpc-editing'], region: 'cn-shanghai' }), { aliyun: true, huawei: false });
  assert.deepEqual(r.refs, [{ kind: 'ice', id: ICE, region: 'cn-shanghai', params: {} }]);
  assert.deepEqual(r.skipped, ['an edge transcode job needs its ClusterId', 'no Huawei Cloud credentials']);
});

test('a tracked job is answered from the store, without a request', async () => {
  const f = fake({ tracked: [trackedJob('ice', ICE, {})] });
  const md = await new JobHoverContent(f).markdown(match());
  assert.match(md, /Running \(Processing\)/);
  assert.equal(f.calls.length, 0);
});

test('an untracked id: one fetch of every possible kind; the first kind with a job wins; repeated hovers reuse it', async () => {
  const f = fake({
    fetch: async (refs) => refs.map((ref) => ({ ref, jobs: ref.kind === 'live-edge' ? [job('live-edge', EDGE, { status: 'stopped', rawStatus: '0' })] : [], error: ref.kind === 'ice' ? new ApiError('aliyun', 'ice:GetMediaProducingJob', 'JobNotFound', 'not found', 404, 'R1') : null })),
  });
  const content = new JobHoverContent(f);
  const m = match({ id: EDGE, params: { clusterId: 'edge-cluster-sh-01' } });
  const md = await content.markdown(m);
  assert.deepEqual(f.calls, [[
    { kind: 'ice', id: EDGE, region: '', params: {} },
    { kind: 'live-edge', id: EDGE, region: '', params: { clusterId: 'edge-cluster-sh-01' } },
  ]]);
  assert.match(md, /\*\*Live edge transcode job\*\* · Not started \(0\)/);
  assert.match(md, /_Not tracked_/);
  assert.deepEqual(commandsIn(md), Array(5).fill('mediaJobs.openJobReference'));
  await content.markdown(m);
  await Promise.all([content.markdown(m), content.markdown(m)]);
  assert.equal(f.calls.length, 1, 'cached');
});

test('not found: the API\'s code, message and hint; a network error is not "not found"', async () => {
  const notFound = new ApiError('aliyun', 'ice:GetMediaProducingJob', 'JobNotFound', 'The specified job does not exist.', 404, 'R1');
  notFound.hint = 'check the region: jobs are per region';
  const f = fake({ fetch: async (refs) => refs.map((ref) => ({ ref, jobs: [], error: notFound })) });
  const md = await new JobHoverContent(f).markdown(match({ kinds: ['ice'] }));
  assert.match(md, /\*\*Not found\*\* · IMS editing job \(ice\)/);
  assert.match(plain(md), /JobNotFound: The specified job does not exist\./);
  assert.match(plain(md), /Hint: check the region: jobs are per region/);

  const g = fake({ fetch: async (refs) => refs.map((ref) => ({ ref, jobs: [], error: new NetworkError('ice:GetMediaProducingJob', 'ECONNRESET', 'socket hang up') })) });
  const md2 = await new JobHoverContent(g).markdown(match({ kinds: ['ice'] }));
  assert.match(plain(md2), /Could not look it up: socket hang up/);
  assert.ok(!md2.includes('Not found'));
});

test('the one fetch is bounded: no answer in time gives the kinds and the id, aborts the request, and is not cached', async () => {
  const f = fake({ fetch: (refs, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => setTimeout(() => resolve(refs.map((ref) => ({ ref, jobs: [], error: null }))), 1000))) });
  const content = new JobHoverContent(f);
  const md = await content.markdown(match({ kinds: ['ice'] }));
  // The fake never answers before the abort: this text can only come from the bound firing.
  assert.match(plain(md), /No answer within 0\.15 s/);
  assert.equal(f.signals[0]?.aborted, true, 'the request was aborted');
  await content.markdown(match({ kinds: ['ice'] }));
  assert.equal(f.calls.length, 2, 'a timeout is retried on the next hover');
});

test('without credentials, or without a parameter the API needs, nothing is fetched', async () => {
  const f = fake({ creds: { aliyun: false, huawei: false } });
  const md = await new JobHoverContent(f).markdown(match());
  assert.match(plain(md), /Set credentials/);
  assert.equal(f.calls.length, 0);
  const g = fake();
  const md2 = await new JobHoverContent(g).markdown(match({ id: EDGE, kinds: ['live-edge'] }));
  assert.match(plain(md2), /needs its ClusterId/);
  assert.equal(g.calls.length, 0);
  const md3 = await new JobHoverContent(g).markdown(match({ id: EDGE, kinds: ['live-editing'], needs: ['casterId'] }));
  assert.match(plain(md3), /ShowId needs its CasterId/);
});

test('in an untrusted workspace a tracked job is shown from the store, an untracked id is not fetched', async () => {
  let trusted = false;
  const f = { ...fake({ tracked: [trackedJob('ice', ICE, {})] }), isTrusted: () => trusted };
  const content = new JobHoverContent(f);
  const md = await content.markdown(match());
  assert.match(md, /Running \(Processing\)/, 'the tracked job, from the store');
  const other = await content.markdown(match({ id: 'a'.repeat(32), kinds: ['ice'], region: 'us-west-1' }));
  assert.match(plain(other), /Not looked up in Restricted Mode/);
  assert.equal(f.calls.length, 0, 'no signed request for an id found in an untrusted document');
  assert.deepEqual(commandsIn(other), Array(5).fill('mediaJobs.openJobReference'), 'tracking it stays one explicit click away');
  trusted = true;
  await content.markdown(match({ id: 'a'.repeat(32), kinds: ['ice'] }));
  assert.equal(f.calls.length, 1, 'once trusted, the id is looked up');
});

test('an untracked id is looked up with the cloud\'s default profile, and the hover says which', async () => {
  const f = fake({ fetch: async (refs) => refs.map((ref) => ({ ref, jobs: ref.kind === 'ice' ? [job('ice', ICE, {})] : [], error: null })) });
  const asked: string[] = [];
  const md = await new JobHoverContent({ ...f, profileOf: (cloud) => (asked.push(cloud), cloud === 'aliyun' ? 'customer' : null) }).markdown(match({ kinds: ['ice'] }));
  assert.match(md, /_Not tracked_ · looked up with profile customer/);
  assert.deepEqual(asked, ['aliyun']);
  const plain = await new JobHoverContent(fake({ fetch: async (refs) => refs.map((ref) => ({ ref, jobs: [job('ice', ICE, {})], error: null })) })).markdown(match({ kinds: ['ice'] }));
  assert.doesNotMatch(plain, /looked up with profile/);
});
