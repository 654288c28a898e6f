/**
 * Reads one suite file (MI's `<unit-test>` format, reference/unit-test-format.md)
 * and the files it names. Never throws for user input: every problem is data
 * with the file, line and column at fault, and as much of the suite as can be
 * read is still returned (a malformed assertion spoils its case, not the suite).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SourcePosition, TestArtifactKind, TestProblem } from './types.js';
import type { ArtifactFile, AssertionSpec, CaseInput, CaseSpec, ParsedSuite, RegistryResourceSpec, TestArtifact } from './suite-model.js';
import { child, childElements, colOf, contentOf, lineOf, parseDocument, rawText, textOf, type XmlElement } from './xml.js';
import { resolveReference, toRelative } from './paths.js';
import { parseMockFile } from './mock-parser.js';

const ARTIFACT_KINDS: Record<string, TestArtifactKind> = { api: 'api', proxy: 'proxy', sequence: 'sequence' };
const SCOPES = new Set(['default', 'axis2', 'transport']);

export function parseSuiteFile(root: string, suitePath: string): ParsedSuite {
  const relative = toRelative(root, suitePath);
  let text: string;
  try {
    text = fs.readFileSync(suitePath, 'utf8');
  } catch (e) {
    return unreadable(suitePath, relative, { file: relative, line: 1, col: 1, code: 'SUITE_XML', message: `cannot read the suite: ${(e as Error).message}` });
  }
  return parseSuiteText(root, suitePath, text);
}

export function parseSuiteText(root: string, suitePath: string, text: string): ParsedSuite {
  const relative = toRelative(root, suitePath);
  const doc = parseDocument(text);
  if (!doc.ok) return unreadable(suitePath, relative, { file: relative, line: doc.line, col: doc.col, code: 'SUITE_XML', message: doc.message });
  const reader = new SuiteReader(root, suitePath, relative);
  return reader.read(doc.root);
}

function unreadable(suitePath: string, relative: string, problem: TestProblem): ParsedSuite {
  return {
    info: { file: relative, position: { file: relative, line: problem.line, col: problem.col }, cases: [], mockServices: [], problems: [problem] },
    path: suitePath,
    supportive: [],
    registryResources: [],
    cases: [],
    mocks: [],
  };
}

class SuiteReader {
  private readonly problems: TestProblem[] = [];
  private readonly dir: string;

  constructor(
    private readonly root: string,
    private readonly suitePath: string,
    private readonly relative: string,
  ) {
    this.dir = path.dirname(suitePath);
  }

  private at(el: XmlElement): SourcePosition {
    return { file: this.relative, line: lineOf(el), col: colOf(el) };
  }

  private problem(el: XmlElement, code: string, message: string): TestProblem {
    const p = { ...this.at(el), code, message };
    this.problems.push(p);
    return p;
  }

  read(rootEl: XmlElement): ParsedSuite {
    const suite: ParsedSuite = {
      info: { file: this.relative, position: this.at(rootEl), cases: [], mockServices: [], problems: this.problems },
      path: this.suitePath,
      supportive: [],
      registryResources: [],
      cases: [],
      mocks: [],
    };
    if (rootEl.localName !== 'unit-test' && rootEl.localName !== 'synapse-unit-test') {
      this.problem(rootEl, 'SUITE_FORMAT', `<${rootEl.nodeName}> is not a unit-test suite (the root element must be <unit-test>)`);
      return suite;
    }
    const artifacts = child(rootEl, 'artifacts');
    if (!artifacts) this.problem(rootEl, 'SUITE_FORMAT', '<unit-test> has no <artifacts> (it must name the artifact under test)');
    else this.readArtifacts(artifacts, suite);
    const cases = child(rootEl, 'test-cases');
    for (const c of cases ? childElements(cases) : []) {
      if (c.localName !== 'test-case') {
        this.problem(c, 'SUITE_FORMAT', `<${c.nodeName}> is not allowed in <test-cases> (only <test-case>)`);
        continue;
      }
      suite.cases.push(this.readCase(c));
    }
    const mocks = child(rootEl, 'mock-services');
    for (const m of mocks ? childElements(mocks, 'mock-service') : []) {
      const written = rawText(m).trim();
      const file = written ? resolveReference(this.root, this.dir, written) : undefined;
      if (!file) {
        this.problem(m, 'MOCK_FILE', written ? `mock service file not found: ${written}` : '<mock-service> is empty (it names a mock-service file)');
        continue;
      }
      const parsed = parseMockFile(this.root, file);
      if ('problem' in parsed) this.problems.push(parsed.problem);
      else suite.mocks.push(parsed.mock);
    }
    suite.info.artifact = suite.testArtifact ? { kind: suite.testArtifact.kind, name: suite.testArtifact.name, file: suite.testArtifact.relative } : undefined;
    suite.info.cases = suite.cases.map((c) => ({ name: c.name, position: c.position, assertions: c.assertions.length }));
    suite.info.mockServices = suite.mocks.map((m) => m.info);
    return suite;
  }

  private readArtifacts(el: XmlElement, suite: ParsedSuite): void {
    const testArtifact = child(el, 'test-artifact');
    const written = testArtifact ? childElements(testArtifact, 'artifact') : [];
    if (!testArtifact || written.length !== 1) {
      this.problem(testArtifact ?? el, 'SUITE_FORMAT', '<test-artifact> must hold exactly one <artifact>');
    } else {
      const file = this.artifactFile(written[0]!);
      if (file) suite.testArtifact = this.testArtifact(written[0]!, file);
    }
    const supportive = child(el, 'supportive-artifacts');
    for (const a of supportive ? childElements(supportive, 'artifact') : []) {
      const file = this.artifactFile(a);
      if (file) suite.supportive.push(file);
    }
    const registry = child(el, 'registry-resources');
    for (const r of registry ? childElements(registry, 'registry-resource') : []) {
      const spec = this.registryResource(r);
      if (spec) suite.registryResources.push(spec);
    }
    // connector-resources: connector zips are deployed by the project's own loader (engine/node/connectors), not per suite.
  }

  private artifactFile(el: XmlElement): ArtifactFile | undefined {
    const written = rawText(el).trim();
    if (!written) {
      this.problem(el, 'SUITE_FORMAT', '<artifact> is empty (it names an artifact file of the project)');
      return undefined;
    }
    const file = resolveReference(this.root, this.dir, written);
    if (!file) {
      this.problem(el, 'ARTIFACT_MISSING', `artifact not found: ${written}`);
      return undefined;
    }
    return { path: file, relative: toRelative(this.root, file), position: this.at(el) };
  }

  private testArtifact(el: XmlElement, file: ArtifactFile): TestArtifact | undefined {
    let text: string;
    try {
      text = fs.readFileSync(file.path, 'utf8');
    } catch (e) {
      this.problem(el, 'ARTIFACT_MISSING', `cannot read ${file.relative}: ${(e as Error).message}`);
      return undefined;
    }
    const doc = parseDocument(text);
    if (!doc.ok) {
      this.problem(el, 'ARTIFACT_BROKEN', `${file.relative}:${doc.line}:${doc.col}: ${doc.message}`);
      return undefined;
    }
    const kind = ARTIFACT_KINDS[doc.root.localName];
    const name = doc.root.getAttribute('name') ?? '';
    if (!kind) {
      this.problem(el, 'SUITE_FORMAT', `${file.relative} is a <${doc.root.localName}>; a test artifact must be an API, a proxy service or a sequence`);
      return undefined;
    }
    if (kind === 'proxy') {
      const transports = doc.root.getAttribute('transports');
      if (transports && !/\bhttps?\b/.test(transports)) {
        this.problem(el, 'SUITE_FORMAT', `proxy ${name} has transports="${transports}"; a tested proxy must list http or https (MI: local transport for proxies is not supported)`);
        return undefined;
      }
    }
    let context: string | undefined;
    if (kind === 'api') {
      const version = doc.root.getAttribute('version') ?? '';
      const raw = doc.root.getAttribute('context') ?? '/';
      context = raw.includes('{version}') ? raw.replace('{version}', version) : doc.root.getAttribute('version-type') === 'url' && version ? `${raw.replace(/\/$/, '')}/${version}` : raw;
    }
    return { ...file, kind, name, context };
  }

  private registryResource(el: XmlElement): RegistryResourceSpec | undefined {
    const fileName = textOf(el, 'file-name');
    const written = textOf(el, 'artifact');
    const registryPath = textOf(el, 'registry-path');
    if (!fileName || !written || !registryPath) {
      this.problem(el, 'SUITE_FORMAT', '<registry-resource> needs <file-name>, <artifact> and <registry-path>');
      return undefined;
    }
    const file = resolveReference(this.root, this.dir, written);
    if (!file) {
      this.problem(child(el, 'artifact') ?? el, 'ARTIFACT_MISSING', `registry resource not found: ${written}`);
      return undefined;
    }
    return { fileName, path: file, registryPath, mediaType: textOf(el, 'media-type') };
  }

  private readCase(el: XmlElement): CaseSpec {
    const spec: CaseSpec = { name: el.getAttribute('name') ?? '', position: this.at(el), input: { properties: [] }, assertions: [], problems: [] };
    if (!spec.name) spec.problems.push(this.problem(el, 'SUITE_FORMAT', '<test-case> has no name attribute'));
    const input = child(el, 'input');
    if (input) spec.input = this.readInput(input, spec);
    const assertions = child(el, 'assertions');
    for (const a of assertions ? childElements(assertions) : []) {
      const parsed = this.readAssertion(a);
      if ('code' in parsed) spec.problems.push(parsed);
      else spec.assertions.push(parsed);
    }
    return spec;
  }

  /** request-path/method/protocol matter for APIs only; MI ignores them elsewhere, and so do we. */
  private readInput(el: XmlElement, spec: CaseSpec): CaseInput {
    const input: CaseInput = { properties: [] };
    const pathEl = child(el, 'request-path');
    if (pathEl) input.requestPath = rawText(pathEl).trim();
    const method = textOf(el, 'request-method');
    if (method) {
      if (!/^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$/i.test(method)) spec.problems.push(this.problem(child(el, 'request-method')!, 'CASE_INPUT', `unknown request method "${method}"`));
      input.requestMethod = method.toUpperCase();
    }
    const protocol = textOf(el, 'request-protocol');
    if (protocol) {
      if (!/^https?$/i.test(protocol)) spec.problems.push(this.problem(child(el, 'request-protocol')!, 'CASE_INPUT', `request-protocol must be http or https, not "${protocol}"`));
      input.requestProtocol = protocol.toLowerCase();
    }
    const payload = child(el, 'payload');
    if (payload) input.payload = contentOf(payload);
    const props = child(el, 'properties');
    for (const p of props ? childElements(props, 'property') : []) {
      const name = p.getAttribute('name');
      const scope = p.getAttribute('scope') ?? 'default';
      if (!name) {
        spec.problems.push(this.problem(p, 'CASE_INPUT', '<property> has no name attribute'));
        continue;
      }
      if (!SCOPES.has(scope)) {
        spec.problems.push(this.problem(p, 'CASE_INPUT', `property ${name}: scope must be default, axis2 or transport, not "${scope}"`));
        continue;
      }
      input.properties.push({ name, scope, value: p.getAttribute('value') ?? '' });
    }
    return input;
  }

  private readAssertion(el: XmlElement): AssertionSpec | TestProblem {
    const type = el.localName;
    if (type !== 'assertEquals' && type !== 'assertNotNull') return this.problem(el, 'ASSERTION_FORMAT', `unknown assertion <${el.nodeName}> (MI knows assertEquals and assertNotNull)`);
    const actualEl = child(el, 'actual');
    const expression = actualEl ? rawText(actualEl).trim() : '';
    if (!expression) return this.problem(actualEl ?? el, 'ASSERTION_FORMAT', `<${type}> has no <actual> expression (e.g. $body, $ctx:name, $statusCode)`);
    if (!/^\$(body|statusCode|httpVersion)$|^\$(ctx|axis2|trp|url|header|transport):.+|^\$\{.+\}$/s.test(expression)) {
      return this.problem(actualEl!, 'ASSERTION_FORMAT', `<actual>${expression}</actual> is not an assertion expression: use $body, $statusCode, $httpVersion, $ctx:NAME, $axis2:NAME, $trp:NAME or \${...}`);
    }
    const expectedEl = child(el, 'expected');
    if (type === 'assertEquals' && !expectedEl) return this.problem(el, 'ASSERTION_FORMAT', '<assertEquals> has no <expected> value');
    const message = textOf(el, 'message') ?? '';
    return { type, expression, expected: expectedEl ? contentOf(expectedEl) : undefined, message, position: this.at(el) };
  }
}
