#!/usr/bin/env node
// `npm run bench [-- --quick]`: Mediate and its references, measured in one interleaved run.
// Options: --quick (about 2 minutes), --reps N, --duration S, --warmup S, --no-install,
// --no-build, --only id,id (scenario ids), --node-load (force the Node load generator),
// --no-profile (skip the --cpu-prof step).
// Writes bench/results/<date>[-quick].json and .md (a full run also writes bench/REPORT.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SCENARIOS, splitByMediators } from './lib/scenarios.mjs';
import { writePayloads } from './lib/payloads.mjs';
import { ensureSystemTools, ensureNodeRed, buildMediate, registeredMediators, versions } from './lib/tools.mjs';
import { REPO, startEcho, writeScenarioProject, startMediate, startNodeProxy, startNginx, startNodeRed } from './lib/targets.mjs';
import { stopProcess, stopAllSync, rssMb, sleep } from './lib/processes.mjs';
import { matrixCells, runMatrix } from './lib/matrix.mjs';
import { smokeCheck } from './lib/smoke.mjs';
import { measureColdStart, measureRedeploy, measureCli, measureModuleLoad } from './lib/footprint.mjs';
import { profileScenario } from './lib/profile.mjs';
import { measureStudio } from './lib/studio.mjs';
import { buildReport } from './lib/report.mjs';
import { runLoad } from './lib/load.mjs';
import { median, checkGoal } from './lib/stats.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    reps: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    'no-install': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    'node-load': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
  },
});
const quick = args.quick;
const params = {
  reps: Number(args.reps ?? (quick ? 1 : 3)),
  durationS: Number(args.duration ?? (quick ? 3 : 10)),
  warmupS: Number(args.warmup ?? (quick ? 1 : 3)),
  foreignLimit: 0.25,
  idleWaitS: quick ? 5 : 60,
  maxAttempts: quick ? 2 : 3,
};
const log = (line) => process.stdout.write(`[bench] ${line}\n`);
const started = new Date();
const stamp = started.toISOString().replace(/[:]/g, '').replace(/\..*/, 'Z');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-bench-'));
fs.mkdirSync(path.join(work, 'logs'));
const procs = [];
process.on('SIGINT', () => {
  stopAllSync();
  process.exit(130);
});
process.on('exit', stopAllSync);

// The shared 2-core layout of the reference rig: every server (backend included) on CPU 0,
// the load generator alone on CPU 1.
const cpuCount = os.cpus().length;
const serverCpus = cpuCount >= 2 ? '0' : undefined;
const loadCpus = cpuCount >= 2 ? String(cpuCount - 1) : undefined;

