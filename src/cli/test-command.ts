/**
 * `mediate test [PROJECT]`: runs the project's MI unit-test suites on the
 * embedded runtime in this process (src/services/test). Exit code 0 = all
 * passed, 1 = a case failed or a suite could not run, 2 = a suite cannot be
 * read (its file, line and column are printed) or the project does not exist.
 */
import type { Command } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../engine/index.js';

interface TestCommandOptions {
  suite: string[];
  case: string[];
  reporter: string;
  out?: string;
  coverage?: boolean;
  coverageOut?: string;
  server?: boolean;
  serverPort: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('run the MI unit-test suites of a project (src/test/wso2mi/*.xml) with their mock services; exit code 0 = all pass, 1 = a failure, 2 = a suite cannot be read')
    .argument('[project]', 'project folder', '.')
    .option('--suite <file>', 'run this suite file (project-relative or absolute); repeatable', collect, [])
    .option('--case <name>', 'run only the test case of this name; repeatable', collect, [])
    .option('--reporter <kind>', 'text, json or junit', 'text')
    .option('--out <file>', 'write the report to this file (the text summary still goes to the console)')
    .option('--coverage', 'record which mediators ran: a table (text), in the report (json)')
    .option('--coverage-out <file>', 'with --coverage: also write the coverage as JSON to this file')
    .option('--server', "instead: serve MI's unit-test agent protocol (what MI's -DsynapseTest does), for MI's Maven goal and the VS Code test explorer")
    .option('--server-port <port>', 'with --server: the port (MI: -DsynapseTestPort)', '9008')
    .action(async (project: string, options: TestCommandOptions) => {
      process.exitCode = options.server ? await serveAgent(options) : await runTestCommand(project, options);
    });
}

export async function runTestCommand(project: string, options: TestCommandOptions): Promise<number> {
  if (!['text', 'json', 'junit'].includes(options.reporter)) {
    process.stderr.write('error: --reporter must be text, json or junit\n');
    return 2;
  }
  const [{ runTests }, reporters] = await Promise.all([import('../services/test/index.js'), import('../services/test/reporters.js')]);
  // Live progress on the console unless the console is the machine-readable report.
  const live = options.reporter === 'text' || options.out !== undefined;
  const headers = new Map<string, string>();
  let report;
  try {
    report = await runTests({
      project,
      // A suite path may be given from the current folder or from the project's root.
      suites: options.suite.length ? options.suite.map((s) => (existsSync(s) ? path.resolve(s) : s)) : undefined,
      cases: options.case.length ? options.case : undefined,
      coverage: options.coverage || options.coverageOut !== undefined,
      onEvent: live
        ? (e) => {
            if (e.type === 'run-started') {
              for (const info of e.suites) headers.set(info.file, reporters.suiteHeader(info));
              process.stdout.write(e.suites.length ? `Running ${e.suites.length} test suite(s) of ${e.project}\n` : `No test suites in ${e.project} (MI keeps them in src/test/wso2mi/*.xml)\n`);
            } else if (e.type === 'suite-started') process.stdout.write(`${headers.get(e.suite) ?? e.suite}\n`);
            else if (e.type === 'case-finished') process.stdout.write(reporters.caseLine(e.result) + '\n');
            else if (e.type === 'suite-finished') for (const l of reporters.problemLines(e.result)) process.stdout.write(l + '\n');
          }
        : undefined,
    });
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const formatted = options.reporter === 'json' ? JSON.stringify(report, null, 2) + '\n' : options.reporter === 'junit' ? reporters.junitReport(report) : reporters.textReport(report);
  if (options.out) write(options.out, formatted);
  else if (options.reporter !== 'text') process.stdout.write(formatted);
  if (live) {
    if (report.coverage) process.stdout.write('\n' + reporters.coverageTable(report.coverage) + '\n');
    process.stdout.write('\n' + reporters.summaryLine(report) + '\n');
    if (options.out) process.stdout.write(`${options.reporter} report written to ${options.out}\n`);
  }
  if (options.coverageOut && report.coverage) write(options.coverageOut, JSON.stringify(report.coverage, null, 2) + '\n');
  return reporters.exitCodeOf(report);
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileAtomicSync(file, text);
}

/** `--server`: runs suites sent over TCP in MI's wire form until SIGINT/SIGTERM. */
async function serveAgent(options: TestCommandOptions): Promise<number> {
  const port = Number(options.serverPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('error: --server-port must be a port number\n');
    return 2;
  }
  const { startUnitTestAgent } = await import('../services/test/mi-protocol/server.js');
  let agent;
  try {
    agent = await startUnitTestAgent({ port, coverage: options.coverage, onSuite: (s) => process.stdout.write(`suite run: ${(s.testCases as unknown[]).length} case(s), deployment ${String(s.deploymentStatus)}\n`) });
  } catch (e) {
    process.stderr.write(`error: cannot listen on port ${port}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  // MI's own line, which tools wait for.
  process.stdout.write(`Synapse unit testing agent has been established on port ${agent.port}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await agent.close();
  return 0;
}
