/**
 * MI's wire form of a suite (reference/unit-test-format.md §2): the suite with
 * every referenced file inlined: artifacts as XML elements, registry resources
 * as text, mock services as `<mock-service>` elements. `materialise` writes it
 * out as a project folder with a suite file in our format, so the same runner
 * judges it; `miSummary` turns the runner's result into the JSON MI answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestSuiteResult } from '../types.js';
import { child, childElements, parseDocument, rawText, textOf, type XmlElement } from '../xml.js';

const FOLDERS: Record<string, string> = { api: 'apis', proxy: 'proxy-services', sequence: 'sequences', endpoint: 'endpoints', localEntry: 'local-entries', template: 'templates' };

export interface MaterialisedSuite {
  suitePath: string;
}

/** Writes the wire message into `root` (an empty folder); throws with the reason when it is not a suite. */
export function materialise(wire: string, root: string): MaterialisedSuite {
  const doc = parseDocument(wire);
  if (!doc.ok) throw new Error(`the suite is not well-formed XML (${doc.line}:${doc.col}): ${doc.message}`);
  const suite = doc.root;
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return rel;
  };
  fs.writeFileSync(path.join(root, 'pom.xml'), '<project><modelVersion>4.0.0</modelVersion><groupId>mi.unit.test</groupId><artifactId>WireSuite</artifactId><version>1.0.0</version><packaging>pom</packaging></project>\n');
  let counter = 0;
  const artifactPath = (el: XmlElement): string => {
    const inlined = childElements(el)[0];
    if (!inlined) return rawText(el).trim(); // not inlined: leave the path as written
    const folder = FOLDERS[inlined.localName] ?? 'other';
    const name = (inlined.getAttribute('name') ?? '').replace(/[^\w.-]/g, '_') || `artifact${counter}`;
    counter++;
    return write(`src/main/wso2mi/artifacts/${folder}/${name}.xml`, `${inlined.toString()}\n`);
  };
  const artifacts = child(suite, 'artifacts');
  const testArtifact = artifacts && child(artifacts, 'test-artifact');
  const tested = testArtifact ? childElements(testArtifact, 'artifact').map(artifactPath) : [];
  const supportiveEl = artifacts && child(artifacts, 'supportive-artifacts');
  const supportive = supportiveEl ? childElements(supportiveEl, 'artifact').map(artifactPath) : [];
  const registryEl = artifacts && child(artifacts, 'registry-resources');
  const registry = (registryEl ? childElements(registryEl, 'registry-resource') : []).map((r, i) => {
    const fileName = textOf(r, 'file-name') ?? `resource${i}`;
    const content = child(r, 'artifact');
    const rel = write(`src/test/resources/registry/${i}/${fileName.replace(/[^\w.-]/g, '_')}`, content ? rawText(content) : '');
    return `<registry-resource><file-name>${esc(fileName)}</file-name><artifact>${rel}</artifact><registry-path>${esc(textOf(r, 'registry-path') ?? '')}</registry-path>${textOf(r, 'media-type') ? `<media-type>${esc(textOf(r, 'media-type')!)}</media-type>` : ''}</registry-resource>`;
  });
  const mocksEl = child(suite, 'mock-services');
  const mocks = (mocksEl ? childElements(mocksEl, 'mock-service') : []).map((m, i) => {
    const rel = childElements(m).length ? write(`src/test/resources/mock-services/mock${i}.xml`, `${m.toString()}\n`) : rawText(m).trim();
    return `<mock-service>${esc(rel)}</mock-service>`;
  });
  const testCases = child(suite, 'test-cases');
  const text = `<unit-test>
  <artifacts>
    <test-artifact>${tested.map((p) => `<artifact>${esc(p)}</artifact>`).join('')}</test-artifact>
    <supportive-artifacts>${supportive.map((p) => `<artifact>${esc(p)}</artifact>`).join('')}</supportive-artifacts>
    <registry-resources>${registry.join('')}</registry-resources>
  </artifacts>
  ${testCases ? testCases.toString() : '<test-cases/>'}
  <mock-services>${mocks.join('')}</mock-services>
</unit-test>
`;
  return { suitePath: path.join(root, write('src/test/wso2mi/suite.xml', text)) };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The suite summary MI's agent answers (deployment, mediation, per case with its failed assertions). */
export function miSummary(result: TestSuiteResult): Record<string, unknown> {
  const deploymentFailed = result.status === 'error' && result.problems.length > 0 && result.cases.every((c) => c.status === 'error');
  const failedCase = result.cases.find((c) => c.status === 'error');
  return {
    deploymentStatus: deploymentFailed ? 'FAILED' : 'PASSED',
    deploymentException: deploymentFailed ? result.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n') : null,
    deploymentDescription: deploymentFailed ? result.problems[0]!.message : null,
    mediationStatus: result.cases.some((c) => c.status === 'error') ? 'FAILED' : 'PASSED',
    currentTestCase: result.cases.at(-1)?.name ?? null,
    mediationException: failedCase?.error ?? null,
    testCases: result.cases.map((c) => ({
      testCaseName: c.name,
      mediationStatus: c.status === 'error' ? 'FAILED' : 'PASSED',
      assertionStatus: c.status === 'passed' ? 'PASSED' : 'FAILED',
      exception: c.error ?? null,
      failureAssertions: c.assertions
        .filter((a) => a.status === 'failed')
        .map((a) => ({ assertionType: a.type, assertionExpression: a.expression, actual: a.actual, expected: a.expected ?? null, assertionDescription: a.reason ?? null, message: a.message })),
    })),
    mediatorCoverage: result.coverage ? { artifacts: result.coverage.map((c) => ({ artifactName: c.artifact, coveragePercentage: c.percent, mediatorCount: c.total, executedMediatorCount: c.covered })) } : undefined,
  };
}
