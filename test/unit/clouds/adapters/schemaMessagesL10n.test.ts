/**
 * The schema and parse messages a user reads (a SchemaError's line in the tree, hover and CLI; a Timeline's parse
 * error in the inspector) in zh-cn: the words around the field are Chinese, the field names, paths, JSON types and
 * the characters quoted from the body stay as they are. English is unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError, SchemaError } from '../../../../src/clouds/errors.js';
import { KINDS } from '../../../../src/clouds/adapters/registry.js';
import { parseTimeline } from '../../../../src/clouds/adapters/timeline.js';
import { parseJsonText } from '../../../../src/clouds/adapters/wire.js';
import { parseAssumeRole } from '../../../../src/clouds/aliyun/sts.js';
import { ctx, fixture } from './support.js';
import { inChinese } from '../../../support/l10n.js';

function schemaError(f: () => unknown): SchemaError {
  try {
    f();
  } catch (e) {
    if (e instanceof SchemaError) return e;
    throw e;
  }
  assert.fail('no SchemaError');
}

test('a missing JobId: "field: expected …, got …" in both languages, the path as the API spells it', () => {
  const parse = (): unknown => KINDS.ice.parse(fixture('ice', 'missing-job-id'), ctx());
  const en = schemaError(parse);
  assert.equal(en.message, 'MediaProducingJob.JobId: expected an id (a non-empty string), got nothing');
  const zh = inChinese(() => schemaError(parse));
  assert.equal(zh.field, 'MediaProducingJob.JobId');
  assert.equal(zh.message, 'MediaProducingJob.JobId：应为 ID（非空字符串），实际为无值');
  assert.match(inChinese(() => describeError(zh)), /^ice:GetMediaProducingJob：.*MediaProducingJob\.JobId：应为 ID（非空字符串），实际为无值/);
});

test('the wrong type: zod\'s type name stays, our words around it change', () => {
  const parse = (): unknown => KINDS.ice.parse({ RequestId: 'R', MediaProducingJob: 'x' }, ctx());
  const en = schemaError(parse);
  assert.equal(en.message, 'MediaProducingJob: expected object, got the string "x"');
  assert.equal(inChinese(() => schemaError(parse)).message, 'MediaProducingJob：应为 object，实际为字符串 "x"');
});

test('JSON inside a string: where it stops being JSON, in both languages', () => {
  const bad = '{"a":1,}';
  const en = parseJsonText(bad);
  assert.deepEqual(en, { ok: false, reason: 'expected a property name in double quotes, found character "}" at position 7 (line 1, column 8)' });
  const zh = inChinese(() => parseJsonText(bad));
  assert.deepEqual(zh, { ok: false, reason: '位置 7（第 1 行，第 8 列）：应为双引号括起的属性名，却遇到字符 "}"' });
  assert.deepEqual(parseJsonText('[1, 2'), { ok: false, reason: 'expected \',\' or \']\', found end of input at position 5 (line 1, column 6)' });
  assert.deepEqual(parseJsonText('{"a" 1}'), { ok: false, reason: 'expected \':\' after a property name, found character "1" at position 5 (line 1, column 6)' });
  assert.deepEqual(parseJsonText('[1] x'), { ok: false, reason: 'unexpected text after the end of the JSON value at position 4 (line 1, column 5)' });
  assert.deepEqual(parseJsonText('[tru]'), { ok: false, reason: 'unexpected character "t" at position 1 (line 1, column 2)' });
  assert.deepEqual(inChinese(() => parseJsonText('[tru]')), { ok: false, reason: '位置 1（第 1 行，第 2 列）：意外的字符 "t"' });
});

test('the inspector\'s Timeline parse error names Timeline in both languages', () => {
  const job = KINDS.ice.parse(fixture('ice', 'timeline-invalid'), ctx()).jobs[0]!;
  assert.equal(job.timeline?.parseError, 'Timeline is not valid JSON: trailing comma before \']\' at position 98 (line 1, column 99)');
  const zhJob = inChinese(() => KINDS.ice.parse(fixture('ice', 'timeline-invalid'), ctx()).jobs[0]!);
  assert.equal(zhJob.timeline?.parseError, 'Timeline 不是有效的 JSON：位置 98（第 1 行，第 99 列）：\']\' 之前有多余的逗号');
  const zh = inChinese(() => parseTimeline('[1]'));
  assert.equal(zh?.parseError, 'Timeline 是数组，应为对象');
  assert.equal(parseTimeline('[1]')?.parseError, 'Timeline is an array, expected an object');
  assert.match(inChinese(() => parseTimeline('{"a":'))?.parseError ?? '', /^Timeline 不是有效的 JSON：/);
});

test('STS: an AssumeRole answer without keys names the field, never a value, in both languages', () => {
  const body = { RequestId: 'R-1', Credentials: { AccessKeyId: 'STS.x', AccessKeySecret: 's', Expiration: '2026-12-04T00:00:00Z' } };
  const en = schemaError(() => parseAssumeRole(body));
  assert.equal(en.message, 'the AssumeRole answer lacks a usable Credentials.SecurityToken');
  assert.equal(inChinese(() => schemaError(() => parseAssumeRole(body))).message, 'AssumeRole 的响应缺少可用的 Credentials.SecurityToken');
});
