/**
 * Try-it only ever asks the runtime: a path that URL parsing would read as
 * another host (`/\host/`, tabs or newlines inside `//`) is refused before any
 * connection is made, and an ordinary path reaches the runtime.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTryItService } from './tryit-service.js';

function listen(): Promise<{ server: http.Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('ok');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, hits })));
}

describe('Try-it requests', () => {
  let runtime: Awaited<ReturnType<typeof listen>>;
  let elsewhere: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    runtime = await listen();
    elsewhere = await listen();
  });
  afterAll(() => {
    runtime.server.close();
    elsewhere.server.close();
  });

  it('reach the runtime with an ordinary path', async () => {
    const tryit = new HttpTryItService({ runtimePort: () => runtime.port });
    const res = await tryit.send({ method: 'GET', path: '/healthcare/health?x=1' });
    expect(res.status).toBe(200);
    expect(runtime.hits).toContain('/healthcare/health?x=1');
  });

  it('never reach another host or port, however the path spells it', async () => {
    const tryit = new HttpTryItService({ runtimePort: () => runtime.port });
    for (const path of [`/\\127.0.0.1:${elsewhere.port}/steal`, `/\\\\127.0.0.1:${elsewhere.port}/steal`, `/\t/127.0.0.1:${elsewhere.port}/steal`, `/\n/127.0.0.1:${elsewhere.port}/steal`, `//127.0.0.1:${elsewhere.port}/steal`, `http://127.0.0.1:${elsewhere.port}/steal`]) {
      await expect(tryit.send({ method: 'GET', path }), JSON.stringify(path)).rejects.toMatchObject({ code: 'INVALID' });
    }
    expect(elsewhere.hits).toEqual([]);
  });
});
