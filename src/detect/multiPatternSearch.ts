/**
 * Finds any of a set of literal strings (the ids the user tracks) in a large text, fast.
 *
 * `String.prototype.indexOf` once per pattern costs a full pass per pattern (~1.2 GB/s for one 32-character
 * needle on this machine, so 20 tracked ids over a 50 MB log took ~350 ms), and a RegExp alternation of hex ids
 * is no better: every hex digit is a possible start. This is Wu–Manber: it looks at the last B characters of a
 * window as long as the shortest pattern and, when that block occurs in no pattern, skips almost a whole window
 * ahead; real text is mostly such blocks, so it reads a small fraction of the characters. Patterns are grouped
 * by length so one short id does not shrink the skips of all the long ones; very short ones (< 6 characters)
 * use indexOf, over text[from, to) only (so a window of a large text costs the window).
 *
 * Hits are reported only on token boundaries: the characters around a hit must not be id characters
 * (`[A-Za-z0-9_-]`), so an id inside a longer hash or word does not count.
 */

const TABLE_BITS = 17;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_MASK = TABLE_SIZE - 1;

function isIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** A hit: the pattern and where it starts. */
export interface PatternHit {
  pattern: string;
  start: number;
}

interface Group {
  /** Length of the shortest pattern in the group: the window. */
  m: number;
  /** Block size. */
  b: number;
  shift: Uint8Array;
  /** Patterns whose m-prefix ends with the block of this hash. */
  candidates: Map<number, string[]>;
}

function hashBlock(text: string, end: number, b: number): number {
  // end: index of the block's last character.
  let h = 0;
  for (let i = end - b + 1; i <= end; i++) h = ((h << 5) - h + text.charCodeAt(i)) | 0;
  return h & TABLE_MASK;
}

function buildGroup(patterns: readonly string[]): Group {
  let m = Infinity;
  for (const p of patterns) m = Math.min(m, p.length);
  // Blocks of 3 characters (2 for short patterns); of 4 for many long ones: a few hundred 32-hex ids hold most of
  // the 4,096 hex blocks of 3, so over a log full of hashes the skips would collapse to a character or two (2,000
  // tracked ids scanned a 50 MB log ~4x slower). The table (TABLE_BITS) is large enough for their blocks of 4.
  const b = m >= 16 && patterns.length > 64 ? 4 : m >= 12 ? 3 : 2;
  const maxShift = Math.min(255, m - b + 1);
  const shift = new Uint8Array(TABLE_SIZE).fill(maxShift);
  const candidates = new Map<number, string[]>();
  for (const p of patterns) {
    for (let q = b - 1; q < m; q++) {
      const h = hashBlock(p, q, b);
      const s = m - 1 - q;
      if (s < shift[h]!) shift[h] = s;
      if (s === 0) {
        const list = candidates.get(h);
        if (list) list.push(p);
        else candidates.set(h, [p]);
      }
    }
  }
  return { m, b, shift, candidates };
}

export class MultiPatternSearch {
  private readonly groups: Group[] = [];
  private readonly short: string[] = [];
  readonly size: number;

  constructor(patterns: Iterable<string>) {
    const unique = [...new Set(patterns)].filter((p) => p.length > 0);
    this.size = unique.length;
    const long = unique.filter((p) => p.length >= 16);
    const medium = unique.filter((p) => p.length >= 6 && p.length < 16);
    this.short = unique.filter((p) => p.length < 6);
    if (long.length) this.groups.push(buildGroup(long));
    if (medium.length) this.groups.push(buildGroup(medium));
  }

  /**
   * Every hit on token boundaries in text[from, to), sorted by start; where two patterns hit at one place
   * the longer one wins.
   */
  findAll(text: string, from = 0, to = text.length): PatternHit[] {
    const hits: PatternHit[] = [];
    if (this.size === 0) return hits;
    for (const g of this.groups) this.scanGroup(g, text, from, to, hits);
    if (this.short.length > 0) {
      // Searched in text[from, to) alone (a slice, no copy): indexOf on the whole text would read on past `to`.
      const window = from === 0 && to >= text.length ? text : text.slice(from, to);
      for (const p of this.short) {
        for (let i = window.indexOf(p); i >= 0; i = window.indexOf(p, i + 1)) {
          if (this.bounded(text, from + i, p.length, from, to)) hits.push({ pattern: p, start: from + i });
        }
      }
    }
    if (this.groups.length + (this.short.length > 0 ? 1 : 0) > 1 || hits.length > 1) {
      hits.sort((a, b) => a.start - b.start || b.pattern.length - a.pattern.length);
    }
    // Drop overlaps (a hit inside an earlier, longer one).
    const out: PatternHit[] = [];
    let end = -1;
    for (const h of hits) {
      if (h.start < end) continue;
      out.push(h);
      end = h.start + h.pattern.length;
    }
    return out;
  }

  private bounded(text: string, start: number, length: number, from: number, to: number): boolean {
    if (start > from && isIdChar(text.charCodeAt(start - 1))) return false;
    const after = start + length;
    if (after < to && isIdChar(text.charCodeAt(after))) return false;
    return true;
  }

  private scanGroup(g: Group, text: string, from: number, to: number, hits: PatternHit[]): void {
    const { m, b, shift, candidates } = g;
    let pos = from + m - 1;
    while (pos < to) {
      // Inline hash of text[pos-b+1 .. pos] (same as hashBlock; written out for the usual block of 3).
      let h = 0;
      if (b === 3) {
        h = ((((text.charCodeAt(pos - 2) * 31) | 0) + text.charCodeAt(pos - 1)) * 31 + text.charCodeAt(pos)) & TABLE_MASK;
      } else {
        for (let i = pos - b + 1; i <= pos; i++) h = ((h << 5) - h + text.charCodeAt(i)) | 0;
        h &= TABLE_MASK;
      }
      const s = shift[h]!;
      if (s > 0) {
        pos += s;
        continue;
      }
      const start = pos - m + 1;
      const list = candidates.get(h);
      if (list) {
        for (const p of list) {
          if (start + p.length <= to && text.startsWith(p, start) && this.bounded(text, start, p.length, from, to)) {
            hits.push({ pattern: p, start });
          }
        }
      }
      pos += 1;
    }
  }
}
