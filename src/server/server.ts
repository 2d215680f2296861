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
 */
import {
  type CancellationToken, type Connection, createConnection, ErrorCodes, type InitializeResult, LSPErrorCodes, ResponseError, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { type ScannedJobId } from '../detect/detectJobIds.js';
import { type JobIdHitInDocument } from '../model/jobIdHit.js';
import { type JobRef } from '../model/jobRef.js';
import { DID_CHANGE_TRACKED_IDS_METHOD, FIND_JOB_ID_AT_METHOD, FIND_JOB_IDS_METHOD, type FindJobIdAtResult, type FindJobIdsResult, isFindJobIdAtParams, isFindJobIdsParams, parseTrackedIds } from '../protocol/lsp.js';
import { DocumentIndex, MAX_MATCHES } from './documentIndex.js';

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

/** Wires the handlers to a connection and starts listening. */
export function startServer(connection: Connection): void {
  const docs = new Map<string, DocumentIndex>();
  let tracked: ReadonlyMap<string, JobRef> = new Map();

  const docOf = (uri: string): DocumentIndex => {
    const d = docs.get(uri);
    if (!d) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${uri.slice(0, 200)}`);
    return d;
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
    docs.set(p.textDocument.uri, new DocumentIndex(p.textDocument.uri, p.textDocument.text, p.textDocument.version, tracked));
  });
  connection.onDidChangeTextDocument((p) => {
    const d = docs.get(p.textDocument.uri);
    if (d) d.applyChanges(p.contentChanges, p.textDocument.version);
  });
  connection.onDidCloseTextDocument((p) => {
    docs.delete(p.textDocument.uri);
  });

  connection.onRequest(FIND_JOB_IDS_METHOD, async (params: unknown, token: CancellationToken): Promise<FindJobIdsResult> => {
    if (!isFindJobIdsParams(params)) throw new ResponseError(ErrorCodes.InvalidParams, `${FIND_JOB_IDS_METHOD}: bad params`);
    const uri = params.textDocument.uri;
    const d = docOf(uri);
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
    const m = docOf(params.textDocument.uri).at(params.position);
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

// The bundle's entry: the transport comes from the command line (--stdio, --node-ipc, --socket=…).
if (require.main === module) startServer(createConnection());
