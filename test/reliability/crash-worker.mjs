#!/usr/bin/env node
/**
 * A child process for the crash-safety test: repeats one kind of write for
 * ever, through the project's real code (the built dist/), until the test
 * kills it with SIGKILL. Prints `ready` once the first write is complete.
 *
 *   crash-worker.mjs export PROJECT_A PROJECT_B OUT.car   alternately exports A and B to one CAR
 *   crash-worker.mjs import CAR PARENT                     imports the CAR into PARENT/p1, p2, ...
 *   crash-worker.mjs save PROJECT FILE A_FILE B_FILE       saves A's text, then B's, ... into FILE
 *                                                          with the studio's workspace service
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const engine = await import(path.join(dist, 'engine/index.js'));
const [mode, ...args] = process.argv.slice(2);

let announced = false;
const announce = () => {
  if (!announced) process.stdout.write('ready\n');
  announced = true;
};

if (mode === 'export') {
  const [a, b, out] = args;
  const scans = [await engine.scanProject(a), await engine.scanProject(b)];
  for (let i = 0; ; i++) {
    await engine.writeCar(scans[i % 2], { out });
    announce();
  }
} else if (mode === 'import') {
  const [car, parent] = args;
  for (let i = 1; ; i++) {
    await engine.importCar(car, path.join(parent, `p${i}`));
    announce();
  }
} else if (mode === 'save') {
  const [project, file, aFile, bFile] = args;
  const { NodeWorkspaceService } = await import(path.join(dist, 'src/services/workspace/workspace-service.js'));
  const workspace = new NodeWorkspaceService({ emit: () => undefined, settingsDir: path.join(project, '..', 'settings') });
  await workspace.openFolder(project);
  const texts = [readFileSync(aFile, 'utf8'), readFileSync(bFile, 'utf8')];
  for (let i = 0; ; i++) {
    await workspace.writeFile(file, texts[i % 2]);
    announce();
  }
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
