/**
 * The Media Jobs language server: finds job ids in any document. Its own bundle (dist/server.js), started by the
 * extension's language client over IPC (`--node-ipc`), or by anyone as a standard LSP server
 * (`node dist/server.js --stdio`).
 *
 * It makes no network calls and never sees a secret: it reads the documents it is sent and the ids the client
 * says are tracked, and answers `mediaJobs/findJobIds` and `mediaJobs/findJobIdAt` (src/protocol/lsp.ts) with
 * JobIdHits. It answers no hover: the client builds it from findJobIdAt, with the job's status.
 * Documents sync incrementally; see DocumentIndex for what is scanned when. What a request costs is bounded:
 * findJobIdAt (a hover) reads a window around its position (a few KB on a long line), and findJobIds answers at
 * most MAX_MATCHES ids (the first ones of the ranges asked for) and scans in slices, yielding between them, so
 * hovers and edits are handled while it scans a large document.
 *
 * What a message costs is bounded too, on the byte-stream transports (`--stdio`, `--socket`, `--pipe`; see
 * transport.ts and boundedReader.ts): a message over MAX_MESSAGE_BYTES (50 MB, VS Code's own sync limit) is read
 * past, never buffered whole. A document opened (or replaced) by such a message is "too large": it has no index,
 * findJobIds answers [] and findJobIdAt null for it, incremental changes to it are ignored (their text is unknown)
 * until a full-text change or a new didOpen brings it back, and one warning names it. A request that large is
 * answered with InvalidRequest ("message too large: N bytes, limit L").
 */
