#!/usr/bin/env node
// Fallback load generator when wrk is missing: closed-loop, `--connections` keep-alive
// connections (undici Pool), each sending the next request when its answer is complete,
// for `--duration` seconds or `--max-requests` requests, whichever comes first. Only
// 127.0.0.1 targets are accepted. Prints one RESULT_JSON line shaped like the wrk script's.
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { Pool } from 'undici';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    payload: { type: 'string' },
    'content-type': { type: 'string', default: 'application/json' },
    headers: { type: 'string', default: '{}' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    'max-requests': { type: 'string', default: '2000000' },
    timeout: { type: 'string', default: '10' },
  },
});
const url = new URL(values.url);
if (url.hostname !== '127.0.0.1') throw new Error('node-load only sends traffic to 127.0.0.1');
const body = fs.readFileSync(values.payload);
const headers = { 'content-type': values['content-type'], ...JSON.parse(values.headers) };
const connections = Number(values.connections);
const deadline = performance.now() + Number(values.duration) * 1000;
const maxRequests = Number(values['max-requests']);
const timeoutMs = Number(values.timeout) * 1000;
const pool = new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 60000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });

const latencies = [];
const errors = { connect: 0, read: 0, write: 0, status: 0, timeout: 0 };
let sent = 0;
const t0 = performance.now();

async function connectionLoop() {
  while (performance.now() < deadline && sent < maxRequests) {
    sent++;
    const start = performance.now();
    try {
      const res = await pool.request({ path: url.pathname + url.search, method: 'POST', headers, body });
      for await (const _chunk of res.body) {
        // drain
      }
      latencies.push(performance.now() - start);
      if (res.statusCode > 399) errors.status++;
    } catch (e) {
      const code = e.code ?? '';
      if (code.includes('TIMEOUT')) errors.timeout++;
      else if (code === 'ECONNREFUSED') errors.connect++;
      else errors.read++;
    }
  }
}

await Promise.all(Array.from({ length: connections }, connectionLoop));
const durationUs = (performance.now() - t0) * 1000;
await pool.close();
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
const result = {
  requests: latencies.length,
  duration_us: Math.round(durationUs),
  rps: latencies.length / (durationUs / 1e6),
  p50_ms: pct(50),
  p99_ms: pct(99),
  max_ms: latencies.at(-1) ?? 0,
  err_connect: errors.connect,
  err_read: errors.read,
  err_write: errors.write,
  err_status: errors.status,
  err_timeout: errors.timeout,
};
process.stdout.write(`RESULT_JSON ${JSON.stringify(result)}\n`);
