/**
 * One open document on the server side: its text, kept current by incremental changes, and the job ids found in
 * it, kept per block of lines.
 *
 * Scanning is on demand and remembered per line range:
 * - a request for the whole document (findJobIds without ranges) scans what is not yet scanned, block by block,
 *   until it has MAX_MATCHES matches (the server yields between blocks, so hovers are answered meanwhile);
 * - a hover or a look-up scans only the lines around the position (a window: the line, read with the lines above
 *   it as context), and a request with ranges (the visible lines of a large document) only those ranges;
 * - an edit forgets the lines it touched, the lines above that read them for parameters, and the lines below whose
 *   kind they may give (a block's marker reaches MAX_BLOCK_LINES), and shifts everything below; the next request
 *   re-scans just those lines.
 * So a 20 MB log is never scanned whole unless a client asks for all of it, and typing in a big document costs
 * the re-scan of a few lines (the detector reads up to CONTEXT_LINES above them as context; their matches are
 * the ones recomputed).
 *
 * Long lines (LONG_LINE_CHARS and more: minified JSON) are read in pieces (scanLinePiece): a hover on one reads
 * PIECE_MARGIN characters around the cursor, a request for its line the first LONG_LINE_SCAN_CHARS of it (kept
 * until an edit forgets the line), and as context for the lines around it only its head is read. So what a
 * request costs is bounded by what it asks for, not by the length of a line.
 *
 * The text is a TextStore (chunks with their line breaks): an edit costs the size of the edit, never a copy of
 * the document, and matches are kept in blocks whose lines are relative to the block, so an edit shifts a number
 * per block, not every match below it. Stored matches own their strings (ownStrings): an id cut from the text
 * would otherwise keep alive the text it was read from, and so every version of an edited document.
 */
import { CONTEXT_LINES, LONG_LINE_CHARS, LOOKAHEAD_LINES, MAX_BLOCK_LINES, ownStrings, PIECE_MARGIN, scanLinePiece, scanText, type ScannedJobId } from '../detect/detectJobIds.js';
import { type JobRef } from '../model/jobRef.js';
import { TextStore } from './textStore.js';
import { partitionPoint } from '../util/partitionPoint.js';

export interface Position {
  line: number;
  character: number;
}

/** A change as LSP sends it: a range replaced by text, or (no range) the whole document. */
export interface ContentChange {
  range?: { start: Position; end: Position };
  text: string;
}

/** The most matches findJobIds answers with (the first ones in document order, of the ranges asked for). */
export const MAX_MATCHES = 5000;
/** Of a long line, a request for its lines finds the ids in its first this many characters (a hover: around the cursor). */
export const LONG_LINE_SCAN_CHARS = 1024 * 1024;
/** Lines scanned and kept together: a block is at most this many lines, and about BLOCK_CHARS characters. */
const BLOCK_LINES = 4096;
const BLOCK_CHARS = 1024 * 1024;
/** Width of the pieces a long line is read in. */
const PIECE_CHARS = 256 * 1024;
/** How far before the cursor a hover on a long line looks for the start of an id (ids, tracked ones too, are at most 256 characters). */
const HOVER_REACH = 260;

/** Sorted, disjoint, inclusive line intervals. */
type Intervals = Array<[number, number]>;

/**
 * Lines first..last (document numbering) are scanned; their matches, whose `line` is the line they had when they
 * were found: `base` is how far the block moved since (edits above it), so a match is on line m.line + base.
 */
interface Block {
  first: number;
  last: number;
  base: number;
  /** Sorted by line then column; none on long lines. */
  matches: ScannedJobId[];
  /** The long lines among them (numbered like the matches), sorted; their matches come from pieces. */
  long: number[];
  /** Matches of a long line's first LONG_LINE_SCAN_CHARS (numbered like the matches), once read. */
  prefix: Map<number, ScannedJobId[]>;
}

function lowerBoundLine(ms: readonly ScannedJobId[], line: number): number {
  return partitionPoint(ms.length, (i) => ms[i]!.line >= line);
}

function lowerBound(xs: readonly number[], x: number): number {
  return partitionPoint(xs.length, (i) => xs[i]! >= x);
}

/** A stored match as a result, on its document line (the stored object itself when its block has not moved). */
function placed(m: ScannedJobId, base: number): ScannedJobId {
  return base === 0 ? m : { ...m, line: m.line + base };
}