import {
  type CancellationToken, type Connection, ErrorCodes, type InitializeResult, LSPErrorCodes, ResponseError, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { type ScannedJobId } from '../detect/detectJobIds.js';
import { type JobIdHitInDocument } from '../model/jobIdHit.js';
import { type JobRef } from '../model/jobRef.js';
import { DID_CHANGE_TRACKED_IDS_METHOD, FIND_JOB_ID_AT_METHOD, FIND_JOB_IDS_METHOD, type FindJobIdAtResult, type FindJobIdsResult, isFindJobIdAtParams, isFindJobIdsParams, parseTrackedIds } from '../protocol/lsp.js';
import { type OversizeEvent, type ReaderEvent, tooLargeMessage } from './boundedReader.js';
import { type ContentChange, DocumentIndex, MAX_MATCHES } from './documentIndex.js';
import { openConnection } from './transport.js';
import { neutralise } from '../util/neutralise.js';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** A detection as the protocol sends it: the hit, its range in the document. */
export function toHit(m: ScannedJobId): JobIdHitInDocument {
  return {
    range: { start: { line: m.line, character: m.range.start }, end: { line: m.line, character: m.range.end } },
    id: m.id,
    kinds: [...m.kinds],
    params: { ...m.params },
    ...(m.region ? { region: m.region } : {}),
    needs: [...m.needs],
    source: m.source,
  };
}

export interface ServerOptions {
  /**
   * The private method under which the bounded reader in front of the connection (BoundedMessageFilter.eventMethod)
   * reports the messages it refused and framing errors; none on a transport without it (--node-ipc).
   */
  readerEvents?: string;
}

/** Wires the handlers to a connection and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const docs = new Map<string, DocumentIndex>();
  /** Documents opened or replaced by a message over the limit: uri → that message's size in bytes. */
  const tooLarge = new Map<string, number>();
  let tracked: ReadonlyMap<string, JobRef> = new Map();

  /** The document's index; null for a document too large to index (it answers no ids). */
  const docOf = (uri: string): DocumentIndex | null => {
    const d = docs.get(uri);
    if (d) return d;
    if (tooLarge.has(uri)) return null;
    throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${uri.slice(0, 200)}`);
  };

  const setTracked = (params: unknown): void => {
    const refs = parseTrackedIds(params);
    if (!refs) {
      connection.console.warn(`${DID_CHANGE_TRACKED_IDS_METHOD}: ignored a malformed message`);
      return;
    }
    const next = new Map<string, JobRef>();
    for (const r of refs) if (!next.has(r.id)) next.set(r.id, r);
    if (sameRefs(tracked, next)) return;
    tracked = next;
    for (const d of docs.values()) d.setTracked(tracked);
  };

  connection.onInitialize((p): InitializeResult => {
    // The client may send the tracked ids with initialize (`initializationOptions.trackedIds`).
    const init = p.initializationOptions as { trackedIds?: unknown } | null | undefined;
    if (init && Array.isArray(init.trackedIds)) setTracked({ refs: init.trackedIds });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      },
      serverInfo: { name: 'media-jobs-language-server', version: VERSION },
    };
  });

  connection.onDidOpenTextDocument((p) => {
    tooLarge.delete(p.textDocument.uri);
    docs.set(p.textDocument.uri, new DocumentIndex(p.textDocument.uri, p.textDocument.text, p.textDocument.version, tracked));
  });
  connection.onDidChangeTextDocument((p) => {
    const uri = p.textDocument.uri;
    const d = docs.get(uri);
    if (d) {
      d.applyChanges(p.contentChanges, p.textDocument.version);
      return;
    }
    if (!tooLarge.has(uri)) return;
    // A too-large document's text is unknown: incremental changes cannot apply to it. A full-text change (one
    // without a range) gives it again, from there on.
    const changes: readonly ContentChange[] = p.contentChanges;
    let full = changes.length - 1;
    while (full >= 0 && changes[full]!.range) full--;
    if (full < 0) return;
    tooLarge.delete(uri);
    const fresh = new DocumentIndex(uri, changes[full]!.text, p.textDocument.version, tracked);
    fresh.applyChanges(changes.slice(full + 1), p.textDocument.version);
    docs.set(uri, fresh);
  });
  connection.onDidCloseTextDocument((p) => {
    docs.delete(p.textDocument.uri);
    tooLarge.delete(p.textDocument.uri);
  });

  if (options.readerEvents !== undefined) {
    // The method and uri are the client's own strings, read from a prefix: one line, bounded, in the client's log.
    const said = (x: string): string => neutralise(x, { maxLength: 200, icons: false });
    const describe = (e: OversizeEvent): string => `${e.method !== null ? said(e.method) : 'a message (its method is not in its first bytes)'}${e.uri !== null ? ` of ${said(e.uri)}` : ''}: ${e.bytes} bytes, over the limit of ${e.limit}`;
    connection.onNotification(options.readerEvents, (e: ReaderEvent) => {
      if (e.kind === 'framing') {
        connection.console.warn(`Media Jobs language server: bad message framing: ${neutralise(e.reason, { icons: false })}`);
        return;
      }
      if (e.uri !== null && (e.method === 'textDocument/didOpen' || e.method === 'textDocument/didChange')) {
        docs.delete(e.uri);
        tooLarge.set(e.uri, e.bytes);
        connection.console.warn(`Media Jobs language server: ${describe(e)}: the document is too large to read, no job ids are found in it (changes to it are ignored until it is opened again or its whole text is sent)`);
        return;
      }
      connection.console.warn(`Media Jobs language server: ${describe(e)}: dropped unread`);
    });
    connection.onRequest(options.readerEvents, (e: OversizeEvent): never => {
      connection.console.warn(`Media Jobs language server: ${describe(e)}: answered with an error`);
      throw new ResponseError(ErrorCodes.InvalidRequest, tooLargeMessage(e.bytes, e.limit));
    });
  }

  connection.onRequest(FIND_JOB_IDS_METHOD, async (params: unknown, token: CancellationToken): Promise<FindJobIdsResult> => {
    if (!isFindJobIdsParams(params)) throw new ResponseError(ErrorCodes.InvalidParams, `${FIND_JOB_IDS_METHOD}: bad params`);
    const uri = params.textDocument.uri;
    const d = docOf(uri);
    if (!d) return [];
    // Requested line ranges, sorted and merged (so overlapping ranges give each match once); none: every line.
    let ranges: Array<[number, number]> | undefined;
    if (params.ranges) {
      ranges = [];
      for (const [a, b] of params.ranges.map((r) => [Math.min(r.start.line, r.end.line), Math.max(r.start.line, r.end.line)] as [number, number]).sort((x, y) => x[0] - y[0])) {
        const prev = ranges[ranges.length - 1];
        if (prev && a <= prev[1] + 1) prev[1] = Math.max(prev[1], b);
        else ranges.push([a, b]);
      }
    }
    // At most MAX_MATCHES, scanned a slice at a time: hovers and edits are handled between slices.
    const found = await d.findAsync(ranges, MAX_MATCHES, () => token.isCancellationRequested || docs.get(uri) !== d);
    if (!found) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${FIND_JOB_IDS_METHOD}: cancelled`);
    return found.map(toHit);
  });

  connection.onRequest(FIND_JOB_ID_AT_METHOD, (params: unknown): FindJobIdAtResult => {
    if (!isFindJobIdAtParams(params)) throw new ResponseError(ErrorCodes.InvalidParams, `${FIND_JOB_ID_AT_METHOD}: bad params`);
    const m = docOf(params.textDocument.uri)?.at(params.position);
    return m ? toHit(m) : null;
  });

  connection.onNotification(DID_CHANGE_TRACKED_IDS_METHOD, setTracked);

  connection.listen();
}

function sameRefs(a: ReadonlyMap<string, JobRef>, b: ReadonlyMap<string, JobRef>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, r] of a) {
    const o = b.get(id);
    if (!o || o.kind !== r.kind || o.region !== r.region || JSON.stringify(o.params) !== JSON.stringify(r.params)) return false;
  }
  return true;
}

// The bundle's entry: the transport comes from the command line (--stdio, --node-ipc, --socket=…, --pipe=…).
if (require.main === module) {
  const { connection, readerEvents } = openConnection(process.argv.slice(2));
  startServer(connection, { readerEvents });
}
