/** Shared helpers of the job-kind tests: fixtures, references, contexts and a Job shape check. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SchemaError } from '../../../../src/clouds/errors.js';
import { type ParseContext, type ParseResult } from '../../../../src/clouds/adapters/kindDefinition.js';
import { KINDS } from '../../../../src/clouds/adapters/registry.js';
import { JOB_STATUSES, STREAM_TYPES, TRACK_TYPES, type Job, type JobKind, type JobParams } from '../../../../src/model/job.js';
import { KIND_CLOUD } from '../../../../src/kinds/index.js';
import { type JobRef } from '../../../../src/model/jobRef.js';

// The project compiles as CommonJS (no "type": "module"), so __dirname rather than import.meta.url.
export const FIXTURES_DIR = `${join(__dirname, '../../../fixtures')}/`;

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function fixtureNames(kind: JobKind): string[] {
  return readdirSync(`${FIXTURES_DIR}${kind}`).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/** A fixture body as the client hands it to `parse`: the JSON.parse of the response text. */
export function fixture(kind: JobKind, name: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${kind}/${name}.json`, 'utf8'));
}

/** A fixture as a plain object, to read expected values from. */
export function fixtureRecord(kind: JobKind, name: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return fixture(kind, name) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function ref(kind: JobKind, id: string, params: JobParams = {}, region = 'cn-shanghai'): JobRef {
  return { kind, id, region, params };
}

export function ctx(refs: JobRef[] = [], requestId: string | null = null, region = 'cn-shanghai'): ParseContext {
  return { refs, region, requestId };
}

/** Parses a fixture with its kind and returns the result. */
export function parseFixture(kind: JobKind, name: string, context: ParseContext = ctx()): ParseResult {
  return KINDS[kind].parse(fixture(kind, name), context);
}

/** Parses a fixture that must give exactly one job, and returns it (checked for shape). */
export function onlyJob(kind: JobKind, name: string, context: ParseContext = ctx()): Job {
  const r = parseFixture(kind, name, context);
  assert.equal(r.jobs.length, 1, `${kind}/${name}: expected one job, got ${r.jobs.length}`);
  const job = r.jobs[0] as Job;
  assertWellFormedJob(job);
  return job;
}

/** Runs `fn`, which must throw a SchemaError for `api` naming `field`; returns the error. */
export function expectSchemaError(fn: () => unknown, api: string, field: string): SchemaError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof SchemaError, `expected a SchemaError, got ${String(caught)}`);
  assert.equal(caught.api, api);
  assert.equal(caught.field, field);
  assert.equal(caught.kind, 'schema');
  return caught;
}

const isNullableNumber = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v));
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isNullableIso = (v: unknown): boolean => v === null || (typeof v === 'string' && ISO_UTC.test(v));

/**
 * Checks every invariant the model promises, so a mapping cannot leak NaN, a wire-format string where a
 * number belongs, or a time in the wrong format. Used on every fixture and on every fuzzed input.
 */
export function assertWellFormedJob(job: Job): void {
  assert.ok(KINDS[job.kind] !== undefined, `kind ${job.kind}`);
  assert.equal(job.cloud, KIND_CLOUD[job.kind]);
  assert.equal(typeof job.region, 'string');
  assert.ok(typeof job.id === 'string' && job.id.length > 0, 'id');
  assert.ok(isNullableString(job.name), 'name');
  assert.ok((JOB_STATUSES as readonly string[]).includes(job.status), `status ${job.status}`);
  assert.equal(typeof job.rawStatus, 'string');
  assert.ok(isNullableNumber(job.progress), 'progress');
  for (const t of [job.createdAt, job.startedAt, job.completedAt, job.updatedAt]) assert.ok(isNullableIso(t), `time ${String(t)}`);
  // Optional fields (absent in jobs saved before them): when present, of their type.
  if (job.stoppedAt !== undefined) assert.ok(isNullableIso(job.stoppedAt), `stoppedAt ${String(job.stoppedAt)}`);
  for (const i of job.inputs ?? []) assert.ok(isNullableString(i.url) && isNullableString(i.label), 'input');
  assert.ok(isNullableNumber(job.durationSeconds), 'durationSeconds');
  if (job.error !== null) {
    assert.equal(typeof job.error.code, 'string');
    assert.equal(typeof job.error.message, 'string');
  }
  for (const o of job.outputs) {
    for (const k of ['label', 'url', 'mediaId', 'storageLocation', 'fileName', 'definition', 'format', 'rawStatus'] as const) {
      assert.ok(isNullableString(o[k]), `output.${k}`);
    }
    for (const k of ['sizeBytes', 'width', 'height', 'bitrateKbps', 'durationSeconds', 'fps', 'progress'] as const) {
      assert.ok(isNullableNumber(o[k]), `output.${k}`);
    }
    assert.ok(o.status === null || (JOB_STATUSES as readonly string[]).includes(o.status));
    if (o.templateId !== undefined) assert.ok(isNullableString(o.templateId), 'output.templateId');
    for (const t of [o.createdAt, o.completedAt]) if (t !== undefined) assert.ok(isNullableIso(t), `output time ${String(t)}`);
  }
  for (const s of job.streams) {
    assert.ok((STREAM_TYPES as readonly string[]).includes(s.type));
    for (const k of ['output', 'codec', 'codecLongName', 'profile', 'channelLayout', 'language'] as const) {
      assert.ok(isNullableString(s[k]), `stream.${k}`);
    }
    for (const k of ['index', 'width', 'height', 'fps', 'bitrateKbps', 'channels', 'sampleRate', 'durationSeconds'] as const) {
      assert.ok(isNullableNumber(s[k]), `stream.${k}`);
    }
    for (const k of ['pixFmt', 'dar', 'sar', 'sampleFmt', 'timeBase'] as const) if (s[k] !== undefined) assert.ok(isNullableString(s[k]), `stream.${k}`);
    for (const k of ['level', 'hasBFrames', 'startTime'] as const) if (s[k] !== undefined) assert.ok(isNullableNumber(s[k]), `stream.${k}`);
  }
  if (job.timeline !== null) {
    const tl = job.timeline;
    assert.ok(isNullableNumber(tl.durationSeconds));
    if (tl.parseError !== null) {
      assert.equal(typeof tl.parseError, 'string');
      assert.equal(typeof tl.rawText, 'string');
      assert.equal(tl.tracks.length, 0);
    }
    for (const track of tl.tracks) {
      assert.ok((TRACK_TYPES as readonly string[]).includes(track.type));
      for (const c of track.clips) {
        for (const k of ['in', 'out', 'timelineIn', 'timelineOut', 'duration', 'speed'] as const) {
          assert.ok(isNullableNumber(c[k]), `clip.${k}`);
        }
        for (const k of ['clipType', 'mediaId', 'mediaUrl', 'text'] as const) assert.ok(isNullableString(c[k]), `clip.${k}`);
        assert.equal(typeof c.derivedPlacement, 'boolean');
        for (const e of c.effects) assert.equal(typeof e.type, 'string');
      }
    }
  }
  assert.equal(typeof job.params, 'object');
  assert.ok(isNullableString(job.requestId));
}
