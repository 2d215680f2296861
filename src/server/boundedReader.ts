/**
 * A bounded front for the language server's byte-stream transports (`--stdio`, `--socket`, `--pipe`).
 *
 * vscode-jsonrpc's StreamMessageReader buffers a whole message, decodes it into one string and JSON.parses it, so
 * one 200 MB `textDocument/didOpen` costs the process about 1 GB. VS Code never sends such a message (it stops
 * syncing documents to extensions above 50 MB: https://github.com/microsoft/vscode/issues/111849), but any other
 * editor can, since the server is a standard LSP server (`node dist/server.js --stdio`).
 *
 * `BoundedMessageFilter` is a Transform in front of that reader. It parses the LSP base protocol framing itself
 * (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#baseProtocol):
 * - a message whose Content-Length is at most `limit` passes on unchanged, byte for byte, as it arrives (the filter
 *   holds none of it; the reader behind it buffers at most `limit` bytes of body);
 * - a larger one is never buffered whole: its body streams past while the filter keeps only its first `prefix`
 *   bytes, from which it reads `method`, `id` and `params.textDocument.uri` (clients write these before `text`; a
 *   message whose fields are not in the prefix is unknown). In its place the reader behind receives one small
 *   message (see `OversizeEvent`): the same request id under the server's private method (so the server answers
 *   it with an error and the client does not hang), an error response for a response, or a notification;
 * - the header section is bounded (`MAX_HEADER_BYTES`); a header that is too long, has no Content-Length, or one
 *   that is not a decimal number is a framing error: the filter reports it (a private notification too) and
 *   resynchronises at the next `Content-Length:` it sees.
 * The private method carries a random suffix, so a client cannot send it itself.
 *
 * What it holds at any time is at most MAX_HEADER_BYTES + prefix (`heldBytes`, `peakHeldBytes`), and the largest
 * message it passes on is at most `limit` bytes (`largestPassedBytes`).
 *
 * Node's IPC channel (`--node-ipc`, what the extension's own client uses) is not a byte stream the server reads: Node
 * parses each message into an object before the server sees it, so no filter can stand in front of it there (and
 * VS Code, the only client on that transport, never syncs a document over 50 MB).
 */
import { randomUUID } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Messages up to this many bytes pass unchanged: VS Code's own limit for syncing a document to extensions (50 MB,
 * microsoft/vscode issue #111849), so nothing VS Code sends is ever refused. Above it, a message is read past.
 */
export const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;
/** Of a message over the limit, this many first bytes are kept to read its method, id and document uri. */
export const OVERSIZE_PREFIX_BYTES = 64 * 1024;
/** A header section (every header line, up to the blank line) longer than this is a framing error. */
export const MAX_HEADER_BYTES = 8 * 1024;
/** The longest Content-Length value accepted (15 digits: below 2^53, so it is an exact number). */
const MAX_LENGTH_DIGITS = 15;

/** What the server's private notification (or request, with the original id) carries for a message over the limit. */
export interface OversizeEvent {
  kind: 'oversize';
  /** The message's method, when it was found in the prefix. */
  method: string | null;
  /** `params.textDocument.uri`, when it was found in the prefix. */
  uri: string | null;
  /** Its Content-Length. */
  bytes: number;
  limit: number;
}

/** What the server's private notification carries after a framing error. */
export interface FramingErrorEvent {
  kind: 'framing';
  reason: string;
}

export type ReaderEvent = OversizeEvent | FramingErrorEvent;

export interface BoundedMessageFilterOptions {
  /** Largest Content-Length passed on (default MAX_MESSAGE_BYTES). */
  limit?: number;
  /** Bytes of an oversize body kept (default OVERSIZE_PREFIX_BYTES). */
  prefix?: number;
}

type State =
  | { kind: 'header' }
  | { kind: 'pass'; left: number }
  | { kind: 'skip'; left: number; bytes: number; prefix: Buffer; kept: number }
  | { kind: 'resync' };

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const RESYNC_MARK = 'content-length:';

export class BoundedMessageFilter extends Transform {
  readonly limit: number;
  readonly prefixBytes: number;
  /** The private method of the events (see ReaderEvent); the server registers its handlers under it. */
  readonly eventMethod = `mediaJobs/reader/${randomUUID()}`;
  private state: State = { kind: 'header' };
  /** The header section read so far (a copy, at most MAX_HEADER_BYTES). */
  private header: Buffer = Buffer.alloc(0);
  /** In resync: the last bytes seen, so a `Content-Length:` split across chunks is found. */
  private carry: Buffer = Buffer.alloc(0);
  private peak = 0;
  private largest = 0;

  constructor(options: BoundedMessageFilterOptions = {}) {
    super();
    this.limit = options.limit ?? MAX_MESSAGE_BYTES;
    this.prefixBytes = options.prefix ?? OVERSIZE_PREFIX_BYTES;
  }

