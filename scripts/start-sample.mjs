#!/usr/bin/env node
/**
 * `npm start`: the sample's stand-in hospital backend on 9090 (unless something
 * already listens there), then the studio on samples/hospital. The studio opens
 * the desktop app where Electron is installed, and browser mode otherwise; it
 * prints the URL to open.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BACKEND_PORT = 9090;

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const children = [];
if (await portInUse(BACKEND_PORT)) {
  console.log(`Port ${BACKEND_PORT} is busy; using whatever listens there as the hospital backend.`);
} else {
  const backend = spawn(process.execPath, [path.join(root, 'test/backends/cli.mjs'), 'hospital', '--port', String(BACKEND_PORT)], { stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(backend);
}

const studio = spawn(process.execPath, [path.join(root, 'bin/mediate.js'), 'studio', path.join(root, 'samples/hospital'), ...process.argv.slice(2)], { stdio: 'inherit' });
children.push(studio);

const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
studio.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});
