import path from 'node:path';
import { analyseCar, type CarAnalysis } from './analyse.js';
import type { CarReadLimits } from './safety.js';
import { readZip } from './zip.js';

/** What a CAR holds and what MI would refuse or ignore in it, without extracting it. */
export async function inspectCar(file: string, limits: CarReadLimits = {}): Promise<CarAnalysis & { entries: string[] }> {
  const entries = await readZip(file, limits);
  const analysis = analyseCar(entries, path.basename(file).replace(/\.car$/i, ''));
  return { ...analysis, entries: entries.map((e) => e.name) };
}
