import path from 'node:path';
import type { Command } from 'commander';
import { writeCar } from '../../../engine/index.js';
import { scanProject, type ProjectScan } from '../../../engine/index.js';

/** Where the command handlers write; injectable so tests and the studio can capture it. */
export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const processOutput: CommandOutput = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

export interface ExportDeps {
  /** Validates the project before export; errors stop the export unless --force. */
  validate?: (scan: ProjectScan) => Promise<{ errors: string[] }>;
  output?: CommandOutput;
}

interface ExportOptions {
  out?: string;
  version?: string;
  force?: boolean;
  openapi?: boolean;
}

/** `mediate export PROJECT [-o FILE.car] [--version V] [--force] [--openapi]` */
export function register(program: Command, deps: ExportDeps = {}): void {
  program
    .command('export <project>')
    .description('build a CAR (Carbon Application) from a project folder that MI deploys unchanged')
    .option('-o, --out <file>', 'output .car file or folder (default: <project>/target/<name>_<version>.car)')
    .option('--version <version>', 'application version (default: the pom.xml version)')
    .option('--force', 'export even when validation reports errors')
    .option('--openapi', 'generate an OpenAPI 3 definition for APIs that have none')
    .action(async (project: string, options: ExportOptions) => {
      process.exitCode = await runExport(project, options, deps);
    });
}

export async function runExport(project: string, options: ExportOptions, deps: ExportDeps = {}): Promise<number> {
  const io = deps.output ?? processOutput;
  let scan: ProjectScan;
  try {
    scan = await scanProject(project);
  } catch (err) {
    io.err(`error: cannot read ${project}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  for (const p of scan.problems) io.err(`warning: ${p.file}: ${p.message}`);
  if (deps.validate) {
    const { errors } = await deps.validate(scan);
    for (const e of errors) io.err(`${options.force ? 'warning' : 'error'}: ${e}`);
    if (errors.length > 0 && !options.force) {
      io.err(`error: ${errors.length} validation error(s); fix them or export with --force`);
      return 1;
    }
  }
  const out = options.out ?? (scan.layout === 'car' ? process.cwd() : path.join(scan.root, 'target'));
  try {
    const result = await writeCar(scan, { out, version: options.version, openapi: options.openapi ?? false });
    for (const w of result.warnings) io.err(`warning: ${w}`);
    const folders = result.entries.filter((e) => /^[^/]+\/$|^metadata\/[^/]+\/$/.test(e) && e !== 'metadata/').length;
    io.out(`Wrote ${result.file} (${folders} artifacts, ${result.entries.length} entries)`);
    return 0;
  } catch (err) {
    io.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
