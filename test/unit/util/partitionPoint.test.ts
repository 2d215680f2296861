import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partitionPoint } from '../../../src/util/partitionPoint.js';

test('partitionPoint: the first index where a monotone predicate holds, for every split of every length', () => {
  for (let n = 0; n <= 9; n++) {
    for (let split = 0; split <= n; split++) {
      let calls = 0;
      const got = partitionPoint(n, (i) => {
        calls++;
        assert.ok(i >= 0 && i < n, `asked about ${i} of ${n}`);
        return i >= split;
      });
      assert.equal(got, split, `n=${n} split=${split}`);
      assert.ok(calls <= Math.ceil(Math.log2(n + 1)), `n=${n}: ${calls} calls`);
    }
  }
});
