#!/usr/bin/env node
// Guaranteed delivery throughput: messages per second from HTTP through a message store to an
// echo back end, and end-to-end latency (client send -> back end receipt), for an in-memory, a
// SQLite (the embedded default) and a PostgreSQL JDBC store, each with a forwarding processor;
// beside a plain-Node reference (bench/references/node-store-forward.mjs: node:http + an array,
// no durability) doing the same relay. Both run as child processes; the load comes from this
// process. The report states Mediate / reference per scenario. With RabbitMQ on 127.0.0.1:5672 a
// RabbitMQ store scenario runs too, beside its own reference: a plain-Node amqplib relay
// (bench/references/amqp-relay.mjs: publisher confirms, durable queue, ack after the back end
// answered), so its ratio compares like with like.
// Run after `npx tsc -b tsconfig.json` (the CLI runs from dist/):
//   node bench/messaging.mjs [messages=500] [concurrency=10]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import net from 'node:net';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const messages = Number(process.argv[2] ?? 500);
const concurrency = Number(process.argv[3] ?? 10);
const database = `mediate_bench_ms_${randomBytes(3).toString('hex')}`;
const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

const admin = async (sql) => { const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };

// The echo back end: records when each message (by its "id") arrived.
const arrivals = new Map();
const echo = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    try { const id = JSON.parse(body.toString()).id; if (!arrivals.has(id)) arrivals.set(id, performance.now()); } catch { /* not ours */ }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
});
await new Promise((r) => echo.listen(0, '127.0.0.1', r));
const echoPort = echo.address().port;

const rabbitQueue = `mediate_bench_ms_${randomBytes(3).toString('hex')}`;
const rabbitOk = await new Promise((r) => { const s = net.connect(5672, '127.0.0.1'); s.once('connect', () => { s.destroy(); r(true); }); s.once('error', () => r(false)); });

function project(pgOk) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-bench-ms-'));
  const w = (rel, text) => { fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true }); fs.writeFileSync(path.join(dir, rel), text); };
  const A = 'src/main/wso2mi/artifacts';
  w(`${A}/endpoints/Echo.xml`, `<endpoint ${SYN} name="Echo"><address uri="http://127.0.0.1:${echoPort}/echo"><suspendOnFailure><errorCodes>-1</errorCodes></suspendOnFailure></address></endpoint>`);
  const stores = {
    memory: `<messageStore ${SYN} name="memory" class="org.apache.synapse.message.store.impl.memory.InMemoryStore"/>`,
    sqlite: `<messageStore ${SYN} name="sqlite" class="org.apache.synapse.message.store.impl.jdbc.JDBCMessageStore"/>`,
    ...(rabbitOk ? { rabbitmq: `<messageStore ${SYN} name="rabbitmq" class="org.apache.synapse.message.store.impl.rabbitmq.RabbitMQStore"><parameter name="store.rabbitmq.host.name">localhost</parameter><parameter name="store.rabbitmq.queue.name">${rabbitQueue}</parameter></messageStore>` } : {}),
    ...(pgOk ? { postgres: `<messageStore ${SYN} name="postgres" class="org.apache.synapse.message.store.impl.jdbc.JDBCMessageStore"><parameter name="store.jdbc.connection.url">jdbc:postgresql://127.0.0.1:5432/${database}</parameter><parameter name="store.jdbc.username">postgres</parameter></messageStore>` } : {}),
  };
  for (const [name, xml] of Object.entries(stores)) {
    w(`${A}/message-stores/${name}.xml`, xml);
    w(`${A}/message-processors/${name}-forwarder.xml`, `<messageProcessor ${SYN} name="${name}-forwarder" class="org.apache.synapse.message.processor.impl.forwarder.ScheduledMessageForwardingProcessor" messageStore="${name}" targetEndpoint="Echo"><parameter name="interval">10</parameter><parameter name="max.delivery.attempts">-1</parameter></messageProcessor>`);
    w(`${A}/apis/${name}.xml`, `<api ${SYN} name="${name}" context="/${name}"><resource methods="POST"><inSequence><property name="FORCE_SC_ACCEPTED" scope="axis2" value="true"/><property name="OUT_ONLY" value="true"/><store messageStore="${name}"/></inSequence></resource></api>`);
  }
  return { dir, scenarios: Object.keys(stores) };
}

