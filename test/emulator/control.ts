/**
 * The emulator's control endpoint, for tests that run in another process (the VS Code extension host):
 * `POST /_emulator/status {kind, id, status, progress?, error?, fields?}` sets a job's status now (`fields`: wire
 * fields in the cloud's own spelling that appear from now on, e.g. `{MediaURL: …}` for an ICE job),
 * `POST /_emulator/faults <Fault>` injects a fault, `DELETE /_emulator/faults` clears them,
 * `GET /_emulator/requests` returns the request log. Loopback only (the emulator binds 127.0.0.1) and
 * unauthenticated on purpose: it exists only for tests and the demo.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type EmulatorState, EMULATED_KINDS, type EmulatedKind } from './state.js';
import { type Fault } from './faults.js';

export const CONTROL_PREFIX = '/_emulator/';

export interface ControlDeps {
  state: EmulatorState;
  inject: (f: Fault) => void;
  clear: () => void;
  requests: () => unknown[];
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function handleControl(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, deps: ControlDeps): void {
  let input: Record<string, unknown> = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      reply(res, 400, { error: 'body is not JSON' });
      return;
    }
  }
  try {
    if (path === 'status' && req.method === 'POST') {
      const kind = input.kind as EmulatedKind;
      if (!(EMULATED_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown kind ${String(kind)}`);
      const opts: Record<string, unknown> = {};
      if (typeof input.progress === 'number') opts.progress = input.progress;
      if (input.error && typeof input.error === 'object') opts.error = input.error;
      if (input.fields && typeof input.fields === 'object' && !Array.isArray(input.fields)) opts.fields = input.fields;
      deps.state.setStatus(kind, String(input.id), input.status as string | number, opts);
      reply(res, 200, { ok: true });
    } else if (path === 'faults' && req.method === 'POST') {
      deps.inject(input as unknown as Fault);
      reply(res, 200, { ok: true });
    } else if (path === 'faults' && req.method === 'DELETE') {
      deps.clear();
      reply(res, 200, { ok: true });
    } else if (path === 'requests' && req.method === 'GET') {
      reply(res, 200, deps.requests());
    } else {
      reply(res, 404, { error: `no control route ${req.method} ${path}` });
    }
  } catch (e) {
    reply(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
