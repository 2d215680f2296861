/**
 * A local HTTP proxy on 127.0.0.1 that misbehaves on CONNECT, for the transport's deadline tests:
 * - `close`: accepts the TCP connection and closes it as soon as the CONNECT line arrives (undici then
 *   reconnects in a tight loop unless the request has a hard deadline);
 * - `silent`: accepts the CONNECT and never answers (nor closes);
 * - `refuse`: answers 403.
 * It never dials anything itself, so tests through it cannot reach the outside world.
 */
import http from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';

export type ProxyMode = 'close' | 'silent' | 'refuse';

export interface MisbehavingProxy {
  url: string;
  /** CONNECT requests received so far. */
  connects(): number;
  /** TCP connections currently open. */
  openSockets(): number;
  close(): Promise<void>;
}

export async function startMisbehavingProxy(mode: ProxyMode): Promise<MisbehavingProxy> {
  const server = http.createServer((_req, res) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('this proxy only tunnels');
  });
  const sockets = new Set<Socket>();
  let connects = 0;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  server.on('connect', (_req, socket: Socket) => {
    connects++;
    socket.on('error', () => undefined);
    // The server's sockets allow half-open: without this a client hanging up would leave ours open.
    socket.on('end', () => socket.destroy());
    if (mode === 'close') socket.destroy();
    else if (mode === 'refuse') socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    // silent: keep the socket open and say nothing
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects: () => connects,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
