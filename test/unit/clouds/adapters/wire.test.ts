import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { aliyunTimeToIso, decodeEmbedded, decodedOrRaw, fileNameFromUrl, huaweiTimeToIso, idString, jsonInString, laterOf, locateJsonError, numLike, optString, parseBody, parseJsonText, rawText, toFps, toNumber, toStr, ownKeyStripper, unwrapList } from '../../../../src/clouds/adapters/wire.js';
import { expectSchemaError } from './support.js';

describe('wire: numbers', () => {
  it('toNumber takes numbers and numeric strings, nothing else', () => {
    const cases: Array<[unknown, number | null]> = [
      [3, 3], [-0.04644, -0.04644], ['64.533', 64.533], [' 2 ', 2], ['-0.046440', -0.04644], ['1e3', 1000], ['.5', 0.5],
      ['5.', 5], ['', null], ['abc', null], ['12px', null], ['0x10', null], ['Infinity', null], ['1e999', null],
      [Number.NaN, null], [Number.POSITIVE_INFINITY, null], [null, null], [undefined, null], [true, null], [{}, null],
      [[1], null], ['2019-02-26T08:30:16Z', null], ['9'.repeat(100), null],
    ];
    for (const [input, expected] of cases) assert.equal(toNumber(input), expected, JSON.stringify(input));
  });

  it('numLike (the zod field) agrees with toNumber and turns a missing key into null', () => {
    const s = z.looseObject({ n: numLike });
    for (const v of [3, '3.5', ' 7 ', 'x', null, true, {}, [], '1e999', Number.NaN]) {
      assert.equal(s.parse({ n: v }).n, toNumber(v), JSON.stringify(v));
    }
    assert.equal(s.parse({}).n, null);
  });

  it('toFps reads ffprobe fractions', () => {
    assert.equal(toFps('30.0'), 30);
    assert.ok(Math.abs((toFps('30000/1001') ?? 0) - 29.97) < 0.001);
    assert.equal(toFps('25/0'), null);
    assert.equal(toFps('a/b'), null);
    assert.equal(toFps('1/2/3'), null);
  });
});

describe('wire: strings', () => {
  it('optString accepts strings and numbers, blanks and others are null', () => {
    const s = z.looseObject({ v: optString });
    assert.equal(s.parse({ v: 'HD' }).v, 'HD');
    assert.equal(s.parse({ v: 200 }).v, '200');
    assert.equal(s.parse({ v: '' }).v, null);
    assert.equal(s.parse({ v: '   ' }).v, null);
    assert.equal(s.parse({ v: {} }).v, null);
    assert.equal(s.parse({ v: false }).v, null);
    assert.equal(s.parse({}).v, null);
    assert.equal(toStr(Number.NaN), null);
  });

  it('idString is strict: blank, missing and non-integer values fail', () => {
    assert.equal(idString.parse(' abc '), 'abc');
    assert.equal(idString.parse(42), '42');
    for (const bad of ['', '  ', null, undefined, 1.5, {}, []]) assert.equal(idString.safeParse(bad).success, false, String(bad));
  });

  it('rawText keeps the value as text, cut when long, "" when missing', () => {
    assert.equal(rawText(undefined), '');
    assert.equal(rawText(null), '');
    assert.equal(rawText(-1), '-1');
    assert.equal(rawText(true), 'true');
    assert.equal(rawText({ a: 1 }), '{"a":1}');
    assert.equal(rawText('x'.repeat(1000)).length, 257);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(rawText(cyclic), '[object]');
  });
});

