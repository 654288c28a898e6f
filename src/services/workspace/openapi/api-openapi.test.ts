import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiFromApiXml } from '../../../../engine/index.js';
import { apiOpenApiView, syncApiOpenApi } from './api-openapi.js';

const API_FILE = 'src/main/wso2mi/artifacts/apis/Orders.xml';
const DEFINITION = 'src/main/wso2mi/resources/api-definitions/Orders.yaml';
const ORDERS = `<api xmlns="http://ws.apache.org/ns/synapse" name="Orders" context="/orders">
  <resource methods="GET DELETE" uri-template="/{id}"><inSequence><respond/></inSequence></resource>
  <resource methods="POST" uri-template="/"><inSequence><respond/></inSequence></resource>
</api>`;
const KEPT = `# kept by the team
openapi: 3.0.1
info: { title: Orders, version: 1.0.0 }
paths:
  /{orderId}:
    get:
      summary: one order # read by the portal
  /search:
    get:
      summary: gone from the API
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-api-openapi-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe("an API's OpenAPI in the studio", () => {
  it('says where the kept document and the API differ, variable names aside', () => {
    const view = apiOpenApiView(project({ [API_FILE]: ORDERS, [DEFINITION]: KEPT }), API_FILE);
    expect(view).toMatchObject({ apiName: 'Orders', definitionFile: DEFINITION, text: KEPT, generated: false, problems: [] });
    expect(view.differences).toEqual([
      { path: '/{id}', method: 'DELETE', where: 'api-only' },
      { path: '/', method: 'POST', where: 'api-only' },
      { path: '/search', method: 'GET', where: 'openapi-only' },
    ]);
  });

  it('updates the kept document in place, keeping its comments, until nothing differs', () => {
    const root = project({ [API_FILE]: ORDERS, [DEFINITION]: KEPT });
    const view = syncApiOpenApi(root, API_FILE);
    expect(view.differences).toEqual([]);
    const text = fs.readFileSync(path.join(root, DEFINITION), 'utf8');
    expect(text).toContain('# kept by the team');
    expect(text).toContain('summary: one order # read by the portal');
    expect(text).not.toContain('/search');
    const again = syncApiOpenApi(root, API_FILE);
    expect(fs.readFileSync(path.join(root, DEFINITION), 'utf8')).toBe(text);
    expect(again.differences).toEqual([]);
  });

  it('shows the generated document when none is kept, and writes it on sync', () => {
    const root = project({ [API_FILE]: ORDERS });
    const view = apiOpenApiView(root, API_FILE);
    expect(view.generated).toBe(true);
    expect(view.definitionFile).toBeUndefined();
    // The same document the CAR export writes as the API's _swagger metadata.
    expect(view.text).toBe((openApiFromApiXml(ORDERS) as { yaml: string }).yaml);
    expect(view.text).toContain('openapi: "3.0.1"');
    const synced = syncApiOpenApi(root, API_FILE);
    expect(synced).toMatchObject({ generated: false, definitionFile: DEFINITION, differences: [] });
    expect(fs.readFileSync(path.join(root, DEFINITION), 'utf8')).toBe(view.text);
  });

  it('reports a kept document that does not parse with its line and column, and sync refuses it untouched', () => {
    const broken = 'openapi: 3.0.1\npaths:\n  /a: [x\n';
    const root = project({ [API_FILE]: ORDERS, [DEFINITION]: broken });
    expect(apiOpenApiView(root, API_FILE).problems[0]).toMatch(/^Orders\.yaml:\d+:\d+: /);
    expect(() => syncApiOpenApi(root, API_FILE)).toThrow(/Orders\.yaml:\d+:\d+/);
    expect(fs.readFileSync(path.join(root, DEFINITION), 'utf8')).toBe(broken);
  });

  it('finds the document by the names the runtime serves: <Api>_v<ver> before <Api>, else metadata/<Api>_swagger', () => {
    const versioned = ORDERS.replace('context="/orders"', 'context="/orders" version="2.0.0" version-type="url"');
    const both = project({ [API_FILE]: versioned, [DEFINITION]: KEPT, 'src/main/wso2mi/resources/api-definitions/Orders_v2.0.0.yaml': KEPT });
    expect(apiOpenApiView(both, API_FILE).definitionFile).toBe('src/main/wso2mi/resources/api-definitions/Orders_v2.0.0.yaml');
    const metadataOnly = project({ [API_FILE]: ORDERS, 'src/main/wso2mi/resources/metadata/Orders_swagger.yaml': KEPT });
    expect(apiOpenApiView(metadataOnly, API_FILE).definitionFile).toBe('src/main/wso2mi/resources/metadata/Orders_swagger.yaml');
  });
});
