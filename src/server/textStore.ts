/**
 * A document's text as a list of chunks of at most CHUNK_CHARS characters, each with the offsets of its line
 * breaks, and running totals (characters and line breaks before each chunk) brought up to date lazily from the
 * first chunk an edit touched.
 *
 * An edit rewrites only the chunks it touches (at most two, plus the inserted text), so it costs the size of the
 * edit plus one addition per chunk after it (a 200 MB document has ~3,200 chunks), never a copy of the text or
 * of its line starts. Reading a range copies that range only (a range inside one chunk is a slice, no copy), so
 * the detector can be handed a window of a huge line without the line ever being flattened into one string again.
 *
 * Chunks do not follow lines: a line may span many chunks (a 200 MB line spans ~3,200) and a chunk may hold many
 * lines. The chunks of the text a document opened with are slices of that string (no copy).
 */
import { partitionPoint } from '../util/partitionPoint.js';


/** Largest chunk; an edit's chunk is split when it grows beyond. */
export const CHUNK_CHARS = 64 * 1024;
/** An edited chunk smaller than this is merged with a neighbour (so typing does not leave crumbs). */
const MIN_CHUNK_CHARS = 16 * 1024;

/** Where breaksOf collects a chunk's line breaks before copying them out (one allocation per chunk). */
let scratch = new Int32Array(CHUNK_CHARS);

function breaksOf(text: string): Int32Array {
  if (scratch.length < text.length) scratch = new Int32Array(text.length);
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) scratch[n++] = i;
  return scratch.slice(0, n);
}

/** Index of the last element of a sorted array that is <= x (-1 if none). */
function lastAtMost(xs: ArrayLike<number>, x: number, hi = xs.length): number {
  return partitionPoint(hi, (i) => xs[i]! > x) - 1;
}

export class TextStore {
  private chunks: string[] = [];
  /** Offsets (in the chunk) of each chunk's line breaks. */
  private breaks: Int32Array[] = [];
  /** The text the document opened with, and where each chunk is in it (-1: rewritten by an edit). */
  private original = '';
  private origin: number[] = [];
  /** Characters and line breaks before each chunk: valid for indexes below `valid`. */
  private startOf: number[] = [];
  private breaksBefore: number[] = [];
  private valid = 0;
  private chars = 0;
  private lineBreaks = 0;
  /** Characters copied by edits (the chunks they rewrote): for tests. */
  charsRewritten = 0;

  constructor(text: string) {
    this.reset(text);
  }

  /** Replaces the whole text. */
  reset(text: string): void {
    this.chunks = [];
    this.breaks = [];
    this.original = text;
    this.origin = [];
    for (let i = 0; i < text.length; i += CHUNK_CHARS) {
      const c = text.slice(i, i + CHUNK_CHARS);
      this.chunks.push(c);
      this.breaks.push(breaksOf(c));
      this.origin.push(i);
    }
    this.startOf = new Array<number>(this.chunks.length);
    this.breaksBefore = new Array<number>(this.chunks.length);
    this.valid = 0;
    this.chars = text.length;
    this.lineBreaks = 0;
    for (const b of this.breaks) this.lineBreaks += b.length;
  }

  get length(): number {
    return this.chars;
  }

  get lineCount(): number {
    return this.lineBreaks + 1;
  }

  /** Number of chunks (for tests). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  private validate(upTo: number): void {
    let k = this.valid;
    if (k > upTo) return;
    let start = k > 0 ? this.startOf[k - 1]! + this.chunks[k - 1]!.length : 0;
    let lines = k > 0 ? this.breaksBefore[k - 1]! + this.breaks[k - 1]!.length : 0;
    for (; k <= upTo && k < this.chunks.length; k++) {
      this.startOf[k] = start;
      this.breaksBefore[k] = lines;
      start += this.chunks[k]!.length;
      lines += this.breaks[k]!.length;
    }
    this.valid = k;
  }

  /** The chunk holding offset o (0 <= o < length), or the last chunk for o = length. */
  private chunkAt(o: number): number {
    this.validate(this.chunks.length - 1);
    return Math.max(0, lastAtMost(this.startOf, Math.min(o, this.chars - 1)));
  }

  /** Where line l (0-based) starts. */
  lineStart(l: number): number {
    if (l <= 0 || this.chunks.length === 0) return 0;
    if (l > this.lineBreaks) return this.chars;
    this.validate(this.chunks.length - 1);
    // The chunk holding the l-th line break: the last one with fewer than l breaks before it.
    const k = lastAtMost(this.breaksBefore, l - 1);
    return this.startOf[k]! + this.breaks[k]![l - 1 - this.breaksBefore[k]!]! + 1;
  }