/** How much new text a call may scan before it stops to let other requests in (findAsync). */
interface Budget {
  max: number;
  used: number;
}

export class DocumentIndex {
  private store: TextStore;
  /** Scanned blocks, sorted, disjoint. */
  private blocks: Block[] = [];
  /** Lines whose matches were (re)computed since the document opened: for tests and statistics. */
  linesScanned = 0;
  /** Characters handed to the detector since the document opened (windows and pieces): for tests and statistics. */
  charsScanned = 0;
  /** What edits did to the stored matches (blocks moved, matches copied): for tests; no edit copies them all. */
  readonly editWork = { blocksMoved: 0, matchesCopied: 0 };

  constructor(
    readonly uri: string,
    text: string,
    public version: number,
    private tracked: ReadonlyMap<string, JobRef>,
  ) {
    this.store = new TextStore(text);
  }

  get lineCount(): number {
    return this.store.lineCount;
  }

  get length(): number {
    return this.store.length;
  }

  /** The document's text (for tests: a copy). */
  getText(): string {
    return this.store.getText();
  }

  /** The text store (for tests). */
  get text(): TextStore {
    return this.store;
  }

  /** How many matches are stored (for tests: a long line's are not, beyond its first LONG_LINE_SCAN_CHARS). */
  storedMatches(): number {
    let n = 0;
    for (const b of this.blocks) {
      n += b.matches.length;
      for (const p of b.prefix.values()) n += p.length;
    }
    return n;
  }

  /** Line intervals whose matches are current (for tests). */
  scannedLines(): ReadonlyArray<readonly [number, number]> {
    const out: Intervals = [];
    for (const b of this.blocks) {
      const prev = out[out.length - 1];
      if (prev && prev[1] + 1 === b.first) prev[1] = b.last;
      else out.push([b.first, b.last]);
    }
    return out;
  }

  /** The ids the user tracks changed: every line must be scanned again (on demand). */
  setTracked(tracked: ReadonlyMap<string, JobRef>): void {
    this.tracked = tracked;
    this.blocks = [];
  }

  // ---- Reading ------------------------------------------------------------------------------------------------

  /** Every match in the document (scans what is not yet scanned; long lines whole). */
  all(): ScannedJobId[] {
    return this.inLines(0, this.lineCount - 1);
  }

  /** Matches on lines from..to (inclusive; long lines whole). */
  inLines(from: number, to: number): ScannedJobId[] {
    const out: ScannedJobId[] = [];
    this.collect(Math.max(0, from), Math.min(this.lineCount - 1, to), Infinity, Infinity, out, { max: Infinity, used: 0 });
    return out;
  }

  /**
   * What findJobIds answers: the matches on the given line ranges (sorted and disjoint; the whole document
   * without), at most `limit`, and of a long line those in its first LONG_LINE_SCAN_CHARS characters.
   */
  find(ranges?: ReadonlyArray<readonly [number, number]>, limit = MAX_MATCHES): ScannedJobId[] {
    const out: ScannedJobId[] = [];
    this.findSome(ranges, limit, out, { max: Infinity, used: 0 });
    return out;
  }

  /**
   * find(), in slices of about `sliceChars` characters of new text, yielding to the event loop between them (so
   * a single-threaded server answers hovers while it scans a large document for its links). Each slice starts
   * over from what is stored, so edits that arrive meanwhile are taken into account. Null when `cancelled` says so.
   */
  async findAsync(
    ranges: ReadonlyArray<readonly [number, number]> | undefined, limit: number, cancelled: () => boolean, sliceChars = 4 * BLOCK_CHARS,
  ): Promise<ScannedJobId[] | null> {
    for (;;) {
      const out: ScannedJobId[] = [];
      if (this.findSome(ranges, limit, out, { max: sliceChars, used: 0 })) return out;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (cancelled()) return null;
    }
  }

  private findSome(ranges: ReadonlyArray<readonly [number, number]> | undefined, limit: number, out: ScannedJobId[], budget: Budget): boolean {
    const last = this.lineCount - 1;
    for (const [a, b] of ranges ?? [[0, last] as const]) {
      if (out.length >= limit) break;
      const from = Math.max(0, a);
      const to = Math.min(last, b);
      if (to < from) continue;
      if (!this.collect(from, to, limit, LONG_LINE_SCAN_CHARS, out, budget)) return false;
    }
    return true;
  }

