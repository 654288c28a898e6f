/**
 * The test service: the open project's MI unit-test suites
 * (`src/test/wso2mi/*.xml`, ../shared/reference/unit-test-format.md) for the
 * Test Explorer: list them, run all / one suite / one case with progress
 * events, the last results (assertions with expected and actual, coverage by
 * step path for the canvas), re-run on save, create suites and mock services
 * from a form, record a Try-it exchange as a test case, and run a case under
 * the debugger (canvas breakpoints are hit).
 *
 * JSON-only data. Files are project-relative and `/`-separated; lines and
 * columns 1-based. The result shapes are those of the runner behind
 * `mediate test` (src/services/test/types.ts), so the CLI and the studio
 * report the same things.
 */
import type { TryItRequest, TryItResponse } from './tryit.js';

export type TestRunStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface TestSourcePosition {
  file: string;
  line: number;
  col: number;
}

/** Something that stopped a suite or a case from running as written: file, line, what. */
export interface TestSuiteProblem extends TestSourcePosition {
  /** `SUITE_XML`, `SUITE_FORMAT`, `ARTIFACT_MISSING`, `ARTIFACT_BROKEN`, `MOCK_FILE`, `MOCK_PORT`, `ASSERTION_FORMAT`, `CASE_INPUT`. */
  code: string;
  message: string;
}

export interface TestArtifact {
  kind: 'api' | 'proxy' | 'sequence';
  name: string;
  file: string;
}

export interface TestMockService {
  /** The endpoint it stands in for (`service-name`). */
  name: string;
  port: number;
  context: string;
  position: TestSourcePosition;
  resources: { method: string; subContext: string }[];
}

export interface TestCaseEntry {
  name: string;
  position: TestSourcePosition;
  assertions: number;
}

export interface TestSuiteEntry {
  /** Project-relative path of the suite file: the suite's id. */
  file: string;
  position: TestSourcePosition;
  artifact?: TestArtifact;
  cases: TestCaseEntry[];
  mockServices: TestMockService[];
  /** Why the suite cannot run (empty when it can). */
  problems: TestSuiteProblem[];
}

export interface TestAssertionResult {
  type: 'assertEquals' | 'assertNotNull';
  /** The `<actual>` expression as written (`$body`, `$statusCode`, `$ctx:p` …). */
  expression: string;
  expected?: string;
  /** null when the expression had no value. */
  actual: string | null;
  message: string;
  status: 'passed' | 'failed';
  /** Why it failed, in words. */
  reason?: string;
  position: TestSourcePosition;
}

export interface TestCaseOutcome {
  suite: string;
  name: string;
  status: TestRunStatus;
  position: TestSourcePosition;
  durationMs: number;
  assertions: TestAssertionResult[];
  /** Mediation or input failure (status `error`). */
  error?: string;
  /** What the API or proxy answered. */
  response?: { status: number; httpVersion: string; headers: Record<string, string>; body: string };
}

export interface TestStepCoverage {
  stepPath: string;
  kind: string;
  line: number;
  col: number;
  /** 0 = never ran. */
  hits: number;
}

export interface TestArtifactCoverage {
  /** `api:Orders`, `sequence:S` … */
  artifact: string;
  file: string;
  steps: TestStepCoverage[];
  covered: number;
  total: number;
  percent: number;
}

export interface TestSuiteOutcome {
  file: string;
  position: TestSourcePosition;
  artifact?: TestArtifact;
  status: TestRunStatus;
  durationMs: number;
  cases: TestCaseOutcome[];
  problems: TestSuiteProblem[];
  coverage?: TestArtifactCoverage[];
}