  /** Where line l ends: before its line break, and before a `\r` in front of it. */
  lineEnd(l: number): number {
    const s = this.lineStart(l);
    let e = l + 1 < this.lineCount ? this.lineStart(l + 1) - 1 : this.chars;
    if (e > s && this.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  /** The starts of lines from..to (inclusive), in one pass over the chunks they are in. */
  lineStarts(from: number, to: number): number[] {
    if (to < from) return [];
    if (to === from || this.chunks.length === 0) return [this.lineStart(from)];
    // Sized once (a block of a whole-document scan asks for thousands of lines: no regrowth as it fills).
    const last = Math.max(from, Math.min(to, this.lineBreaks));
    const out = new Array<number>(last - from + 1);
    out[0] = this.lineStart(from);
    this.validate(this.chunks.length - 1);
    let k = from === 0 ? 0 : lastAtMost(this.breaksBefore, from - 1);
    let b = from - this.breaksBefore[k]!; // index in chunk k of the break that ends line `from`
    for (let l = from + 1; l <= last; l++) {
      while (b >= this.breaks[k]!.length) {
        k++;
        b = 0;
      }
      out[l - from] = this.startOf[k]! + this.breaks[k]![b]! + 1;
      b++;
    }
    return out;
  }

  /** The line holding offset o. */
  lineOf(o: number): number {
    if (this.chunks.length === 0 || o <= 0) return 0;
    const k = this.chunkAt(o);
    return this.breaksBefore[k]! + lastAtMost(this.breaks[k]!, o - this.startOf[k]! - 1) + 1;
  }

  charCodeAt(o: number): number {
    if (o < 0 || o >= this.chars) return NaN;
    const k = this.chunkAt(o);
    return this.chunks[k]!.charCodeAt(o - this.startOf[k]!);
  }

  /**
   * Where text[a, b) is in the text the document opened with, if it is there unedited (in chunks no edit has
   * rewritten, in their original order); else -1.
   */
  originalOffset(a: number, b: number): number {
    a = Math.max(0, a);
    b = Math.min(this.chars, b);
    if (b <= a) return -1;
    const k0 = this.chunkAt(a);
    const o = this.origin[k0]!;
    if (o < 0) return -1;
    for (let k = k0 + 1; k < this.chunks.length && this.startOf[k]! < b; k++) {
      if (this.origin[k] !== o + (this.startOf[k]! - this.startOf[k0]!)) return -1;
    }
    return o + (a - this.startOf[k0]!);
  }

  /**
   * text[a, b): a slice (no copy) of one chunk, or of the text the document opened with where the range is still
   * as it was; else the pieces of the chunks it spans, joined (a copy of that range only).
   */
  slice(a: number, b: number): string {
    a = Math.max(0, a);
    b = Math.min(this.chars, b);
    if (b <= a) return '';
    let k = this.chunkAt(a);
    const first = this.startOf[k]!;
    if (b <= first + this.chunks[k]!.length) return this.chunks[k]!.slice(a - first, b - first);
    const o = this.originalOffset(a, b);
    if (o >= 0) return this.original.slice(o, o + (b - a));
    const parts: string[] = [];
    for (; k < this.chunks.length && this.startOf[k]! < b; k++) {
      const s = this.startOf[k]!;
      parts.push(this.chunks[k]!.slice(Math.max(0, a - s), b - s));
    }
    return parts.join('');
  }

  /** The whole text (a copy: for tests). */
  getText(): string {
    return this.chunks.join('');
  }

  /** Replaces text[s, e) by `text`. Costs the chunks it rewrites (at most two, and the new text), not the document. */
  replace(s: number, e: number, text: string): void {
    s = Math.max(0, Math.min(s, this.chars));
    e = Math.max(s, Math.min(e, this.chars));
    if (this.chunks.length === 0) {
      this.reset(text);
      return;
    }
    let ks = this.chunkAt(s);
    const ke = this.chunkAt(e);
    let head = this.chunks[ks]!.slice(0, s - this.startOf[ks]!);
    const tail = this.chunks[ke]!.slice(e - this.startOf[ke]!);
    let end = ke + 1;
    // Keep chunks from getting small: take in a neighbour while the result stays within CHUNK_CHARS.
    let size = head.length + text.length + tail.length;
    let after = '';
    if (size < MIN_CHUNK_CHARS) {
      if (ks > 0 && this.chunks[ks - 1]!.length + size <= CHUNK_CHARS) {
        ks--;
        head = this.chunks[ks]! + head;
        size += this.chunks[ks]!.length;
      } else if (end < this.chunks.length && this.chunks[end]!.length + size <= CHUNK_CHARS) {
        after = this.chunks[end]!;
        end++;
        size += after.length;
      }
    }
    const merged = head + text + tail + after;
    this.charsRewritten += merged.length;
    const pieces: string[] = [];
    const pieceBreaks: Int32Array[] = [];
    if (merged.length > 0) {
      const n = Math.ceil(merged.length / CHUNK_CHARS);
      const step = Math.ceil(merged.length / n);
      for (let i = 0; i < merged.length; i += step) {
        const p = merged.slice(i, i + step);
        pieces.push(p);
        pieceBreaks.push(breaksOf(p));
      }
    }
    let removedBreaks = 0;
    for (let k = ks; k < end; k++) removedBreaks += this.breaks[k]!.length;
    let addedBreaks = 0;
    for (const b of pieceBreaks) addedBreaks += b.length;
    this.chunks.splice(ks, end - ks, ...pieces);
    this.breaks.splice(ks, end - ks, ...pieceBreaks);
    this.origin.splice(ks, end - ks, ...pieces.map(() => -1));
    this.startOf.length = this.chunks.length;
    this.breaksBefore.length = this.chunks.length;
    this.valid = Math.min(this.valid, ks);
    this.chars += text.length - (e - s);
    this.lineBreaks += addedBreaks - removedBreaks;
    if (this.chunks.length === 0) this.reset('');
  }
}
