// Starts the servers under test: the echo backend, Mediate serving the scenario project,
// and the references (plain-Node proxy and JSON router, nginx, Node-RED). Each target has a
// URL per scenario path, and the PID whose CPU and RSS are charged to it.
import fs from 'node:fs';
import path from 'node:path';
import { startProcess, freePort, waitForHttp } from './processes.mjs';
import { writeNginxConfig } from '../references/nginx.mjs';
import { writeNodeRedUserDir } from '../references/nodered.mjs';
import { SHARED_ARTIFACTS } from './scenarios.mjs';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SCENARIO_DIR = path.join(REPO, 'bench/scenarios');
export const MEDIATE_BIN = path.join(REPO, 'bin/mediate.js');

export async function startEcho(work, cpus) {
  const port = await freePort();
  const proc = startProcess('echo', process.execPath, [path.join(REPO, 'test/backends/cli.mjs'), 'echo', '--port', String(port), '--host', '127.0.0.1'], { cpus, logFile: path.join(work, 'logs/echo.log') });
  await waitForHttp(`http://127.0.0.1:${port}/echo`, { body: '{}', proc });
  return { ...proc, port };
}

/**
 * Copies the runnable scenarios, their own extra artifacts and the artifacts they share into `dir`,
 * pointing the echo endpoint at `echoPort` and the delivery endpoint (messaging flow) at `deliveredPort`.
 */
export function writeScenarioProject(dir, scenarios, echoPort, deliveredPort = 9001) {
  fs.mkdirSync(dir, { recursive: true });
  const files = [...SHARED_ARTIFACTS, ...scenarios.flatMap((s) => [`proxies/${s.proxy}.xml`, ...(s.artifacts ?? [])])];
  for (const rel of files) {
    const text = fs
      .readFileSync(path.join(SCENARIO_DIR, rel), 'utf8')
      .replace('http://127.0.0.1:9000/echo', `http://127.0.0.1:${echoPort}/echo`)
      .replace('http://127.0.0.1:9001/delivered', `http://127.0.0.1:${deliveredPort}/delivered`);
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export async function startMediate(work, projectDir, cpus, extraArgs = []) {
  const port = await freePort();
  const proc = startProcess('mediate', process.execPath, [MEDIATE_BIN, 'run', projectDir, '--port', String(port), '--host', '127.0.0.1', '--log-level', 'warn', ...extraArgs], { cpus, logFile: path.join(work, 'logs/mediate.log') });
  await waitForHttp(`http://127.0.0.1:${port}/services/DirectProxy`, { body: '{}', proc });
  return { ...proc, port, url: (s) => `http://127.0.0.1:${port}/services/${s.proxy}` };
}

export async function startNodeProxy(work, mode, echoPort, cpus) {
  const port = await freePort();
  const proc = startProcess(`node-${mode}`, process.execPath, [path.join(REPO, 'bench/references/node-proxy.mjs')], { cpus, env: { PROXY_PORT: String(port), UPSTREAM_PORT: String(echoPort), MODE: mode }, logFile: path.join(work, `logs/node-${mode}.log`) });
  await waitForHttp(`http://127.0.0.1:${port}/echo`, { body: '{"order":[{"symbol":"IBM"}]}', proc });
  return { ...proc, port, url: () => `http://127.0.0.1:${port}/echo` };
}

export async function startNginx(work, echoPort, cpus) {
  const port = await freePort();
  const prefix = path.join(work, 'nginx');
  const conf = writeNginxConfig(prefix, { listenPort: port, upstreamPort: echoPort });
  const proc = startProcess('nginx', 'nginx', ['-p', prefix + '/', '-e', 'stderr', '-c', conf], { cpus, logFile: path.join(work, 'logs/nginx.log') });
  await waitForHttp(`http://127.0.0.1:${port}/echo`, { body: '{}', proc });
  return { ...proc, port, url: () => `http://127.0.0.1:${port}/echo` };
}

export async function startNodeRed(work, nodeRedDir, echoPort, cpus) {
  const port = await freePort();
  const userDir = path.join(work, 'nodered-user');
  const { settingsFile } = writeNodeRedUserDir(userDir, { port, echoPort });
  const red = path.join(nodeRedDir, 'node_modules/node-red/red.js');
  const proc = startProcess('nodered', process.execPath, [red, '-u', userDir, '-s', settingsFile, 'flows.json'], { cpus, logFile: path.join(work, 'logs/nodered.log') });
  await waitForHttp(`http://127.0.0.1:${port}/passthrough`, { body: '{}', proc, timeoutMs: 60000, intervalMs: 200 });
  return { ...proc, port, url: (route) => `http://127.0.0.1:${port}/${route}` };
}
