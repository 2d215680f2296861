// The detector's tables come from KindDetect (src/kinds/): every marker, SDK name, host and sibling key a kind
// declares marks that kind, and its id shapes say what a bare id may be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JOB_KINDS, type JobKind } from '../../../src/model/job.js';
import { KIND_INFO } from '../../../src/kinds/index.js';
import { KIND_DETECT } from '../../../src/kinds/detection.js';
import { detectJobIdsInLine, plausibleKindsForBareId } from '../../../src/detect/detectJobIds.js';

const HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** A text a marker's regex source matches (the sources use only `\.`, `\s+`, `[Xx]`, `x?` and `(?:a|b)`). */
function sample(source: string): string {
  const s = source.replace(/\(\?:([^|)]*)[^)]*\)/g, '$1').replace(/\\s\+/g, ' ').replace(/\\(.)/g, '$1').replace(/\[(.)[^\]]*\]/g, '$1').replace(/(.)\?/g, '$1');
  assert.match(s, new RegExp(`^(?:${source})$`), `sample of ${source}`);
  return s;
}

const kindsOfProduct = (name: string): JobKind[] => JOB_KINDS.filter((k) => KIND_DETECT[k].product.name === name);
const takesJobIds = (k: JobKind): boolean => KIND_DETECT[k].jobKeys !== undefined;

test('a JobId beside any marker, SDK name, API host or sibling key of a kind is an id of that kind', () => {
  let checked = 0;
  for (const k of JOB_KINDS.filter(takesJobIds)) {
    const d = KIND_DETECT[k];
    const product = kindsOfProduct(d.product.name);
    const own = [...d.markers, ...d.siblingKeys, ...(product.length === 1 ? d.product.sdks : [])].map(sample);
    if (product.filter(takesJobIds).length === 1) {
      // A product of several kinds (`live`): its SDK, hosts and CLI mark the one of them a JobId can be.
      own.push(...d.product.sdks.map(sample), ...d.product.hosts.map((h) => `https://${h}.cn-shanghai.aliyuncs.com/?Action=Get`));
      if (d.product.cli) own.push(`${d.product.cli} ${d.product.name} Get`);
    }
    for (const marker of own) {
      const found = detectJobIdsInLine(`${marker} JobId=${HEX}`);
      assert.equal(found.length, 1, `${k}: ${marker}`);
      assert.equal(found[0]!.kinds[0], k, `${k}: "${marker}" gives ${found[0]!.kinds.join(', ')}`);
      checked++;
    }
  }
  assert.ok(checked > 20, `only ${checked} markers`);
});

test('a marker that extends another kind\'s (EditingJobInfo, EditingJob) is read as the longer one', () => {
  // GetEditingJobInfo is a production-studio API: a JobId beside it is no MPC job.
  assert.ok(!detectJobIdsInLine(`GetEditingJobInfo JobId=${HEX}`)[0]!.kinds.includes('mpc-editing'));
  assert.deepEqual(detectJobIdsInLine(`ListEditingJobs job_id=${HEX}`)[0]!.kinds, ['mpc-editing']);
});

test('a required parameter\'s key beside a JobId marks the kind, and a kind without it needs it', () => {
  for (const k of JOB_KINDS.filter(takesJobIds)) {
    for (const p of KIND_INFO[k].params.filter((x) => x.required)) {
      const key = KIND_DETECT[k].keys.find((x) => x.param === p.name)!;
      const [withIt] = detectJobIdsInLine(`${key.names[0]}=c-1234 JobId=${HEX}`);
      assert.deepEqual([withIt!.kinds, withIt!.params, withIt!.needs], [[k], { [p.name]: 'c-1234' }, []]);
      const [without] = detectJobIdsInLine(`${KIND_DETECT[k].markers.map(sample)[0]} JobId=${HEX}`);
      assert.deepEqual(without!.needs, [p.name]);
    }
  }
});

test('a bare id: the kinds whose id shapes it has, by rank; anything else, every kind', () => {
  const ofShape = (s: 'hex32' | 'uuid' | 'number'): JobKind[] => JOB_KINDS.filter((k) => KIND_DETECT[k].idShapes.shapes.includes(s))
    .sort((a, b) => KIND_DETECT[a].idShapes.rank - KIND_DETECT[b].idShapes.rank);
  assert.deepEqual(plausibleKindsForBareId(HEX), ofShape('hex32'));
  assert.deepEqual(plausibleKindsForBareId('53200b81-b761-4c10-842a-a0726d970000'), ofShape('uuid'));
  assert.deepEqual(plausibleKindsForBareId('1287345'), ofShape('number'));
  assert.deepEqual(plausibleKindsForBareId('not-an-id!'), [...JOB_KINDS]);
});

test('KindDetect holds what the detector\'s tables assume', () => {
  const keys = JOB_KINDS.flatMap((k) => KIND_DETECT[k].keys.flatMap((x) => x.names));
  assert.deepEqual(keys.filter((x, i) => keys.indexOf(x) !== i), [], 'a key declared twice');
  // The key pattern anchors on these endings (and a per-line bit mask holds every role).
  for (const key of keys) assert.match(key, /.(?:_id|-id|_ID|Id|ID)$/, key);
  assert.ok(JOB_KINDS.flatMap((k) => KIND_DETECT[k].keys).length + 2 <= 31);
  for (const k of JOB_KINDS) {
    const d = KIND_DETECT[k];
    // A key's `needs` and `narrowedBy` name a parameter another key of the same kind gives.
    for (const x of d.keys) for (const p of [x.needs, x.narrowedBy]) if (p) assert.ok(d.keys.some((y) => y.param === p), `${k}: no key of ${p}`);
    // Markers are matched by the group they are in: no capture group of their own.
    for (const source of [...d.markers, ...d.siblingKeys, ...d.product.sdks]) assert.equal(new RegExp(`${source}|`).exec('')!.length, 1, source);
    for (const p of d.paramPatterns ?? []) assert.equal(new RegExp(`${p.pattern}|`).exec('')!.length, 2, p.pattern);
    // The kinds of one product agree on its CLI.
    for (const o of kindsOfProduct(d.product.name)) assert.equal(KIND_DETECT[o].product.cli, d.product.cli, `${k}, ${o}`);
  }
});
