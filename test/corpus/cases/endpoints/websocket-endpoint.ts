import { expect } from 'vitest';
import { WebSocketServer } from 'ws';
import { defineCase } from '../../case.js';
import { eventually } from '../../common.js';

/** The page's WebSocket back end (ws://localhost:8082/websocket) moved to a port of this run. */
const WS_PORT = 20000 + Math.floor(Math.random() * 20000);

export default defineCase({
  id: 'endpoints/websocket-endpoint',
  title: 'WebSocket endpoint: an HTTP proxy sends to a ws:// back end (202 at once); the back end\'s frames go to the outflow dispatch sequence',
  status: 'pass',
  deviates: [
    'no content-type subprotocol is negotiated (the page\'s property is misspelled), so the back end\'s frame passes through; MI then logs the default empty envelope, Mediate carries the frame as a text/plain payload, so the full log shows the upper-cased envelope as (escaped) text',
  ],
  docsWrong: ['the page sets websocket.accept.contentType; MI\'s WS transport reads websocket.accept.contenType (missing t)'],
  artifacts: [
    { file: 'endpoint_WebsocketEp.xml', edits: [(text) => text.replace('ws://localhost:8082/websocket', `ws://127.0.0.1:${WS_PORT}/websocket`)] },
    { file: 'proxy_websocketProxy1.xml' },
    { file: 'sequence_dispatchSeq.xml' },
    { file: 'sequence_outDispatchSeq.xml' },
    { name: 'deployment.toml', why: 'the page\'s server configuration: the WS sender on, backend frames into outDispatchSeq', text: () => '[transport.ws]\nsender.enable = true\nsender.outflow_dispatch_sequence = "outDispatchSeq"\n' },
  ],
  async run(t) {
    // The page's back end: answers each text frame with the text upper-cased.
    const frames: string[] = [];
    const server = new WebSocketServer({ port: WS_PORT, host: '127.0.0.1', path: '/websocket' });
    server.on('connection', (socket) => socket.on('message', (data) => {
      frames.push(String(data));
      socket.send(String(data).toUpperCase());
    }));
    try {
      const r = await t.request('POST', '/services/websocketProxy1', {
        headers: { 'Content-Type': 'text/xml' },
        body: '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><test>Value</test></soapenv:Body></soapenv:Envelope>',
      });
      expect(r.status).toBe(202);
      await eventually(() => expect(frames.join('')).toContain('<test>Value</test>'), 2000);
      await t.waitForLog(/sequence:outDispatchSeq.*&lt;TEST&gt;VALUE&lt;\/TEST&gt;/, 2000);
      // A second request: its own frame, its own log (the backend connection is reused).
      const again = await t.request('POST', '/services/websocketProxy1', { headers: { 'Content-Type': 'text/xml' }, body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><test>Again</test></soapenv:Body></soapenv:Envelope>' });
      expect(again.status).toBe(202);
      await t.waitForLog(/sequence:outDispatchSeq.*&lt;TEST&gt;AGAIN&lt;\/TEST&gt;/, 2000);
      expect(frames.length).toBe(2);
    } finally {
      // ws 8 keeps accepted connections open on close(): the runtime's backend connection would hold it.
      for (const c of server.clients) c.terminate();
      await new Promise((done) => server.close(() => done(undefined)));
    }
  },
});
