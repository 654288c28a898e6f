// One bench run: Mediate and its references measured in one interleaved matrix, then the
// footprint, a CPU profile, multi-core scaling and the studio; writes the results JSON and the
// Markdown report into `outDir`. `bench/run.mjs` is the command; the harness test calls this
// with a tiny configuration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIOS, splitByMediators } from './scenarios.mjs';
import { writePayloads } from './payloads.mjs';
import { ensureSystemTools, ensureNodeRed, buildMediate, buildRenderer, registeredMediators, versions } from './tools.mjs';
import { REPO, startEcho, writeScenarioProject, startMediate, startNodeProxy, startNginx, startNodeRed } from './targets.mjs';
import { stopProcess, stopAllSync, rssMb, sleep } from './processes.mjs';
import { matrixCells, runMatrix } from './matrix.mjs';
import { smokeCheck } from './smoke.mjs';
import { measureColdStart, measureRedeploy, measureCli, measureModuleLoad } from './footprint.mjs';
import { profileScenario } from './profile.mjs';
import { measureStudio, studioUnavailable } from './studio.mjs';
import { measureWorkers } from './workers.mjs';
import { buildReport } from './report.mjs';

/**
 * Per-mode defaults (README "Run time" gives the arithmetic). Full: 7 cells × 13 targets × 3
 * reps = 273 runs of about 8 s (idle check 0.5 s, warm-up 2 s, backlog check, measured 5 s,
 * process start) ≈ 37 min, plus about 4 min of build, footprint, profiles, scaling and studio.
 * Quick: 17 runs of about 4 s plus one sample of each other step ≈ 2.5 min.
 */
export const MODE_DEFAULTS = {
  full: { reps: 3, durationS: 5, warmupS: 2, idleWaitS: 60, maxAttempts: 3, moduleLoadReps: 5, coldReps: 5, redeployReps: 10, cliReps: 3, workersReps: 3, studioReps: 5 },
  quick: { reps: 1, durationS: 2, warmupS: 1, idleWaitS: 5, maxAttempts: 2, moduleLoadReps: 3, coldReps: 1, redeployReps: 3, cliReps: 1, workersReps: 1, studioReps: 2 },
};
/** Steps besides the load matrix that `skip` can leave out. */
export const OPTIONAL_STEPS = ['profile', 'footprint', 'workers', 'studio'];
/** Reference ids `refs` can choose from (nodered = its pass-through and CBR flows). */
export const REFERENCES = ['node-proxy', 'node-cbr', 'nginx', 'nodered'];
const FOREIGN_LIMIT = 0.25;
const STUDIO_FLOW_SIZE = 500;

/**
 * options: { quick, reps?, durationS?, warmupS?, idleWaitS?, maxAttempts?, install = true,
 * build = true, only?: scenario ids, refs?: REFERENCES subset, nodeLoad = false, skip?: OPTIONAL_STEPS
 * subset, outDir = bench/results, writeReport?: also write bench/REPORT.md, log }.
 * Resolves with { results, report, jsonFile, mdFile, work }.
 */
