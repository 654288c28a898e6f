import { expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import http from 'node:http';
import { defineCase, replace } from '../../case.js';
import { eventually } from '../../common.js';
import { lenientSubprotocolServer, openWebSocket } from '../../../../engine/node/transports/websocket/subprotocols.js';

/** The page's ports (9092 inbound, 8082 backend) moved to ports of this run; a third for the wss variant. */
const base = 20000 + Math.floor(Math.random() * 20000);
const INBOUND_PORT = base;
const SECURE_PORT = base + 1;
const BACKEND_PORT = base + 2;
const JSON_PROTOCOL = "synapse(contentType='application/json')";

/** A self-signed certificate in a PKCS12 key store, made by openssl when the case deploys. */
let certDir: string | undefined;
function keyStore(): { store: string; cert: string } {
  if (!certDir) {
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-wss-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { cwd: certDir, stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-in', 'cert.pem', '-inkey', 'key.pem', '-out', 'wss.p12', '-passout', 'pass:wso2carbon'], { cwd: certDir, stdio: 'ignore' });
  }
  return { store: path.join(certDir, 'wss.p12'), cert: fs.readFileSync(path.join(certDir, 'cert.pem'), 'utf8') };
}

/** The page's WebSocket server: upper-cases each text frame; records each connection's subprotocol and frames. */
async function upperCaseServer() {
  const server = http.createServer((_q, s) => s.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true });
  // The npm ws server refuses synapse(...) as a subprotocol token; Netty (the page's server) takes it.
  const lenient = lenientSubprotocolServer(wss, (offered) => offered[0]);
  const connections: { protocol?: string; frames: string[] }[] = [];
  server.on('upgrade', (req, socket, head) => {
    if (req.url !== '/websocket') return socket.destroy();
    const { selected } = lenient.prepare(req);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const entry = { protocol: selected, frames: [] as string[] };
      connections.push(entry);
      ws.on('message', (d) => {
        entry.frames.push(String(d));
        ws.send(String(d).toUpperCase());
      });
    });
  });
  await new Promise<void>((r) => server.listen(BACKEND_PORT, '127.0.0.1', () => r()));
  return {
    connections,
    close: () => new Promise<void>((r) => {
      for (const c of wss.clients) c.terminate();
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

async function client(url: string, ca?: string) {
  const { socket, protocol } = await openWebSocket(url, [JSON_PROTOCOL], ca ? { ca } : {});
  socket.on('error', () => undefined);
  const frames: string[] = [];
  socket.on('message', (d) => frames.push(String(d)));
  return { socket, protocol, frames };
}

export default defineCase({
  id: 'inbound-endpoints/secured-websocket-inbound',
  title: 'WebSocket inbound endpoint with the synapse(contentType=application/json) subprotocol: client frame → dispatchSeq → ws:// backend → outDispatchSeq → client; the same over wss',
  status: 'pass',
  docsWrong: [
    'the page is titled Secure WebSocket but configures protocol="ws"; the secured variant (protocol="wss" with wss.ssl.key.store.file, wss.ssl.key.store.pass, wss.ssl.cert.pass) is added here with a key store the test makes',
    'the case notes expect dispatchSeq to log once; MI injects the handshake into the sequence too (InboundWebsocketSourceHandler.handleHandshake), so it logs once for the handshake (no body) and once for the frame',
  ],
  artifacts: [
    { file: 'inboundendpoint_websocket.xml', edits: [replace('>9092<', `>${INBOUND_PORT}<`)] },
    { file: 'sequence_dispatchSeq.xml', edits: [replace('ws://localhost:8082/websocket', `ws://127.0.0.1:${BACKEND_PORT}/websocket`)] },
    { file: 'sequence_outDispatchSeq.xml' },
    {
      name: 'inboundendpoint_websocket_secure.xml',
      why: 'the secured variant the page\'s title promises: protocol wss with MI\'s key store parameters',
      text: (t) =>
        t.corpusFile('inboundendpoint_websocket.xml')
          .replace('name="websocket"', 'name="secureWebsocket"')
          .replace('protocol="ws"', 'protocol="wss"')
          .replace('>9092<', `>${SECURE_PORT}<`)
          .replace('</parameters>', `<parameter name="wss.ssl.key.store.file">${keyStore().store}</parameter><parameter name="wss.ssl.key.store.pass">wso2carbon</parameter><parameter name="wss.ssl.cert.pass">wso2carbon</parameter></parameters>`),
    },
    { name: 'deployment.toml', why: 'the page\'s server configuration: [transport.ws] sender.enable = true', text: () => '[transport.ws]\nsender.enable = true\n' },
  ],
  async run(t) {
    const backend = await upperCaseServer();
    try {
      const plain = await client(`ws://127.0.0.1:${INBOUND_PORT}/`);
      expect(plain.protocol).toBe(JSON_PROTOCOL);
      plain.socket.send('{"sample message":"test"}');
      await eventually(() => expect(plain.frames.length).toBe(1), 3000);
      expect(JSON.parse(plain.frames[0]!)).toEqual({ 'SAMPLE MESSAGE': 'TEST' });
      expect(backend.connections.length).toBe(1);
      expect(backend.connections[0]!.protocol).toBe(JSON_PROTOCOL);
      expect(backend.connections[0]!.frames.map((f) => JSON.parse(f))).toEqual([{ 'sample message': 'test' }]);
      const logged = t.logs().filter((l) => l.includes('LOGGED_MESSAGE = LOGGED'));
      expect(logged.length).toBe(2);
      expect(logged.filter((l) => l.includes('test')).length).toBe(1);
      await t.waitForLog(/sequence:outDispatchSeq.*TEST/);

      // The secured variant: TLS from the key store, its own client channel and backend connection.
      const secure = await client(`wss://127.0.0.1:${SECURE_PORT}/`, keyStore().cert);
      secure.socket.send('{"over":"tls"}');
      await eventually(() => expect(secure.frames.length).toBe(1), 3000);
      expect(JSON.parse(secure.frames[0]!)).toEqual({ OVER: 'TLS' });
      expect(backend.connections.length).toBe(2);
      // Broadcast level 0: the first client got nothing of the second one's exchange.
      expect(plain.frames.length).toBe(1);
      plain.socket.terminate();
      secure.socket.terminate();
    } finally {
      await backend.close();
    }
  },
});
