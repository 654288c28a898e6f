#!/usr/bin/env node
/**
 * Enforces who may import whom (DESIGN §2), so a wrong import fails the build:
 * - engine/ never imports src/, renderer/, electron or react;
 * - engine/ outside engine/node/ never imports node:* built-ins (or Node-only packages);
 * - src/ imports the engine only through engine/index.ts;
 * - renderer/ imports neither engine/, node:* nor electron, only src/contract and src/rpc.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const NODE_ONLY_PACKAGES = ['undici', 'chokidar', 'pino', 'yazl', 'yauzl', 'commander', 'ws', 'better-sqlite3', 'pg', 'mysql2', 'amqplib', 'mqtt'];
const violations = [];

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mts)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !p.includes(`${path.sep}fixtures${path.sep}`)) yield p;
  }
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

for (const file of [...files(path.join(root, 'engine')), ...files(path.join(root, 'src')), ...files(path.join(root, 'renderer'))]) {
  const rel = path.relative(root, file);
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    const resolved = spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), spec)) : undefined;
    const zone = rel.split(path.sep)[0];
    const fail = (why) => violations.push(`${rel}: imports '${spec}': ${why}`);
    if (zone === 'engine') {
      if (resolved && !resolved.startsWith('engine')) fail('engine/ may not import outside engine/');
      if (/^(electron|react|react-dom)(\/|$)/.test(spec)) fail('engine/ knows nothing of hosts');
      const inNode = rel.startsWith(`engine${path.sep}node${path.sep}`);
      if (!inNode && (spec.startsWith('node:') || NODE_ONLY_PACKAGES.some((p) => spec === p || spec.startsWith(p + '/')))) fail('Node APIs only under engine/node/');
      if (!inNode && rel !== path.join('engine', 'index.ts') && resolved && resolved.startsWith(`engine${path.sep}node`)) fail('engine/ outside node/ may not depend on engine/node/');
    } else if (zone === 'src') {
      if (resolved && resolved.startsWith('engine') && resolved !== path.join('engine', 'index.js')) fail('src/ uses the engine only through engine/index.ts');
      if (resolved && resolved.startsWith('renderer')) fail('src/ may not import the renderer');
    } else if (zone === 'renderer') {
      if (resolved && resolved.startsWith('engine')) fail('the renderer never imports engine/');
      if (resolved && resolved.startsWith('src') && !resolved.startsWith(path.join('src', 'contract')) && !resolved.startsWith(path.join('src', 'rpc'))) fail('the renderer knows only src/contract and src/rpc');
      if (spec.startsWith('node:') || /^electron(\/|$)/.test(spec)) fail('the renderer has no Node or Electron');
    }
  }
}

if (violations.length) {
  for (const v of violations) console.error(v);
  console.error(`check-imports: ${violations.length} violation(s)`);
  process.exit(1);
}
console.log('check-imports: ok');