export async function runBench(options) {
  const quick = Boolean(options.quick);
  const mode = MODE_DEFAULTS[quick ? 'quick' : 'full'];
  const pick = (key) => options[key] ?? mode[key];
  const params = { reps: pick('reps'), durationS: pick('durationS'), warmupS: pick('warmupS'), foreignLimit: FOREIGN_LIMIT, idleWaitS: pick('idleWaitS'), maxAttempts: pick('maxAttempts') };
  const skip = new Set(options.skip ?? []);
  const refs = new Set(options.refs ?? REFERENCES);
  const log = options.log ?? ((line) => process.stdout.write(`[bench] ${line}\n`));
  const outDir = options.outDir ?? path.join(REPO, 'bench/results');
  const started = new Date();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-bench-'));
  fs.mkdirSync(path.join(work, 'logs'));
  const phases = {};
  const phase = async (name, fn) => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      phases[name] = Math.round((performance.now() - t0) / 100) / 10;
    }
  };

  // The reference rig's 2-core layout: every server (backend included) on CPU 0, the load
  // generator alone on the last CPU.
  const cpuCount = os.cpus().length;
  const serverCpus = cpuCount >= 2 ? '0' : undefined;
  const loadCpus = cpuCount >= 2 ? String(cpuCount - 1) : undefined;

  const notes = [];
  const notMeasured = [];
  const procs = [];
  try {
    const install = options.install !== false;
    const { tools, nodeRed } = await phase('setup', async () => {
      const t = ensureSystemTools({ install, log });
      notes.push(...t.notes);
      const red = refs.has('nodered') ? ensureNodeRed({ install, log }) : { note: undefined };
      if (red.note) notes.push(red.note);
      if (options.build !== false) {
        for (const b of [buildMediate({ log }), skip.has('studio') ? {} : buildRenderer({ log })]) if (b.note) notes.push(b.note);
      }
      return { tools: t, nodeRed: red };
    });
    // Taken after the build: the commit (and whether the tree had uncommitted changes) that dist/ was built from.
    const builtVersions = versions(nodeRed);
    const registered = await registeredMediators();
    const wanted = options.only ? SCENARIOS.filter((s) => options.only.includes(s.id)) : SCENARIOS;
    const { runnable, skipped } = splitByMediators(wanted, registered);
    for (const s of skipped) notes.push(`scenario "${s.scenario.label}" skipped: ${s.reason}`);
    const driver = tools.wrk && !options.nodeLoad ? 'wrk' : 'node';

    const cells = matrixCells(quick);
    const payloadFile = writePayloads(path.join(work, 'payloads'), ['json', 'xml', 'soap'], [...new Set(cells.map((c) => c.size))]);

    log(`work folder ${work}`);
    const { targets, mediate, echo } = await phase('start targets', () => startTargets({ work, runnable, refs, tools, nodeRed, serverCpus, notes, procs }));
    const smoke = await smokeCheck(targets, payloadFile, cells[0].size);
    for (const s of smoke.filter((x) => !x.ok)) notes.push(`smoke check: ${s.target}: ${s.problem}`);
    const measured = targets.filter((t) => smoke.find((s) => s.target === t.id)?.ok);
    for (const t of targets.filter((x) => !measured.includes(x))) notes.push(`${t.label} not measured: its smoke check failed`);

    await sleep(quick ? 1000 : 2000);
    const idleRssMb = rssMb(mediate.pid);
    log(`Mediate idle RSS ${idleRssMb.toFixed(1)} MB; load driver ${driver}; ${measured.length} targets`);
    const runs = await phase('matrix', () => runMatrix(measured, cells, { ...params, quick, driver, loadCpus, echoPid: echo.pid, payloadFile, log }));
    const loadRssMb = Math.max(...runs.filter((r) => r.target.startsWith('mediate:')).map((r) => r.rssMb));
    const profiles = [];
    if (!skip.has('profile')) {
      await phase('profile', async () => {
        for (const s of runnable.filter((x) => x.id === 'direct' || (!quick && x.id === 'cbr-json'))) {
          log(`profiling ${s.id} (--cpu-prof)`);
          try {
            profiles.push(await profileScenario(work, mediate.project, s, { driver, durationS: params.durationS, conns: 50, payloadFile, serverCpus, loadCpus }));
          } catch (e) {
            notes.push(`profile of ${s.id} failed: ${e.message}`);
          }
        }
      });
    }
    for (const p of procs.splice(0).reverse()) await stopProcess(p);

    const footprint = { idleRssMb, loadRssMb, coldStart: [], cli: [], errors: [] };
    if (!skip.has('footprint')) await phase('footprint', () => measureFootprint(work, footprint, { mode, serverCpus, log }));

    let workers;
    const direct = runnable.find((s) => s.id === 'direct');
    if (skip.has('workers')) notMeasured.push('multi-core scaling (1 → 2 workers): left out of this run (--skip workers)');
    else if (!direct) notMeasured.push('multi-core scaling (1 → 2 workers): needs the direct scenario, which this run left out');
    else {
      log('multi-core scaling: --workers 1 vs --workers 2');
      workers = await phase('workers', async () => {
        try {
          const w = await measureWorkers(work, direct, { driver, payloadFile, durationS: params.durationS, warmupS: params.warmupS, reps: pick('workersReps') });
          log(`  1 worker ${w.samplesRps[1].map((x) => x.toFixed(0)).join(', ')} req/s; 2 workers ${w.samplesRps[2].map((x) => x.toFixed(0)).join(', ')} req/s`);
          return w;
        } catch (e) {
          notMeasured.push(`multi-core scaling (1 → 2 workers): ${e.message}`);
          return undefined;
        }
      });
    }

    let studio;
    const studioMissing = skip.has('studio') ? 'left out of this run (--skip studio)' : studioUnavailable();
    if (studioMissing) notMeasured.push(`studio first load and ${STUDIO_FLOW_SIZE}-mediator canvas: ${studioMissing}`);
    else {
      log(`studio: first load of the sample, canvas of ${STUDIO_FLOW_SIZE} mediators (Chromium)`);
      studio = await phase('studio', async () => {
        try {
          return await measureStudio(work, { reps: pick('studioReps'), flowSize: STUDIO_FLOW_SIZE, foreignLimit: FOREIGN_LIMIT, idleWaitS: params.idleWaitS, maxAttempts: params.maxAttempts, log });
        } catch (e) {
          notMeasured.push(`studio: the measurement failed: ${e.message.split('\n')[0]}`);
          return undefined;
        }
      });
    }

    fs.mkdirSync(outDir, { recursive: true });
    const base = `${started.toISOString().slice(0, 10)}${quick ? '-quick' : ''}`;
    const jsonFile = path.join(outDir, `${base}.json`);
    const mdFile = path.join(outDir, `${base}.md`);
    const results = {
      mode: quick ? 'quick' : 'full',
      date: started.toISOString(),
      jsonFile: path.relative(REPO, jsonFile),
      versions: builtVersions,
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
      studio,
      phasesS: phases,
      totalS: Math.round((Date.now() - started.getTime()) / 1000),
    };
    fs.writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
    const report = buildReport(results);
    fs.writeFileSync(mdFile, report + '\n');
    if (options.writeReport) fs.writeFileSync(path.join(REPO, 'bench/REPORT.md'), report + '\n');
    return { results, report, jsonFile, mdFile, work };
  } finally {
    for (const p of procs.reverse()) await stopProcess(p);
    stopAllSync();
  }
}

