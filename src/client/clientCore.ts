/**
 * The part of the language client that needs vscode-languageclient. It is its own bundle (dist/language-client.js),
 * required when the client starts, so the ~1 MB of client library is not parsed while the extension activates
 * (measured here: +15 ms on every load when it was in dist/extension.js).
 */
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

export type { LanguageClient, LanguageClientOptions };

/** A client for the server bundle at `serverModule`, over IPC. */
export function createLanguageClient(serverModule: string, clientOptions: LanguageClientOptions): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  return new LanguageClient('mediaJobs', 'Media Jobs Language Server', serverOptions, clientOptions);
}
