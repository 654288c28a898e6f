#!/usr/bin/env node
// `node bench/soak.mjs [--minutes 10] [--only direct,cbr-json] [--connections 200]`: each bench
// scenario under a long closed-loop load, one fresh Mediate process per scenario, watching for
// what a short benchmark cannot see: errors or client time-outs that appear after a while, RSS
// that keeps growing after warm-up, file descriptors or sockets left open, and a runtime that
// answers slower afterwards than before. Not part of CI (a full run is 10 minutes a scenario).
// Measures the existing dist/ build (run `npx tsc -b tsconfig.json` first). Prints a Markdown
// summary and writes the raw figures to bench/results/soak-<date>.json (or --out DIR).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import http from 'node:http';
import { SCENARIOS, MESSAGING_SCENARIO, splitByMediators } from './lib/scenarios.mjs';
import { writePayloads } from './lib/payloads.mjs';
import { startEcho, startMediate, writeScenarioProject, REPO } from './lib/targets.mjs';
import { runLoad, errorCount } from './lib/load.mjs';
import { registeredMediators } from './lib/tools.mjs';
import { rssMb, stopProcess, stopAllSync, waitForProcessIdle, sleep } from './lib/processes.mjs';

/** The bench scenarios and the messaging flow (store and forward), in the order they are soaked. */
const ALL_SCENARIOS = [...SCENARIOS, MESSAGING_SCENARIO];

const USAGE = `Usage: node bench/soak.mjs [options]

Each bench scenario under a long load; reports errors, client time-outs, RSS, fds, sockets
and probe latency before and after.

Options:
  --minutes N        minutes of load per scenario (default 10)
  --connections N    concurrent keep-alive connections (default 200)
  --warmup S         seconds of load before the start figures are taken (default 20)
  --size BYTES       request body size (default 1024)
  --only ID,ID       only these scenario ids (${ALL_SCENARIOS.map((s) => s.id).join(', ')})
  --out DIR          write the JSON there instead of bench/results
  -h, --help         print this help
`;

let args;
try {
  args = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      minutes: { type: 'string', default: '10' },
      connections: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
      size: { type: 'string', default: '1024' },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  }).values;
} catch (e) {
  process.stderr.write(`[soak] ${e.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const minutes = Number(args.minutes);
const connections = Number(args.connections);
const warmupS = Number(args.warmup);
const size = Number(args.size);
for (const [flag, v] of [['--minutes', minutes], ['--connections', connections], ['--warmup', warmupS], ['--size', size]]) {
  if (!Number.isFinite(v) || v <= 0) {
    process.stderr.write(`[soak] ${flag} must be a positive number\n\n${USAGE}`);
    process.exit(2);
  }
}
const only = args.only?.split(',').filter(Boolean);
const unknown = (only ?? []).filter((id) => !ALL_SCENARIOS.some((s) => s.id === id));
if (unknown.length) {
  process.stderr.write(`[soak] --only: unknown ${unknown.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}

process.on('SIGINT', () => {
  stopAllSync();
  process.exit(130);
});
process.on('exit', stopAllSync);

const log = (msg) => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const cpuCount = os.cpus().length;
const serverCpus = cpuCount >= 2 ? '0' : undefined;
const loadCpus = cpuCount >= 2 ? String(cpuCount - 1) : undefined;
const PROBES = 200;
const RSS_SAMPLE_MS = 1000;

/** Open file descriptors of `pid`, and how many of them are sockets. */
function descriptors(pid) {
  let fds = 0;
  let sockets = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    fds++;
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) sockets++;
    } catch {
      // closed while listing
    }
  }
  return { fds, sockets };
}

/** RSS, descriptors, probe latency through Mediate and straight to the backend, machine load. */
async function snapshot(mediate, url, scenario, body, echo) {
  const figures = { rssMb: round(rssMb(mediate.pid)), ...descriptors(mediate.pid) };
  const probe = await probeLatency(url, scenario, body);
  const echoProbe = await probeLatency(`http://127.0.0.1:${echo.port}/echo`, scenario, body);
  return { ...figures, probe, echoProbe, loadAverage: round(os.loadavg()[0]) };
}

/** `PROBES` sequential requests on one connection: p50 and p90 in ms, and how many failed. */
async function probeLatency(url, scenario, body) {
  const times = [];
  let failures = 0;
  for (let i = 0; i < PROBES; i++) {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': scenario.contentType, ...scenario.headers } });
      await res.arrayBuffer();
      if (res.status !== (scenario.expectStatus ?? 200)) failures++;
      times.push(performance.now() - t0);
    } catch {
      failures++;
    }
  }
  times.sort((a, b) => a - b);
  const at = (p) => round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? NaN);
  return { p50: at(0.5), p90: at(0.9), failures, answered: PROBES - failures };
}

