/**
 * One open document on the server side: its text, kept current by incremental changes, and the job ids found in
 * it, kept per line.
 *
 * Scanning is on demand and remembered per line range:
 * - a request for the whole document (findJobIds without ranges) scans what is not yet scanned;
 * - a hover or a look-up scans only the lines around the position (a window: the line, read with the lines above
 *   it as context), and a request with ranges (the visible lines of a large document) only those ranges;
 * - an edit forgets the lines it touched, the lines above that read them for parameters, and the lines below whose
 *   kind they may give (a block's marker reaches MAX_BLOCK_LINES), and shifts everything below; the next request
 *   re-scans just those lines.
 * So a 20 MB log is never scanned whole unless a client asks for all of it, and typing in a big document costs
 * the re-scan of a few lines (the detector reads up to CONTEXT_LINES above them as context; their matches are
 * the ones recomputed).
 *
 * The text is a plain string plus an array of line starts, updated per change; no other copy is kept.
 */
import { computeLineStarts, CONTEXT_LINES, LOOKAHEAD_LINES, lineOfOffset as lineOf, MAX_BLOCK_LINES, scanText, type ScannedJobId } from '../model/detectJobIds.js';
import { type JobRef } from '../model/jobRef.js';

export interface Position {
  line: number;
  character: number;
}

/** A change as LSP sends it: a range replaced by text, or (no range) the whole document. */
export interface ContentChange {
  range?: { start: Position; end: Position };
  text: string;
}

/** Sorted, disjoint, inclusive line intervals. */
type Intervals = Array<[number, number]>;

export class DocumentIndex {
  private text: string;
  private starts: number[];
  /** Matches of the scanned lines, sorted by line then column. */
  private matches: ScannedJobId[] = [];
  /** Lines whose matches are current. */
  private scanned: Intervals = [];
  /** Lines whose matches were (re)computed since the document opened: for tests and statistics. */
  linesScanned = 0;