describe('wire: times', () => {
  it('Alibaba times in their variants become YYYY-MM-DDTHH:MM:SSZ', () => {
    const cases: Array<[unknown, string | null]> = [
      ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'],
      ['2024-01-01T00:00:00', '2024-01-01T00:00:00Z'],
      ['2024-01-01 08:09:10', '2024-01-01T08:09:10Z'],
      ['2024-01-01T08:09:10.123Z', '2024-01-01T08:09:10Z'],
      ['2024-01-01T08:09Z', '2024-01-01T08:09:00Z'],
      ['2024-01-01T08:00:00+08:00', '2024-01-01T00:00:00Z'],
      ['2024-01-01T00:30:00-0130', '2024-01-01T02:00:00Z'],
      ['2024-02-30T00:00:00Z', null],
      ['2024-13-01T00:00:00Z', null],
      ['2024-01-01T24:00:00Z', null],
      ['yesterday', null], ['', null], [1718000000, null], [null, null],
    ];
    for (const [input, expected] of cases) assert.equal(aliyunTimeToIso(input), expected, String(input));
  });

  it('Huawei yyyyMMddHHmmss (string or number) becomes ISO UTC; bad dates are null', () => {
    assert.equal(huaweiTimeToIso('20240611021407'), '2024-06-11T02:14:07Z');
    assert.equal(huaweiTimeToIso(20240611021407), '2024-06-11T02:14:07Z');
    assert.equal(huaweiTimeToIso('2024-06-11T02:14:07Z'), '2024-06-11T02:14:07Z');
    assert.equal(huaweiTimeToIso('20241341000000'), null);
    assert.equal(huaweiTimeToIso(''), null);
    assert.equal(huaweiTimeToIso('2024061102140'), null);
  });

  it('laterOf picks the later time', () => {
    assert.equal(laterOf('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'), '2024-01-02T00:00:00Z');
    assert.equal(laterOf(null, '2024-01-02T00:00:00Z'), '2024-01-02T00:00:00Z');
    assert.equal(laterOf('2024-01-01T00:00:00Z', null), '2024-01-01T00:00:00Z');
    assert.equal(laterOf(null, null), null);
  });
});

describe('wire: JSON in strings', () => {
  it('decodes once, twice, and gives up after three levels', () => {
    const arr = [{ Index: '1' }];
    assert.deepEqual(parseJsonText(JSON.stringify(arr)), { ok: true, value: arr });
    assert.deepEqual(parseJsonText(JSON.stringify(JSON.stringify(arr))), { ok: true, value: arr });
    const four = JSON.stringify(JSON.stringify(JSON.stringify(JSON.stringify(arr))));
    assert.equal(parseJsonText(four).ok, false);
    // A JSON string that is not itself JSON text stays a string.
    assert.deepEqual(parseJsonText('"hello"'), { ok: true, value: 'hello' });
  });

  it('refuses text over the size cap without parsing it', () => {
    const r = parseJsonText(`[${'1,'.repeat(100)}1]`, 50);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /too large.*limit 50/);
  });

  it('names where the JSON breaks, with line and column', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"a":1,}', /property name.*position 7 \(line 1, column 8\)/],
      ['[1,2,]', /trailing comma.*position 5/],
      ['abc', /unexpected character "a" at position 0/],
      ['{"a":', /unexpected end of input at position 5/],
      ['{\n  "a": tru\n}', /position 9 \(line 2, column 8\)/],
      ['"x', /unterminated string at position 2/],
      ['{"a":1} x', /after the end of the JSON value at position 8/],
      ['"\\q"', /bad escape/],
      ['[01]', /expected ',' or ']'/],
      ['"a\tb"', /control character/],
    ];
    for (const [text, re] of cases) {
      const r = parseJsonText(text);
      assert.equal(r.ok, false, text);
      assert.match(r.ok ? '' : r.reason, re, text);
    }
  });

  it('locateJsonError finds an error exactly when JSON.parse fails (random texts)', () => {
    const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', 'a', '1', '-', '.', 'e', ' ', 'true', 'null', '"k"', '0'];
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const len = Math.floor(rnd() * 12);
      for (let k = 0; k < len; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      assert.equal(locateJsonError(text) === null, valid, JSON.stringify(text));
    }
  });

  it('decodeEmbedded: absent, ok (object or text), invalid with the raw text kept', () => {
    const schema = z.array(z.unknown());
    assert.deepEqual(decodeEmbedded(undefined, schema), { state: 'absent' });
    assert.deepEqual(decodeEmbedded('  ', schema), { state: 'absent' });
    assert.deepEqual(decodeEmbedded([1], schema), { state: 'ok', value: [1] });
    assert.deepEqual(decodeEmbedded('[1]', schema), { state: 'ok', value: [1] });
    const bad = decodeEmbedded('[1', schema);
    assert.equal(bad.state, 'invalid');
    assert.equal(bad.state === 'invalid' ? bad.rawText : null, '[1');
    const wrongShape = decodeEmbedded('{"a":1}', schema);
    assert.equal(wrongShape.state, 'invalid');
    assert.match(wrongShape.state === 'invalid' ? wrongShape.reason : '', /unexpected shape/);
    assert.equal(decodedOrRaw(bad), '[1');
    assert.deepEqual(decodedOrRaw(decodeEmbedded('{"a":1}', z.unknown())), { a: 1 });
    assert.equal(decodedOrRaw({ state: 'absent' }), null);
  });

  it('jsonInString as a schema field never fails', () => {
    const s = z.looseObject({ u: jsonInString(z.looseObject({ k: z.string() })) });
    assert.equal(s.parse({}).u.state, 'absent');
    assert.equal(s.parse({ u: '{"k":"v"}' }).u.state, 'ok');
    assert.equal(s.parse({ u: '{"k":1}' }).u.state, 'invalid');
    assert.equal(s.parse({ u: 'not json' }).u.state, 'invalid');
    assert.equal(s.parse({ u: 12 }).u.state, 'invalid');
  });

  it('unwrapList takes arrays, JSON text and XML-style wrappers', () => {
    assert.deepEqual(unwrapList([1, 2], []), [1, 2]);
    assert.deepEqual(unwrapList('[1,2]', []), [1, 2]);
    assert.deepEqual(unwrapList({ Item: [1] }, ['Item']), [1]);
    assert.deepEqual(unwrapList({ Item: { a: 1 } }, ['Item']), [{ a: 1 }]);
    assert.deepEqual(unwrapList('nope', []), []);
    assert.deepEqual(unwrapList(null, []), []);
  });
});

