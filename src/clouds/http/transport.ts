/**
 * The one place that talks HTTP. Sends one already-signed request and returns the whole answer; it never
 * retries (retries live above the signer, see retry.ts, because every attempt needs a fresh nonce and
 * timestamp) and it never interprets bodies (readResponse.ts does).
 *
 * Why undici is loaded the way it is: loading undici's index (`require('undici')`) runs `lib/global.js`,
 * which installs an Agent into the process-wide, non-configurable slots
 * `Symbol.for('undici.globalDispatcher.1')` / `.2` when they are empty. Node's own `fetch` reads that slot,
 * and in a VS Code extension host every other extension shares it (cline hit exactly this). A
 * non-configurable property cannot be deleted again, so the only clean fix is never to run global.js: we
 * import the dispatcher classes and the `request` function from their own files, none of which touches
 * global.js (test/unit/clouds/http/globalDispatcher.test.ts proves it in a fresh process). We also never
 * call setGlobalDispatcher and never use global fetch: every request names its dispatcher explicitly.
 *
 * Loading is lazy (first `send`, by `require` at call time), so importing this module costs nothing at activation.
 *
 * Every request ends by its timeout (or at once when its signal aborts), whatever undici is doing: undici
 * keeps a request it never managed to send queued while it reconnects, and defers its abort until a
 * connection exists, so we answer the caller ourselves and destroy the dispatcher that still holds it
 * (`watchAbandoned`). A failed CONNECT is reported with a code undici does not take as "reconnect at once"
 * (a proxy closing every CONNECT was redialled ~1,750 times a second), and CONNECT has its own timeout.
 */
import type { Dispatcher, Pool, ProxyAgent } from 'undici';
import { clampDelay } from '../clock.js';
import { BadResponseError, ConfigError, NetworkError } from '../errors.js';
import { redactSecrets } from './redact.js';
import * as l10n from '../../util/l10n.js';

export interface HttpRequest {
  /** `https://host[:port]`, no path. */
  origin: string;
  method: string;
  /** Path and query exactly as signed, e.g. `/?Action=…&Signature=…`. */
  pathAndQuery: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
}

export interface SendOptions {
  /** `product:Action`, for error messages. */
  api: string;
  /** Total time for the attempt: connect, headers and the whole body. A hard limit: the send always ends by then. */
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * Called once, when the request is written to its connection (undici's onConnect, just before the headers
   * go out): the rate limiter counts the request from then, not from its grant (rateLimiter.ts).
   */
  onSent?: () => void;
}

export interface Transport {
  send(req: HttpRequest, opts: SendOptions): Promise<HttpResponse>;
  /** Closes pooled connections; waits for requests in flight (each bounded by its timeout). */
  close(): Promise<void>;
}

export interface UndiciTransportOptions {
  /** TCP + TLS connect timeout. Default 10 s. */
  connectTimeoutMs?: number;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) are read. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * Connections per origin. Default 16: more than the in-flight slots of two APIs of one origin busy at once
   * (rateLimiter.ts DEFAULT_MAX_IN_FLIGHT, 8 each), so a request the rate limiter granted never queues here
   * for a connection and arrives when it was granted (with 4, ICE requests waited up to 605 ms and bunched).
   */
  connectionsPerOrigin?: number;
  /** How long an idle connection is kept. Default 60 s: polls are seconds apart, undici's 4 s would reconnect every time. */
  keepAliveTimeoutMs?: number;
  /** Largest body accepted. Default 64 MiB (a 10,000-clip timeline is a few MiB). */
  maxBodyBytes?: number;
  /**
   * Send loopback origins through the proxy too. Default false (loopback never goes through a proxy).
   * Only for tests that need a proxy in front of a local server.
   */
  proxyLoopback?: boolean;
}

