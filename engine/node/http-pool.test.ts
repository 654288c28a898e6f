/**
 * The backend connection pool: connections are reused, never more than the
 * limit are open (requests beyond it wait their turn), and a connection the
 * backend closed while idle is replaced.
 */
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Client, buildConnector, type Dispatcher } from 'undici';
import { ConnectionPools, type PooledHandler } from './http-pool.js';

const servers: http.Server[] = [];
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/** A backend answering each request with its own sequence number after `delayMs`, counting the connections it saw. */
async function backend(delayMs: number, keepAliveTimeoutMs = 5000): Promise<{ origin: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  let n = 0;
  const server = http.createServer((req, res) => {
    sockets.add(req.socket);
    const seq = n++;
    req.resume();
    req.on('end', () => setTimeout(() => res.end(String(seq)), delayMs));
  });
  server.keepAliveTimeout = keepAliveTimeoutMs;
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}

function pools(maxConnections: number): ConnectionPools {
  return new ConnectionPools({
    maxConnections,
    buildConnector: () => buildConnector({}),
    openClient: (origin, connector) => new Client(origin, { keepAliveTimeout: 30000, connect: connector }),
  });
}

/** One GET through the pool; resolves with the answer's text. */
function get(p: ConnectionPools, origin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const handler: PooledHandler = {
      onConnect() {},
      onHeaders: () => true,
      onData: (chunk: Buffer) => {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        handler.done?.();
        resolve(Buffer.concat(chunks).toString());
      },
      onError(err: Error) {
        handler.done?.();
        reject(err);
      },
    };
    p.dispatch(origin, { origin, path: '/', method: 'GET' } as Dispatcher.DispatchOptions, handler);
  });
}

describe('ConnectionPools', () => {
  it('reuses one keep-alive connection for requests made one after another', async () => {
    const b = await backend(0);
    const p = pools(8);
    for (let i = 0; i < 5; i++) expect(await get(p, b.origin)).toBe(String(i));
    expect(b.sockets.size).toBe(1);
    await p.close();
  });

  it('opens one connection per concurrent request, up to the limit; the rest wait and are answered in order', async () => {
    const b = await backend(20);
    const p = pools(3);
    const answers = await Promise.all(Array.from({ length: 9 }, () => get(p, b.origin)));
    expect(answers.map(Number).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(b.sockets.size).toBe(3);
    await p.close();
  });

  it('replaces a connection the backend closed while it was idle', async () => {
    const b = await backend(0, 50);
    const p = pools(2);
    expect(await get(p, b.origin)).toBe('0');
    await new Promise((r) => setTimeout(r, 200));
    expect(await get(p, b.origin)).toBe('1');
    expect(b.sockets.size).toBe(2);
    await p.close();
  });
});
