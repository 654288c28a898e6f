/** `mediate validate`: report what MI would refuse, as `path:line:col: severity CODE message`. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { toSarif } from './sarif.js';
import { validateProjects, formatDiagnostic, type ConfigDiagnostic } from '../../engine/index.js';
import { projectMeaningChecks } from '../services/language/project-checks.js';

/** Deployment's diagnostics plus the language service's meaning checks, in file and line order. */
export async function validateWithMeaningChecks(sources: string[]): Promise<{ diagnostics: ConfigDiagnostic[]; artifactCount: number }> {
  const report = await validateProjects(sources);
  const diagnostics = [...report.diagnostics, ...projectMeaningChecks(report.files)];
  diagnostics.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.col - b.col);
  return { diagnostics, artifactCount: report.artifactCount };
}

export function registerValidate(program: Command, version = '0.0.0'): void {
  program
    .command('validate')
    .description('check projects without running them; exit code 0 = no errors, 1 = errors, 2 = cannot read the project')
    .argument('[sources...]', 'project folders or .car files', ['.'])
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--json', 'same as --format json')
    .action(async (sources: string[], options: { format: string; json?: boolean }) => {
      const format = options.json ? 'json' : options.format;
      if (!['text', 'json', 'sarif'].includes(format)) {
        process.stderr.write(`error: --format must be text, json or sarif\n`);
        process.exitCode = 2;
        return;
      }
      let report: Awaited<ReturnType<typeof validateWithMeaningChecks>>;
      try {
        for (const s of sources) if (!existsSync(s)) throw new Error(`${s}: no such file or folder`);
        report = await validateWithMeaningChecks(sources);
      } catch (e) {
        process.stderr.write(`error: cannot read the project: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 2;
        return;
      }
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      if (format === 'json') process.stdout.write(JSON.stringify(report.diagnostics, null, 2) + '\n');
      else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(report.diagnostics, process.cwd(), version), null, 2) + '\n');
      else {
        for (const d of report.diagnostics) process.stdout.write(formatDiagnostic(d) + '\n');
        process.stdout.write(`${report.artifactCount} artifacts checked: ${errors.length} error(s), ${report.diagnostics.length - errors.length} warning(s)\n`);
      }
      process.exitCode = errors.length > 0 ? 1 : 0;
    });
}
