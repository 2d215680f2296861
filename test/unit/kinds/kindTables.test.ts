// Every table that lists job kinds lists all of them: adding a kind to JOB_KINDS fails here until each layer
// knows it (src/kinds/, the cloud core's registry and endpoints, the setting, the detector, the emulator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JOB_KINDS, type JobKind } from '../../../src/model/job.js';
import { CLOUD_LABEL, KIND_INFO, kindsOfCloud } from '../../../src/kinds/index.js';
import { KIND_DETECT } from '../../../src/kinds/detection.js';
import { ENDPOINTS, type EndpointProduct, KINDS } from '../../../src/clouds/adapters/registry.js';
import { detectJobIdsInLine } from '../../../src/detect/detectJobIds.js';
import { EMULATED_KINDS } from '../../emulator/state.js';

const ROOT = resolve(__dirname, '..', '..', '..');
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

test('KIND_INFO has every kind, each under its own key, on a cloud with a label', () => {
  assert.deepEqual(sorted(Object.keys(KIND_INFO)), sorted(JOB_KINDS));
  for (const k of JOB_KINDS) {
    const i = KIND_INFO[k];
    assert.equal(i.kind, k);
    assert.ok(CLOUD_LABEL[i.cloud], `${k}: cloud ${i.cloud} has no label`);
    for (const field of ['label', 'icon', 'idPrompt', 'api'] as const) assert.ok(i[field].length > 0, `${k}: empty ${field}`);
    assert.match(i.console.url, /^https:\/\//, `${k}: console link`);
  }
  assert.deepEqual(sorted([...kindsOfCloud('aliyun'), ...kindsOfCloud('huawei')]), sorted(JOB_KINDS));
});

test('the cloud core registry has every kind, agreeing with KIND_INFO on the cloud and the API', () => {
  assert.deepEqual(sorted(Object.keys(KINDS)), sorted(JOB_KINDS));
  for (const k of JOB_KINDS) {
    assert.equal(KINDS[k].kind, k);
    assert.equal(KINDS[k].cloud, KIND_INFO[k].cloud, `${k}: cloud`);
    assert.equal(KINDS[k].api.split(':')[1], KIND_INFO[k].api, `${k}: API name`);
  }
});

test('the endpoints table has the product of every kind', () => {
  for (const k of JOB_KINDS) {
    const product = KINDS[k].api.split(':')[0] as EndpointProduct;
    assert.ok(ENDPOINTS[product] && Object.keys(ENDPOINTS[product]).length > 0, `${k}: no endpoints for product ${product}`);
  }
});

test('the mediaJobs.endpoints setting has a property per kind', () => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } | Array<{ properties: Record<string, { properties?: Record<string, unknown> }> }> };
  };
  const sections = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
  const setting = sections.map((s) => s.properties['mediaJobs.endpoints']).find((s) => s !== undefined);
  assert.ok(setting?.properties, 'mediaJobs.endpoints has no properties');
  assert.deepEqual(sorted(Object.keys(setting.properties)), sorted(JOB_KINDS));
});

/** A line per kind with that kind's own marker (the API's name or a sibling key the detector knows). */
const MARKER_LINE: Record<JobKind, string> = {
  ice: 'GetMediaProducingJob JobId=a1b2c3d4e5f60718293a4b5c6d7e8f90',
  vod: 'GetTranscodeTask TranscodeTaskId=a1b2c3d4e5f60718293a4b5c6d7e8f90',
  'live-editing': 'GetEditingJobInfo CasterId=53200b81-b761-4c10-842a-a0726d970000',
  'live-edge': 'GetEdgeTranscodeJob ClusterId=c-1 JobId=53200b81-b761-4c10-842a-a0726d970000',
  'mpc-editing': 'ListEditingJobs job_id=a1b2c3d4e5f60718293a4b5c6d7e8f90',
};

test('the detector knows a marker of every kind', () => {
  assert.deepEqual(sorted(Object.keys(MARKER_LINE)), sorted(JOB_KINDS));
  for (const k of JOB_KINDS) {
    const found = detectJobIdsInLine(MARKER_LINE[k]);
    assert.equal(found.length, 1, `${k}: ${JSON.stringify(found)}`);
    assert.equal(found[0]!.kinds[0], k, `${k}: detected as ${found[0]!.kinds.join(', ')}`);
  }
});

test('the emulator emulates every kind', () => {
  assert.deepEqual(sorted(EMULATED_KINDS), sorted(JOB_KINDS));
});

test('KIND_DETECT has the detection facts of every kind', () => {
  assert.deepEqual(sorted(Object.keys(KIND_DETECT)), sorted(JOB_KINDS));
  for (const k of JOB_KINDS) assert.ok(KIND_DETECT[k].idShapes.shapes.length > 0, `${k}: no id shape`);
});
