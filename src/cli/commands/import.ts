import path from 'node:path';
import type { Command } from 'commander';
import { importCar, inspectCar } from '../../../engine/index.js';
import { processOutput, type CommandOutput } from './export.js';
import { carLimits, type CarLimitOptions } from './car-limits.js';

export interface ImportDeps {
  output?: CommandOutput;
}

/** `mediate import FILE.car [-o DIR]` */
export function register(program: Command, deps: ImportDeps = {}): void {
  program
    .command('import <car>')
    .description('unpack a CAR into a new MI VS Code project')
    .option('-o, --out <dir>', 'project folder to create (default: ./<application name>)')
    .option('--max-size <bytes>', 'refuse archives that inflate to more than this many bytes (default 1 GB)')
    .option('--max-ratio <n>', 'refuse archives that inflate to more than n times their size (default 100)')
    .action(async (car: string, options: ImportOptions) => {
      process.exitCode = await runImport(car, options, deps);
    });
}

export interface ImportOptions extends CarLimitOptions {
  out?: string;
}

export async function runImport(car: string, options: ImportOptions, deps: ImportDeps = {}): Promise<number> {
  const io = deps.output ?? processOutput;
  try {
    const limits = carLimits(options);
    const dir = options.out ?? path.resolve((await inspectCar(car, limits)).name.replace(/[\\/:*?"<>|]/g, '_'));
    const result = await importCar(car, dir, limits);
    for (const note of result.notes) io.err(`note: ${note}`);
    io.out(`Created ${result.dir} (${result.files.length} files)`);
    return 0;
  } catch (err) {
    io.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
