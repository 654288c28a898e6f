/**
 * The outbound client as a flow sees it: answers arrive whole or streamed,
 * a body above the build limit is refused without breaking the pool, and
 * transport failures carry MI's error codes.
 */
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeHttpClient } from './http-client.js';
import { HeaderMap } from '../core/headers.js';
import { PayloadTooLargeError, ErrorCodes } from '../core/errors.js';
import { TransportError } from '../core/transport.js';
import { fromUtf8, utf8 } from '../core/bytes.js';

const client = createNodeHttpClient({ maxBodyBytes: 64 * 1024 });
const servers: http.Server[] = [];
afterAll(async () => {
  await client.close();
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/** A backend answering `/big` with `size` bytes in 16 KB chunks (chunked encoding), and echoing everything else. */
async function backend(size: number): Promise<string> {
  const server = http.createServer((req, res) => {
    if (req.url === '/big') {
      res.setHeader('Content-Type', 'application/octet-stream');
      let sent = 0;
      const more = () => {
        while (sent < size) {
          const n = Math.min(16 * 1024, size - sent);
          const chunk = Buffer.alloc(n, 97 + ((sent / 16384) % 26));
          sent += n;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('Content-Type', req.headers['content-type'] ?? 'text/plain');
      res.setHeader('X-Seen-Length', String(Buffer.concat(chunks).length));
      res.end(Buffer.concat(chunks));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('node http client', () => {
  it('sends a body and gives back status, headers (lower-case names) and the whole answer', async () => {
    const url = await backend(0);
    const res = await client.send({ method: 'POST', url: `${url}/echo?x=1`, headers: new HeaderMap({ 'Content-Type': 'application/json' }), body: utf8('{"a":1}') });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Seen-Length')).toBe('7');
    expect(res.headers.entries().map(([k]) => k)).toContain('content-type');
    expect(fromUtf8(await res.body.read())).toBe('{"a":1}');
  });

  it('streams a large answer in order, well past the buffering limit, without a build limit', async () => {
    const size = 1024 * 1024;
    const url = await backend(size);
    const res = await client.send({ method: 'GET', url: `${url}/big`, headers: new HeaderMap() });
    let total = 0;
    let firstWrong = -1;
    for await (const chunk of res.body.stream!()) {
      for (let i = 0; i < chunk.length; i += 4096) {
        const offset = total + i;
        if (firstWrong < 0 && chunk[i] !== 97 + (Math.floor(offset / 16384) % 26)) firstWrong = offset;
      }
      total += chunk.length;
    }
    expect(total).toBe(size);
    expect(firstWrong).toBe(-1);
  });

  it('refuses to build an answer above the limit, and the next exchange still works', async () => {
    const url = await backend(256 * 1024);
    const res = await client.send({ method: 'GET', url: `${url}/big`, headers: new HeaderMap() });
    await expect(res.body.read()).rejects.toBeInstanceOf(PayloadTooLargeError);
    const again = await client.send({ method: 'POST', url: `${url}/echo`, headers: new HeaderMap(), body: utf8('ok') });
    expect(fromUtf8(await again.body.read())).toBe('ok');
  });

  it('maps a refused connection to 101503', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const failure = await client.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: new HeaderMap() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as TransportError).code).toBe(ErrorCodes.CONNECTION_FAILED);
  });
});
