/**
 * The suite files the studio writes: what the form and the recorder produce is
 * read back by the runner's own parser (listTests) as MI's format, and edits
 * keep the rest of a hand-written suite as it was.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addMockReferences, addMockResources, cdata, insertCase, mockXml, suiteXml } from './studio-suite-xml.js';
import { mockAddress } from './studio-recorder.js';
import { listTests } from './index.js';

const SEQ = 'src/main/wso2mi/artifacts/sequences/S.xml';

describe('studio suite files', () => {
  it('writes a suite and a mock the runner reads back, payloads with ]]> intact', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mediate-suite-xml-'));
    try {
      mkdirSync(path.join(root, 'src/main/wso2mi/artifacts/sequences'), { recursive: true });
      mkdirSync(path.join(root, 'src/test/wso2mi'), { recursive: true });
      mkdirSync(path.join(root, 'src/test/resources/mock-services'), { recursive: true });
      writeFileSync(path.join(root, 'pom.xml'), '<project><artifactId>x</artifactId><version>1.0.0</version></project>');
      writeFileSync(path.join(root, SEQ), '<sequence name="S" xmlns="http://ws.apache.org/ns/synapse"><log/></sequence>');
      const mock = mockXml({ serviceName: 'EP', port: 40123, context: '/a', resources: [{ method: 'get', subContext: '/b?x=1&y=2', statusCode: 200, responsePayload: 'x]]>y' }] });
      writeFileSync(path.join(root, 'src/test/resources/mock-services/EP.xml'), addMockResources(mock, [{ method: 'POST', subContext: '/c', statusCode: 201 }]));
      const first = suiteXml({ artifact: SEQ, supportive: [], cases: [{ name: 'One', payload: '<a>]]></a>', properties: [{ name: 'p', scope: 'axis2', value: 'v"1' }], assertions: [{ type: 'assertNotNull', actual: '$axis2:p' }] }], mockFiles: [] });
      const edited = addMockReferences(insertCase(first, { name: 'Two', assertions: [{ type: 'assertEquals', actual: '$body', expected: 'a' }] }), ['src/test/resources/mock-services/EP.xml']);
      writeFileSync(path.join(root, 'src/test/wso2mi/S.xml'), edited);
      const [suite] = await listTests(root);
      expect(suite!.problems).toEqual([]);
      expect(suite!.artifact).toMatchObject({ kind: 'sequence', name: 'S', file: SEQ });
      expect(suite!.cases.map((c) => [c.name, c.assertions])).toEqual([
        ['One', 1],
        ['Two', 1],
      ]);
      expect(suite!.mockServices[0]).toMatchObject({ name: 'EP', port: 40123, context: '/a', resources: [{ method: 'GET', subContext: '/b?x=1&y=2' }, { method: 'POST', subContext: '/c' }] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('splits ]]> across CDATA sections and a URL into context and sub-context', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(mockAddress('http://localhost:9090/healthcare/surgery?x=1')).toEqual({ context: '/healthcare', subContext: '/surgery?x=1' });
    expect(mockAddress('http://localhost:9090/')).toEqual({ context: '/', subContext: '/' });
  });
});
