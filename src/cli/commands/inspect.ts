import type { Command } from 'commander';
import { inspectCar } from '../../../engine/index.js';
import { processOutput, type CommandOutput } from './export.js';
import { carLimits, type CarLimitOptions } from './car-limits.js';

export interface InspectDeps {
  output?: CommandOutput;
}

/** `mediate inspect FILE.car [--json]` — what the CAR holds and what MI would refuse. Exit code 1 when MI would refuse it. */
export function register(program: Command, deps: InspectDeps = {}): void {
  program
    .command('inspect <car>')
    .description('list the artifacts of a CAR and the problems MI would have deploying it')
    .option('--json', 'print the report as JSON')
    .option('--max-size <bytes>', 'refuse archives that inflate to more than this many bytes (default 1 GB)')
    .option('--max-ratio <n>', 'refuse archives that inflate to more than n times their size (default 100)')
    .action(async (car: string, options: InspectOptions) => {
      process.exitCode = await runInspect(car, options, deps);
    });
}

export interface InspectOptions extends CarLimitOptions {
  json?: boolean;
}

export async function runInspect(car: string, options: InspectOptions, deps: InspectDeps = {}): Promise<number> {
  const io = deps.output ?? processOutput;
  let report;
  try {
    report = await inspectCar(car, carLimits(options));
  } catch (err) {
    // A refused (hostile) archive's message already names the file and the attack.
    const refused = err instanceof Error && err.name === 'HostileCarError';
    io.err(refused ? `error: ${err.message}` : `error: cannot read ${car}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const failed = report.issues.some((i) => i.severity === 'error');
  if (options.json) {
    io.out(JSON.stringify(report, null, 2));
    return failed ? 1 : 0;
  }
  io.out(`${report.name} ${report.version ?? ''} (descriptor: ${report.descriptor ?? 'none'})`.trimEnd());
  const rows = report.artifacts.map((a) => [a.name, a.type ?? '', a.version ?? '', a.serverRole ?? '', a.file ?? '', a.deployed ? '' : 'not deployed']);
  for (const line of table(['NAME', 'TYPE', 'VERSION', 'SERVER ROLE', 'FILE', ''], rows)) io.out(line);
  for (const issue of report.issues) io.out(`${issue.severity}: ${issue.entry ? `${issue.entry}: ` : ''}${issue.message}`);
  return failed ? 1 : 0;
}

/** Renders rows as left-aligned columns separated by two spaces. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
