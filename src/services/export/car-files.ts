/**
 * CAR files on the host for the studio: inspect one as MI would read it, or unpack one
 * into a new project folder. Both refuse hostile archives (engine/node/car safety checks).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { importCar, inspectCar } from '../../../engine/index.js';
import type { CarImportResult, CarReport } from '../../contract/index.js';

function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** An absolute path to an existing .car file, or a coded error the dialog can show. */
function existingCar(file: string): string {
  const trimmed = file.trim();
  if (!path.isAbsolute(trimmed)) throw coded('BAD_PATH', `Give the CAR's absolute path (${file} is relative)`);
  if (!/\.car$/i.test(trimmed)) throw coded('BAD_PATH', `${trimmed} is not a .car file`);
  if (!existsSync(trimmed) || !statSync(trimmed).isFile()) throw coded('NOT_FOUND', `No file at ${trimmed}`);
  return trimmed;
}

/** Runs a CAR read, turning a hostile-archive refusal into an RPC error with a code. */
async function guarded<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    // engine/node/car HostileCarError, matched by name (src type-checks against engine's built declarations).
    if (e instanceof Error && e.name === 'HostileCarError') throw coded('HOSTILE_CAR', e.message);
    throw e;
  }
}

export async function inspectCarFile(file: string): Promise<CarReport> {
  const car = existingCar(file);
  const report = await guarded(() => inspectCar(car));
  return {
    file: car,
    name: report.name,
    version: report.version,
    entryCount: report.entries.length,
    artifacts: report.artifacts.map((a) => ({ name: a.name, type: a.type, version: a.version, serverRole: a.serverRole, deployed: a.deployed })),
    issues: report.issues.map((i) => ({ severity: i.severity, message: i.entry ? `${i.entry}: ${i.message}` : i.message })),
  };
}

export async function importCarFile(file: string, parentFolder?: string): Promise<CarImportResult> {
  const car = existingCar(file);
  const parent = parentFolder?.trim() ? parentFolder.trim() : path.dirname(car);
  if (!path.isAbsolute(parent)) throw coded('BAD_PATH', `Give an absolute folder (${parent} is relative)`);
  const { name } = await guarded(() => inspectCar(car));
  const dir = freeFolder(parent, name.replace(/[\\/:*?"<>|]/g, '_') || path.basename(car, path.extname(car)));
  const result = await guarded(() => importCar(car, dir));
  return { dir: result.dir, fileCount: result.files.length, notes: result.notes };
}

/** parent/base, or parent/base-2, -3, … when taken. */
function freeFolder(parent: string, base: string): string {
  let candidate = path.join(parent, base);
  for (let n = 2; existsSync(candidate); n++) candidate = path.join(parent, `${base}-${n}`);
  return candidate;
}