async function main() {
  const notes = [];
  const install = !args['no-install'];
  const tools = ensureSystemTools({ install, log });
  notes.push(...tools.notes);
  const nodeRed = ensureNodeRed({ install, log });
  if (nodeRed.note) notes.push(nodeRed.note);
  if (!args['no-build']) {
    const b = buildMediate({ log });
    if (b.note) notes.push(b.note);
  }
  const registered = await registeredMediators();
  const wanted = args.only ? SCENARIOS.filter((s) => args.only.split(',').includes(s.id)) : SCENARIOS;
  const { runnable, skipped } = splitByMediators(wanted, registered);
  for (const s of skipped) notes.push(`scenario "${s.scenario.label}" skipped: ${s.reason}`);
  const driver = tools.wrk && !args['node-load'] ? 'wrk' : 'node';

  const cells = matrixCells(quick);
  const payloadFile = writePayloads(path.join(work, 'payloads'), ['json', 'xml', 'soap'], [...new Set(cells.map((c) => c.size))]);

  log(`work folder ${work}`);
  const echo = await startEcho(work, serverCpus);
  procs.push(echo);
  const project = writeScenarioProject(path.join(work, 'scenario-project'), runnable, echo.port);
  const mediate = await startMediate(work, project, serverCpus);
  procs.push(mediate);
  const targets = [];
  let orderIndex = 0;
  for (const s of runnable) {
    targets.push({ id: `mediate:${s.id}`, label: `Mediate: ${s.label}`, kind: 'mediate', scenario: s.id, url: mediate.url(s), payload: s.payload, contentType: s.contentType, headers: s.headers ?? {}, pid: mediate.pid, refs: s.refs, echoesBody: s.echoesBody, order: orderIndex++ });
  }
  const jsonRef = { payload: 'json', contentType: 'application/json', headers: {}, echoesBody: true };
  const nodePt = await startNodeProxy(work, 'passthrough', echo.port, serverCpus);
  const nodeCbr = await startNodeProxy(work, 'cbr', echo.port, serverCpus);
  procs.push(nodePt, nodeCbr);
  targets.push({ id: 'node-proxy', label: 'plain-Node proxy (limit)', kind: 'reference-passthrough', url: nodePt.url(), pid: nodePt.pid, order: 50, ...jsonRef });
  targets.push({ id: 'node-cbr', label: 'plain-Node JSON CBR (limit)', kind: 'reference', url: nodeCbr.url(), pid: nodeCbr.pid, order: 51, ...jsonRef });
  if (tools.nginx) {
    const nginx = await startNginx(work, echo.port, serverCpus);
    procs.push(nginx);
    targets.push({ id: 'nginx', label: 'nginx reverse proxy', kind: 'reference-passthrough', url: nginx.url(), pid: nginx.pid, order: 52, ...jsonRef });
  }
  if (nodeRed.dir) {
    try {
      const red = await startNodeRed(work, nodeRed.dir, echo.port, serverCpus);
      procs.push(red);
      targets.push({ id: 'nodered-pt', label: 'Node-RED pass-through', kind: 'reference-passthrough', url: red.url('passthrough'), pid: red.pid, order: 53, ...jsonRef });
      targets.push({ id: 'nodered-cbr', label: 'Node-RED JSON CBR (switch)', kind: 'reference', url: red.url('cbr'), pid: red.pid, order: 54, ...jsonRef });
    } catch (e) {
      notes.push(`Node-RED not measured: it did not start (${e.message})`);
    }
  }

  const smoke = await smokeCheck(targets, payloadFile, cells[0].size);
  for (const s of smoke.filter((x) => !x.ok)) notes.push(`smoke check: ${s.target}: ${s.problem}`);
  const measured = targets.filter((t) => smoke.find((s) => s.target === t.id)?.ok);
  for (const t of targets.filter((x) => !measured.includes(x))) notes.push(`${t.label} not measured: its smoke check failed`);

  await sleep(2000);
  const idleRssMb = rssMb(mediate.pid);
  log(`Mediate idle RSS ${idleRssMb.toFixed(1)} MB; load driver ${driver}; ${measured.length} targets`);
  const runs = await runMatrix(measured, cells, { ...params, quick, driver, loadCpus, echoPid: echo.pid, payloadFile, log });
  const loadRssMb = Math.max(...runs.filter((r) => r.target.startsWith('mediate:')).map((r) => r.rssMb));
  const profiles = [];
  if (!args['no-profile']) {
    for (const s of runnable.filter((x) => x.id === 'direct' || (!quick && x.id === 'cbr-json'))) {
      log(`profiling ${s.id} (--cpu-prof)`);
      try {
        profiles.push(await profileScenario(work, project, s, { driver, durationS: params.durationS, conns: 50, payloadFile, serverCpus, loadCpus }));
      } catch (e) {
        notes.push(`profile of ${s.id} failed: ${e.message}`);
      }
    }
  }

  for (const p of procs.reverse()) await stopProcess(p);

  log('start-up and footprint');
  const footprint = { idleRssMb, loadRssMb, coldStart: [], cli: [], errors: [] };
  footprint.moduleLoad = measureModuleLoad(quick ? 3 : 5, serverCpus);
  const coldReps = quick ? 1 : 5;
  for (const count of [10, 100, 1000]) {
    try {
      const c = await measureColdStart(work, count, coldReps, serverCpus);
      footprint.coldStart.push(c);
      log(`  cold start ${count} artifacts: ${c.samplesMs.map((x) => x.toFixed(0)).join(', ')} ms`);
    } catch (e) {
      footprint.errors.push(`cold start of ${count} artifacts: ${e.message}`);
    }
  }
  try {
    footprint.redeploy = await measureRedeploy(work, quick ? 3 : 10, serverCpus);
    log(`  redeploy: ${footprint.redeploy.samplesMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  } catch (e) {
    footprint.errors.push(`redeploy: ${e.message}`);
  }
  try {
    const c = measureCli(work, 1000, quick ? 1 : 3, serverCpus);
    footprint.cli.push(c);
    log(`  validate ${c.validateMs.map((x) => x.toFixed(0)).join(', ')} ms; export ${c.exportMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  } catch (e) {
    footprint.errors.push(`validate/export: ${e.message}`);
  }

  let workers;
  const direct = runnable.find((s) => s.id === 'direct');
  if (direct) {
    log('multi-core scaling: --workers 1 vs --workers 2');
    try {
      workers = await measureWorkers(work, direct, { driver, payloadFile, durationS: params.durationS, warmupS: params.warmupS, reps: quick ? 1 : 3 });
      log(`  1 worker ${workers.samplesRps[1].map((x) => x.toFixed(0)).join(', ')} req/s; 2 workers ${workers.samplesRps[2].map((x) => x.toFixed(0)).join(', ')} req/s`);
    } catch (e) {
      notes.push(`multi-core scaling not measured: ${e.message}`);
    }
  }
  const notMeasured = [measureStudio(), ...(workers ? [] : ['multi-core scaling (1 → 2 workers): not measured (see the notes)'])];
  const resultsDir = path.join(REPO, 'bench/results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const base = `${started.toISOString().slice(0, 10)}${quick ? '-quick' : ''}`;
  const jsonFile = path.join(resultsDir, `${base}.json`);
  const results = {
    mode: quick ? 'quick' : 'full',
    date: started.toISOString(),
    jsonFile: path.relative(REPO, jsonFile),
    versions: versions(nodeRed),
    driver: driver === 'wrk' ? 'wrk (closed loop, 1 thread; no coordinated-omission correction, so p99 is indicative)' : 'Node load generator (undici, closed loop)',
    pinning: serverCpus !== undefined ? `servers (Mediate, references, echo backend) pinned to CPU ${serverCpus}, load generator to CPU ${loadCpus}` : 'single CPU: nothing pinned',
    params,
    notes,
    registeredMediators: [...registered].sort(),
    skipped: skipped.map((s) => ({ scenario: s.scenario.id, reason: s.reason })),
    targets: targets.map(({ pid, ...t }) => t),
    smoke,
    runs,
    footprint,
    notMeasured,
    profiles,
    workers,
  };
  fs.writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
  const report = withWorkersScaling(buildReport(results), workers);
  fs.writeFileSync(path.join(resultsDir, `${base}.md`), report + '\n');
  if (!quick && !args.only) fs.writeFileSync(path.join(REPO, 'bench/REPORT.md'), report + '\n');
  log(`results: ${path.relative(REPO, jsonFile)} and ${base}.md (work folder ${work} kept for its logs)`);
}

/**
 * Multi-core scaling: the direct proxy (1 KB, 100 connections) served by `mediate run --workers 1`
 * and `--workers 2`, interleaved. Nothing is pinned here: two workers need both CPUs, so the echo
 * backend and the load generator share them too (on a 2-core box that caps the possible gain).
 */
async function measureWorkers(work, scenario, { driver, payloadFile, durationS, warmupS, reps }) {
  const echo = await startEcho(work, undefined);
  const project = writeScenarioProject(path.join(work, 'workers-project'), [scenario], echo.port);
  const servers = {};
  try {
    for (const n of [1, 2]) servers[n] = await startMediate(work, project, undefined, ['--workers', String(n)]);
    const samplesRps = { 1: [], 2: [] };
    for (let r = 0; r < reps; r++) {
      for (const n of [1, 2]) {
        const load = { url: servers[n].url(scenario), payloadFile: payloadFile(scenario.payload, 1024), contentType: scenario.contentType, headers: scenario.headers ?? {}, connections: 100 };
        await runLoad(driver, { ...load, durationS: warmupS });
        samplesRps[n].push((await runLoad(driver, { ...load, durationS })).result.rps);
      }
    }
    return { scenario: scenario.id, size: 1024, connections: 100, samplesRps, ratio: median(samplesRps[2]) / median(samplesRps[1]) };
  } finally {
    for (const p of [...Object.values(servers), echo]) await stopProcess(p);
  }
}

/** Puts the measured scaling into the report's targets table and footprint section (report.mjs knows only "n/a"). */
function withWorkersScaling(report, workers) {
  if (!workers) return report;
  const c = checkGoal(workers.ratio, 1.7, true);
  const result = c.met ? 'met' : `missed by ${(c.by * 100).toFixed(0)} %`;
  const fmt = (xs) => xs.map((x) => Math.round(x).toLocaleString('en-US')).join(', ');
  return report
    .replace('| two workers vs one | n/a | ≥ 1.7× | not measured (see below) |', `| two workers vs one | ${workers.ratio.toFixed(2)}× | ≥ 1.7× | ${result} |`)
    .replace(
      '## Footprint and start-up\n',
      `## Footprint and start-up\n\n- multi-core scaling, direct proxy 1 KB, 100 connections, nothing pinned (servers, echo backend and load generator share the 2 CPUs): 1 worker ${fmt(workers.samplesRps[1])} req/s, 2 workers ${fmt(workers.samplesRps[2])} req/s → ${workers.ratio.toFixed(2)}× (medians)`,
    );
}

main().catch((e) => {
  process.stderr.write(`[bench] failed: ${e.stack ?? e.message}\n`);
  stopAllSync();
  process.exit(1);
});
