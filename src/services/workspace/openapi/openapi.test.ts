// Reading OpenAPI / Swagger documents, making an API from one, and keeping the two in line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { apiShapeFromXml, compileArtifactText } from '../../../../engine/index.js';
import { OpenApiError, readOpenApi } from './openapi-document.js';
import { apiFromOpenApi, nameFromTitle } from './api-from-openapi.js';
import { compareApiWithOpenApi, syncOpenApiText } from './openapi-sync.js';

const PETSTORE = readFileSync(path.resolve(__dirname, '../../../../../shared/corpus/rest-api/publishing-custom-swagger/registry_simple_petstore.yaml'), 'utf8');

const ORDERS_OPENAPI3 = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Order service', version: '2.1.0' },
  servers: [{ url: 'https://api.example.com/shop/orders/' }],
  paths: {
    '/': { get: { operationId: 'listOrders', parameters: [{ name: 'status', in: 'query' }] }, post: { summary: 'Place -- an order' } },
    '/{orderId}': { parameters: [{ name: 'orderId', in: 'path', required: true }], get: {}, delete: {} },
  },
});

function problemsOf(text: string, fileName?: string): string[] {
  try {
    readOpenApi(text, fileName);
  } catch (e) {
    if (e instanceof OpenApiError) return e.problems;
    throw e;
  }
  throw new Error('the document was accepted');
}

describe('reading OpenAPI 3 and Swagger 2 documents', () => {
  it('reads a Swagger 2.0 YAML document: title, version, basePath, paths and operations', () => {
    const model = readOpenApi(PETSTORE);
    expect(model).toMatchObject({ dialect: 'swagger2', title: 'SwaggerPetstore', version: '1.0.0', basePath: '/v2' });
    expect(model.paths.map((p) => `${p.operations.map((o) => o.method).join(',')} ${p.path}`)).toEqual(['POST /pet', 'GET /pet/findByStatus']);
  });

  it("reads an OpenAPI 3 JSON document: the base path is the first server URL's path; path-level query parameters count", () => {
    const model = readOpenApi(ORDERS_OPENAPI3);
    expect(model).toMatchObject({ dialect: 'openapi3', title: 'Order service', version: '2.1.0', basePath: '/shop/orders' });
    expect(model.paths[0]!.operations[0]).toMatchObject({ method: 'GET', operationId: 'listOrders', queryParameters: ['status'] });
  });

  it('refuses a YAML syntax error with its line and column', () => {
    const [problem] = problemsOf('openapi: 3.0.0\ninfo:\n  title: x\npaths:\n  /a: [unclosed\n', 'orders.yaml');
    expect(problem).toMatch(/^orders\.yaml:\d+:\d+: /);
  });

  it('refuses structural problems, naming each field at fault', () => {
    expect(problemsOf('openapi: 2.5.0\npaths: {}\n')).toEqual(["openapi: '2.5.0' is not an OpenAPI 3 version (3.0.x or 3.1.x)", 'info: missing (it must hold the title)']);
    expect(problemsOf('swagger: "2.0"\ninfo:\n  title: ""\n')).toEqual(['info.title: missing or empty', 'paths: missing or not a mapping']);
    expect(problemsOf('openapi: 3.0.0\ninfo: {title: T}\npaths:\n  pets: {}\n  /x: 5\n')).toEqual(["paths.pets: a path must start with '/'", 'paths./x: not a mapping of operations']);
    expect(problemsOf('title: nothing here\n')).toEqual(['neither an openapi (3.x) nor a swagger (2.0) field', 'info: missing (it must hold the title)', 'paths: missing or not a mapping']);
    expect(problemsOf('- a list\n')).toEqual(['the document is not a mapping (expected fields openapi or swagger, info and paths)']);
    expect(problemsOf('  ')).toEqual(['the document is empty']);
  });
});