export interface TestRunSummary {
  suites: number;
  cases: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

/** What one run chose: everything, one suite, or one case of a suite. */
export interface TestSelection {
  /** Suite file; all suites when absent. */
  suite?: string;
  /** Case name within `suite`. */
  testCase?: string;
}

export interface TestRunOptions {
  /** Run with the studio's debugger attached: breakpoints set on the canvas pause the case; the Debug panel steps it. */
  debug?: boolean;
}

export interface TestRunResult {
  /** Increases with every run of this studio session. */
  runId: number;
  selection: TestSelection;
  /** What started it: the user, or a save (re-run on save). */
  trigger: 'user' | 'save';
  debug: boolean;
  startedAt: string;
  durationMs: number;
  suites: TestSuiteOutcome[];
  summary: TestRunSummary;
  /** Every artifact the run deployed, hits summed: what the canvas colours. */
  coverage: TestArtifactCoverage[];
}

/** Progress of a run, pushed as `test.progress`. */
export type TestProgressEvent =
  | { runId: number; type: 'run-started'; selection: TestSelection; trigger: 'user' | 'save'; debug: boolean; total: number }
  | { runId: number; type: 'case-started'; suite: string; testCase: string }
  | { runId: number; type: 'case-finished'; result: TestCaseOutcome; done: number; total: number }
  | { runId: number; type: 'suite-finished'; result: TestSuiteOutcome }
  | { runId: number; type: 'run-finished'; result: TestRunResult }
  | { runId: number; type: 'run-failed'; message: string };

export interface TestSettings {
  /** After a save of a project file, run the last selection again. */
  rerunOnSave: boolean;
}

/** An artifact a suite can be written for, with what the form offers. */
export interface TestTarget {
  kind: 'api' | 'proxy' | 'sequence';
  name: string;
  file: string;
  /** API resources: method and request path below the API's context (URI templates as written, e.g. `/doctors/{category}`). */
  resources: { method: string; path: string }[];
  /** Named endpoints the artifact calls (mock service candidates) and their address. */
  endpoints: { name: string; file?: string; address?: string }[];
  /** Files the artifact needs deployed beside it (endpoints and sequences it refers to). */
  supportive: string[];
}

export interface NewTestProperty {
  name: string;
  /** `default` (when absent), `axis2`, `transport`. */
  scope?: string;
  value: string;
}

export interface NewTestAssertion {
  type: 'assertEquals' | 'assertNotNull';
  /** `$body`, `$statusCode`, `$trp:Content-Type`, `$ctx:name` … */
  actual: string;
  expected?: string;
  message?: string;
}

export interface NewTestCase {
  name: string;
  /** API only. */
  requestPath?: string;
  requestMethod?: string;
  payload?: string;
  properties?: NewTestProperty[];
  assertions: NewTestAssertion[];
}

export interface NewMockResource {
  method: string;
  subContext: string;
  /** Request matching (optional). */
  requestPayload?: string;
  requestHeaders?: { name: string; value: string }[];
  statusCode: number;
  responsePayload?: string;
  responseHeaders?: { name: string; value: string }[];
}

export interface NewMockService {
  /** The endpoint to stand in for. */
  serviceName: string;
  port: number;
  context: string;
  resources: NewMockResource[];
}

export interface NewSuiteRequest {
  /** Suite file name (without folder); `.xml` is added when missing. */
  name: string;
  /** The artifact under test (project-relative file of an API, proxy or sequence). */
  artifact: string;
  /** Further files to deploy; the artifact's endpoints and sequences when absent. */
  supportive?: string[];
  cases: NewTestCase[];
  mocks: NewMockService[];
}

export interface CreatedSuite {
  /** The suite file written. */
  suite: string;
  /** Mock-service files written (src/test/resources/mock-services/…). */
  mocks: string[];
}

/** The last Try-it exchange, to become a test case. */
export interface TestRecording {
  request: TryItRequest;
  response: TryItResponse;
  /** The API or proxy file the exchange was for (the open artifact); found from the path when absent. */
  artifact?: string;
  /** Case name; made from the method and path when absent. */
  caseName?: string;
}

export interface RecordedTest {
  suite: string;
  testCase: string;
  /** Mock-service files written for the backend calls the exchange made. */
  mocks: string[];
  /** What the recorder could not turn into a mock (an inline endpoint, a call it could not match) and why. */
  notes: string[];
}

export interface TestService {
  /** Every suite of the open project, with its cases, mocks and problems. */
  list(): Promise<TestSuiteEntry[]>;
  /** Runs all, one suite or one case; progress is pushed as `test.progress`. A run asked for while one runs waits for it. */
  run(selection?: TestSelection, options?: TestRunOptions): Promise<TestRunResult>;
  /** The latest finished run, or null. */
  lastRun(): Promise<TestRunResult | null>;
  settings(): Promise<TestSettings>;
  setRerunOnSave(on: boolean): Promise<TestSettings>;
  /** APIs, proxies and sequences of the project a suite can be written for. */
  targets(): Promise<TestTarget[]>;
  /** Writes a suite (and its mock-service files) in MI's format. Refuses to overwrite. */
  createSuite(request: NewSuiteRequest): Promise<CreatedSuite>;
  /** Adds a case (the form) to an existing suite, keeping the rest of the file as written. */
  addCase(suite: string, testCase: NewTestCase): Promise<CreatedSuite>;
  /**
   * Turns a Try-it exchange into a test case of the artifact's suite of
   * recorded cases (`src/test/wso2mi/<Name>RecordedTest.xml`, created when
   * missing): the request as the input, the status and body as assertions,
   * and the backend calls the exchange makes as mock services (an endpoint
   * the suite mocks already gets the resources its mock lacks).
   */
  record(recording: TestRecording): Promise<RecordedTest>;
}
