import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateId } from '../../../src/kinds/refs.js';
import { isTerminal } from '../../../src/model/job.js';

test('ids with spaces, slashes, control characters or absurd length are refused', () => {
  assert.equal(validateId('a1b2c3d4e5f60718293a4b5c6d7e8f90'), null);
  assert.equal(validateId('53200b81-b761-4c10-842a-a0726d970000'), null);
  assert.match(validateId('a b')!, /space/);
  assert.match(validateId('a/b')!, /character/);
  assert.match(validateId('a\u0000b')!, /control/);
  assert.match(validateId('a\tb')!, /control/);
  assert.match(validateId('x'.repeat(129))!, /129 characters/);
  assert.match(validateId('')!, /empty/);
  assert.match(validateId('a&Action=Delete')!, /character/);
});

test('terminal statuses', () => {
  assert.deepEqual(['queued', 'running', 'succeeded', 'failed', 'partial', 'stopped', 'unknown'].map((s) => isTerminal(s as never)),
    [false, false, true, true, true, false, false]);
});
