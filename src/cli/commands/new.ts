import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { importOpenApi } from '../../services/workspace/openapi/import-openapi.js';
import { OpenApiError } from '../../services/workspace/openapi/openapi-document.js';
import { processOutput, type CommandOutput } from './export.js';

export interface NewApiOptions {
  fromOpenapi: string;
  name?: string;
  context?: string;
}

/** `mediate new api --from-openapi FILE [--name N] [--context /c] [PROJECT]` */
export function register(program: Command, deps: { output?: CommandOutput } = {}): void {
  const create = program.command('new').description('add an artifact to an MI project');
  create
    .command('api [project]')
    .description('a REST API made from an OpenAPI 3 or Swagger 2 document (JSON or YAML): one resource per path, the document kept beside it')
    .requiredOption('--from-openapi <file>', 'the OpenAPI / Swagger document')
    .option('--name <name>', "the API's name (default: the document's title)")
    .option('--context <context>', "the API's context (default: the document's base path)")
    .action((project: string | undefined, options: NewApiOptions) => {
      process.exitCode = runNewApi(project ?? '.', options, deps.output);
    });
}

export function runNewApi(project: string, options: NewApiOptions, output: CommandOutput = processOutput): number {
  try {
    const file = path.resolve(options.fromOpenapi);
    const text = fs.readFileSync(file, 'utf8');
    const plan = importOpenApi(path.resolve(project), text, path.basename(file), { name: options.name, context: options.context });
    output.out(`Created API ${plan.api.name} (context ${plan.api.context}, ${plan.api.resources.length} resources)`);
    output.out(`  ${plan.apiFile}`);
    output.out(`  ${plan.definitionFile}`);
    return 0;
  } catch (err) {
    const problems = err instanceof OpenApiError ? err.problems : [err instanceof Error ? err.message : String(err)];
    for (const p of problems) output.err(`error: ${p}`);
    return 1;
  }
}