  /** The match at a position (a cursor right after an id still counts), or null. */
  at(pos: Position): ScannedJobId | null {
    if (pos.line < 0 || pos.line >= this.lineCount) return null;
    const hit = (m: ScannedJobId): boolean => m.range.start <= pos.character && pos.character <= m.range.end;
    if (this.isLongLine(pos.line)) {
      // A long line: only the characters around the cursor.
      return this.pieceMatches(pos.line, Math.max(0, pos.character - HOVER_REACH), pos.character + 1).find(hit) ?? null;
    }
    return this.inLines(pos.line, pos.line).find(hit) ?? null;
  }

  /** Text of one line, without its line break. */
  lineText(line: number): string {
    return this.store.slice(this.store.lineStart(line), this.store.lineEnd(line));
  }

  private isLongLine(line: number): boolean {
    return this.store.lineEnd(line) - this.store.lineStart(line) > LONG_LINE_CHARS;
  }

  private offsetAt(pos: Position): number {
    if (pos.line >= this.lineCount) return this.store.length;
    if (pos.line < 0) return 0;
    const start = this.store.lineStart(pos.line);
    return start + Math.max(0, Math.min(pos.character, this.store.lineEnd(pos.line) - start));
  }

  /** Index of the first block that ends at or after line l. */
  private blockAtOrAfter(l: number): number {
    return partitionPoint(this.blocks.length, (i) => this.blocks[i]!.last >= l);
  }

  /**
   * Appends the matches of lines from..to to `out`, in order, until it holds `limit`; of long lines, those in
   * their first `longChars` characters. Scans the lines not yet scanned, a block at a time; returns false (and
   * stops) when that would go past the budget (one block is always allowed).
   */
  private collect(from: number, to: number, limit: number, longChars: number, out: ScannedJobId[], budget: Budget): boolean {
    let x = from;
    while (x <= to && out.length < limit) {
      const bi = this.blockAtOrAfter(x);
      const next = this.blocks[bi];
      if (!next || next.first > x) {
        // Lines from x are not scanned: scan a block of them (up to the next scanned one).
        if (budget.used > 0 && budget.used >= budget.max) return false;
        const end = this.blockEnd(x, Math.min(to, next ? next.first - 1 : to));
        budget.used += this.scanBlock(x, end, bi);
        continue;
      }
      const upTo = Math.min(next.last, to);
      if (!this.read(next, x, upTo, limit, longChars, out, budget)) return false;
      x = upTo + 1;
    }
    return true;
  }

  /** The last line of a block to scan from line x (at most `to`): BLOCK_LINES lines, about BLOCK_CHARS characters. */
  private blockEnd(x: number, to: number): number {
    const byLines = Math.min(to, x + BLOCK_LINES - 1);
    if (byLines === x) return x;
    const byChars = this.store.lineOf(this.store.lineStart(x) + BLOCK_CHARS);
    return Math.max(x, Math.min(byLines, byChars));
  }

  /** Appends a block's matches on lines from..to (its long lines' from pieces), as in collect. */
  private read(b: Block, from: number, to: number, limit: number, longChars: number, out: ScannedJobId[], budget: Budget): boolean {
    let i = lowerBoundLine(b.matches, from - b.base);
    const end = lowerBoundLine(b.matches, to + 1 - b.base);
    let k = lowerBound(b.long, from - b.base);
    while (out.length < limit) {
      const longLine = k < b.long.length && b.long[k]! <= to - b.base ? b.long[k]! : Infinity;
      if (i < end && b.matches[i]!.line < longLine) {
        out.push(placed(b.matches[i++]!, b.base));
        continue;
      }
      if (longLine === Infinity) break;
      k++;
      if (budget.used > 0 && budget.used >= budget.max && !b.prefix.has(longLine)) return false;
      for (const m of this.longLineMatches(b, longLine, longChars, budget)) {
        if (out.length >= limit) break;
        out.push(m);
      }
    }
    return true;
  }

