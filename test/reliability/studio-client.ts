/**
 * Raw clients for the browser-mode studio server, speaking HTTP and the RPC
 * WebSocket as a browser page (or a hostile one) would, with every header and
 * path under the test's control.
 */
import http from 'node:http';
import WebSocket from 'ws';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET (or other method) with the path sent exactly as given: no normalisation of `..` or `%2e`. */
export function rawRequest(port: number, rawPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface RpcSession {
  socket: WebSocket;
  /** Calls `service.method(...params)`; resolves to the response envelope (ok or not). */
  call(service: string, method: string, ...params: unknown[]): Promise<{ ok: boolean; result?: unknown; error?: { message: string; code?: string } }>;
  /** Resolves with the close code once the server closed the socket. */
  closed: Promise<number>;
  close(): void;
}

export interface Handshake {
  token?: string;
  origin?: string | null;
  host?: string;
  path?: string;
}

/** Opens the RPC socket; rejects with the HTTP status when the server refuses the upgrade. */
export function openSession(port: number, handshake: Handshake = {}): Promise<RpcSession> {
  const query = handshake.token === undefined ? '' : `?token=${encodeURIComponent(handshake.token)}`;
  const headers: Record<string, string> = { host: handshake.host ?? `127.0.0.1:${port}` };
  const origin = handshake.origin === undefined ? `http://127.0.0.1:${port}` : handshake.origin;
  if (origin !== null) headers.origin = origin;
  const socket = new WebSocket(`ws://127.0.0.1:${port}${handshake.path ?? '/rpc'}${query}`, { headers, maxPayload: 256 * 1024 * 1024 });
  let nextId = 1;
  const pending = new Map<number, (response: { ok: boolean; result?: unknown; error?: { message: string; code?: string } }) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id?: number; ok?: boolean; result?: unknown; error?: { message: string; code?: string } };
    if (message.type === 'response' && message.id !== undefined) pending.get(message.id)?.({ ok: message.ok === true, result: message.result, error: message.error });
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode }));
      res.resume();
      socket.terminate();
    });
    socket.once('error', (e) => reject(e));
    socket.once('open', () =>
      resolve({
        socket,
        closed,
        close: () => socket.close(),
        call(service, method, ...params) {
          const id = nextId++;
          return new Promise((done, fail) => {
            pending.set(id, done);
            socket.send(JSON.stringify({ type: 'request', id, service, method, params }), (e) => e && fail(e));
            void closed.then((code) => fail(new Error(`socket closed (${code}) before ${service}.${method} answered`)));
          });
        },
      }),
    );
  });
}

/** The HTTP status an upgrade was refused with, or 101 when it was accepted (the socket is then closed). */
export async function upgradeStatus(port: number, handshake: Handshake): Promise<number> {
  try {
    const session = await openSession(port, handshake);
    session.close();
    return 101;
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === undefined) throw e;
    return status;
  }
}
