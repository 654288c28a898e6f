/**
 * ws and wss inbound endpoints over real sockets: frames in, the flow's answers out as frames,
 * MI's content types per subprotocol, broadcast levels, TLS from a PKCS12 key store openssl makes
 * here, and a peer that vanishes mid-frame (a raw socket) costing only its own connection.
 */
import { describe, it, expect, afterEach, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { WebSocket } from 'ws';
import { startTestProject, freePort, synapse, waitFor, type TestProject } from '../testing/project.js';
import { openWebSocket } from './subprotocols.js';

const open: TestProject[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  for (const p of open.splice(0)) await p.close();
});

const JSON_PROTOCOL = "synapse(contentType='application/json')";

/** Frames a socket receives, in order. */
function collect(socket: WebSocket): { text: string; binary: boolean }[] {
  const got: { text: string; binary: boolean }[] = [];
  socket.on('message', (data, binary) => got.push({ text: String(data), binary }));
  return got;
}

async function client(port: number, protocols: string[] = [], pathName = '/', extra: Parameters<typeof openWebSocket>[2] = {}, scheme = 'ws') {
  const { socket, protocol } = await openWebSocket(`${scheme}://127.0.0.1:${port}${pathName}`, protocols, extra);
  socket.on('error', () => undefined);
  sockets.push(socket);
  return { socket, protocol, frames: collect(socket) };
}

const endpoint = (port: number, extra = '', protocol = 'ws', sequence = 'WsIn') =>
  `<inboundEndpoint xmlns="http://ws.apache.org/ns/synapse" name="WsEp" protocol="${protocol}" sequence="${sequence}" onError="fault" suspend="false">
    <parameters><parameter name="inbound.ws.port">${port}</parameter>${extra}</parameters></inboundEndpoint>`;

/** Answers a JSON frame with a new JSON payload; logs each message's kind. */
const jsonSequence = synapse(`<sequence name="WsIn">
  <log level="custom"><property name="handshake" expression="$ctx:websocket.source.handshake.present"/><property name="ct" expression="$trp:Content-Type"/></log>
  <filter source="boolean($ctx:websocket.source.handshake.present)" regex="false"><then>
    <payloadFactory media-type="json"><format>{"echo":$1,"path":"$2"}</format><args><arg evaluator="json" expression="$.name"/><arg expression="$ctx:websocket.subscriber.path"/></args></payloadFactory>
    <respond/>
  </then></filter>
</sequence>`);

/** Sends back whatever came in (text or binary) untouched. */
const echoSequence = synapse(`<sequence name="WsIn"><log level="custom"><property name="ct" expression="$trp:Content-Type"/></log><respond/></sequence>`);