/** Echo backend, Mediate on the scenario project, and the chosen references; every process goes into `procs`. */
async function startTargets({ work, runnable, refs, tools, nodeRed, serverCpus, notes, procs }) {
  const echo = await startEcho(work, serverCpus);
  procs.push(echo);
  const project = writeScenarioProject(path.join(work, 'scenario-project'), runnable, echo.port);
  const mediate = await startMediate(work, project, serverCpus);
  procs.push(mediate);
  mediate.project = project;
  const targets = runnable.map((s, i) => ({ id: `mediate:${s.id}`, label: `Mediate: ${s.label}`, kind: 'mediate', scenario: s.id, url: mediate.url(s), payload: s.payload, contentType: s.contentType, headers: s.headers ?? {}, pid: mediate.pid, refs: s.refs, echoesBody: s.echoesBody, order: i }));
  const jsonRef = { payload: 'json', contentType: 'application/json', headers: {}, echoesBody: true };
  for (const [id, mode, label, kind, order] of [
    ['node-proxy', 'passthrough', 'plain-Node proxy (limit)', 'reference-passthrough', 50],
    ['node-cbr', 'cbr', 'plain-Node JSON CBR (limit)', 'reference', 51],
  ]) {
    if (!refs.has(id)) continue;
    const proxy = await startNodeProxy(work, mode, echo.port, serverCpus);
    procs.push(proxy);
    targets.push({ id, label, kind, url: proxy.url(), pid: proxy.pid, order, ...jsonRef });
  }
  if (tools.nginx && refs.has('nginx')) {
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
  return { targets, mediate, echo };
}

/** Cold start, redeploy, validate/export and the CLI baseline; a failed step is recorded in `footprint.errors`. */
async function measureFootprint(work, footprint, { mode, serverCpus, log }) {
  log('start-up and footprint');
  footprint.moduleLoad = measureModuleLoad(mode.moduleLoadReps, serverCpus);
  for (const count of [10, 100, 1000]) {
    try {
      const c = await measureColdStart(work, count, mode.coldReps, serverCpus);
      footprint.coldStart.push(c);
      log(`  cold start ${count} artifacts: ${c.samplesMs.map((x) => x.toFixed(0)).join(', ')} ms`);
    } catch (e) {
      footprint.errors.push(`cold start of ${count} artifacts: ${e.message}`);
    }
  }
  try {
    footprint.redeploy = await measureRedeploy(work, mode.redeployReps, serverCpus);
    log(`  redeploy: ${footprint.redeploy.samplesMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  } catch (e) {
    footprint.errors.push(`redeploy: ${e.message}`);
  }
  try {
    const c = measureCli(work, 1000, mode.cliReps, serverCpus);
    footprint.cli.push(c);
    log(`  validate ${c.validateMs.map((x) => x.toFixed(0)).join(', ')} ms; export ${c.exportMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  } catch (e) {
    footprint.errors.push(`validate/export: ${e.message}`);
  }
}
