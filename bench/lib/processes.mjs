// Child processes of the bench: started pinned to CPUs when taskset exists, stopped by
// their own PID (never by name), and observed through /proc (RSS, CPU ticks).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const started = new Set();
export const HAS_TASKSET = commandExists('taskset');
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

export function commandExists(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Spawns `cmd args` (pinned to `cpus` when given and possible), logging to `logFile`. */
export function startProcess(name, cmd, args, { cpus, logFile, env, cwd } = {}) {
  const [file, argv] = cpus !== undefined && HAS_TASKSET ? ['taskset', ['-c', String(cpus), cmd, ...args]] : [cmd, args];
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(file, argv, { stdio: ['ignore', out, out], env: { ...process.env, ...env }, cwd });
  if (typeof out === 'number') fs.closeSync(out);
  started.add(child);
  child.once('exit', () => started.delete(child));
  return { name, child, pid: child.pid };
}

/** Stops one started process by its PID: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(proc, graceMs = 3000) {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every process this module started (used on exit and on interrupt). */
export function stopAllSync() {
  for (const child of started) child.kill('SIGKILL');
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resident set size of `pid` and its descendants in MB (nginx has a master and a worker). */
export function rssMb(pid) {
  let kb = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/**
 * utime + stime ticks of `pid` and its descendants. With `reaped`, also the ticks of
 * descendants that have exited and been waited for (cutime + cstime), so the total does not
 * drop when a short-lived child (a browser's renderer process) goes away.
 */
export function cpuTicks(pid, { reaped = false } = {}) {
  let t = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      t += Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    } catch {
      // gone
    }
  }
  return t;
}

/** Non-idle ticks of the whole machine (all CPUs). */
export function machineBusyTicks() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
}

function descendants(pid) {
  const out = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const kids = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      for (const k of kids ? kids.split(/\s+/) : []) out.push(Number(k), ...descendants(Number(k)));
    }
  } catch {
    // gone, or no children file
  }
  return out;
}

/** Polls `url` until it answers `expectStatus` (POSTing `body` when given); resolves with ms waited. */
export async function waitForHttp(url, { body, contentType = 'application/json', headers = {}, timeoutMs = 30000, intervalMs = 20, expectStatus = 200, proc } = {}) {
  const t0 = performance.now();
  let last = 'no answer';
  while (performance.now() - t0 < timeoutMs) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${proc.name} exited with code ${proc.child.exitCode}`);
    try {
      const res = await fetch(url, body === undefined ? { headers } : { method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
      await res.arrayBuffer();
      if (res.status === expectStatus) return performance.now() - t0;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the whole machine uses less than `limitCores` (sampled over `sampleMs`), at most
 * `maxWaitS` seconds; resolves with the last sample so a run can say it started busy. Half a
 * second is about 100 ticks on 2 CPUs, enough to tell 0.25 cores apart from idle.
 */
export async function waitForIdle(limitCores, maxWaitS, sampleMs = 500) {
  const t0 = performance.now();
  for (;;) {
    const b0 = machineBusyTicks();
    await sleep(sampleMs);
    const busy = (machineBusyTicks() - b0) / CLOCK_TICKS / (sampleMs / 1000);
    if (busy < limitCores || (performance.now() - t0) / 1000 >= maxWaitS) return busy;
  }
}

/**
 * Waits until `pid` (and its descendants) has finished its backlog: requests still queued when
 * a load generator stopped, which would otherwise be charged to the next run. Below
 * `limitCores` in the first sample means there was none; once the process was seen busy, it
 * must stay below the limit for a whole second (a busy machine can starve it for one sample).
 * At most `maxWaitS`; resolves with the seconds waited.
 */
export async function waitForProcessIdle(pid, limitCores, maxWaitS, sampleMs = 250) {
  const t0 = performance.now();
  let busySeen = false;
  let quietMs = 0;
  for (;;) {
    const c0 = cpuTicks(pid);
    await sleep(sampleMs);
    const cores = (cpuTicks(pid) - c0) / CLOCK_TICKS / (sampleMs / 1000);
    const waited = (performance.now() - t0) / 1000;
    if (cores >= limitCores) {
      busySeen = true;
      quietMs = 0;
    } else quietMs += sampleMs;
    if ((!busySeen && quietMs > 0) || quietMs >= 1000 || waited >= maxWaitS) return waited;
  }
}

/**
 * Before a run: waits until `pid` has no backlog (as waitForProcessIdle, at most `drainMaxS`)
 * and the whole machine uses less than `limitCores` besides it (at most `idleWaitS`). One
 * sample of `sampleMs` serves both checks when all is quiet. Resolves with { backlogS, idleS }.
 */
export async function waitForQuiet(pid, { limitCores, idleWaitS, drainMaxS, sampleMs = 500 }) {
  const t0 = performance.now();
  let backlogS = 0;
  for (;;) {
    const c0 = cpuTicks(pid);
    const b0 = machineBusyTicks();
    await sleep(sampleMs);
    const own = (cpuTicks(pid) - c0) / CLOCK_TICKS / (sampleMs / 1000);
    const others = (machineBusyTicks() - b0) / CLOCK_TICKS / (sampleMs / 1000) - own;
    if (own >= 0.1) {
      backlogS += await waitForProcessIdle(pid, 0.1, drainMaxS);
      continue;
    }
    const idleS = (performance.now() - t0) / 1000 - backlogS;
    if (others < limitCores || idleS >= idleWaitS) return { backlogS, idleS };
  }
}
