// Multi-core scaling: the direct proxy (1 KB, 100 connections) served by `mediate run
// --workers 1` and `--workers 2`, interleaved rep after rep. Nothing is pinned here: two
// workers need both CPUs, so the echo backend and the load generator share them too (on a
// 2-core box that caps the possible gain; the report says so).
import path from 'node:path';
import { startEcho, writeScenarioProject, startMediate } from './targets.mjs';
import { stopProcess } from './processes.mjs';
import { runLoad, errorCount } from './load.mjs';
import { median } from './stats.mjs';

export const WORKER_COUNTS = [1, 2];

export async function measureWorkers(work, scenario, { driver, payloadFile, durationS, warmupS, reps }) {
  const echo = await startEcho(work, undefined);
  const project = writeScenarioProject(path.join(work, 'workers-project'), [scenario], echo.port);
  const servers = {};
  try {
    for (const n of WORKER_COUNTS) servers[n] = await startMediate(work, project, undefined, ['--workers', String(n)]);
    const samplesRps = Object.fromEntries(WORKER_COUNTS.map((n) => [n, []]));
    let errors = 0;
    for (let r = 0; r < reps; r++) {
      for (const n of WORKER_COUNTS) {
        const load = { url: servers[n].url(scenario), payloadFile: payloadFile(scenario.payload, 1024), contentType: scenario.contentType, headers: scenario.headers ?? {}, connections: 100 };
        if (warmupS > 0) await runLoad(driver, { ...load, durationS: warmupS });
        const { result } = await runLoad(driver, { ...load, durationS });
        samplesRps[n].push(result.rps);
        errors += errorCount(result);
      }
    }
    return { scenario: scenario.id, size: 1024, connections: 100, samplesRps, errors, ratio: median(samplesRps[2]) / median(samplesRps[1]) };
  } finally {
    for (const p of [...Object.values(servers), echo]) await stopProcess(p);
  }
}
