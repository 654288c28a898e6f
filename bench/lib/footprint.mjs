// Start-up and footprint measurements on generated projects: cold start to the first served
// request, redeploy latency after a save (--watch), and the wall time of `mediate validate`
// and `mediate export`. Every process is started and stopped here, by PID.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startProcess, stopProcess, freePort, rssMb, sleep, HAS_TASKSET } from './processes.mjs';
import { generateProject, apiXml } from './generate-project.mjs';
import { MEDIATE_BIN } from './targets.mjs';

async function firstOk(url, proc, { timeoutMs = 60000, intervalMs = 5, until = () => true } = {}) {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (proc.child.exitCode !== null) throw new Error(`mediate exited with code ${proc.child.exitCode}`);
    try {
      const res = await fetch(url);
      const text = await res.text();
      if (res.status === 200 && until(text)) return performance.now();
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} gave no expected answer within ${timeoutMs} ms`);
}

/** Cold start: spawn `mediate run` on a fresh N-artifact project, time until GET /gen0 answers 200. */
export async function measureColdStart(work, count, reps, cpus) {
  const dir = path.join(work, `gen-${count}`);
  generateProject(dir, count);
  const samples = [];
  let idleRss;
  for (let r = 0; r < reps; r++) {
    const port = await freePort();
    const t0 = performance.now();
    const proc = startProcess(`mediate-cold-${count}`, process.execPath, [MEDIATE_BIN, 'run', dir, '--port', String(port), '--host', '127.0.0.1', '--log-level', 'warn'], { cpus, logFile: path.join(work, `logs/cold-${count}.log`) });
    try {
      const t1 = await firstOk(`http://127.0.0.1:${port}/gen0`, proc, { intervalMs: 5 });
      samples.push(t1 - t0);
      await sleep(1000);
      idleRss = rssMb(proc.pid);
    } finally {
      await stopProcess(proc);
    }
  }
  return { artifacts: count, samplesMs: samples, idleRssMb: idleRss };
}

/**
 * Redeploy: `mediate run --watch`; rewrite one API and time until it serves the new version.
 * Timing starts once the command printed that it is ready (the watcher is set up by then). A
 * save not served within 10 s is counted as missed, and the next save is timed as usual.
 */
export async function measureRedeploy(work, reps, cpus) {
  const dir = path.join(work, 'gen-redeploy');
  const apiFile = generateProject(dir, 10);
  const port = await freePort();
  const logFile = path.join(work, 'logs/redeploy.log');
  const proc = startProcess('mediate-watch', process.execPath, [MEDIATE_BIN, 'run', dir, '--watch', '--port', String(port), '--host', '127.0.0.1', '--log-level', 'warn'], { cpus, logFile });
  const url = `http://127.0.0.1:${port}/gen0`;
  const samples = [];
  let missed = 0;
  try {
    await firstOk(url, proc);
    while (!fs.readFileSync(logFile, 'utf8').includes('runtime ready')) await sleep(20);
    await sleep(300);
    for (let r = 0; r < reps; r++) {
      const version = r + 2;
      const t0 = performance.now();
      fs.writeFileSync(apiFile, apiXml(0, version));
      try {
        const t1 = await firstOk(url, proc, { intervalMs: 2, timeoutMs: 10000, until: (text) => text.includes(`"v${version}"`) });
        samples.push(t1 - t0);
      } catch (e) {
        if (proc.child.exitCode !== null) throw e;
        missed++;
      }
      await sleep(300);
    }
  } finally {
    await stopProcess(proc);
  }
  if (samples.length === 0) throw new Error(`none of ${reps} saves was served within 10 s`);
  return { samplesMs: samples, missed };
}

/** Wall time of `mediate validate` and `mediate export` (each a fresh process) on an N-artifact project. */
export function measureCli(work, count, reps, cpus) {
  const dir = path.join(work, `gen-${count}`);
  if (!fs.existsSync(dir)) generateProject(dir, count);
  const timed = (args) => {
    const pinned = cpus !== undefined && HAS_TASKSET ? ['taskset', ['-c', String(cpus), process.execPath, MEDIATE_BIN, ...args]] : [process.execPath, [MEDIATE_BIN, ...args]];
    const t0 = performance.now();
    const res = spawnSync(pinned[0], pinned[1], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (res.status !== 0) throw new Error(`mediate ${args[0]} failed: ${res.stderr || res.stdout}`);
    return ms;
  };
  const validate = [];
  const exportMs = [];
  const xmllintMs = [];
  // The reference for `mediate validate`: Debian's xmllint validating the same files against the
  // XSD set `mediate schema` exports (structure only; our validate also checks meaning).
  const schemaDir = path.join(work, 'schema');
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.xml')).map((f) => path.join(dir, f));
  const haveXmllint = spawnSync('xmllint', ['--version']).status === 0;
  if (haveXmllint && !fs.existsSync(path.join(schemaDir, 'synapse.xsd'))) timed(['schema', '--out', schemaDir]);
  for (let r = 0; r < reps; r++) {
    validate.push(timed(['validate', dir]));
    exportMs.push(timed(['export', dir, '-o', path.join(work, `gen-${count}.car`)]));
    if (haveXmllint) {
      const t0 = performance.now();
      const res = spawnSync('xmllint', ['--noout', '--schema', path.join(schemaDir, 'synapse.xsd'), ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (res.status === 0) xmllintMs.push(performance.now() - t0);
    }
  }
  return { artifacts: count, validateMs: validate, exportMs, xmllintMs, xmllint: haveXmllint ? 'xmllint --schema (our exported XSD)' : 'not measured: xmllint absent (apt-get install libxml2-utils)' };
}

/** Baseline of every cold start: a fresh process that only loads the CLI (`mediate --version`). */
export function measureModuleLoad(reps, cpus) {
  const samples = [];
  for (let r = 0; r < reps; r++) {
    const [cmd, argv] = cpus !== undefined && HAS_TASKSET ? ['taskset', ['-c', String(cpus), process.execPath, MEDIATE_BIN, '--version']] : [process.execPath, [MEDIATE_BIN, '--version']];
    const t0 = performance.now();
    spawnSync(cmd, argv, { stdio: 'ignore' });
    samples.push(performance.now() - t0);
  }
  return { samplesMs: samples };
}