  /** A long line's matches (document lines), in its first `longChars` characters: the stored prefix, and pieces beyond. */
  private longLineMatches(b: Block, rel: number, longChars: number, budget: Budget): ScannedJobId[] {
    const line = rel + b.base;
    let prefix = b.prefix.get(rel);
    if (!prefix) {
      const before = this.charsScanned;
      prefix = this.pieceMatches(line, 0, LONG_LINE_SCAN_CHARS);
      budget.used += this.charsScanned - before;
      for (const m of prefix) {
        m.line = rel;
        ownStrings(m);
      }
      b.prefix.set(rel, prefix);
    }
    const out = prefix.map((m) => placed(m, b.base));
    if (longChars > LONG_LINE_SCAN_CHARS) for (const m of this.pieceMatches(line, LONG_LINE_SCAN_CHARS, longChars)) out.push(m);
    return out;
  }

  // ---- Scanning -----------------------------------------------------------------------------------------------

  /**
   * Matches of a long line starting at columns from..to-1, read piece by piece: each piece is the part of the
   * line it reports and PIECE_MARGIN characters either side.
   */
  private pieceMatches(line: number, from: number, to: number): ScannedJobId[] {
    const s = this.store.lineStart(line);
    const len = this.store.lineEnd(line) - s;
    const out: ScannedJobId[] = [];
    for (let a = from; a < Math.min(to, len); a += PIECE_CHARS) {
      const b = Math.min(a + PIECE_CHARS, to, len);
      const pa = Math.max(0, a - PIECE_MARGIN);
      const piece = this.store.slice(s + pa, s + Math.min(len, b + PIECE_MARGIN));
      this.charsScanned += piece.length;
      for (const m of scanLinePiece(piece, { line, col: pa, from: a, to: b, tracked: this.tracked })) out.push(m);
    }
    return out;
  }

  /**
   * Computes the matches of lines from..to (a block), reading the lines around them as context, and stores them
   * as the block at index `at`. The window handed to the detector holds the lines from CONTEXT_LINES above to
   * LOOKAHEAD_LINES below; a long line in it is cut after LONG_LINE_CHARS + 1 characters (still long, and all that
   * other lines see of it is in its head), and its own matches are left to pieces. Returns the characters read.
   */
  private scanBlock(from: number, to: number, at: number): number {
    const last = this.lineCount - 1;
    const first = Math.max(0, from - CONTEXT_LINES);
    const ahead = Math.min(last, to + LOOKAHEAD_LINES);
    const docEnd = this.store.length;
    const starts = this.store.lineStarts(first, Math.min(last, ahead + 1));
    const parts: string[] = [];
    const local = new Array<number>(ahead - first + 1);
    const long: number[] = [];
    let pos = 0;
    let runFrom = -1;
    let runTo = -1;
    const flush = (): void => {
      if (runFrom < 0) return;
      parts.push(this.store.slice(runFrom, runTo));
      pos += runTo - runFrom;
      runFrom = -1;
    };
    const longChars = LONG_LINE_CHARS;
    for (let l = first; l <= ahead; l++) {
      const s = starts[l - first]!;
      const next = l < last ? starts[l - first + 1]! : docEnd;
      let len = (l < last ? next - 1 : docEnd) - s;
      if (len === longChars + 1 && this.store.charCodeAt(s + len - 1) === 13) len--;
      if (len > longChars) {
        flush();
        local[l - first] = pos;
        const cut = this.store.slice(s, s + LONG_LINE_CHARS + 1) + (l < last ? '\n' : '');
        parts.push(cut);
        pos += cut.length;
        if (l >= from && l <= to) long.push(l);
        continue;
      }
      if (runFrom < 0) runFrom = s;
      local[l - first] = pos + s - runFrom;
      runTo = next;
    }
    flush();
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    // A window that is a slice of the text the document opened with keeps nothing alive that the document does
    // not; one put together from edited chunks is a copy, which ids cut from it would keep.
    const copied = parts.length > 1 || this.store.originalOffset(starts[0]!, starts[0]! + text.length) < 0;
    const found = scanText(text, { firstLine: first, from, to, lineStarts: local, tracked: this.tracked });
    const matches: ScannedJobId[] = [];
    let k = 0;
    for (const m of found) {
      while (k < long.length && long[k]! < m.line) k++;
      if (k < long.length && long[k] === m.line) continue; // a long line's matches come from pieces
      matches.push(copied ? ownStrings(m) : m);
    }
    this.insertBlock(at, { first: from, last: to, base: 0, matches, long, prefix: new Map() });
    this.linesScanned += to - from + 1;
    this.charsScanned += text.length;
    return text.length;
  }