describe('WebSocket inbound endpoint', () => {
  it('builds text frames with the negotiated synapse(contentType=...) subprotocol and answers with a frame; the handshake runs through the sequence first', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'WsIn.xml': jsonSequence, 'Ep.xml': endpoint(port) });
    open.push(p);
    expect(p.host.active.statuses()[0]).toMatchObject({ state: 'listening', port });
    const c = await client(port, ['other', JSON_PROTOCOL], '/chat');
    expect(c.protocol).toBe(JSON_PROTOCOL);
    c.socket.send('{"name":"Ada"}');
    await waitFor(() => c.frames.length === 1, 'the reply frame');
    expect(JSON.parse(c.frames[0]!.text)).toEqual({ echo: 'Ada', path: '/chat' });
    expect(c.frames[0]!.binary).toBe(false);
    const logs = p.logger.messages().filter((m) => m.includes('handshake'));
    expect(logs[0]).toContain('handshake = true');
    expect(logs[1]).toContain('ct = application/json');
  });

  it('passes text frames without a content-type subprotocol through as text/plain and binary frames as application/octet-stream', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'WsIn.xml': echoSequence, 'Ep.xml': endpoint(port) });
    open.push(p);
    const c = await client(port);
    c.socket.send('plain words');
    c.socket.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    await waitFor(() => c.frames.length === 2, 'two frames back');
    expect(c.frames[0]).toEqual({ text: 'plain words', binary: false });
    expect(c.frames[1]!.binary).toBe(true);
    expect(p.logger.messages().filter((m) => m.includes('ct = ')).map((m) => m.slice(m.indexOf('ct = ')))).toEqual(['ct = ', 'ct = text/plain', 'ct = application/octet-stream']);
  });

  it('keeps the bytes of a binary frame intact on the way back', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'WsIn.xml': echoSequence, 'Ep.xml': endpoint(port) });
    open.push(p);
    const c = await client(port);
    const got: Buffer[] = [];
    c.socket.on('message', (d, binary) => binary && got.push(d as Buffer));
    const bytes = crypto.randomBytes(3000);
    c.socket.send(bytes, { binary: true });
    await waitFor(() => got.length === 1, 'the binary frame');
    expect(Buffer.compare(got[0]!, bytes)).toBe(0);
  });

  it('builds frames with ws.default.content.type when the client negotiated none', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'WsIn.xml': jsonSequence, 'Ep.xml': endpoint(port, '<parameter name="ws.default.content.type">application/json</parameter>') });
    open.push(p);
    const c = await client(port);
    c.socket.send('{"name":"Grace"}');
    await waitFor(() => c.frames.length === 1, 'the reply frame');
    expect(JSON.parse(c.frames[0]!.text)).toMatchObject({ echo: 'Grace' });
  });

  it('answers in arrival order, one message of a client after the other', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'WsIn.xml': echoSequence, 'Ep.xml': endpoint(port) });
    open.push(p);
    const c = await client(port);
    for (let i = 0; i < 50; i++) c.socket.send(`m${i}`);
    await waitFor(() => c.frames.length === 50, '50 frames back');
    expect(c.frames.map((f) => f.text)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
  });

  it('broadcasts per ws.client.side.broadcast.level: 1 = every client on the path, 2 = all but the sender', async () => {
    for (const level of ['1', '2']) {
      const port = await freePort();
      const p = await startTestProject({ 'WsIn.xml': echoSequence, 'Ep.xml': endpoint(port, `<parameter name="ws.client.side.broadcast.level">${level}</parameter>`) });
      open.push(p);
      const a = await client(port, [], '/room');
      const b = await client(port, [], '/room');
      const elsewhere = await client(port, [], '/other');
      a.socket.send(`hello ${level}`);
      await waitFor(() => b.frames.length === 1, 'the broadcast to b');
      await new Promise((r) => setTimeout(r, 100));
      expect(b.frames[0]!.text).toBe(`hello ${level}`);
      expect(a.frames.length).toBe(level === '1' ? 1 : 0);
      expect(elsewhere.frames.length).toBe(0);
    }
  });

  it('loses only the connection of a peer that vanishes mid-frame; the others keep being served', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'WsIn.xml': echoSequence, 'Ep.xml': endpoint(port) });
    open.push(p);
    const steady = await client(port);
    // A raw client: a valid upgrade, then half of a masked 100-byte text frame, then gone.
    const raw = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => raw.once('connect', () => r()));
    raw.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await new Promise<void>((r) => raw.once('data', (d) => (String(d).startsWith('HTTP/1.1 101') ? r() : undefined)));
    const header = Buffer.from([0x81, 0x80 | 100, 1, 2, 3, 4]);
    raw.write(Buffer.concat([header, Buffer.alloc(40, 0x61)]));
    await new Promise((r) => setTimeout(r, 50));
    raw.destroy();
    steady.socket.send('still here');
    await waitFor(() => steady.frames.length === 1, 'the steady client\'s answer');
    expect(steady.frames[0]!.text).toBe('still here');
    // The half frame was never mediated: only the two handshakes and the steady frame ran.
    expect(p.logger.messages().filter((m) => m.includes('ct = ')).length).toBe(3);
    const later = await client(port);
    later.socket.send('after');
    await waitFor(() => later.frames.length === 1, 'a new client\'s answer');
    expect(p.host.active.statuses()[0]).toMatchObject({ state: 'listening' });
  });

  it('refuses an endpoint naming a Java subprotocol handler, and one whose port is taken, while the other serves', async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const p = await startTestProject({
      'WsIn.xml': echoSequence,
      'Ep.xml': endpoint(port),
      'Bad.xml': endpoint(await freePort(), '<parameter name="ws.subprotocol.handler.class">org.example.Handler</parameter>').replace('name="WsEp"', 'name="BadEp"'),
      'Busy.xml': endpoint(taken).replace('name="WsEp"', 'name="BusyEp"'),
    });
    open.push(p);
    try {
      const byName = Object.fromEntries(p.host.active.statuses().map((s) => [s.name, s]));
      expect(byName.BadEp).toMatchObject({ state: 'failed' });
      expect(byName.BadEp!.lastError).toContain('ws.subprotocol.handler.class names Java classes');
      expect(byName.BusyEp).toMatchObject({ state: 'failed' });
      expect(byName.BusyEp!.lastError).toContain(`port ${taken} is already in use`);
      const c = await client(port);
      c.socket.send('ok');
      await waitFor(() => c.frames.length === 1, 'the serving endpoint');
    } finally {
      blocker.close();
    }
  });
});