  /** Bytes the filter holds now (header read so far, prefix of an oversize body, resync carry). */
  get heldBytes(): number {
    return this.header.length + this.carry.length + (this.state.kind === 'skip' ? this.state.prefix.length : 0);
  }

  /** The most it ever held. */
  get peakHeldBytes(): number {
    return this.peak;
  }

  /** The largest Content-Length it passed on (what the reader behind it buffered at most). */
  get largestPassedBytes(): number {
    return this.largest;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.feed(chunk);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    // A message cut off by the end of the input is dropped (the reader behind would only wait for the rest).
    this.header = Buffer.alloc(0);
    this.carry = Buffer.alloc(0);
    this.state = { kind: 'header' };
    done();
  }

  private note(): void {
    this.peak = Math.max(this.peak, this.heldBytes);
  }

  private feed(input: Buffer): void {
    // Bytes to read, front first; a framing error puts what it has not used back in front.
    const queue: Buffer[] = [input];
    while (queue.length > 0) {
      const chunk = queue.shift()!;
      let at = 0;
      while (at < chunk.length) {
        const s = this.state;
        if (s.kind === 'pass') {
          const n = Math.min(s.left, chunk.length - at);
          this.push(chunk.subarray(at, at + n));
          at += n;
          s.left -= n;
          if (s.left === 0) this.state = { kind: 'header' };
        } else if (s.kind === 'skip') {
          const n = Math.min(s.left, chunk.length - at);
          const keep = Math.min(n, s.prefix.length - s.kept);
          if (keep > 0) {
            chunk.copy(s.prefix, s.kept, at, at + keep);
            s.kept += keep;
          }
          at += n;
          s.left -= n;
          if (s.left === 0) {
            this.state = { kind: 'header' };
            this.emitOversize(s.prefix.subarray(0, s.kept), s.bytes);
          }
        } else if (s.kind === 'header') {
          const room = MAX_HEADER_BYTES - this.header.length;
          const piece = chunk.subarray(at, at + room);
          const seen = Buffer.concat([this.header, piece]);
          const end = seen.indexOf(HEADER_END, Math.max(0, this.header.length - 3));
          if (end >= 0) {
            const used = end + HEADER_END.length - this.header.length;
            at += used;
            this.header = Buffer.alloc(0);
            const reread = this.startBody(seen.subarray(0, end + HEADER_END.length));
            if (reread) {
              queue.unshift(reread, chunk.subarray(at));
              at = chunk.length;
            }
          } else if (seen.length >= MAX_HEADER_BYTES) {
            at += piece.length;
            this.header = Buffer.alloc(0);
            this.framingError(`a header section over ${MAX_HEADER_BYTES} bytes`);
            // Look for the next header from the second byte of this one on.
            queue.unshift(seen.subarray(1), chunk.subarray(at));
            at = chunk.length;
          } else {
            this.header = seen;
            at += piece.length;
            this.note();
          }
        } else {
          // Resync: find `Content-Length:` (any case), keeping the last bytes in case it straddles chunks.
          const seen = Buffer.concat([this.carry, chunk.subarray(at)]);
          const found = seen.toString('latin1').toLowerCase().indexOf(RESYNC_MARK);
          if (found >= 0) {
            this.carry = Buffer.alloc(0);
            this.state = { kind: 'header' };
            queue.unshift(seen.subarray(found));
          } else {
            this.carry = Buffer.from(seen.subarray(Math.max(0, seen.length - (RESYNC_MARK.length - 1))));
            this.note();
          }
          at = chunk.length;
        }
      }
    }
  }

  /**
   * A complete header section (with its blank line): decide what its body is. On a framing error, returns the bytes
   * to read again (the section from its second byte on: the next header may start inside it).
   */
  private startBody(section: Buffer): Buffer | null {
    const text = section.subarray(0, section.length - HEADER_END.length).toString('latin1');
    let length: string | undefined;
    for (const line of text.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) return this.framingErrorAt(`a header line without a name and ":" (${JSON.stringify(line.slice(0, 40))})`, section);
      if (line.slice(0, colon).trim().toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
    }
    if (length === undefined) return this.framingErrorAt('a header section without Content-Length', section);
    if (!/^\d+$/.test(length) || length.length > MAX_LENGTH_DIGITS) {
      return this.framingErrorAt(`Content-Length ${JSON.stringify(length.slice(0, 40))} is not a number of bytes`, section);
    }
    const bytes = Number(length);
    if (bytes <= this.limit) {
      this.largest = Math.max(this.largest, bytes);
      this.push(section);
      this.state = { kind: 'pass', left: bytes };
      if (bytes === 0) this.state = { kind: 'header' };
    } else {
      this.state = { kind: 'skip', left: bytes, bytes, prefix: Buffer.alloc(Math.min(this.prefixBytes, bytes)), kept: 0 };
      this.note();
    }
    return null;
  }

