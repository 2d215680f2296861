/**
 * A byte-level LSP client for the bounded-reader tests: it frames messages itself and writes them in the chunks
 * it is told to (so headers and bodies straddle chunk boundaries), reads the server's answers back, matches
 * responses to requests and keeps the `window/logMessage` notifications.
 */
import { type Readable, type Writable } from 'node:stream';

export interface RpcError extends Error {
  code?: number;
}

/** One framed message: `Content-Length` header and JSON body. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** A textDocument/didOpen whose body is exactly `bytes` bytes (the text is padded with ASCII), its id text first. */
export function didOpenOfSize(uri: string, head: string, bytes: number, version = 1): Buffer {
  const shape = (text: string): unknown => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'plaintext', version, text } } });
  const base = Buffer.byteLength(JSON.stringify(shape(head)), 'utf8');
  if (base > bytes) throw new Error(`a didOpen of ${uri} needs at least ${base} bytes`);
  const text = head + ' '.repeat(bytes - base);
  const m = frame(shape(text));
  return m;
}

/** A textDocument/didChange with one full-text change whose body is exactly `bytes` bytes. */
export function didChangeFullOfSize(uri: string, head: string, bytes: number, version: number): Buffer {
  const shape = (text: string): unknown => ({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text }] } });
  const base = Buffer.byteLength(JSON.stringify(shape(head)), 'utf8');
  return frame(shape(head + ' '.repeat(bytes - base)));
}

/** The body length of a framed message. */
export function bodyLength(framed: Buffer): number {
  return framed.length - framed.indexOf('\r\n\r\n') - 4;
}

/**
 * Cuts `bytes` into chunks: a cut one byte into every header, inside its `\r\n\r\n`, at its end, one byte into the
 * body and one byte before the body's end; between those, chunks of the awkward sizes of `sizes` in turn.
 */
export function awkwardChunks(bytes: Buffer, sizes: readonly number[] = [1, 2, 3, 7, 13, 4095, 4096, 4097, 65_535, 65_537]): Buffer[] {
  const cuts = new Set<number>();
  for (let at = bytes.indexOf('Content-Length'); at >= 0; at = bytes.indexOf('Content-Length', at + 1)) {
    const end = bytes.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const length = Number(/\d+/.exec(bytes.subarray(at, end).toString('latin1'))?.[0] ?? 0);
    for (const c of [at + 1, end + 2, end + 4, end + 5, end + 4 + length - 1]) cuts.add(c);
  }
  const chunks: Buffer[] = [];
  let from = 0;
  let i = 0;
  const sorted = [...cuts].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
  let next = 0;
  while (from < bytes.length) {
    while (next < sorted.length && sorted[next]! <= from) next++;
    const to = Math.min(bytes.length, from + sizes[i++ % sizes.length]!, sorted[next] ?? Infinity);
    chunks.push(bytes.subarray(from, to));
    from = to;
  }
  return chunks;
}

export class RawLspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number | string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Messages from the server that are no response to a request of ours (logMessage, stray responses). */
  readonly received: Array<Record<string, unknown>> = [];

  constructor(private readonly input: Writable, output: Readable) {
    output.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  /** The texts of the server's `window/logMessage` warnings (type 2). */
  get warnings(): string[] {
    return this.received
      .filter((m) => m.method === 'window/logMessage' && (m.params as { type: number }).type === 2)
      .map((m) => (m.params as { message: string }).message);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const msg = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Record<string, unknown>;
      this.buffer = this.buffer.subarray(end + 4 + length);
      const id = msg.id as number | string | undefined;
      const p = id !== undefined && !('method' in msg) ? this.pending.get(id) : undefined;
      if (p && id !== undefined) {
        this.pending.delete(id);
        if (msg.error) {
          const e = msg.error as { code: number; message: string };
          p.reject(Object.assign(new Error(e.message), { code: e.code }));
        } else {
          p.resolve(msg.result);
        }
      } else {
        this.received.push(msg);
      }
    }
  }

  /** Writes bytes as the given chunks (whole by default). */
  write(bytes: Buffer, chunks: (b: Buffer) => Buffer[] = (b) => [b]): void {
    for (const c of chunks(bytes)) this.input.write(c);
  }

  /** A promise for the answer to request `id` (sent by the caller as raw bytes). */
  answerTo<T = unknown>(id: number | string): Promise<T> {
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    const answer = this.answerTo<T>(id);
    this.write(frame({ jsonrpc: '2.0', id, method, params }));
    return answer;
  }

  notify(method: string, params: unknown): void {
    this.write(frame({ jsonrpc: '2.0', method, params }));
  }
}