  /** Stores a block at index `at`, merged with an adjacent small one before it (so hovers line by line do not leave thousands of blocks). */
  private insertBlock(at: number, b: Block): void {
    const prev = this.blocks[at - 1];
    if (prev && prev.last + 1 === b.first && prev.last - prev.first + 1 + (b.last - b.first + 1) <= BLOCK_LINES) {
      const shift = b.base - prev.base;
      for (const m of b.matches) m.line += shift;
      for (const m of b.matches) prev.matches.push(m);
      for (const l of b.long) prev.long.push(l + shift);
      for (const [l, ms] of b.prefix) {
        for (const m of ms) m.line += shift;
        prev.prefix.set(l + shift, ms);
      }
      prev.last = b.last;
      return;
    }
    this.blocks.splice(at, 0, b);
  }

  // ---- Changes ------------------------------------------------------------------------------------------------

  /** Applies LSP content changes in order (each range refers to the text after the previous change). */
  applyChanges(changes: readonly ContentChange[], version: number): void {
    for (const c of changes) this.applyChange(c);
    this.version = version;
  }

  private applyChange(c: ContentChange): void {
    if (!c.range) {
      this.store.reset(c.text);
      this.blocks = [];
      return;
    }
    let s = this.offsetAt(c.range.start);
    let e = this.offsetAt(c.range.end);
    if (e < s) [s, e] = [e, s];
    const sl = this.store.lineOf(s);
    const el = this.store.lineOf(e);
    let inserted = 0;
    for (let i = c.text.indexOf('\n'); i >= 0; i = c.text.indexOf('\n', i + 1)) inserted++;
    this.store.replace(s, e, c.text);
    // Forget the changed lines and the lines whose matches may have read them: above, those that read parameters
    // up to LOOKAHEAD_LINES below; below, those whose kind a marker on an edited line may hand down (up to
    // MAX_BLOCK_LINES); shift the lines after that. In the old numbering that is lines sl - LOOKAHEAD_LINES to
    // el + MAX_BLOCK_LINES, whatever was inserted. Re-scanning that window costs well under a millisecond, and an
    // edit of an API name (say `GetMediaProducingJob` → `GetEdgeTranscodeJob`) then re-kinds the ids under it.
    this.forgetAndShift(sl - LOOKAHEAD_LINES, el + MAX_BLOCK_LINES, inserted - (el - sl));
  }

  /** Forgets lines a..b (old numbering) and moves the blocks after b by `delta` lines. */
  private forgetAndShift(a: number, b: number, delta: number): void {
    const lo = Math.max(0, a);
    const i = this.blockAtOrAfter(lo);
    let j = i;
    const kept: Block[] = [];
    for (; j < this.blocks.length && this.blocks[j]!.first <= b; j++) {
      const bk = this.blocks[j]!;
      if (bk.first < lo) kept.push(subBlock(bk, bk.first, lo - 1, 0));
      if (bk.last > b) kept.push(subBlock(bk, b + 1, bk.last, delta));
    }
    for (const k of kept) this.editWork.matchesCopied += k.matches.length;
    if (delta !== 0) {
      this.editWork.blocksMoved += this.blocks.length - j;
      for (let k = j; k < this.blocks.length; k++) {
        const bk = this.blocks[k]!;
        bk.first += delta;
        bk.last += delta;
        bk.base += delta;
      }
    }
    if (j > i || kept.length > 0) this.blocks.splice(i, j - i, ...kept);
  }
}

/** The part of a block on lines from..to (inclusive, old numbering), moved by `delta` lines. */
function subBlock(b: Block, from: number, to: number, delta: number): Block {
  const rf = from - b.base;
  const rt = to - b.base;
  const matches = b.matches.slice(lowerBoundLine(b.matches, rf), lowerBoundLine(b.matches, rt + 1));
  const long = b.long.slice(lowerBound(b.long, rf), lowerBound(b.long, rt + 1));
  const prefix = new Map<number, ScannedJobId[]>();
  for (const l of long) {
    const p = b.prefix.get(l);
    if (p) prefix.set(l, p);
  }
  return { first: from + delta, last: to + delta, base: b.base + delta, matches, long, prefix };
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