function start(args, ready) {
  const proc = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const t = setInterval(() => {
      const m = ready.exec(out);
      if (m) { clearInterval(t); resolve({ proc, port: Number(m[1]) }); }
      if (proc.exitCode !== null) { clearInterval(t); reject(new Error(out)); }
    }, 20);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function post(port, urlPath, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(label, port, urlPath) {
  const sent = new Map();
  const ids = Array.from({ length: messages }, (_, i) => `${label}-${i}`);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < ids.length) {
      const id = ids[next++];
      sent.set(id, performance.now());
      const status = await post(port, urlPath, JSON.stringify({ id, item: 'x'.repeat(200) }));
      if (status !== 202 && status !== 200) throw new Error(`${label}: HTTP ${status}`);
    }
  }));
  const deadline = Date.now() + 120000;
  while (!ids.every((id) => arrivals.has(id))) {
    if (Date.now() > deadline) throw new Error(`${label}: ${ids.filter((id) => !arrivals.has(id)).length} messages not delivered`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const end = Math.max(...ids.map((id) => arrivals.get(id)));
  const lat = ids.map((id) => arrivals.get(id) - sent.get(id)).sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  return { label, perSecond: messages / ((end - t0) / 1000), p50: q(0.5), p99: q(0.99) };
}

let pgOk = true;
try { await admin(`CREATE DATABASE ${database}`); } catch (e) { pgOk = false; console.error(`PostgreSQL not available (${e.message}): its scenario is left out`); }
const { dir, scenarios } = project(pgOk);
const results = [];
try {
  const ref = await start([path.join(repo, 'bench/references/node-store-forward.mjs'), '0', String(echoPort)], /reference ready on (\d+)/);
  const reference = await measure('reference', ref.port, '/relay');
  ref.proc.kill();
  let amqpReference;
  if (rabbitOk) {
    const amqpRef = await start([path.join(repo, 'bench/references/amqp-relay.mjs'), '0', String(echoPort), `${rabbitQueue}_ref`], /reference ready on (\d+)/);
    amqpReference = await measure('amqp-reference', amqpRef.port, '/relay');
    amqpRef.proc.kill('SIGTERM');
  } else console.error('RabbitMQ not available on 127.0.0.1:5672: the RabbitMQ scenario is left out');
  const mediate = await start([path.join(repo, 'bin/mediate.js'), 'run', dir, '--port', '0', '--log-level', 'warn'], /Mediate runtime ready on http:\/\/localhost:(\d+)/);
  try {
    for (const s of scenarios) results.push(await measure(s, mediate.port, `/${s}`));
  } finally {
    mediate.proc.kill('SIGTERM');
  }
  console.log(`\nmessages ${messages}, concurrency ${concurrency}; reference (plain Node, in-memory relay): ${reference.perSecond.toFixed(0)} msg/s, p50 ${reference.p50.toFixed(1)} ms, p99 ${reference.p99.toFixed(1)} ms\n`);
  console.log('| store | msg/s | ratio to reference | p50 ms | p99 ms |');
  console.log('|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / reference.perSecond).toFixed(2)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`);
  if (amqpReference) {
    const r = results.find((x) => x.label === 'rabbitmq');
    console.log(`\nRabbitMQ reference (plain Node + amqplib relay, confirms, durable queue): ${amqpReference.perSecond.toFixed(0)} msg/s, p50 ${amqpReference.p50.toFixed(1)} ms, p99 ${amqpReference.p99.toFixed(1)} ms`);
    if (r) console.log(`rabbitmq store / amqplib relay: ${(r.perSecond / amqpReference.perSecond).toFixed(2)}`);
  }
} finally {
  echo.close();
  agent.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  if (pgOk) await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
}
