/**
 * Binary search, once for every sorted table (line starts, matches by line or column, blocks, chunks): the first
 * index in [0, n) at which `reached(i)` is true, or n if it never is. `reached` must be false, then true, along
 * the range (a monotone predicate), as with C++'s std::partition_point.
 */
export function partitionPoint(n: number, reached: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
