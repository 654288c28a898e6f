#!/usr/bin/env node
// Files through a file inbound endpoint to a vfs: endpoint (poll, read, inject, write the copy
// with temp-then-rename, delete the original) beside a plain-Node poll-and-move reference doing
// the same work in the same process tree. Prints files/s, MB/s and the ratio Mediate/reference.
// Measures the dist/ build (run `npx tsc -b tsconfig.json` first).
//   node bench/files.mjs [--files 400] [--size 4096] [--interval 50]
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { files: { type: 'string', default: '400' }, size: { type: 'string', default: '4096' }, interval: { type: 'string', default: '50' } } });
const FILES = Number(values.files);
const SIZE = Number(values.size);
const INTERVAL = Number(values.interval);
const { startRuntimeHost, silentLogger } = await import(path.join(repo, 'dist/engine/index.js'));

function folders(tag) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `mediate-bench-files-${tag}-`));
  for (const d of ['in', 'out', 'project']) fs.mkdirSync(path.join(root, d));
  return { root, in: path.join(root, 'in'), out: path.join(root, 'out'), project: path.join(root, 'project') };
}

function writeInputs(dir) {
  const body = Buffer.alloc(SIZE, 'x');
  for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(dir, `f${String(i).padStart(6, '0')}.txt`), body);
}

async function waitForCount(dir, n) {
  for (;;) {
    const names = (await fsp.readdir(dir)).filter((f) => !f.startsWith('.'));
    if (names.length >= n) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function mediate() {
  const d = folders('mediate');
  const NS = 'http://ws.apache.org/ns/synapse';
  fs.writeFileSync(path.join(d.project, 'Copy.xml'), `<sequence xmlns="${NS}" name="Copy"><property name="transport.vfs.ReplyFileName" expression="get-property('transport','FILE_NAME')" scope="transport"/><property name="OUT_ONLY" value="true"/><call><endpoint><address uri="vfs:file://${d.out}"/></endpoint></call></sequence>`);
  fs.writeFileSync(path.join(d.project, 'Files.xml'), `<inboundEndpoint xmlns="${NS}" name="Files" protocol="file" sequence="Copy"><parameters><parameter name="interval">${INTERVAL}</parameter><parameter name="transport.vfs.FileURI">file://${d.in}</parameter><parameter name="transport.vfs.ContentType">application/octet-stream</parameter><parameter name="transport.vfs.Locking">disable</parameter></parameters></inboundEndpoint>`);
  writeInputs(d.in);
  const started = performance.now();
  const host = await startRuntimeHost({ sources: [d.project], port: 0, host: '127.0.0.1', logger: silentLogger, env: {} });
  await waitForCount(d.out, FILES);
  const ms = performance.now() - started;
  await host.close();
  fs.rmSync(d.root, { recursive: true, force: true });
  return ms;
}

/** The reference: poll, read, write temp + rename, delete, one file at a time. */
async function reference() {
  const d = folders('node');
  writeInputs(d.in);
  const started = performance.now();
  let done = 0;
  while (done < FILES) {
    for (const name of (await fsp.readdir(d.in)).sort()) {
      const data = await fsp.readFile(path.join(d.in, name));
      const temp = path.join(d.out, `.${name}.tmp`);
      await fsp.writeFile(temp, data);
      await fsp.rename(temp, path.join(d.out, name));
      await fsp.rm(path.join(d.in, name));
      done++;
    }
    if (done < FILES) await new Promise((r) => setTimeout(r, INTERVAL));
  }
  const ms = performance.now() - started;
  fs.rmSync(d.root, { recursive: true, force: true });
  return ms;
}

const rows = [];
for (const [label, run] of [['plain Node poll-and-move', reference], ['Mediate file inbound -> vfs:', mediate]]) {
  await run(); // warm-up
  const ms = await run();
  rows.push({ label, ms, filesPerSec: FILES / (ms / 1000), mbPerSec: (FILES * SIZE) / 1e6 / (ms / 1000) });
}
console.log(`\n${FILES} files of ${SIZE} bytes, poll interval ${INTERVAL} ms\n`);
console.log('| target | time (ms) | files/s | MB/s |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.label} | ${r.ms.toFixed(0)} | ${r.filesPerSec.toFixed(0)} | ${r.mbPerSec.toFixed(2)} |`);
console.log(`\nratio Mediate / reference (files/s): ${(rows[1].filesPerSec / rows[0].filesPerSec).toFixed(2)}`);
