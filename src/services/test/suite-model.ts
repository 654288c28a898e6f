/** What a suite file says, parsed (internal to the runner; the contract's DTOs are in types.ts). */
import type { MockServiceInfo, SourcePosition, TestArtifactKind, TestProblem, TestSuiteInfo } from './types.js';

export interface ArtifactFile {
  /** Absolute path. */
  path: string;
  /** Project-relative, `/`-separated. */
  relative: string;
  /** Where the suite names it. */
  position: SourcePosition;
}

export interface TestArtifact extends ArtifactFile {
  kind: TestArtifactKind;
  name: string;
  /** API context (`/orders`), with `{version}` resolved; APIs only. */
  context?: string;
}

export interface RegistryResourceSpec {
  fileName: string;
  path: string;
  registryPath: string;
  mediaType?: string;
}

export interface CaseProperty {
  name: string;
  /** `default`, `axis2` or `transport`. */
  scope: string;
  value: string;
}

export interface CaseInput {
  requestPath?: string;
  requestMethod?: string;
  requestProtocol?: string;
  payload?: string;
  properties: CaseProperty[];
}

export interface AssertionSpec {
  type: 'assertEquals' | 'assertNotNull';
  expression: string;
  expected?: string;
  message: string;
  position: SourcePosition;
}

export interface CaseSpec {
  name: string;
  position: SourcePosition;
  input: CaseInput;
  assertions: AssertionSpec[];
  /** Malformed assertions or input: the case is reported as an error, the others run. */
  problems: TestProblem[];
}

export interface MockHeader {
  name: string;
  value: string;
}

export interface MockResource {
  method: string;
  /** Sub-context as written, query included (`/check?id=1`). */
  subContext: string;
  request?: { payload?: string; headers: MockHeader[] };
  response: { status: number; payload: string; headers: MockHeader[] };
}

export interface MockSpec {
  info: MockServiceInfo;
  resources: MockResource[];
}

export interface ParsedSuite {
  info: TestSuiteInfo;
  /** Absolute suite path. */
  path: string;
  testArtifact?: TestArtifact;
  supportive: ArtifactFile[];
  registryResources: RegistryResourceSpec[];
  cases: CaseSpec[];
  mocks: MockSpec[];
}

/** Problems that mean the suite cannot be read as written (`mediate test` exits 2). */
export const UNREADABLE_CODES = new Set(['SUITE_XML', 'SUITE_FORMAT', 'ARTIFACT_MISSING', 'MOCK_FILE', 'ASSERTION_FORMAT', 'CASE_INPUT']);
