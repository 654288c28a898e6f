#!/usr/bin/env node
// WebSocket frames per second through a flow: a ws inbound endpoint injecting each text frame
// into a sequence that responds with it (inbound -> sequence -> respond -> frame), beside a
// plain-Node `ws` echo server doing the same framing, in the same process tree and with the same
// load (C clients, each keeping W frames in flight). Prints frames/s and the ratio
// Mediate/reference. Measures the dist/ build (run `npx tsc -b tsconfig.json` first).
//   node bench/websocket.mjs [--seconds 5] [--clients 4] [--window 32] [--size 1024]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { closedLoop, freePort, withServedProject } from './lib/socket-load.mjs';
import { WebSocket, WebSocketServer } from 'ws';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, clients: { type: 'string', default: '4' }, window: { type: 'string', default: '32' }, size: { type: 'string', default: '1024' } } });
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const WINDOW = Number(values.window);
const SIZE = Number(values.size);
const payload = 'x'.repeat(SIZE);

/** Closed-loop load: every answer frame sends the next one; counts answers after a 1 s warm-up. */
async function load(port) {
  const sockets = await Promise.all(Array.from({ length: CLIENTS }, () => new Promise((resolve, reject) => {
    const s = new WebSocket(`ws://127.0.0.1:${port}/bench`, { perMessageDeflate: false });
    s.once('open', () => resolve(s));
    s.once('error', reject);
  })));
  return closedLoop(sockets, {
    window: WINDOW,
    seconds: SECONDS,
    onReply: (s, reply) => s.on('message', reply),
    send: (s) => s.send(payload),
    close: (s) => s.terminate(),
  });
}

async function reference() {
  const port = await freePort();
  const wss = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
  wss.on('connection', (s) => s.on('message', (data, binary) => s.send(data, { binary })));
  await new Promise((r) => wss.once('listening', r));
  const fps = await load(port);
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
  return fps;
}

async function mediate() {
  const port = await freePort();
  const NS = 'http://ws.apache.org/ns/synapse';
  return withServedProject(repo, 'mediate-bench-ws-', {
    'Echo.xml': `<sequence xmlns="${NS}" name="Echo"><respond/></sequence>`,
    'Ws.xml': `<inboundEndpoint xmlns="${NS}" name="Ws" protocol="ws" sequence="Echo" onError="fault"><parameters><parameter name="inbound.ws.port">${port}</parameter></parameters></inboundEndpoint>`,
  }, () => load(port));
}

const rows = [];
for (const [label, run] of [['plain Node ws echo server', reference], ['Mediate ws inbound -> sequence -> respond', mediate]]) rows.push({ label, fps: await run() });
console.log(`\n${CLIENTS} clients x ${WINDOW} frames in flight, ${SIZE}-byte text frames, ${SECONDS} s after 1 s warm-up\n`);
console.log('| target | frames/s |\n|---|---|');
for (const r of rows) console.log(`| ${r.label} | ${r.fps.toFixed(0)} |`);
console.log(`\nratio Mediate / reference (frames/s): ${(rows[1].fps / rows[0].fps).toFixed(2)}`);
