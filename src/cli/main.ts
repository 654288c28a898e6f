/** The `mediate` command. */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { registerRun } from './run-command.js';
import { registerValidate } from './validate-command.js';
import { registerStudio } from './studio-command.js';
import { registerSchema } from './schema-command.js';
import { register as registerExport } from './commands/export.js';
import { register as registerImport } from './commands/import.js';
import { register as registerInspect } from './commands/inspect.js';
import { validateScans, formatDiagnostic } from '../../engine/index.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('mediate')
    .description('Mediate: run, validate and package Synapse / WSO2 Micro Integrator integrations')
    .version(packageVersion(), '-v, --version');
  registerRun(program);
  registerValidate(program);
  registerExport(program, {
    validate: async (scan) => ({
      errors: validateScans([scan])
        .diagnostics.filter((d) => d.severity === 'error')
        .map(formatDiagnostic),
    }),
  });
  registerImport(program);
  registerInspect(program);
  registerStudio(program);
  registerSchema(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
