// Where Mediate's time goes on a hot path: run it with --cpu-prof under load on one
// scenario, then aggregate the profile's samples by function (self time), so the report
// can name what limits a missed target.
import fs from 'node:fs';
import path from 'node:path';
import { startProcess, stopProcess, freePort, waitForHttp } from './processes.mjs';
import { runLoad } from './load.mjs';
import { MEDIATE_BIN, REPO } from './targets.mjs';

/**
 * Self time per function of a .cpuprofile, largest first: [{ fn, where, pct }], as shares of
 * the busy (non-idle) samples taken in [fromUs, toUs] (profile clock; whole profile when omitted).
 */
export function topSelfTime(profile, limit = 15, fromUs = -Infinity, toUs = Infinity) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ticks = new Map();
  let t = profile.startTime;
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) return;
    if (byId.get(id).callFrame.functionName === '(idle)') {
      idle++;
      return;
    }
    busy++;
    ticks.set(id, (ticks.get(id) ?? 0) + 1);
  });
  const byFunction = new Map();
  for (const [id, count] of ticks) {
    const cf = byId.get(id).callFrame;
    const where = cf.url ? `${shortUrl(cf.url)}:${cf.lineNumber + 1}` : cf.functionName.startsWith('(') ? '' : 'native';
    const key = `${cf.functionName || '(anonymous)'}|${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + count);
  }
  const top = [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, count]) => ({ fn: key.split('|')[0], where: key.split('|')[1], pct: (100 * count) / busy }));
  return { idlePct: (100 * idle) / Math.max(1, idle + busy), top };
}

function shortUrl(url) {
  const file = url.replace(/^file:\/\//, '');
  return file.startsWith(REPO) ? path.relative(REPO, file) : file.replace(/^.*node_modules\//, 'node_modules/');
}

/** Profiles `scenario` of the scenario project for `durationS` under `conns` connections. */
export async function profileScenario(work, projectDir, scenario, { driver, durationS, conns, payloadFile, serverCpus, loadCpus }) {
  const port = await freePort();
  const dir = path.join(work, `profile-${scenario.id}`);
  fs.mkdirSync(dir, { recursive: true });
  const proc = startProcess(`mediate-profile-${scenario.id}`, process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, MEDIATE_BIN, 'run', projectDir, '--port', String(port), '--host', '127.0.0.1', '--log-level', 'warn'], { cpus: serverCpus, logFile: path.join(work, 'logs/profile.log') });
  const url = `http://127.0.0.1:${port}/services/${scenario.proxy}`;
  let loadStart = 0;
  let loadEnd = 0;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/services/DirectProxy`, { body: '{}', proc });
    loadStart = performance.now();
    await runLoad(driver, { url, payloadFile: payloadFile(scenario.payload, 1024), contentType: scenario.contentType, headers: scenario.headers ?? {}, connections: conns, durationS }, { cpus: loadCpus });
    loadEnd = performance.now();
  } finally {
    await stopProcess(proc, 10000);
  }
  const exited = performance.now();
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written (Mediate did not exit cleanly)');
  // Only the samples of the load window: the profile ends when the process exits, so the
  // window is placed back from the profile's end by the bench's own clock (start-up excluded).
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const fromUs = profile.endTime - (exited - loadStart) * 1000;
  const toUs = profile.endTime - (exited - loadEnd) * 1000;
  return { scenario: scenario.id, file: path.join(dir, file), ...topSelfTime(profile, 15, fromUs, toUs) };
}
