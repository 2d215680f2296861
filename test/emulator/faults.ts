/**
 * Injected faults: what networks, proxies and overloaded services do to answers. Every fault except `throttle`
 * applies before authentication (a proxy does not check signatures); `throttle` applies after it, where the
 * cloud's own flow control sits.
 *
 * Faults are kept in injection order; the first one that matches a request applies (and uses up one of its
 * `times`). `latency` is the exception: every matching latency fault adds its delay, then the search goes on.
 */
import { type Socket } from 'node:net';
import { type ServerResponse } from 'node:http';

export type FaultSpec =
  | { type: 'latency'; ms: number }
  /** Sends the status line, headers and part of the body, then resets the connection (TCP RST). */
  | { type: 'reset' }
  /** The cloud's own 5xx body (Alibaba InternalError/ServiceUnavailable, Huawei MPC.10050/APIGW.0201). */
  | { type: 'status5xx'; status: 500 | 502 | 503 | 504 }
  /** A load balancer's HTML error page (502, text/html). */
  | { type: 'html502' }
  /** Content-Length larger than the bytes sent (half a real body), then the connection is closed. */
  | { type: 'truncated' }
  | { type: 'empty200' }
  /** 200 with text/plain, not JSON. */
  | { type: 'wrongContentType' }
  /** 200 application/json whose body does not parse. */
  | { type: 'malformedJson' }
  /** Never answers; the connection stays open until the client gives up or the emulator closes. */
  | { type: 'hang' }
  /** The cloud's throttling answer; `retryAfter` adds Alibaba's x-acs-retry-after header with that value. */
  | { type: 'throttle'; retryAfter?: number };

export type Fault = FaultSpec & {
  /** How many requests it applies to; default: every matching request until cleared. */
  times?: number;
  match?: { api?: string };
};

export type FaultType = Fault['type'];

interface Armed {
  fault: Fault;
  remaining: number;
}

export class FaultRegistry {
  private armed: Armed[] = [];

  inject(f: Fault): void {
    if (f.times !== undefined && f.times <= 0) return;
    this.armed.push({ fault: { ...f }, remaining: f.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.armed = [];
  }

  /** Faults that apply before authentication: the summed latency, and the first other matching fault. */
  takeBeforeAuth(api: string | null): { latencyMs: number; fault: Fault | null } {
    let latencyMs = 0;
    for (const a of this.matching(api)) {
      if (a.fault.type === 'latency') {
        latencyMs += a.fault.ms;
        this.useUp(a);
      }
    }
    const first = this.matching(api).find((a) => a.fault.type !== 'latency' && a.fault.type !== 'throttle');
    if (first) this.useUp(first);
    return { latencyMs, fault: first?.fault ?? null };
  }

  /** A `throttle` fault for a request that passed authentication, if one matches. */
  takeThrottle(api: string | null): (Fault & { type: 'throttle' }) | null {
    const a = this.matching(api).find((x) => x.fault.type === 'throttle');
    if (!a) return null;
    this.useUp(a);
    return a.fault as Fault & { type: 'throttle' };
  }

  private matching(api: string | null): Armed[] {
    return this.armed.filter((a) => a.remaining > 0 && (a.fault.match?.api === undefined || a.fault.match.api === api));
  }

  private useUp(a: Armed): void {
    a.remaining -= 1;
    if (a.remaining <= 0) this.armed = this.armed.filter((x) => x !== a);
  }
}

const REASONS: Record<number, string> = { 200: 'OK', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/**
 * Writes a response straight onto the socket (bypassing ServerResponse), so the emulator can lie about
 * Content-Length or cut the connection mid-body, which node:http would not let it do.
 */
export function writeRaw(socket: Socket, status: number, headers: Record<string, string>, body: Buffer, then: 'end' | 'reset'): void {
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Unknown'}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  lines.push('Connection: close');
  const head = `${lines.join('\r\n')}\r\n\r\n`;
  socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]), () => {
    if (then === 'end') {
      socket.end();
      return;
    }
    // Let the peer read what was sent before the RST arrives, so it sees a response that breaks mid-body
    // rather than a connection refused outright.
    setTimeout(() => {
      if (!socket.destroyed) socket.resetAndDestroy();
    }, 20);
  });
}

export const PROXY_502_HTML =
  '<!DOCTYPE html>\r\n<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n';

/** Keeps a hung response around so the emulator can account for it; the socket is closed on emulator close. */
export function hold(res: ServerResponse, hung: Set<ServerResponse>): void {
  hung.add(res);
  res.on('close', () => hung.delete(res));
}