  constructor(
    readonly uri: string,
    text: string,
    public version: number,
    private tracked: ReadonlyMap<string, JobRef>,
  ) {
    this.text = text;
    this.starts = computeLineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  get length(): number {
    return this.text.length;
  }

  /** The document's text (for tests). */
  getText(): string {
    return this.text;
  }

  /** Line intervals whose matches are current (for tests). */
  scannedLines(): ReadonlyArray<readonly [number, number]> {
    return this.scanned;
  }

  /** The ids the user tracks changed: every line must be scanned again (on demand). */
  setTracked(tracked: ReadonlyMap<string, JobRef>): void {
    this.tracked = tracked;
    this.matches = [];
    this.scanned = [];
  }

  // ---- Reading ------------------------------------------------------------------------------------------------

  /** Every match in the document (scans what is not yet scanned). */
  all(): ScannedJobId[] {
    this.ensureScanned(0, this.lineCount - 1);
    return this.matches.slice();
  }

  /** Matches on lines from..to (inclusive). */
  inLines(from: number, to: number): ScannedJobId[] {
    const a = Math.max(0, from);
    const b = Math.min(this.lineCount - 1, to);
    if (b < a) return [];
    this.ensureScanned(a, b);
    return this.matches.slice(this.lowerBound(a), this.lowerBound(b + 1));
  }

  /** The match at a position (a cursor right after an id still counts), or null. */
  at(pos: Position): ScannedJobId | null {
    if (pos.line < 0 || pos.line >= this.lineCount) return null;
    for (const m of this.inLines(pos.line, pos.line)) {
      if (m.range.start <= pos.character && pos.character <= m.range.end) return m;
    }
    return null;
  }

  /** Text of one line, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.starts[line]!, this.lineEnd(line));
  }

  private lineEnd(line: number): number {
    let e = line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
    if (e > this.starts[line]! && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  private offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.starts[pos.line]!;
    return start + Math.max(0, Math.min(pos.character, this.lineEnd(pos.line) - start));
  }

  private lowerBound(line: number): number {
    let lo = 0;
    let hi = this.matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.matches[mid]!.line < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ---- Scanning -----------------------------------------------------------------------------------------------

  private ensureScanned(from: number, to: number): void {
    for (const [a, b] of missing(this.scanned, from, to)) this.scanLines(a, b);
  }

  /** Computes the matches of lines from..to, reading the lines around them as context. */
  private scanLines(from: number, to: number): void {
    const last = this.lineCount - 1;
    let found: ScannedJobId[];
    if (from === 0 && to === last) {
      found = scanText(this.text, { lineStarts: this.starts, tracked: this.tracked });
    } else {
      const first = Math.max(0, from - CONTEXT_LINES);
      const ahead = Math.min(last, to + LOOKAHEAD_LINES);
      const offset = this.starts[first]!;
      const end = ahead < last ? this.starts[ahead + 1]! : this.text.length;
      const local = new Array<number>(ahead - first + 1);
      for (let i = first; i <= ahead; i++) local[i - first] = this.starts[i]! - offset;
      found = scanText(this.text.slice(offset, end), { firstLine: first, from, to, lineStarts: local, tracked: this.tracked });
    }
    const lo = this.lowerBound(from);
    const hi = this.lowerBound(to + 1);
    if (lo === hi && lo === this.matches.length) {
      for (const m of found) this.matches.push(m);
    } else {
      this.matches = this.matches.slice(0, lo).concat(found, this.matches.slice(hi));
    }
    this.scanned = add(this.scanned, from, to);
    this.linesScanned += to - from + 1;
  }

  // ---- Changes ------------------------------------------------------------------------------------------------

  /** Applies LSP content changes in order (each range refers to the text after the previous change). */
  applyChanges(changes: readonly ContentChange[], version: number): void {
    for (const c of changes) this.applyChange(c);
    this.version = version;
  }

  private applyChange(c: ContentChange): void {
    if (!c.range) {
      this.text = c.text;
      this.starts = computeLineStarts(c.text);
      this.matches = [];
      this.scanned = [];
      return;
    }
    let s = this.offsetAt(c.range.start);
    let e = this.offsetAt(c.range.end);
    if (e < s) [s, e] = [e, s];
    const sl = lineOf(this.starts, s);
    const el = lineOf(this.starts, e);
    this.text = this.text.slice(0, s) + c.text + this.text.slice(e);

    // Line starts: the removed lines' starts go, the inserted text's line breaks come in, the rest shift.
    const inserted: number[] = [];
    for (let i = c.text.indexOf('\n'); i >= 0; i = c.text.indexOf('\n', i + 1)) inserted.push(s + i + 1);
    const charDelta = c.text.length - (e - s);
    const tail = this.starts.slice(el + 1);
    for (let i = 0; i < tail.length; i++) tail[i]! += charDelta;
    this.starts.length = sl + 1;
    for (const x of inserted) this.starts.push(x);
    for (const x of tail) this.starts.push(x);

    const lineDelta = inserted.length - (el - sl);
    // Matches: those on the replaced lines go, those below shift.
    const lo = this.lowerBound(sl);
    const hi = this.lowerBound(el + 1);
    const below = this.matches.slice(hi);
    if (lineDelta !== 0) for (const m of below) m.line += lineDelta;
    this.matches = this.matches.slice(0, lo).concat(below);
    this.scanned = shiftLines(this.scanned, sl, el, lineDelta);
    // Forget the changed lines and the lines whose matches may have read them: above, those that read parameters
    // up to LOOKAHEAD_LINES below; below, those whose kind a marker on an edited line may hand down (up to
    // MAX_BLOCK_LINES). Re-scanning that window costs well under a millisecond, and an edit of an API name
    // (say `GetMediaProducingJob` → `GetEdgeTranscodeJob`) then re-kinds the ids under it at once.
    this.forget(sl - LOOKAHEAD_LINES, sl + inserted.length + MAX_BLOCK_LINES);
  }

  private forget(from: number, to: number): void {
    const a = Math.max(0, from);
    const b = Math.min(this.lineCount - 1, to);
    if (b < a) return;
    const lo = this.lowerBound(a);
    const hi = this.lowerBound(b + 1);
    if (hi > lo) this.matches.splice(lo, hi - lo);
    this.scanned = remove(this.scanned, a, b);
  }
}


// ---- Interval sets ------------------------------------------------------------------------------------------------

/** The parts of from..to not covered by `set`. */
export function missing(set: Intervals, from: number, to: number): Intervals {
  const out: Intervals = [];
  let cur = from;
  for (const [a, b] of set) {
    if (b < cur) continue;
    if (a > to) break;
    if (a > cur) out.push([cur, a - 1]);
    cur = Math.max(cur, b + 1);
    if (cur > to) break;
  }
  if (cur <= to) out.push([cur, to]);
  return out;
}

export function add(set: Intervals, from: number, to: number): Intervals {
  const out: Intervals = [];
  let [a, b] = [from, to];
  let placed = false;
  for (const [x, y] of set) {
    if (y < a - 1) out.push([x, y]);
    else if (x > b + 1) {
      if (!placed) {
        out.push([a, b]);
        placed = true;
      }
      out.push([x, y]);
    } else {
      a = Math.min(a, x);
      b = Math.max(b, y);
    }
  }
  if (!placed) out.push([a, b]);
  return out;
}

export function remove(set: Intervals, from: number, to: number): Intervals {
  const out: Intervals = [];
  for (const [x, y] of set) {
    if (y < from || x > to) out.push([x, y]);
    else {
      if (x < from) out.push([x, from - 1]);
      if (y > to) out.push([to + 1, y]);
    }
  }
  return out;
}

/** Lines sl..el were replaced and everything after el moved by `delta` lines. */
export function shiftLines(set: Intervals, sl: number, el: number, delta: number): Intervals {
  const out: Intervals = [];
  for (const [x, y] of remove(set, sl, el)) {
    if (y < sl) out.push([x, y]);
    else out.push([x + delta, y + delta]);
  }
  return out;
}
