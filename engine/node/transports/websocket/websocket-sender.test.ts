/**
 * ws:// address endpoints over real sockets, against a WebSocket backend started here (the `ws`
 * package behind a plain HTTP server, answering each text frame upper-cased like the Netty
 * example server of MI's documentation).
 */
import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { startTestProject, freePort, synapse, waitFor, type TestProject } from '../testing/project.js';
import { lenientSubprotocolServer, openWebSocket } from './subprotocols.js';

interface Backend {
  port: number;
  /** One entry per connection: its handshake and the frames it got. */
  connections: { protocol?: string; headers: http.IncomingHttpHeaders; frames: string[]; closed: boolean }[];
  close(): Promise<void>;
}

async function upperCaseBackend(): Promise<Backend> {
  const server = http.createServer((_q, s) => s.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true });
  const lenient = lenientSubprotocolServer(wss, (offered) => offered[0]);
  const connections: Backend['connections'] = [];
  server.on('upgrade', (req, socket, head) => {
    const { selected } = lenient.prepare(req);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const entry = { protocol: selected, headers: req.headers, frames: [] as string[], closed: false };
      connections.push(entry);
      ws.on('message', (d) => {
        entry.frames.push(String(d));
        ws.send(String(d).toUpperCase());
      });
      ws.on('close', () => (entry.closed = true));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    close: () => new Promise((r) => {
      for (const c of wss.clients) c.terminate();
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

const open: TestProject[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const p of open.splice(0)) await p.close();
});

const ENABLED = { 'deployment/deployment.toml': '[transport.ws]\nsender.enable = true\n' };

async function backend(): Promise<Backend> {
  const b = await upperCaseBackend();
  closers.push(() => b.close());
  return b;
}

async function wsClient(port: number, protocols: string[] = []) {
  const { socket } = await openWebSocket(`ws://127.0.0.1:${port}/`, protocols);
  socket.on('error', () => undefined);
  closers.push(() => void socket.terminate());
  const frames: string[] = [];
  socket.on('message', (d) => frames.push(String(d)));
  return { socket, frames };
}

describe('ws:// address endpoints', () => {
  it('relay a client\'s frames to the backend over one connection per client, with the subprotocol and custom headers; backend frames come back through the outflow sequence', async () => {
    const b = await backend();
    const port = await freePort();
    const p = await startTestProject({
      'Dispatch.xml': synapse(`<sequence name="Dispatch">
        <property name="OUT_ONLY" value="true"/>
        <property name="websocket.accept.contenType" scope="axis2" value="application/json"/>
        <property name="websocket.custom.header.X-Tenant" value="acme"/>
        <send><endpoint><address uri="ws://127.0.0.1:${b.port}/websocket"/></endpoint></send></sequence>`),
      'OutDispatch.xml': synapse(`<sequence name="OutDispatch"><log level="custom"><property name="from" value="backend"/><property name="body" expression="json-eval($)"/></log><respond/></sequence>`),
      'Ep.xml': `<inboundEndpoint xmlns="http://ws.apache.org/ns/synapse" name="WsEp" protocol="ws" sequence="Dispatch" onError="fault" suspend="false"><parameters>
        <parameter name="inbound.ws.port">${port}</parameter><parameter name="ws.outflow.dispatch.sequence">OutDispatch</parameter></parameters></inboundEndpoint>`,
    }, ENABLED);
    open.push(p);
    const json = "synapse(contentType='application/json')";
    const a = await wsClient(port, [json]);
    // The handshake alone opens the backend connection (MI's acknowledgeHandshake).
    await waitFor(() => b.connections.length === 1, 'the backend connection of the handshake');
    expect(b.connections[0]!.protocol).toBe(json);
    expect(b.connections[0]!.headers['x-tenant']).toBe('acme');
    a.socket.send('{"sample message":"test"}');
    a.socket.send('{"n":2}');
    await waitFor(() => a.frames.length === 2, 'two frames back');
    expect(a.frames.map((f) => JSON.parse(f))).toEqual([{ 'SAMPLE MESSAGE': 'TEST' }, { N: 2 }]);
    expect(b.connections.length).toBe(1);
    expect(b.connections[0]!.frames.map((f) => JSON.parse(f))).toEqual([{ 'sample message': 'test' }, { n: 2 }]);
    expect(p.logger.messages().some((m) => m.includes('from = backend') && m.includes('SAMPLE MESSAGE'))).toBe(true);
    const c = await wsClient(port, [json]);
    c.socket.send('{"who":"c"}');
    await waitFor(() => c.frames.length === 1, 'the second client\'s answer');
    expect(JSON.parse(c.frames[0]!)).toEqual({ WHO: 'C' });
    expect(a.frames.length).toBe(2);
    expect(b.connections.length).toBe(2);
    // A client that leaves takes its backend connection with it.
    a.socket.close();
    await waitFor(() => b.connections[0]!.closed, 'the first backend connection to close');
    expect(b.connections[1]!.closed).toBe(false);
  });

  it('make the backend\'s next frame the reply of a call when no outflow sequence is configured', async () => {
    const b = await backend();
    const p = await startTestProject({
      'Api.xml': synapse(`<api name="Shout" context="/shout"><resource methods="POST"><inSequence>
        <call><endpoint><address uri="ws://127.0.0.1:${b.port}/upper"/></endpoint></call><respond/></inSequence></resource></api>`),
    }, ENABLED);
    open.push(p);
    const res = await fetch(`http://127.0.0.1:${p.host.port}/shout`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'quiet please' });
    expect(await res.text()).toBe('QUIET PLEASE');
    const again = await fetch(`http://127.0.0.1:${p.host.port}/shout`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'again' });
    expect(await again.text()).toBe('AGAIN');
    // Not from a WebSocket client: the one shared backend connection is reused.
    expect(b.connections.length).toBe(1);
  });

  it('fault with MI\'s error codes: sender not enabled, backend unreachable', async () => {
    const deadPort = await freePort();
    const api = (uri: string) => synapse(`<api name="Shout" context="/shout"><resource methods="POST"><inSequence>
        <call><endpoint><address uri="${uri}"/></endpoint></call><respond/></inSequence>
        <faultSequence><payloadFactory media-type="json"><format>{"code":"$1","message":"$2"}</format><args><arg expression="$ctx:ERROR_CODE"/><arg expression="$ctx:ERROR_MESSAGE"/></args></payloadFactory><respond/></faultSequence></resource></api>`);
    const off = await startTestProject({ 'Api.xml': api(`ws://127.0.0.1:${deadPort}/x`) });
    open.push(off);
    const r1 = await (await fetch(`http://127.0.0.1:${off.host.port}/shout`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' })).json();
    expect(r1.message).toContain('add [transport.ws] sender.enable = true to deployment.toml');
    const on = await startTestProject({ 'Api.xml': api(`ws://127.0.0.1:${deadPort}/x`) }, ENABLED);
    open.push(on);
    const r2 = await (await fetch(`http://127.0.0.1:${on.host.port}/shout`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' })).json();
    expect(r2).toMatchObject({ code: '101503' });
    expect(r2.message).toContain(`cannot open a WebSocket connection to ws://127.0.0.1:${deadPort}/x`);
  });
});
