#!/usr/bin/env node
/**
 * `npm run dist`: packages the desktop app with electron-builder (targets in
 * electron-builder.yml). electron-builder is not a dependency of the project:
 * it downloads Electron and per-platform packaging tools while it works, which
 * our build machines cannot do, and its current release needs Node >= 22.12.
 * Where it is missing this says what to do instead of failing obscurely.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');

if (!existsSync(cli)) {
  console.error(
    [
      'npm run dist needs electron-builder and a machine that can download Electron.',
      'On such a machine (Node >= 22.12), run:',
      '  npm install --no-save electron-builder',
      '  npm run dist',
      'Packages for Linux (AppImage, deb), Windows (nsis) and macOS (dmg) go to release/.',
      'Without it, `npm start` runs the same studio in the browser.',
    ].join('\n'),
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const renderer = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'renderer'], { cwd: root, stdio: 'inherit' });
if (renderer.status !== 0) process.exit(renderer.status ?? 1);
const packaged = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(packaged.status ?? 1);