describe('wire: body and helpers', () => {
  it('parseBody reports the failing identifying field as a SchemaError with the request id', () => {
    const schema = z.looseObject({ Job: z.looseObject({ JobId: idString }) });
    assert.deepEqual(parseBody(schema, { Job: { JobId: 'j1' } }, 'x:Y', null), { Job: { JobId: 'j1' } });
    const e = expectSchemaError(() => parseBody(schema, { RequestId: 'R-1', Job: { JobId: '' } }, 'x:Y', null), 'x:Y', 'Job.JobId');
    assert.equal(e.requestId, 'R-1');
    assert.match(e.message, /Job\.JobId.*got the string ""/);
    expectSchemaError(() => parseBody(schema, null, 'x:Y', 'H-1'), 'x:Y', '(body)');
    const arr = z.looseObject({ list: z.array(z.looseObject({ id: idString })) });
    expectSchemaError(() => parseBody(arr, { list: [{ id: 'a' }, {}] }, 'x:Y', null), 'x:Y', 'list[1].id');
  });

  it('fileNameFromUrl takes the last segment, without query, decoded', () => {
    assert.equal(fileNameFromUrl('https://b.oss-cn-shanghai.aliyuncs.com/out/a%20b.mp4?Expires=1&Signature=x'), 'a b.mp4');
    assert.equal(fileNameFromUrl('rtmp://push.example/app/stream_480p'), 'stream_480p');
    assert.equal(fileNameFromUrl('edits/2024/'), '2024');
    assert.equal(fileNameFromUrl('https://host.example/'), null);
    assert.equal(fileNameFromUrl('https://host.example/%E0%A4%A'), '%E0%A4%A');
    assert.equal(fileNameFromUrl(null), null);
  });
});

describe('ownKeyStripper: JSON text cut out of its enclosing object, as SDK doc examples give it', () => {
  const tasks = ownKeyStripper(['EditingTasksInfo']);
  it('drops a leading own key (quoted or not) and a trailing comma', () => {
    assert.equal(tasks('"EditingTasksInfo": {"ShowId":"a"},  '), '{"ShowId":"a"}');
    assert.equal(ownKeyStripper(['VideoStreamList', 'AudioStreamList'])(' AudioStreamList : "[]"'), '"[]"');
  });
  it('leaves other text alone: no key, another key, or the key inside the value', () => {
    assert.equal(tasks('{"EditingTasksInfo": 1},'), '{"EditingTasksInfo": 1},');
    assert.equal(tasks('"Other": {},'), '"Other": {},');
    assert.equal(tasks('[1,2]'), '[1,2]');
  });
});
