/**
 * What no mediator reads is streamed, not parsed; outbound connections are
 * pooled and kept alive.
 */
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRuntimeHost, MemoryLogger, type RuntimeHost } from '../../engine/index.js';
import { writeProject, SYN } from './mediate-process.js';

const servers: { close(): unknown }[] = [];
const hosts: RuntimeHost[] = [];
afterAll(async () => {
  for (const h of hosts) await h.close();
  for (const s of servers) s.close();
});

/** An echo backend that counts TCP connections and bytes received. */
async function countingEcho() {
  const stats = { connections: 0, bytes: 0 };
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', req.headers['content-type'] ?? 'application/octet-stream');
    req.on('data', (c: Buffer) => (stats.bytes += c.length));
    req.pipe(res);
  });
  server.on('connection', () => stats.connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ close: () => { server.closeAllConnections(); server.close(); } });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stats };
}

async function host(files: Record<string, string>, maxBodyBytes = 1024 * 1024) {
  const h = await startRuntimeHost({ sources: [writeProject(files)], port: 0, logger: new MemoryLogger(), maxBodyBytes });
  hosts.push(h);
  return `http://127.0.0.1:${h.port}`;
}

describe('pass-through', () => {
  it('streams a body no mediator reads, untouched, even when it is not valid for its Content-Type or above the build limit', async () => {
    const echo = await countingEcho();
    const base = await host({ 'p.xml': `<proxy ${SYN} name="Pass"><target><endpoint><address uri="${echo.url}/echo"/></endpoint></target></proxy>` });
    const broken = '{"this is": not json';
    const r = await fetch(`${base}/services/Pass`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: broken });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(broken);

    const big = new Uint8Array(8 * 1024 * 1024).fill(0x61); // 8 MB through a 1 MB build limit
    const r2 = await fetch(`${base}/services/Pass`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: big });
    expect(r2.status).toBe(200);
    expect((await r2.arrayBuffer()).byteLength).toBe(big.length);
  });

  it('reuses pooled keep-alive connections to a backend', async () => {
    const echo = await countingEcho();
    const base = await host({ 'a.xml': `<api ${SYN} name="KA" context="/ka"><resource methods="POST"><inSequence><call><endpoint><http method="post" uri-template="${echo.url}/x"/></endpoint></call><respond/></inSequence></resource></api>` });
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${base}/ka`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"i":${i}}` });
      expect(await r.json()).toEqual({ i });
    }
    expect(echo.stats.connections).toBe(1);
  });
});

describe('local entries', () => {
  it('serve text, inline XML and src file content to expressions', async () => {
    const base = await host({
      'le-text.xml': `<localEntry ${SYN} key="greeting">Hello</localEntry>`,
      'le-xml.xml': `<localEntry ${SYN} key="config"><cfg xmlns=""><limit>5</limit></cfg></localEntry>`,
      'le-src.xml': `<localEntry ${SYN} key="fromFile" src="file:data/value.txt"/>`,
      'data/value.txt': 'file content',
      'api.xml': `<api ${SYN} name="LE" context="/le"><resource methods="GET"><inSequence><payloadFactory media-type="json"><format>{"text":"$1","xml":"$2","src":"$3"}</format><args><arg expression="get-property('greeting')"/><arg expression="get-property('config')"/><arg expression="get-property('fromFile')"/></args></payloadFactory><respond/></inSequence></resource></api>`,
    });
    const r = await fetch(`${base}/le`);
    // An XML value placed in a JSON payload is converted to JSON, as MI's payloadFactory does.
    expect(await r.json()).toEqual({ text: 'Hello', xml: { cfg: { limit: 5 } }, src: 'file content' });
  });
});
