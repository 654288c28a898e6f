/**
 * Backends that misbehave on purpose, as small raw TCP servers (node:net), so each fault is
 * exactly the bytes (or the silence) a broken server or network produces: slow answers, a
 * reset connection, a close right after the headers, a truncated or oversized body, bytes that
 * are not HTTP, no answer at all, a 5xx. Each counts the connections and requests it saw, so a
 * test can tell whether the runtime called it (a suspended endpoint must not).
 */
import net from 'node:net';

export type Fault =
  | 'healthy'
  | 'slow'
  | 'reset'
  | 'close-after-headers'
  | 'truncated-body'
  | 'oversized-body'
  | 'garbage'
  | 'never-answers'
  | 'server-error';

export interface BadBackend {
  readonly fault: Fault;
  readonly port: number;
  readonly url: string;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Request heads read so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface BadBackendOptions {
  /** How long `slow` waits before answering (beyond the endpoint's timeout). */
  slowMs?: number;
  /** Body size `oversized-body` sends (beyond the runtime's body limit). */
  oversizedBytes?: number;
}

const OK_BODY = '{"ok":true}';

function head(status: string, headers: Record<string, string | number>): string {
  return `HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** Writes the answer `fault` calls for, once a whole request head has arrived. */
function answer(socket: net.Socket, fault: Fault, options: Required<BadBackendOptions>, timers: Set<NodeJS.Timeout>): void {
  const okHead = head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': OK_BODY.length });
  switch (fault) {
    case 'healthy':
      socket.write(okHead + OK_BODY);
      return;
    case 'slow': {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!socket.destroyed) socket.write(okHead + OK_BODY);
      }, options.slowMs);
      timers.add(t);
      return;
    }
    case 'reset':
      socket.resetAndDestroy();
      return;
    case 'close-after-headers':
      socket.end(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': 500 }));
      return;
    case 'truncated-body':
      socket.end(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': 500 }) + '{"order":{"id":1,"ite');
      return;
    case 'oversized-body': {
      const body = `{"pad":"${'x'.repeat(options.oversizedBytes)}"}`;
      socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': body.length }) + body);
      return;
    }
    case 'garbage':
      socket.end('SSH-2.0-OpenSSH_9.2 this is not HTTP\r\n\r\n');
      return;
    case 'never-answers':
      return;
    case 'server-error': {
      const body = '{"error":"backend broke"}';
      socket.write(head('503 Service Unavailable', { 'Content-Type': 'application/json', 'Content-Length': body.length }) + body);
      return;
    }
  }
}

export async function startBadBackend(fault: Fault, options: BadBackendOptions = {}): Promise<BadBackend> {
  const opts: Required<BadBackendOptions> = { slowMs: options.slowMs ?? 1500, oversizedBytes: options.oversizedBytes ?? 256 * 1024 };
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let requests = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = '';
    socket.on('data', (chunk) => {
      // Requests are read head by head (bodies are small JSON with Content-Length, skipped here);
      // a keep-alive connection may carry several.
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        const headText = pending.slice(0, end);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(headText)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        pending = pending.slice(end + 4 + length);
        requests++;
        answer(socket, fault, opts, timers);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    fault,
    port,
    url: `http://127.0.0.1:${port}/backend`,
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