/** A body cut short: fewer bytes than Content-Length said. Retryable, unlike other unreadable bodies. */
export class TruncatedResponseError extends BadResponseError {
  readonly truncated = true;
  constructor(api: string, httpStatus: number, contentType: string | null, message: string, requestId: string | null) {
    super(api, httpStatus, contentType, message, requestId, 'truncated');
  }
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECTIONS = 16;
const DEFAULT_KEEP_ALIVE_MS = 60_000;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

type ProxyAgentCtor = new (opts: ProxyAgent.Options) => ProxyAgent;
type PoolCtor = new (origin: string | URL, opts: Pool.Options) => Pool;
type RequestFn = (this: Dispatcher, opts: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
type ConnectFn = (this: Dispatcher, opts: Dispatcher.ConnectOptions) => Promise<Dispatcher.ConnectData>;

interface UndiciParts {
  ProxyAgent: ProxyAgentCtor;
  Pool: PoolCtor;
  request: RequestFn;
  connect: ConnectFn;
}

function loadUndici(): UndiciParts {
  // Deep paths on purpose (see the file comment): none of these files loads lib/global.js. `require` rather
  // than `import()`: the modules are CommonJS, esbuild bundles static requires, and tsx resolves them the
  // same way whether the importing test is CommonJS or ESM (a dynamic import() did not).
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ProxyAgent: require('undici/lib/dispatcher/proxy-agent.js') as ProxyAgentCtor,
    Pool: require('undici/lib/dispatcher/pool.js') as PoolCtor,
    request: require('undici/lib/api/api-request.js') as RequestFn,
    connect: require('undici/lib/api/api-connect.js') as ConnectFn,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** After a stop (deadline or cancel), how long undici may take to let go of a request before we call it stuck. */
const STUCK_GRACE_MS = 1_000;
/** How long close() lets idle pools close gracefully before destroying them. */
const CLOSE_GRACE_MS = 1_000;

/** One pooled dispatcher for one origin (direct, or through one proxy), and what we sent through it. */
interface Route {
  key: string;
  dispatcher: Dispatcher;
  /** Our sends on it whose caller is still waiting. */
  active: number;
  /** Requests we gave up on (deadline, cancel) that undici has not let go of yet. */
  abandoned: Set<Promise<unknown>>;
  /** Replaced for new requests; destroyed as soon as nothing of ours is active on it. */
  retired: boolean;
  destroyed: boolean;
}

/**
 * `dispatcher` with the request's handler wrapped so `onSent` runs when undici hands the request to a
 * connection (it calls the handler's onConnect right before writing the headers). `request()` only calls
 * `this.dispatch`, so a small object that forwards it is enough; the handler keeps its legacy shape (undici
 * tells handler styles apart by `onRequestStart`, which the wrapper does not add).
 */
function reportingSent(dispatcher: Dispatcher, onSent: () => void): Dispatcher {
  const dispatch = (opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean => {
    let told = false;
    const wrapped = new Proxy(handler, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key === 'onConnect' && typeof value === 'function') {
          return (...args: unknown[]) => {
            if (!told) {
              told = true;
              onSent();
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return dispatcher.dispatch(opts, wrapped);
  };
  return { dispatch } as unknown as Dispatcher;
}

/** The error a failed CONNECT is turned into: a code undici's client does not treat as "reconnect at once". */
class ProxyConnectError extends Error {
  constructor(readonly code: string, message: string, override readonly cause?: unknown) {
    super(message);
  }
}

export function createUndiciTransport(opts: UndiciTransportOptions = {}): Transport {
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const connections = opts.connectionsPerOrigin ?? DEFAULT_CONNECTIONS;
  const keepAliveMs = opts.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_MS;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const env = opts.env ?? process.env;

  // Servers may hint a shorter keep-alive (Node's default is 5 s) and undici honours that; the max caps a
  // longer hint at ours.
  const poolOptions = { connections, keepAliveTimeout: keepAliveMs, keepAliveMaxTimeout: keepAliveMs };

  let parts: UndiciParts | null = null;
  /**
   * One dispatcher per origin (and proxy), not one Agent for all: when undici will not let go of a request
   * (see `send`), the dispatcher holding it is destroyed, and that must not cut requests to other origins.
   */
  const routes = new Map<string, Route>();
  const sends = new Set<Promise<unknown>>();
  let closed = false;

  function newDispatcher(u: UndiciParts, target: URL, proxy: URL | null): Dispatcher {
    if (!proxy) return new u.Pool(target.origin, { ...poolOptions, connect: { timeout: connectTimeoutMs } });
    // Plain http through an http proxy is forwarded (absolute-form request line), which every proxy
    // understands; everything else is tunnelled with CONNECT so TLS stays end to end.
    const tunnel = !(target.protocol === 'http:' && proxy.protocol === 'http:');
    return new u.ProxyAgent({
      uri: proxy.href,
      proxyTunnel: tunnel,
      ...poolOptions,
      proxyTls: { timeout: connectTimeoutMs },
      requestTls: { timeout: connectTimeoutMs },
      // Without a factory undici opens unlimited connections with its 4 s keep-alive.
      factory: (origin: string | URL, o: object) => new u.Pool(origin, { ...o, ...poolOptions }),
      // The tunnel calls `.connect()` on its client to the proxy. That method normally comes from
      // index.js patching Dispatcher.prototype, which we do not load; give this one client its own.
      clientFactory: (origin: URL, o: object) => {
        const pool = new u.Pool(origin, { ...o, ...poolOptions }) as Pool & { connect: ConnectFn };
        pool.connect = function connectThroughProxy(this: Dispatcher, connectOpts: Dispatcher.ConnectOptions) {
          // A CONNECT timeout: a proxy that accepts and never answers would otherwise hold the tunnel for
          // undici's 300 s headers timeout.
          const withTimeout = { ...connectOpts, headersTimeout: connectTimeoutMs } as Dispatcher.ConnectOptions;
          return u.connect.call(this, withTimeout).catch((e: unknown) => {
            throw proxyConnectError(e, proxy, connectTimeoutMs);
          });
        };
        return pool;
      },
    });
  }

  function routeFor(u: UndiciParts, target: URL, proxy: URL | null): Route {
    const key = `${proxy?.href ?? 'direct'}|${target.origin}`;
    let route = routes.get(key);
    if (!route) {
      route = { key, dispatcher: newDispatcher(u, target, proxy), active: 0, abandoned: new Set(), retired: false, destroyed: false };
      routes.set(key, route);
    }
    return route;
  }

  function destroyRoute(route: Route): void {
    if (route.destroyed) return;
    route.destroyed = true;
    if (routes.get(route.key) === route) routes.delete(route.key);
    // Errors every request undici still holds (ours were already answered) and stops any reconnecting.
    route.dispatcher.destroy().catch(() => undefined);
  }

  /** New requests get a fresh dispatcher; this one goes once nothing of ours is waiting on it. */
  function retire(route: Route): void {
    route.retired = true;
    if (routes.get(route.key) === route) routes.delete(route.key);
    if (route.active === 0) destroyRoute(route);
  }

  /**
   * After we stopped waiting for `work` (deadline or cancel): undici lets go of a request it has sent at
   * once when its signal aborts, but one it never managed to send (connect failing over and over, a proxy
   * that closes every CONNECT) stays queued, and undici defers its abort until a connection exists, i.e.
   * forever. If `work` has not settled after a grace period, the route's dispatcher is retired and destroyed.
   */
  function watchAbandoned(route: Route, work: Promise<unknown>): void {
    let settled = false;
    const done = work.then(() => undefined, () => undefined).finally(() => {
      settled = true;
      route.abandoned.delete(done);
    });
    route.abandoned.add(done);
    const t = setTimeout(() => {
      if (!settled && !route.destroyed) retire(route);
    }, STUCK_GRACE_MS);
    t.unref?.();
    void done.finally(() => clearTimeout(t));
  }

  async function send(req: HttpRequest, sendOpts: SendOptions): Promise<HttpResponse> {
    const { api, timeoutMs, signal, onSent } = sendOpts;
    if (closed) throw new NetworkError(api, 'CLOSED', l10n.t('the HTTP client was already closed'));
    if (signal?.aborted) throw new NetworkError(api, 'ABORTED', l10n.t('the request was cancelled'));

    let target: URL;
    try {
      target = new URL(req.origin);
    } catch {
      throw new ConfigError(l10n.t('{0}: "{1}" is not a URL', api, req.origin));
    }
    const proxy = proxyForUrl(target, env, { proxyLoopback: opts.proxyLoopback ?? false });
    parts ??= loadUndici();
    const u = parts;
    const route = routeFor(u, target, proxy);
    const via = viaProxy(proxy);
    const place = placeOf(target, proxy);

    // One controller for both reasons to stop, remembering which one fired first. Stopping also settles
    // `stop` at once: the answer never waits for undici to let go (see watchAbandoned).
    const ctl = new AbortController();
    let stopped: 'timeout' | 'aborted' | null = null;
    let stopNow: () => void = () => undefined;
    const stop = new Promise<never>((_resolve, reject) => {
      stopNow = () => reject(new Error('stopped'));
    });
    stop.catch(() => undefined);
    const halt = (why: 'timeout' | 'aborted'): void => {
      if (stopped) return;
      stopped = why;
      ctl.abort(new Error(why));
      stopNow();
    };
    const timer = setTimeout(() => halt('timeout'), clampDelay(timeoutMs));
    const onAbort = (): void => halt('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });

    let status = 0;
    let headers: Record<string, string> = {};
    let received = 0;
    let expected: number | null = null;
    const exchange = async (): Promise<HttpResponse> => {
      const res = await u.request.call(onSent ? reportingSent(route.dispatcher, onSent) : route.dispatcher, {
        origin: target.origin,
        path: req.pathAndQuery,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body,
        signal: ctl.signal,
        // Our own timer bounds the whole exchange; these only stop undici from giving up first.
        headersTimeout: timeoutMs + 1_000,
        bodyTimeout: timeoutMs + 1_000,
      });
      status = res.statusCode;
      headers = flattenHeaders(res.headers);
      const contentType = headers['content-type'] ?? null;
      const requestId = headers['x-acs-request-id'] ?? headers['x-request-id'] ?? null;
      expected = parseContentLength(headers['content-length']);
      if (expected !== null && expected > maxBodyBytes) {
        // A listener first: destroying an unread undici body emits 'error', which must not go unhandled.
        res.body.on('error', () => undefined).destroy();
        throw tooLarge(api, status, contentType, requestId, maxBodyBytes, expected);
      }
      const chunks: Buffer[] = [];
      // Async iteration destroys the stream on an early exit, so the connection is never left half-read.
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        if (stopped) throw new Error('stopped');
        received += chunk.length;
        if (received > maxBodyBytes) throw tooLarge(api, status, contentType, requestId, maxBodyBytes, null);
        chunks.push(chunk);
      }
      return { status, headers, body: Buffer.concat(chunks).toString('utf8') };
    };

    route.active++;
    const work = exchange();
    try {
      return await Promise.race([work, stop]);
    } catch (e) {
      if (stopped === 'timeout') throw new NetworkError(api, 'TIMEOUT', l10n.t('no complete answer within {0} s{1}', formatSeconds(timeoutMs), via), place);
      if (stopped === 'aborted') throw new NetworkError(api, 'ABORTED', l10n.t('the request was cancelled'), place);
      if (e instanceof BadResponseError) throw e;
      // Headers arrived and Content-Length promised more than came: the body was cut short.
      if (status !== 0 && expected !== null && received < expected) {
        throw new TruncatedResponseError(
          api, status, headers['content-type'] ?? null,
          l10n.t('truncated body: received {0} of {1} bytes before the connection closed', received, expected),
          headers['x-acs-request-id'] ?? headers['x-request-id'] ?? null,
        );
      }
      throw toNetworkError(e, api, target, proxy, connectTimeoutMs, status !== 0);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      route.active--;
      if (stopped) watchAbandoned(route, work);
      if (route.retired && route.active === 0) destroyRoute(route);
    }
  }

  return {
    send(req, sendOpts) {
      const p = send(req, sendOpts);
      const tracked = p.then(() => undefined, () => undefined);
      sends.add(tracked);
      void tracked.finally(() => sends.delete(tracked));
      return p;
    },

    async close() {
      closed = true;
      // Every send ends by its own deadline, so this wait is bounded.
      await Promise.all([...sends]);
      const all = [...routes.values()];
      routes.clear();
      await Promise.all(all.map(async (route) => {
        if (route.destroyed) return;
        // Something we gave up on is still queued: a graceful close would wait for it forever.
        if (route.abandoned.size > 0) {
          destroyRoute(route);
          return;
        }
        let t: ReturnType<typeof setTimeout> | undefined;
        const grace = new Promise<'late'>((resolve) => {
          t = setTimeout(() => resolve('late'), CLOSE_GRACE_MS);
        });
        const outcome = await Promise.race([route.dispatcher.close().then(() => 'closed' as const, () => 'closed' as const), grace]);
        clearTimeout(t);
        if (outcome === 'late') destroyRoute(route);
        else route.destroyed = true;
      }));
    },
  };
}

/** Maps a failed CONNECT to an error undici's client passes on to the queued requests instead of reconnecting. */
function proxyConnectError(e: unknown, proxy: URL, connectTimeoutMs: number): unknown {
  const code = errorCode(e);
  // undici reconnects at once, without limit, after UND_ERR_SOCKET: a proxy that closes every CONNECT
  // would otherwise be dialled in a tight loop (thousands of times a second) while the request never ends.
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new ProxyConnectError('PROXY_CLOSED', l10n.t('the proxy {0} closed the connection without answering CONNECT', proxy.host), e);
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new ProxyConnectError('PROXY_CONNECT_TIMEOUT', l10n.t('the proxy {0} did not answer CONNECT within {1} s', proxy.host, formatSeconds(connectTimeoutMs)), e);
  }
  return e;
}

function tooLarge(
  api: string, status: number, contentType: string | null, requestId: string | null, max: number, announced: number | null,
): BadResponseError {
  const message = announced !== null
    ? l10n.t('the response body exceeds the {0}-byte limit (it announces {1} bytes)', max, announced)
    : l10n.t('the response body exceeds the {0}-byte limit (it is larger than that)', max);
  return new BadResponseError(api, status, contentType, message, requestId, 'tooLarge');
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseContentLength(v: string | undefined): number | null {
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return null;
  return Number(v);
}

function formatSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(2)));
}

const TLS_CODES = /^(CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|ERR_SSL_|HOSTNAME_MISMATCH)/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The most specific error code in an error, its cause chain, or an AggregateError (happy eyeballs). */
function errorCode(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== 'object' || depth > 4) return null;
  const err = e as ErrorLike;
  if (Array.isArray(err.errors) && err.errors.length > 0) {
    const inner = errorCode(err.errors[0], depth + 1);
    if (inner) return inner;
  }
  if (typeof err.code === 'string' && err.code !== 'UND_ERR_ABORTED') return err.code;
  const fromCause = errorCode(err.cause, depth + 1);
  if (fromCause) return fromCause;
  return typeof err.code === 'string' ? err.code : null;
}

function errorMessage(e: unknown): string {
  return e && typeof e === 'object' && typeof (e as ErrorLike).message === 'string' ? ((e as ErrorLike).message as string) : String(e);
}

/** " via proxy host:port", or nothing without a proxy: the suffix of the messages that name the endpoint. */
function viaProxy(proxy: URL | null): string {
  return proxy ? l10n.t(' via proxy {0}', proxy.host) : '';
}

function placeOf(target: URL, proxy: URL | null): { host: string; proxyHost?: string } {
  return proxy ? { host: target.host, proxyHost: proxy.host } : { host: target.host };
}

/**
 * Maps Node/undici failures to one plain sentence (in the display language) and a stable code; the hints choose
 * by the code and the hosts the error carries, never by the words. Never echoes proxy credentials.
 */
function toNetworkError(
  e: unknown, api: string, target: URL, proxy: URL | null, connectTimeoutMs: number, midResponse: boolean,
): NetworkError {
  const message = errorMessage(e);
  const place = placeOf(target, proxy);
  // undici's own English (not ours to translate): read to find the proxy's answer.
  const tunnel = /Proxy response \((\d+)\) !== 200/.exec(message);
  if (tunnel) {
    return new NetworkError(api, 'PROXY_TUNNEL_FAILED', l10n.t('the proxy {0} refused to open a tunnel to {1} (HTTP {2})', proxy?.host ?? '', target.host, tunnel[1]!), place);
  }
  if (/Proxy Authentication Required/i.test(message)) {
    return new NetworkError(api, 'PROXY_AUTH_REQUIRED', l10n.t('the proxy {0} requires authentication (HTTP 407)', proxy?.host ?? ''), place);
  }
  const code = errorCode(e) ?? 'NETWORK_ERROR';
  if (code === 'PROXY_CLOSED' || code === 'PROXY_CONNECT_TIMEOUT') {
    return new NetworkError(api, code, l10n.t('{0} (tunnel to {1})', message, target.host), place);
  }
  const via = viaProxy(proxy);
  // Connect-level errors concern the proxy when there is one: that is the host we dial.
  const dialled = proxy ? l10n.t('{0} (the proxy)', proxy.host) : target.host;
  const dialledName = proxy ? proxy.hostname : target.hostname;
  const plain = (): string | null => {
    switch (code) {
      case 'UND_ERR_CONNECT_TIMEOUT': return l10n.t('could not connect to {0} within {1} s', dialled, formatSeconds(connectTimeoutMs));
      case 'UND_ERR_SOCKET':
        return midResponse ? l10n.t('connection closed mid-response by {0}{1}', target.host, via) : l10n.t('connection closed by {0}{1} before an answer', target.host, via);
      case 'ECONNRESET': return l10n.t('connection reset by {0}{1}', target.host, via);
      case 'ECONNREFUSED': return l10n.t('connection refused by {0}', dialled);
      case 'ENOTFOUND': return l10n.t('host name {0} not found (DNS)', dialledName);
      case 'EAI_AGAIN': return l10n.t('DNS lookup of {0} failed temporarily', dialledName);
      case 'ETIMEDOUT': return l10n.t('connection to {0} timed out', dialled);
      case 'EHOSTUNREACH': return l10n.t('host {0} unreachable', dialled);
      case 'ENETUNREACH': return l10n.t('network unreachable for {0}', dialled);
      case 'EPIPE': return l10n.t('connection to {0}{1} broke while sending', target.host, via);
      case 'UND_ERR_HEADERS_TIMEOUT': return l10n.t('no response headers from {0}{1} in time', target.host, via);
      case 'UND_ERR_BODY_TIMEOUT': return l10n.t('the response body from {0}{1} stalled', target.host, via);
      case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH': return l10n.t('the response from {0}{1} did not match its Content-Length', target.host, via);
      default: return null;
    }
  };
  const text = plain();
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new NetworkError(api, 'CONNECT_TIMEOUT', text!, place);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return new NetworkError(api, 'TIMEOUT', text!, place);
  if (text !== null) return new NetworkError(api, code, text, place);
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || code === 'ERR_SSL_HTTP_REQUEST') {
    // The first bytes back were not a TLS record: a plain-HTTP server on that port (errorHints says what to do).
    return new NetworkError(api, code, l10n.t('{0}{1} answered in plain HTTP, not TLS ({2})', target.host, via, code), place);
  }
  if (TLS_CODES.test(code)) {
    return new NetworkError(api, code, l10n.t('the TLS certificate of {0} was not accepted ({1}){2}', target.host, code, via), place);
  }
  return new NetworkError(api, code, `${redactSecrets(message)} (${target.host}${via})`, place);
}

// ---------------------------------------------------------------------------------------------------------
// Proxy selection: pure, exported for tests and for the CLI's `--verbose` output.

function envValue(env: Record<string, string | undefined>, name: string): string | null {
  // Lower case first, as curl and undici do; empty means unset.
  for (const v of [env[name.toLowerCase()], env[name.toUpperCase()]]) {
    if (v && v.trim()) return v.trim();
  }
  return null;
}

/** True for hosts that are this machine: never worth a proxy, and a proxy cannot reach them anyway. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/**
 * Whether NO_PROXY says to go direct. Entries are separated by commas or spaces: `*` (everything), a host
 * (also matches its subdomains), `.suffix` / `*.suffix`, or `host:port` (that port only). IP ranges (CIDR)
 * are not supported.
 */
export function matchesNoProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || defaultPort(target.protocol);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | null = null;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1]!;
      entryPort = bracketed[2] ?? null;
    } else {
      const hp = /^([^:]+):(\d+)$/.exec(entry);
      if (hp) {
        entry = hp[1]!;
        entryPort = hp[2]!;
      }
    }
    if (entryPort !== null && entryPort !== port) continue;
    entry = entry.replace(/^\*?\./, '');
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/**
 * The proxy for a request to `target`, or null to go direct: HTTPS_PROXY for https origins, HTTP_PROXY for
 * http origins (no fall-back from one to the other), NO_PROXY honoured, loopback always direct.
 * A proxy value without a scheme (`proxy.corp:3128`) is taken as http://, as curl does.
 */
export function proxyForUrl(
  target: URL, env: Record<string, string | undefined>, opts: { proxyLoopback?: boolean } = {},
): URL | null {
  if (!opts.proxyLoopback && isLoopbackHost(target.hostname)) return null;
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return null;
  const value = envValue(env, target.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (!value) return null;
  const noProxy = envValue(env, 'no_proxy');
  if (noProxy && matchesNoProxy(target, noProxy)) return null;
  let proxy: URL;
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new ConfigError(l10n.t('the {0} setting is not a URL', target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'), l10n.t('use http://host:port'));
  }
  if (!['http:', 'https:', 'socks5:', 'socks:'].includes(proxy.protocol)) {
    throw new ConfigError(l10n.t('unsupported proxy scheme {0}', proxy.protocol), l10n.t('use an http://, https:// or socks5:// proxy'));
  }
  return proxy;
}
