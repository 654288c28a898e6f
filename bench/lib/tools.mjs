// What the bench needs besides Mediate: the load generator (wrk), nginx and Node-RED.
// Missing tools are installed when allowed (wrk and nginx from the Debian packages,
// Node-RED into bench/.cache), and otherwise left out with a note in the report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { commandExists } from './processes.mjs';
import { REPO } from './targets.mjs';

export const NODERED_CACHE = path.join(REPO, 'bench/.cache');
const NODERED_SPEC = 'node-red@4';

/** Ensures wrk and nginx; returns { wrk, nginx, notes }. */
export function ensureSystemTools({ install, log }) {
  const notes = [];
  // xmllint (libxml2-utils) is the reference `mediate validate` is reported beside.
  const packageOf = { wrk: 'wrk', nginx: 'nginx', xmllint: 'libxml2-utils' };
  const missing = ['wrk', 'nginx', 'xmllint'].filter((c) => !commandExists(c)).map((c) => packageOf[c]);
  if (missing.length && install && process.getuid?.() === 0 && commandExists('apt-get')) {
    log(`installing ${missing.join(' ')} with apt-get (they are missing)`);
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    const res = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) : update;
    notes.push(res.status === 0 ? `installed ${missing.join(' ')} with apt-get` : `apt-get could not install ${missing.join(' ')}`);
  } else if (missing.length) notes.push(`${missing.join(' ')} missing and not installed (${install ? 'not root or no apt-get' : '--no-install'})`);
  const wrk = commandExists('wrk');
  const nginx = commandExists('nginx');
  if (!wrk) notes.push('load driver: Node fallback (undici), which is slower than wrk and shares its cost with the CPU it runs on');
  if (!nginx) notes.push('nginx not measured: not installed');
  return { wrk, nginx, notes };
}

/** Ensures Node-RED in bench/.cache; returns { dir, version } or { note } when unavailable. */
export function ensureNodeRed({ install, log }) {
  const pkg = path.join(NODERED_CACHE, 'node_modules/node-red/package.json');
  if (!fs.existsSync(pkg) && install) {
    log(`installing ${NODERED_SPEC} into bench/.cache (first run only; about 30 s)`);
    fs.mkdirSync(NODERED_CACHE, { recursive: true });
    spawnSync('npm', ['install', '--prefix', NODERED_CACHE, '--no-audit', '--no-fund', '--no-save', NODERED_SPEC], { stdio: 'ignore' });
  }
  if (!fs.existsSync(pkg)) return { note: `Node-RED not measured: it is not installed in bench/.cache and could not be installed${install ? '' : ' (--no-install)'}` };
  return { dir: NODERED_CACHE, version: JSON.parse(fs.readFileSync(pkg, 'utf8')).version };
}

/** Builds dist/ (tsc -b). A failed build keeps the previous dist/ when there is one. */
export function buildMediate({ log }) {
  log('building Mediate (tsc -b)');
  const res = spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-b', path.join(REPO, 'tsconfig.json')], { encoding: 'utf8' });
  if (res.status === 0) return { note: undefined };
  if (!fs.existsSync(path.join(REPO, 'dist/src/cli/main.js'))) throw new Error(`build failed and there is no previous dist/:\n${res.stdout}${res.stderr}`);
  return { note: `build failed (the tree is being edited); measured the previous dist/: ${(res.stdout + res.stderr).split('\n')[0]}` };
}

/** Sources the studio UI bundle is built from (renderer/ imports the contract and the RPC layer). */
const RENDERER_SOURCES = ['renderer', 'src/contract', 'src/rpc', 'package-lock.json'];

/**
 * Builds dist/renderer (vite, about a minute) when a source is newer than the last build;
 * the studio measurement loads it. A failed build keeps the previous bundle when there is one.
 */
export function buildRenderer({ log }) {
  const built = path.join(REPO, 'dist/renderer/index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  if (builtAt > 0 && newestMtime(RENDERER_SOURCES.map((p) => path.join(REPO, p))) <= builtAt) return { note: undefined };
  log('building the studio UI (vite build renderer; its sources changed since the last build)');
  const res = spawnSync(process.execPath, [path.join(REPO, 'node_modules/vite/bin/vite.js'), 'build', 'renderer', '--logLevel', 'warn'], { cwd: REPO, encoding: 'utf8' });
  if (res.status === 0) return { note: undefined };
  if (!builtAt) return { note: `the studio UI did not build, so the studio is not measured: ${(res.stdout + res.stderr).trim().split('\n')[0]}` };
  return { note: `the studio UI did not build (the tree is being edited); measured the previous dist/renderer: ${(res.stdout + res.stderr).trim().split('\n')[0]}` };
}

function newestMtime(paths) {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const st = fs.statSync(p);
    if (!st.isDirectory()) newest = Math.max(newest, st.mtimeMs);
    else for (const f of fs.readdirSync(p, { recursive: true })) if (!String(f).includes('node_modules')) newest = Math.max(newest, fs.statSync(path.join(p, String(f))).mtimeMs);
  }
  return newest;
}

/** Element names of every mediator the built engine registers. */
export async function registeredMediators() {
  const engine = await import(path.join(REPO, 'dist/engine/index.js'));
  return new Set(engine.mediatorDefinitions.map((d) => d.descriptor.element));
}

/** Whether the sources dist/ is built from differ from the commit (the bench measures the working tree). */
function uncommitted() {
  const res = spawnSync('git', ['-C', REPO, 'status', '--porcelain', '--', 'engine', 'src', 'renderer', 'bin', 'package.json'], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.trim() !== '';
}

/** Versions of the machine and the tools, taken right after the build (so the commit is the one measured). */
export function versions(nodeRed) {
  const run = (cmd, args) => {
    // wrk prints its version on stdout and exits 1; nginx prints it on stderr
    const res = spawnSync(cmd, args, { encoding: 'utf8' });
    return `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n')[0].replace(/ Copyright.*$/, '') || 'n/a';
  };
  const cpuModel = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  return {
    node: process.version,
    kernel: run('uname', ['-r']),
    cpu: cpuModel,
    cpus: (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm) ?? []).length,
    memoryMb: Math.round(Number(/MemTotal:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024),
    mediate: JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version,
    mediateCommit: `${run('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'])}${uncommitted() ? ' + uncommitted changes' : ''}`,
    wrk: commandExists('wrk') ? run('wrk', ['-v']) : 'n/a',
    nginx: commandExists('nginx') ? run('nginx', ['-v']) : 'n/a',
    nodeRed: nodeRed?.version ?? 'n/a',
  };
}
