/**
 * The unit-test runner's contract (issue #17): what `mediate test` and the
 * studio's Test Explorer both use.
 *
 * - `listTests(project)` reads every suite of a project (`src/test/wso2mi/*.xml`,
 *   MI's `<unit-test>` format, ../shared/reference/unit-test-format.md) without
 *   running anything: suites, their cases and mock services, with positions.
 *   A suite that cannot be read is listed with its `problems`, never thrown.
 * - `runTests(options)` runs the chosen suites on the embedded engine in this
 *   process (mock services on their declared ports) and resolves with the
 *   whole report; `onEvent` sees the run as it goes. It rejects only for a
 *   project folder that does not exist; everything about suites is data.
 *
 * All DTOs are JSON-only (no class instances, no Maps, no undefined-vs-null
 * games), so they cross the RPC boundary unchanged. Files are project-relative
 * and `/`-separated; lines and columns are 1-based. Step paths are the ids the
 * debugger and the canvas use (`api:Orders/resource[0]/in/2/then/0`, DESIGN §4).
 *
 * The functions live in `src/services/test/index.ts`: `export const runTests: RunTests`,
 * `export const listTests: ListTests`.
 *
 * Compatibility: fields are only ever added (optional); a change that is not
 * backward compatible is announced in a note right here.
 */
import type { FlowHooks, RuntimeDebugAttachment } from '../../../engine/index.js';

export type TestStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface SourcePosition {
  /** Project-relative, `/`-separated. */
  file: string;
  line: number;
  col: number;
}

/** Something about a suite that stopped it (or a case) from running as written: file, line, what. */
export interface TestProblem extends SourcePosition {
  /** Stable code: `SUITE_XML` (not well-formed), `SUITE_FORMAT` (an element is missing or wrong), `ARTIFACT_MISSING`, `ARTIFACT_BROKEN`, `MOCK_FILE`, `MOCK_PORT`, `ASSERTION_FORMAT`, `CASE_INPUT`. */
  code: string;
  message: string;
}

export type TestArtifactKind = 'api' | 'proxy' | 'sequence';

export interface TestArtifactRef {
  kind: TestArtifactKind;
  /** The artifact's name (API name, proxy name, sequence name). */
  name: string;
  /** Project-relative path of the artifact file. */
  file: string;
}

export interface MockServiceInfo {
  /** The endpoint name it stands in for (`service-name`). */
  name: string;
  port: number;
  context: string;
  /** The mock-service file, project-relative; position of its root element. */
  position: SourcePosition;
  resources: { method: string; subContext: string }[];
}

export interface TestCaseInfo {
  name: string;
  /** Position of the `<test-case>` element. */
  position: SourcePosition;
  assertions: number;
}

export interface TestSuiteInfo {
  /** Project-relative path of the suite file; the suite's id. */
  file: string;
  /** Position of the `<unit-test>` element. */
  position: SourcePosition;
  /** The artifact under test; absent when the suite does not say or cannot be read. */
  artifact?: TestArtifactRef;
  cases: TestCaseInfo[];
  mockServices: MockServiceInfo[];
  /** Why the suite cannot run (empty when it can). */
  problems: TestProblem[];
}

export interface AssertionResult {
  type: 'assertEquals' | 'assertNotNull';
  /** The `<actual>` expression as written (`$body`, `$ctx:prop`, `$statusCode`, `${payload.a}` ...). */
  expression: string;
  /** `<expected>` as written (assertEquals only). */
  expected?: string;
  /** The value the expression had after mediation; null when it had none. */
  actual: string | null;
  /** `<message>` as written. */
  message: string;
  status: 'passed' | 'failed';
  /** Why it failed, in words (e.g. "expected JSON differs at $.total: 12 vs 13"). */
  reason?: string;
  /** Position of the assertion element. */
  position: SourcePosition;
}

/** What the artifact under test answered (API and proxy cases). */
export interface TestResponse {
  status: number;
  httpVersion: string;
  headers: Record<string, string>;
  body: string;
}

export interface TestCaseResult {
  suite: string;
  name: string;
  status: TestStatus;
  position: SourcePosition;
  durationMs: number;
  assertions: AssertionResult[];
  /** Mediation or input failure (status 'error'). */
  error?: string;
  response?: TestResponse;
}

export interface StepCoverage {
  stepPath: string;
  /** Mediator kind (`log`, `call`, ...). */
  kind: string;
  line: number;
  col: number;
  /** How many times it ran during the run (0 = never). */
  hits: number;
}

export interface ArtifactCoverage {
  /** `api:Orders`, `proxy:P`, `sequence:S`, `template:T`. */
  artifact: string;
  file: string;
  steps: StepCoverage[];
  covered: number;
  total: number;
  /** 0..100, one decimal. */
  percent: number;
}

export interface TestSuiteResult {
  file: string;
  position: SourcePosition;
  artifact?: TestArtifactRef;
  /** 'error' when the suite could not run at all (see problems); otherwise the worst case status. */
  status: TestStatus;
  durationMs: number;
  cases: TestCaseResult[];
  problems: TestProblem[];
  /** With `coverage`: the suite's test artifact and supportive artifacts. */
  coverage?: ArtifactCoverage[];
}

export interface TestSummary {
  suites: number;
  cases: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export interface TestRunReport {
  /** Absolute project folder. */
  project: string;
  startedAt: string;
  durationMs: number;
  suites: TestSuiteResult[];
  summary: TestSummary;
  /** With `coverage`: every artifact any suite deployed, hits summed over the run. */
  coverage?: ArtifactCoverage[];
}

export type TestEvent =
  | { type: 'run-started'; project: string; suites: TestSuiteInfo[] }
  | { type: 'suite-started'; suite: string }
  | { type: 'case-started'; suite: string; case: string }
  | { type: 'case-finished'; result: TestCaseResult }
  | { type: 'suite-finished'; result: TestSuiteResult }
  | { type: 'run-finished'; report: TestRunReport };

export interface RunTestsOptions {
  /** Project folder (MI VS Code layout). */
  project: string;
  /** Suite files to run (project-relative or absolute); all suites when absent. */
  suites?: string[];
  /** Case names to run (across the chosen suites); all when absent. */
  cases?: string[];
  coverage?: boolean;
  onEvent?: (e: TestEvent) => void;
  /** Extra observers around every step (not JSON: in-process callers only). */
  hooks?: FlowHooks[];
  /** A debugger (engine createDebugSession) attached to the engine the suites run on; breakpoints hit while cases run. */
  debug?: RuntimeDebugAttachment;
  /** Stops after the case that is running (the rest are reported 'skipped'). */
  signal?: AbortSignal;
}

export type RunTests = (options: RunTestsOptions) => Promise<TestRunReport>;
export type ListTests = (project: string) => Promise<TestSuiteInfo[]>;