const round = (x) => Math.round(x * 100) / 100;

/** Runs the load for `durationS` while sampling the RSS of `pid` every second. */
async function loadWithRss(pid, load) {
  let peak = rssMb(pid);
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, rssMb(pid));
      await sleep(RSS_SAMPLE_MS);
    }
  })();
  try {
    return { ...(await load()), peakRssMb: peak };
  } finally {
    running = false;
    await sampler;
  }
}

/** The backend a messaging flow delivers to: counts what arrives, answers 200. */
async function startDeliveryCounter() {
  let delivered = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      delivered++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, delivered: () => delivered, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Waits until `delivered()` reaches `accepted`, or until nothing more arrives for `stallS` seconds;
 * returns the seconds it took and what was still missing.
 */
async function waitForDelivery(counter, accepted, stallS = 60) {
  const t0 = performance.now();
  let last = counter.delivered();
  let lastChange = performance.now();
  while (counter.delivered() < accepted && performance.now() - lastChange < stallS * 1000) {
    await sleep(1000);
    if (counter.delivered() !== last) {
      last = counter.delivered();
      lastChange = performance.now();
    }
  }
  return { seconds: round((performance.now() - t0) / 1000), missing: Math.max(0, accepted - counter.delivered()) };
}

/** Requests of a load run that got the scenario's answer (the load generator counts statuses above 399 as errors). */
const answeredOf = (result) => result.requests - result.err_status;

async function soakScenario(work, scenario, echo, payloadFile) {
  const counter = scenario.delivers ? await startDeliveryCounter() : undefined;
  try {
    return await soakWith(work, scenario, echo, payloadFile, counter);
  } finally {
    await counter?.close();
  }
}

async function soakWith(work, scenario, echo, payloadFile, counter) {
  const project = writeScenarioProject(path.join(work, `project-${scenario.id}`), [...new Map([SCENARIOS[0], scenario].map((s) => [s.id, s])).values()], echo.port, counter?.port);
  const mediate = await startMediate(work, project, serverCpus);
  const url = mediate.url(scenario);
  const file = payloadFile(scenario.payload, size);
  const body = fs.readFileSync(file);
  // No request cap: the load generator's default (2 million) would end a long soak early.
  const loadOptions = (durationS) => ({ url, payloadFile: file, contentType: scenario.contentType, headers: scenario.headers, connections, durationS, maxRequests: 1e12 });
  try {
    log(`${scenario.id}: warm-up ${warmupS} s at ${connections} connections (pid ${mediate.pid})`);
    const warm = await runLoad('node', loadOptions(warmupS), { cpus: loadCpus });
    await waitForProcessIdle(mediate.pid, 0.1, 60);
    await sleep(2000);
    const before = await snapshot(mediate, url, scenario, body, echo);
    log(`${scenario.id}: start RSS ${before.rssMb} MB, ${before.fds} fds (${before.sockets} sockets), probe p50 ${before.probe.p50} ms; ${minutes} min of load`);
    const { result, peakRssMb } = await loadWithRss(mediate.pid, () => runLoad('node', loadOptions(minutes * 60), { cpus: loadCpus }));
    // A messaging flow is judged on delivery too: every accepted message reaches the backend.
    const acceptedBeforeProbe = counter ? answeredOf(warm.result) + before.probe.answered + answeredOf(result) : 0;
    const drain = counter ? await waitForDelivery(counter, acceptedBeforeProbe) : undefined;
    if (drain) log(`${scenario.id}: ${counter.delivered()} of ${acceptedBeforeProbe} accepted messages delivered, ${drain.seconds} s after the load`);
    // The load generator has closed its connections; give the server its backlog and the
    // sockets' close handshakes before counting what is still open.
    await waitForProcessIdle(mediate.pid, 0.1, 60);
    await sleep(2000);
    const after = await snapshot(mediate, url, scenario, body, echo);
    let delivery;
    if (counter) {
      const accepted = acceptedBeforeProbe + after.probe.answered;
      const tail = await waitForDelivery(counter, accepted);
      delivery = { accepted, delivered: counter.delivered(), missing: tail.missing, drainSeconds: drain.seconds };
    }
    const figures = {
      scenario: scenario.id,
      label: scenario.label,
      minutes,
      connections,
      warmup: { requests: warm.result.requests, errors: errorCount(warm.result) },
      requests: result.requests,
      rps: Math.round(result.rps),
      p50Ms: round(result.p50_ms),
      p99Ms: round(result.p99_ms),
      errors: errorCount(result) - result.err_timeout,
      timeouts: result.err_timeout,
      errorDetail: { connect: result.err_connect, read: result.err_read, write: result.err_write, status: result.err_status },
      rssMb: { start: before.rssMb, peak: round(Math.max(peakRssMb, before.rssMb)), end: after.rssMb },
      fds: { before: before.fds, after: after.fds },
      sockets: { before: before.sockets, after: after.sockets },
      probeMs: { before: before.probe, after: after.probe },
      // The same probe straight to the echo backend, and the machine's load: how much of a
      // change in the probe is the shared machine rather than Mediate.
      echoProbeMs: { before: before.echoProbe, after: after.echoProbe },
      loadAverage: { before: before.loadAverage, after: after.loadAverage },
      ...(delivery ? { delivery } : {}),
    };
    log(`${scenario.id}: ${figures.requests} requests, ${figures.errors} errors, ${figures.timeouts} time-outs; RSS ${figures.rssMb.start}/${figures.rssMb.peak}/${figures.rssMb.end} MB; fds ${figures.fds.before}->${figures.fds.after}; probe p50 ${before.probe.p50}->${after.probe.p50} ms`);
    return figures;
  } finally {
    await stopProcess(mediate);
  }
}

function markdown(results, notes) {
  const lines = [
    `Soak of ${new Date().toISOString().slice(0, 10)}: ${connections} connections, ${minutes} min per scenario after ${warmupS} s warm-up, ${size}-byte bodies, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load from bench/lib/node-load.mjs`,
    '',
    '| scenario | minutes | requests | req/s | errors | time-outs | RSS start / peak / end MB | fds before → after | sockets before → after | probe p50 / p90 ms before → after | echo-only probe p50 before → after | load avg before → after |',
    '|---|---:|---:|---:|---:|---:|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.minutes} | ${r.requests} | ${r.rps} | ${r.errors} | ${r.timeouts} | ${r.rssMb.start} / ${r.rssMb.peak} / ${r.rssMb.end} | ${r.fds.before} → ${r.fds.after} | ${r.sockets.before} → ${r.sockets.after} | ${r.probeMs.before.p50} / ${r.probeMs.before.p90} → ${r.probeMs.after.p50} / ${r.probeMs.after.p90} | ${r.echoProbeMs.before.p50} → ${r.echoProbeMs.after.p50} | ${r.loadAverage.before} → ${r.loadAverage.after} |`,
    ),
    ...results
      .filter((r) => r.delivery)
      .map((r) => `\n- ${r.scenario}: ${r.delivery.accepted} messages accepted (202), ${r.delivery.delivered} delivered (${r.delivery.missing} missing${r.delivery.delivered > r.delivery.accepted ? `, ${r.delivery.delivered - r.delivery.accepted} duplicates` : ''}); the store drained ${r.delivery.drainSeconds} s after the load stopped`),
    ...notes.map((n) => `\n- ${n}`),
  ];
  return lines.join('\n') + '\n';
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-soak-'));
fs.mkdirSync(path.join(work, 'logs'));
const notes = [];
try {
  const registered = await registeredMediators();
  const { runnable, skipped } = splitByMediators(only ? ALL_SCENARIOS.filter((s) => only.includes(s.id)) : ALL_SCENARIOS, registered);
  for (const s of skipped) notes.push(`${s.scenario.id} skipped: ${s.reason}`);
  const payloadFile = writePayloads(path.join(work, 'payloads'), ['json', 'xml', 'soap'], [size]);
  const echo = await startEcho(work, serverCpus);
  const results = [];
  for (const scenario of runnable) {
    try {
      results.push(await soakScenario(work, scenario, echo, payloadFile));
    } catch (e) {
      notes.push(`${scenario.id} failed: ${e.message}`);
      log(`${scenario.id} failed: ${e.message}`);
    }
  }
  await stopProcess(echo);
  const outDir = args.out ? path.resolve(args.out) : path.join(REPO, 'bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  const jsonFile = path.join(outDir, `soak-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.json`);
  fs.writeFileSync(jsonFile, JSON.stringify({ date: new Date().toISOString(), minutes, connections, warmupS, size, results, notes }, null, 2));
  process.stdout.write(markdown(results, notes));
  log(`raw figures in ${path.relative(REPO, jsonFile)}; logs in ${work}`);
  const failed = results.some((r) => r.errors > 0 || r.timeouts > 0 || (r.delivery && r.delivery.missing > 0)) || notes.some((n) => n.includes('failed'));
  process.exit(failed ? 1 : 0);
} catch (e) {
  process.stderr.write(`[soak] failed: ${e.stack ?? e.message}\n`);
  stopAllSync();
  process.exit(1);
}
