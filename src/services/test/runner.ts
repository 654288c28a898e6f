/**
 * runTests (contract in types.ts): one embedded engine for the whole run, in
 * this process, serving the project's registry resources; per suite, only the
 * artifacts the suite lists are deployed (supportive first, then the artifact
 * under test, as MI does), its mock services listen on their ports, the cases
 * run in order, and everything is undeployed and stopped before the next
 * suite. A suite that cannot be read, names a missing artifact, fails to
 * deploy or cannot start a mock is reported with its problems and the next
 * suite runs.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { MemoryLogger, scanProject, startRuntimeHost, type HttpClient, type RuntimeHost } from '../../../engine/index.js';
import { SuiteRegistry } from './suite-registry.js';
import type { RunTestsOptions, TestCaseResult, TestEvent, TestProblem, TestRunReport, TestStatus, TestSuiteResult } from './types.js';
import type { ParsedSuite } from './suite-model.js';
import { readSuites } from './discover.js';
import { CoverageRecorder, mergeCoverage } from './coverage.js';
import { FlowProbe } from './flow-probe.js';
import { runCase, type CaseEnvironment } from './case-runner.js';
import { startMockServices, type RunningMocks } from './mock-services.js';
import { toRelative } from './paths.js';

/** How long one case may wait for its response. */
const CASE_TIMEOUT_MS = 30_000;

