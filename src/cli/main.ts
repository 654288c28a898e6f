/** The `mediate` command. */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';

/**
 * Each subcommand's module (and what it pulls in: the engine, the studio
 * server, the CAR tools) is loaded only when that subcommand runs, or for
 * help; start-up of `mediate run` then loads only the runtime.
 */
const COMMANDS: Record<string, (program: Command) => Promise<void>> = {
  run: async (p) => (await import('./run-command.js')).registerRun(p),
  validate: async (p) => (await import('./validate-command.js')).registerValidate(p, packageVersion()),
  export: async (p) => {
    const [{ register }, { validateScans, formatDiagnostic }] = await Promise.all([import('./commands/export.js'), import('../../engine/index.js')]);
    register(p, {
      validate: async (scan) => ({
        errors: validateScans([scan])
          .diagnostics.filter((d) => d.severity === 'error')
          .map(formatDiagnostic),
      }),
    });
  },
  import: async (p) => (await import('./commands/import.js')).register(p),
  inspect: async (p) => (await import('./commands/inspect.js')).register(p),
  new: async (p) => (await import('./commands/new.js')).register(p),
  studio: async (p) => (await import('./studio-command.js')).registerStudio(p),
  schema: async (p) => (await import('./schema-command.js')).registerSchema(p),
  test: async (p) => (await import('./test-command.js')).registerTest(p),
};

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The program with the subcommands `only` names (all of them when undefined; none for --version). */
export async function buildProgram(only?: string[]): Promise<Command> {
  const program = new Command('mediate')
    .description('Mediate: run, validate and package Synapse / WSO2 Micro Integrator integrations')
    .version(packageVersion(), '-v, --version');
  for (const name of only ?? Object.keys(COMMANDS)) await COMMANDS[name]!(program);
  return program;
}

function commandsFor(argv: string[]): string[] | undefined {
  const first = argv[2];
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return [first];
  if (first === '-v' || first === '--version') return [];
  return undefined;
}

await (await buildProgram(commandsFor(process.argv))).parseAsync(process.argv);