  private framingErrorAt(reason: string, section: Buffer): Buffer {
    this.framingError(reason);
    return section.subarray(1);
  }

  private framingError(reason: string): void {
    this.state = { kind: 'resync' };
    this.pushMessage({ jsonrpc: '2.0', method: this.eventMethod, params: { kind: 'framing', reason: `${reason}; skipped to the next Content-Length header` } satisfies FramingErrorEvent });
  }

  /** A body over the limit has streamed past: what the reader behind gets in its place. */
  private emitOversize(prefix: Buffer, bytes: number): void {
    const head = readMessageHead(prefix.toString('utf8'));
    const event: OversizeEvent = { kind: 'oversize', method: head.method ?? null, uri: head.uri ?? null, bytes, limit: this.limit };
    const id = typeof head.id === 'number' || typeof head.id === 'string' ? head.id : undefined;
    if (id !== undefined && head.method !== undefined) {
      // A request: the server answers it (with an error) under its own id.
      this.pushMessage({ jsonrpc: '2.0', id, method: this.eventMethod, params: event });
    } else if (id !== undefined && head.isResponse) {
      // A response to one of the server's requests: it fails, rather than never arriving.
      this.pushMessage({ jsonrpc: '2.0', id, error: { code: -32600, message: tooLargeMessage(bytes, this.limit) } });
    } else {
      this.pushMessage({ jsonrpc: '2.0', method: this.eventMethod, params: event });
    }
  }

  private pushMessage(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.push(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }
}

/** The error text of a refused message (also the server's answer to a refused request). */
export function tooLargeMessage(bytes: number, limit: number): string {
  return `message too large: ${bytes} bytes, limit ${limit}`;
}

export interface MessageHead {
  method?: string;
  id?: number | string | null;
  uri?: string;
  /** A top-level `result` or `error` was seen. */
  isResponse: boolean;
}

class EndOfPrefix extends Error {}

/**
 * Reads `method`, `id` and `params.textDocument.uri` from the start of a JSON-RPC message (a prefix, possibly cut
 * anywhere). Fields after the cut are simply not found; nested values are skipped without recursion, so a deeply
 * nested prefix costs its length and no stack.
 */
export function readMessageHead(s: string): MessageHead {
  const head: MessageHead = { isResponse: false };
  let i = 0;
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
    if (i >= s.length) throw new EndOfPrefix();
  };
  const expect = (c: string): void => {
    ws();
    if (s[i] !== c) throw new SyntaxError(`expected ${c}`);
    i++;
  };
  const str = (): string => {
    ws();
    if (s[i] !== '"') throw new SyntaxError('expected a string');
    const start = i++;
    for (;;) {
      if (i >= s.length) throw new EndOfPrefix();
      const c = s[i];
      if (c === '\\') i += 2;
      else if (c === '"') break;
      else i++;
    }
    i++;
    return JSON.parse(s.slice(start, i)) as string;
  };
  const primitive = (): unknown => {
    ws();
    if (s[i] === '"') return str();
    const start = i;
    while (i < s.length && !/[,}\]\s]/.test(s[i]!)) i++;
    if (i >= s.length) throw new EndOfPrefix();
    return JSON.parse(s.slice(start, i)) as unknown;
  };
  const skip = (): void => {
    ws();
    if (s[i] !== '{' && s[i] !== '[') {
      primitive();
      return;
    }
    let depth = 0;
    for (;;) {
      if (i >= s.length) throw new EndOfPrefix();
      const c = s[i];
      if (c === '"') {
        str();
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
      i++;
      if (depth === 0) return;
    }
  };
  /** The members of an object, each handed to `member` (which consumes its value). */
  const object = (member: (key: string) => void): void => {
    expect('{');
    ws();
    if (s[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      const key = str();
      expect(':');
      member(key);
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === '}') {
        i++;
        return;
      }
      throw new SyntaxError('expected , or }');
    }
  };
  const isObjectNext = (): boolean => {
    ws();
    return s[i] === '{';
  };
  try {
    object((key) => {
      if (key === 'method') {
        const v = primitive();
        if (typeof v === 'string') head.method = v;
      } else if (key === 'id') {
        const v = primitive();
        if (typeof v === 'number' || typeof v === 'string' || v === null) head.id = v;
      } else if (key === 'result' || key === 'error') {
        head.isResponse = true;
        skip();
      } else if (key === 'params' && isObjectNext()) {
        object((pk) => {
          if (pk === 'textDocument' && isObjectNext()) {
            object((tk) => {
              if (tk === 'uri') {
                const v = primitive();
                if (typeof v === 'string') head.uri = v;
              } else {
                skip();
              }
            });
          } else {
            skip();
          }
        });
      } else {
        skip();
      }
    });
  } catch (e) {
    if (!(e instanceof EndOfPrefix) && !(e instanceof SyntaxError)) throw e;
  }
  return head;
}
