/**
 * The emulator's control endpoint, for tests that run in another process (the VS Code extension host):
 * `POST /_emulator/status {kind, id, status, progress?, error?, fields?}` sets a job's status now (`fields`: wire
 * fields in the cloud's own spelling that appear from now on, e.g. `{MediaURL: …}` for an ICE job),
 * `POST /_emulator/faults <Fault>` injects a fault, `DELETE /_emulator/faults` clears them,
 * `GET /_emulator/requests` returns the request log.
 * Loopback only (the emulator binds 127.0.0.1), and guarded, because `npm start` keeps it running while the
 * user browses: a web page could otherwise POST to it (a "simple" cross-origin request needs no preflight).
 * Every control request must carry the run's random token in `x-emulator-token` (a header no page can set on
 * a cross-origin request without a preflight, which we never answer), must not carry an `Origin`, and must
 * name the emulator's own loopback address in `Host` (DNS rebinding).
 */
import { timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type EmulatorState, EMULATED_KINDS, type EmulatedKind } from './state.js';
import { type Fault } from './faults.js';

export const CONTROL_PREFIX = '/_emulator/';

export const CONTROL_TOKEN_HEADER = 'x-emulator-token';

export interface ControlDeps {
  /** The run's token; requests without it get 403. */
  token: string;
  /** The emulator's port, for the Host check. */
  port: number;
  state: EmulatorState;
  inject: (f: Fault) => void;
  clear: () => void;
  requests: () => unknown[];
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Why a control request is refused, or null when it may proceed. */
export function controlRefusal(req: IncomingMessage, deps: Pick<ControlDeps, 'token' | 'port'>): string | null {
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${deps.port}` && host !== `localhost:${deps.port}`) return `Host ${JSON.stringify(host.slice(0, 80))} is not this emulator`;
  if (req.headers.origin !== undefined) return 'requests from web pages (with an Origin header) are refused';
  const given = req.headers[CONTROL_TOKEN_HEADER];
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(deps.token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return `missing or wrong ${CONTROL_TOKEN_HEADER}`;
  return null;
}

export function handleControl(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, deps: ControlDeps): void {
  const refused = controlRefusal(req, deps);
  if (refused !== null) {
    reply(res, 403, { error: `emulator control: ${refused}` });
    return;
  }
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
