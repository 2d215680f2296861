/**
 * The language server's connection, from its command line, as vscode-languageserver's `createConnection()` reads it
 * (https://github.com/microsoft/vscode-languageserver-node, server/src/node/main.ts: the first of `--node-ipc`,
 * `--stdio`, `--socket=N` / `--socket N`, `--pipe=name` / `--pipe name`), with one difference: on the byte-stream
 * transports (stdio, socket, pipe) a BoundedMessageFilter (boundedReader.ts) stands in front of the message reader,
 * so one huge message cannot make the process buffer it whole. `--node-ipc` (the extension's own client) is left as
 * it is: Node hands the server each IPC message already parsed into an object, there is no byte stream to bound.
 */
import { createConnection as connectTo } from 'node:net';
import { inspect } from 'node:util';
import { type Connection, createConnection, SocketMessageWriter, StreamMessageReader } from 'vscode-languageserver/node';
import { BoundedMessageFilter } from './boundedReader.js';

export type Transport =
  | { kind: 'stdio' }
  | { kind: 'socket'; port: number }
  | { kind: 'pipe'; name: string }
  /** --node-ipc, or none given: left to vscode-languageserver. */
  | { kind: 'library' };

/** The transport the command line asks for (the first transport argument wins, as in vscode-languageserver). */
export function transportOf(argv: readonly string[]): Transport {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--node-ipc') return { kind: 'library' };
    if (arg === '--stdio') return { kind: 'stdio' };
    const [name, value] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, argv[i + 1]];
    if (name === '--socket') {
      const port = parseInt(value ?? '', 10);
      // vscode-languageserver ignores a port that is not a number (and then finds no transport).
      return port ? { kind: 'socket', port } : { kind: 'library' };
    }
    if (name === '--pipe') return value ? { kind: 'pipe', name: value } : { kind: 'library' };
  }
  return { kind: 'library' };
}

export interface OpenedConnection {
  connection: Connection;
  /** The filter's private event method (ServerOptions.readerEvents); undefined without a filter. */
  readerEvents?: string;
}

/** The connection for this process's command line. */
export function openConnection(argv: readonly string[]): OpenedConnection {
  const t = transportOf(argv);
  if (t.kind === 'library') return { connection: createConnection() };
  const filter = new BoundedMessageFilter();
  if (t.kind === 'stdio') {
    process.stdin.on('error', (e) => filter.destroy(e));
    process.stdin.pipe(filter);
    // Given streams, vscode-languageserver exits when the input ends or closes, as it does for --stdio.
    const connection = createConnection(filter, process.stdout);
    routeConsole(connection);
    return { connection, readerEvents: filter.eventMethod };
  }
  // As vscode-jsonrpc's createServerSocketTransport / createServerPipeTransport, with the filter on the way in.
  const socket = t.kind === 'socket' ? connectTo(t.port, '127.0.0.1') : connectTo(t.name);
  socket.on('error', (e) => filter.destroy(e));
  socket.pipe(filter);
  return { connection: createConnection(new StreamMessageReader(filter), new SocketMessageWriter(socket)), readerEvents: filter.eventMethod };
}

/**
 * stdout carries the protocol: console output goes to the client's log instead, as vscode-languageserver does when
 * it opens stdio itself (its patchConsole).
 */
function routeConsole(connection: Connection): void {
  const text = (args: unknown[]): string => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}