describe('Secure WebSocket inbound endpoint', () => {
  let certDir: string;
  let certPem: string;
  beforeAll(() => {
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-wss-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { cwd: certDir, stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-in', 'cert.pem', '-inkey', 'key.pem', '-out', 'store.p12', '-passout', 'pass:wsPass'], { cwd: certDir, stdio: 'ignore' });
    certPem = fs.readFileSync(path.join(certDir, 'cert.pem'), 'utf8');
  });

  const tlsParams = (store: string, extra = '') =>
    `<parameter name="wss.ssl.key.store.file">${store}</parameter><parameter name="wss.ssl.key.store.pass">wsPass</parameter><parameter name="wss.ssl.cert.pass">wsPass</parameter>${extra}`;

  it('serves wss with the PKCS12 key store of its parameters (TLS 1.2 only when wss.ssl.protocols says so)', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'WsIn.xml': jsonSequence, 'Ep.xml': endpoint(port, tlsParams(path.join(certDir, 'store.p12'), '<parameter name="wss.ssl.protocols">TLSv1.2</parameter>'), 'wss') });
    open.push(p);
    expect(p.host.active.statuses()[0]).toMatchObject({ state: 'listening', port });
    const c = await client(port, [JSON_PROTOCOL], '/secure', { ca: certPem }, 'wss');
    c.socket.send('{"name":"Alan"}');
    await waitFor(() => c.frames.length === 1, 'the reply over TLS');
    expect(JSON.parse(c.frames[0]!.text)).toEqual({ echo: 'Alan', path: '/secure' });
    const tlsVersion = (c.socket as unknown as { _socket: { getProtocol(): string } })._socket.getProtocol();
    expect(tlsVersion).toBe('TLSv1.2');
    await expect(openWebSocket(`wss://127.0.0.1:${port}/`, [], {})).rejects.toThrow(/self.signed|certificate/i);
  });

  it('refuses a JKS key store with how to convert it', async () => {
    const port = await freePort();
    const jks = path.join(certDir, 'wso2carbon.jks');
    fs.writeFileSync(jks, 'not readable here');
    const p = await startTestProject({ 'WsIn.xml': jsonSequence, 'Ep.xml': endpoint(port, tlsParams(jks), 'wss') });
    open.push(p);
    const s = p.host.active.statuses()[0]!;
    expect(s.state).toBe('failed');
    expect(s.lastError).toMatch(/JKS store.*keytool -importkeystore/);
  });
});
