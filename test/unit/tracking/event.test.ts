import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../../../src/util/event.js';

test('Emitter: subscribe, fire in order, unsubscribe, a throwing listener does not stop the others, dispose', () => {
  const errors: unknown[] = [];
  const e = new Emitter<number>((err) => errors.push(err));
  const seen: string[] = [];
  const a = e.event((n) => seen.push(`a${n}`));
  e.event(() => {
    throw new Error('listener bug');
  });
  e.event((n) => seen.push(`c${n}`));
  e.fire(1);
  assert.deepEqual(seen, ['a1', 'c1']);
  assert.equal(errors.length, 1);
  a.dispose();
  a.dispose(); // twice is harmless
  e.fire(2);
  assert.deepEqual(seen, ['a1', 'c1', 'c2']);
  e.dispose();
  e.fire(3);
  e.event((n) => seen.push(`late${n}`)).dispose();
  e.fire(4);
  assert.deepEqual(seen, ['a1', 'c1', 'c2']);
});

test('Emitter: a listener that unsubscribes itself during fire does not disturb the others', () => {
  const e = new Emitter<void>();
  const seen: string[] = [];
  const sub = e.event(() => {
    seen.push('once');
    sub.dispose();
  });
  e.event(() => seen.push('always'));
  e.fire();
  e.fire();
  assert.deepEqual(seen, ['once', 'always', 'always']);
});