describe('an API made from an OpenAPI document', () => {
  it('has one resource per path with its methods and a stub flow, and compiles without a problem', () => {
    const api = apiFromOpenApi(readOpenApi(ORDERS_OPENAPI3));
    expect(api.name).toBe('OrderService');
    expect(api.context).toBe('/shop/orders');
    expect(api.resources).toEqual([
      { methods: ['GET', 'POST'], uriTemplate: '/' },
      { methods: ['GET', 'DELETE'], uriTemplate: '/{orderId}' },
    ]);
    expect(api.xml).toContain('<!-- GET /: operationId listOrders; query: status -->');
    expect(api.xml).toContain('<!-- POST /: Place - an order -->');
    const compiled = compileArtifactText('OrderService.xml', api.xml);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(apiShapeFromXml(api.xml)).toMatchObject({ name: 'OrderService', context: '/shop/orders' });
  });

  it('takes the name and context the user gives, and refuses invalid ones', () => {
    const model = readOpenApi(PETSTORE);
    expect(apiFromOpenApi(model, { name: 'Pets', context: '/pets' })).toMatchObject({ name: 'Pets', context: '/pets' });
    expect(() => apiFromOpenApi(model, { name: '9lives' })).toThrow(/^name: '9lives' is not a valid API name/);
    expect(() => apiFromOpenApi(model, { context: 'pets' })).toThrow(/^context: 'pets' must start with '\/'/);
    expect(() => apiFromOpenApi(readOpenApi('openapi: 3.0.0\ninfo: {title: Empty}\npaths: {}\n'))).toThrow(/no operations/);
  });

  it('derives a name from the title', () => {
    expect(nameFromTitle('Swagger Petstore - OpenAPI 3.0')).toBe('SwaggerPetstoreOpenAPI30');
    expect(nameFromTitle('3D printing')).toBe('API3DPrinting');
    expect(nameFromTitle('!!!')).toBe('ImportedAPI');
  });
});

describe('an API and its OpenAPI file kept in line', () => {
  const resources = [
    { methods: ['POST'], uriTemplate: '/pet' },
    { methods: ['GET', 'PUT'], uriTemplate: '/pet/{id}?fields={fields}' },
  ];

  it('lists what the API serves that the document does not describe, and the reverse, ignoring variable names', () => {
    const doc = readOpenApi('openapi: 3.0.0\ninfo: {title: P}\npaths:\n  /pet:\n    post: {}\n  /pet/{petId}:\n    get: {}\n  /pet/findByStatus:\n    get: {}\n');
    expect(compareApiWithOpenApi(resources, doc)).toEqual([
      { path: '/pet/{id}', method: 'PUT', where: 'api-only' },
      { path: '/pet/findByStatus', method: 'GET', where: 'openapi-only' },
    ]);
  });

  it('updates a YAML document in place: comments and untouched operations kept, stale ones removed, new ones added', () => {
    const text = '# hand-written\nopenapi: 3.0.0\ninfo:\n  title: P\npaths:\n  /pet:\n    post:\n      summary: add a pet # keep me\n  /pet/{petId}:\n    get: {}\n  /pet/findByStatus:\n    get: {}\n';
    const { text: updated, differences } = syncOpenApiText(text, resources);
    expect(differences).toHaveLength(2);
    expect(updated).toContain('# hand-written');
    expect(updated).toContain('summary: add a pet # keep me');
    const doc = parseYaml(updated) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(['/pet', '/pet/{petId}']);
    expect(Object.keys(doc.paths['/pet/{petId}']!)).toEqual(['get', 'put']);
    expect(compareApiWithOpenApi(resources, readOpenApi(updated))).toEqual([]);
  });

  it('keeps a JSON document JSON, and adds new paths with their path parameters', () => {
    const { text: updated } = syncOpenApiText(JSON.stringify({ swagger: '2.0', info: { title: 'P' }, paths: { '/pet': { post: {}, get: {} } } }), resources);
    const doc = JSON.parse(updated) as { paths: Record<string, Record<string, { parameters?: unknown[] }>> };
    expect(Object.keys(doc.paths['/pet']!)).toEqual(['post']);
    expect(doc.paths['/pet/{id}']!.get!.parameters).toEqual([{ name: 'id', in: 'path', required: true, type: 'string' }]);
  });

  it('leaves a document that already agrees untouched, byte for byte', () => {
    const text = 'openapi: 3.0.0\ninfo: {title: P}\npaths:\n  /pet:   {post: {}}\n  /pet/{x}: {get: {}, put: {}}\n';
    expect(syncOpenApiText(text, resources)).toEqual({ text, differences: [] });
  });
});
