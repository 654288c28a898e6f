// The load matrix: every (payload size, connections) cell runs every target once per rep,
// targets interleaved, so Mediate and the references see the same machine state. Each run
// is a warm-up then a measured run; CPU of the target, of the echo backend, of the load
// generator and of everything else ("foreign") is recorded, and a run disturbed by other
// processes is repeated (the least disturbed attempt is kept).
import { runLoad, errorCount } from './load.mjs';
import { cpuTicks, machineBusyTicks, rssMb, CLOCK_TICKS, sleep, waitForQuiet, waitForProcessIdle } from './processes.mjs';

/** Longest wait for a target to finish a backlog of queued requests. */
const DRAIN_MAX_S = 60;

/** Cells of the matrix for the mode. */
export function matrixCells(quick) {
  if (quick) return [{ size: 1024, conns: 50 }, { size: 10240, conns: 50 }];
  const cells = [];
  for (const size of [1024, 10240]) for (const conns of [1, 50, 200]) cells.push({ size, conns });
  cells.push({ size: 102400, conns: 50 });
  return cells;
}

/** In quick mode the 10 KB cell runs only the direct proxy and its references. */
export function targetsForCell(targets, cell, quick) {
  if (!quick || cell.size === 1024) return targets;
  return targets.filter((t) => t.scenario === 'direct' || t.kind === 'reference-passthrough');
}

const PRIME_S = 4;

/**
 * targets: [{ id, label, kind, scenario?, url, payload, contentType, headers, pid }]
 * options: { reps, durationS, warmupS, idleWaitS, driver, loadCpus, echoPid, payloadFile(kind,size), foreignLimit, maxAttempts, log }
 */
export async function runMatrix(targets, cells, options) {
  const runs = [];
  options = { ...options, primed: new Set() };
  for (let rep = 1; rep <= options.reps; rep++) {
    for (const cell of cells) {
      for (const target of targetsForCell(targets, cell, options.quick)) {
        let best;
        for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
          const run = await measureOnce(target, cell, rep, attempt, options);
          if (!best || run.foreignCores < best.foreignCores) best = run;
          if (run.foreignCores < options.foreignLimit || attempt === options.maxAttempts) break;
          options.log(`  disturbed (${run.foreignCores.toFixed(2)} cores used by other processes); repeating`);
          await sleep(2000);
        }
        runs.push(best);
        options.log(`  ${best.target} ${cell.size} B x${cell.conns}: ${best.rps.toFixed(0)} req/s p50 ${best.p50Ms.toFixed(2)} ms p99 ${best.p99Ms.toFixed(2)} ms errors ${best.errors}`);
      }
    }
  }
  return runs;
}

async function measureOnce(target, cell, rep, attempt, o) {
  const load = {
    url: target.url,
    payloadFile: o.payloadFile(target.payload, cell.size),
    contentType: target.contentType,
    headers: target.headers,
    connections: cell.conns,
  };
  // A target still working through requests queued when an earlier run stopped (its own, or
  // another scenario's of the same process) finishes them first, and so does the warm-up's.
  let { backlogS } = await waitForQuiet(target.pid, { limitCores: o.foreignLimit, idleWaitS: o.idleWaitS, drainMaxS: DRAIN_MAX_S });
  // A target's first run also gets PRIME_S of load: V8's optimising compiler runs beside the
  // process for the first seconds (per-request CPU fell 1,437 -> 1,065 -> 524 -> 280 us over a
  // fresh Mediate's first four seconds), and a quick run's first cell would measure that.
  const warmupS = o.warmupS > 0 ? o.warmupS + (o.primed.has(target.id) ? 0 : PRIME_S) : 0;
  o.primed.add(target.id);
  if (warmupS > 0) {
    await runLoad(o.driver, { ...load, durationS: warmupS }, { cpus: o.loadCpus });
    backlogS += await waitForProcessIdle(target.pid, 0.1, DRAIN_MAX_S);
  }
  const s0 = cpuTicks(target.pid);
  const e0 = cpuTicks(o.echoPid);
  const b0 = machineBusyTicks();
  const t0 = performance.now();
  const { result, loadgenTicks } = await runLoad(o.driver, { ...load, durationS: o.durationS }, { cpus: o.loadCpus });
  const seconds = (performance.now() - t0) / 1000;
  const rss = rssMb(target.pid);
  const cores = (ticks) => ticks / CLOCK_TICKS / seconds;
  const sutCores = cores(cpuTicks(target.pid) - s0);
  const echoCores = cores(cpuTicks(o.echoPid) - e0);
  const loadCores = cores(loadgenTicks);
  const foreignCores = Math.max(0, cores(machineBusyTicks() - b0) - sutCores - echoCores - loadCores);
  return {
    target: target.id,
    size: cell.size,
    conns: cell.conns,
    rep,
    attempt,
    rps: result.rps,
    p50Ms: result.p50_ms,
    p99Ms: result.p99_ms,
    maxMs: result.max_ms,
    requests: result.requests,
    errors: errorCount(result),
    errorDetail: { connect: result.err_connect, read: result.err_read, write: result.err_write, status: result.err_status, timeout: result.err_timeout },
    sutCores,
    echoCores,
    loadCores,
    foreignCores,
    rssMb: rss,
    backlogS,
  };
}