export async function runTests(options: RunTestsOptions): Promise<TestRunReport> {
  const root = path.resolve(options.project);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`project folder not found: ${options.project}`);
  const started = Date.now();
  const emit = (e: TestEvent) => options.onEvent?.(e);
  // With case names chosen, suites holding none of them are left out (unless they cannot be read at all).
  const suites = readSuites(root, options.suites).filter((s) => !options.cases?.length || s.cases.some((c) => options.cases!.includes(c.name)) || s.cases.length === 0);
  emit({ type: 'run-started', project: root, suites: suites.map((s) => s.info) });

  const coverage = options.coverage ? new CoverageRecorder() : undefined;
  const probe = new FlowProbe();
  let mocks: RunningMocks | undefined;
  const routeToMocks = (client: HttpClient): HttpClient => ({
    send(request) {
      const target = mocks?.route(request.method, request.url);
      return client.send(target ? { ...request, url: target } : request);
    },
  });
  const registry = new SuiteRegistry(await scanProject(root));
  // The host starts empty: a suite deploys only what it lists, and nothing of the project
  // (inbound endpoints, tasks) runs on its own during tests. The project's registry resources
  // and config properties are there for every suite.
  const host = await startRuntimeHost({
    sources: [],
    port: 0,
    host: '127.0.0.1',
    logger: new MemoryLogger(),
    hooks: [probe.hook, ...(coverage ? [coverage.hook] : []), ...(options.hooks ?? [])],
    debug: options.debug,
    env: { ...process.env, ...registry.configProperties },
    wrapHttpClient: routeToMocks,
    wrapRegistry: () => registry,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const results: TestSuiteResult[] = [];
  try {
    const env: CaseEnvironment = { engine: host.engine, port: host.port, agent, probe, timeoutMs: CASE_TIMEOUT_MS };
    for (const suite of suites) {
      emit({ type: 'suite-started', suite: suite.info.file });
      registry.useSuite(suite.registryResources);
      const result = await runSuite(suite, host, env, options, coverage, (m) => (mocks = m), emit);
      results.push(result);
      emit({ type: 'suite-finished', result });
    }
  } finally {
    agent.destroy();
    await host.close();
  }
  const report: TestRunReport = {
    project: root,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    suites: results,
    summary: summarise(results),
    coverage: coverage ? mergeCoverage(results.map((r) => r.coverage ?? [])) : undefined,
  };
  emit({ type: 'run-finished', report });
  return report;
}

async function runSuite(suite: ParsedSuite, host: RuntimeHost, env: CaseEnvironment, options: RunTestsOptions, coverage: CoverageRecorder | undefined, setMocks: (m: RunningMocks | undefined) => void, emit: (e: TestEvent) => void): Promise<TestSuiteResult> {
  const started = performance.now();
  const problems: TestProblem[] = [...suite.info.problems];
  const base = { file: suite.info.file, position: suite.info.position, artifact: suite.info.artifact, problems };
  const chosen = suite.cases.filter((c) => !options.cases?.length || options.cases.includes(c.name));
  const finish = (cases: TestCaseResult[], status: TestStatus, cov?: TestSuiteResult['coverage']): TestSuiteResult => ({ ...base, status, cases, durationMs: Math.round(performance.now() - started), coverage: cov });
  // Anything wrong with the suite as a whole stops it; case-level problems only spoil their case.
  const suiteLevel = problems.filter((p) => !suite.cases.some((c) => c.problems.includes(p)));
  const unrun = (why: string): TestCaseResult[] => chosen.map((c) => ({ suite: suite.info.file, name: c.name, position: c.position, status: 'error', durationMs: 0, assertions: [], error: why }));
  if (suiteLevel.length || !suite.testArtifact) {
    const why = suiteLevel.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n') || 'the suite names no artifact under test';
    return finish(unrun(why), 'error');
  }
  const files = [...suite.supportive, suite.testArtifact];
  const deployed = host.engine.deploy(files.map((f) => ({ file: f.path, text: fs.readFileSync(f.path, 'utf8') })));
  // A debugger resolves breakpoints against what is deployed: tell it the suite's artifacts are in place.
  if (deployed.deployed.length) options.debug?.configurationUpdated();
  let running: RunningMocks | undefined;
  try {
    if (deployed.failed.length) {
      for (const f of deployed.failed) {
        const where = files.find((x) => x.path === f.file);
        const rel = where?.relative ?? toRelative(path.dirname(suite.path), f.file);
        const errors = f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${rel}:${d.line}:${d.col}: ${d.code} ${d.message}`);
        problems.push({ ...(where?.position ?? suite.info.position), code: 'ARTIFACT_BROKEN', message: `${rel} cannot be deployed: ${errors.join('; ')}` });
      }
      return finish(unrun(problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n')), 'error');
    }
    const started = await startMockServices(suite.mocks);
    if (!started.ok) {
      problems.push({ ...started.mock.info.position, code: 'MOCK_PORT', message: started.message });
      return finish(unrun(`${started.mock.info.position.file}:${started.mock.info.position.line}:${started.mock.info.position.col}: ${started.message}`), 'error');
    }
    running = started.mocks;
    setMocks(running);
    const before = coverage?.snapshot();
    const cases: TestCaseResult[] = [];
    for (const spec of chosen) {
      if (options.signal?.aborted) {
        cases.push({ suite: suite.info.file, name: spec.name, position: spec.position, status: 'skipped', durationMs: 0, assertions: [] });
        continue;
      }
      emit({ type: 'case-started', suite: suite.info.file, case: spec.name });
      const result = await runCase(env, suite, suite.testArtifact, spec);
      cases.push(result);
      emit({ type: 'case-finished', result });
    }
    const cov = coverage?.report(files, before);
    return finish(cases, worst(cases.map((c) => c.status)), cov);
  } finally {
    setMocks(undefined);
    await running?.close();
    for (const f of files) host.engine.undeploy(f.path);
  }
}

function worst(statuses: TestStatus[]): TestStatus {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('failed')) return 'failed';
  if (statuses.length && statuses.every((s) => s === 'skipped')) return 'skipped';
  return 'passed';
}

function summarise(suites: TestSuiteResult[]): TestRunReport['summary'] {
  const cases = suites.flatMap((s) => s.cases);
  return {
    suites: suites.length,
    cases: cases.length,
    passed: cases.filter((c) => c.status === 'passed').length,
    failed: cases.filter((c) => c.status === 'failed').length,
    errors: cases.filter((c) => c.status === 'error').length + suites.filter((s) => s.status === 'error' && s.cases.length === 0).length,
    skipped: cases.filter((c) => c.status === 'skipped').length,
  };
}
