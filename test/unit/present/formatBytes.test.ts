import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes } from '../../../src/present/formatBytes.js';

test('byte counts in binary units, two decimals below 10, one above', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1024), '1.00 KB');
  assert.equal(formatBytes(2_474_639), '2.36 MB');
  assert.equal(formatBytes(20 * 1024 * 1024), '20.0 MB');
  assert.equal(formatBytes(5 * 1024 ** 5), '5120.0 TB');
});
