#!/usr/bin/env node
// HL7 messages per second with auto-ack: an hl7 inbound endpoint (MLLP listener, AutoAck=true)
// that parses each ADT message, answers HAPI's ACK and injects the HL7 XML into a sequence that
// drops it, beside a plain-Node MLLP server doing the same framing and a string-built ACK (MSA AA
// with the control id, sender/receiver swapped), with the same load in the same run (C clients,
// each keeping W messages in flight). Prints messages/s and the ratio Mediate/reference.
// Measures the dist/ build (run `npx tsc -b tsconfig.json` first).
//   node bench/hl7.mjs [--seconds 5] [--clients 4] [--window 16]
import path from 'node:path';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { closedLoop, freePort, withServedProject } from './lib/socket-load.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, clients: { type: 'string', default: '4' }, window: { type: 'string', default: '16' } } });
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const WINDOW = Number(values.window);

const MESSAGE = ['MSH|^~\\&|HIS|RIH|EKG|EKG|199904140038||ADT^A01|12345|P|2.5', 'EVN|A01|199904140038', 'PID|1||PAT1^^^HOSP^MR||SMITH^JOHN^M||19581119|M|||564 SPRING ST^^NEEDHAM^MA^02494^US', 'PV1|1|I|2000^2012^01'].join('\r');
const FRAME = Buffer.concat([Buffer.of(0x0b), Buffer.from(MESSAGE), Buffer.of(0x1c, 0x0d)]);

/** Calls onFrame for every complete MLLP frame on the socket. */
function frames(socket, onFrame) {
  let buf = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    let end;
    while ((end = buf.indexOf('\x1c\x0d')) >= 0) {
      onFrame(buf.subarray(buf.indexOf(0x0b) + 1, end));
      buf = buf.subarray(end + 2);
    }
  });
}

/** Closed-loop load: every ACK sends the next message; counts ACKs after a 1 s warm-up. */
async function load(port) {
  const sockets = await Promise.all(Array.from({ length: CLIENTS }, () => new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.setNoDelay(true);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  })));
  return closedLoop(sockets, {
    window: WINDOW,
    seconds: SECONDS,
    onReply: (s, reply) => {
      s.on('error', () => undefined);
      frames(s, reply);
    },
    send: (s) => s.write(FRAME),
    close: (s) => s.destroy(),
  });
}

/** The reference: MLLP framing and an ACK built from the request's MSH by string splitting. */
async function reference() {
  const port = await freePort();
  let id = 0;
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    frames(socket, (frame) => {
      const msh = frame.toString('utf8').split('\r')[0].split('|');
      const ack = `MSH|^~\\&|${msh[4]}|${msh[5]}|${msh[2]}|${msh[3]}|${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}||ACK^${(msh[8] ?? '').split('^')[1] ?? ''}^ACK|${++id}|${msh[10]}|${msh[11]}\rMSA|AA|${msh[9]}\r`;
      socket.write(Buffer.concat([Buffer.of(0x0b), Buffer.from(ack), Buffer.of(0x1c, 0x0d)]));
    });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  const mps = await load(port);
  server.close();
  return mps;
}

async function mediate() {
  const port = await freePort();
  const NS = 'http://ws.apache.org/ns/synapse';
  return withServedProject(repo, 'mediate-bench-hl7-', {
    'Drop.xml': `<sequence xmlns="${NS}" name="Drop"><drop/></sequence>`,
    'Hl7.xml': `<inboundEndpoint xmlns="${NS}" name="Hl7" protocol="hl7" sequence="Drop" onError="fault"><parameters><parameter name="inbound.hl7.Port">${port}</parameter><parameter name="inbound.hl7.AutoAck">true</parameter></parameters></inboundEndpoint>`,
  }, () => load(port));
}

const rows = [];
for (const [label, run] of [['plain Node MLLP server (string ACK)', reference], ['Mediate hl7 inbound, auto-ack -> sequence', mediate]]) rows.push({ label, mps: await run() });
console.log(`\n${CLIENTS} clients x ${WINDOW} messages in flight, ${FRAME.length}-byte ADT^A01 frames, ${SECONDS} s after 1 s warm-up\n`);
console.log('| target | messages/s |\n|---|---|');
for (const r of rows) console.log(`| ${r.label} | ${r.mps.toFixed(0)} |`);
console.log(`\nratio Mediate / reference (messages/s): ${(rows[1].mps / rows[0].mps).toFixed(2)}`);
