/** `mediate validate`: report what MI would refuse, as `path:line:col: severity CODE message`. */
import type { Command } from 'commander';
import { validateProjects, formatDiagnostic, type ConfigDiagnostic } from '../../engine/index.js';
import { projectMeaningChecks } from '../services/language/project-checks.js';

/** Deployment's diagnostics plus the language service's meaning checks, in file and line order. */
export async function validateWithMeaningChecks(sources: string[]): Promise<{ diagnostics: ConfigDiagnostic[]; artifactCount: number }> {
  const report = await validateProjects(sources);
  const diagnostics = [...report.diagnostics, ...projectMeaningChecks(report.files)];
  diagnostics.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.col - b.col);
  return { diagnostics, artifactCount: report.artifactCount };
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check projects without running them; exits 1 when there are errors')
    .argument('[sources...]', 'project folders or .car files', ['.'])
    .option('--json', 'print the diagnostics as JSON')
    .action(async (sources: string[], options: { json?: boolean }) => {
      const report = await validateWithMeaningChecks(sources);
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      if (options.json) process.stdout.write(JSON.stringify(report.diagnostics, null, 2) + '\n');
      else {
        for (const d of report.diagnostics) process.stdout.write(formatDiagnostic(d) + '\n');
        process.stdout.write(`${report.artifactCount} artifacts checked: ${errors.length} error(s), ${report.diagnostics.length - errors.length} warning(s)\n`);
      }
      process.exitCode = errors.length > 0 ? 1 : 0;
    });
}
