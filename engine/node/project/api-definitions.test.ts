// GET /<ApiName>?swagger.json|yaml on a running runtime host: the project's api-definitions file
// when it has one (re-read on every request), the generated document otherwise, and a clear 500
// for a definition that does not parse.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MemoryLogger } from '../../core/logger.js';
import { startRuntimeHost, type RuntimeHost } from '../runtime-host.js';

const NS = 'http://ws.apache.org/ns/synapse';
const ORDERS_API = `<api xmlns="${NS}" name="Orders" context="/orders">
  <resource methods="GET" uri-template="/{id}?verbose={verbose}"><inSequence><respond/></inSequence></resource>
  <resource methods="POST" url-mapping="/"><inSequence><respond/></inSequence></resource>
</api>`;
const VERSIONED_API = `<api xmlns="${NS}" name="Stock" context="/stock/{version}" version="1.0.0" version-type="context">
  <resource methods="GET" uri-template="/quote"><inSequence><respond/></inSequence></resource>
</api>`;

const dirs: string[] = [];
const hosts: RuntimeHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A project in MI for VS Code's layout with the given files under src/main/wso2mi/. */
function vscodeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-swagger-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, 'src/main/wso2mi', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

async function start(root: string, logger = new MemoryLogger()): Promise<{ get: (p: string) => Promise<Response>; logger: MemoryLogger }> {
  const host = await startRuntimeHost({ sources: [root], port: 0, host: '127.0.0.1', logger });
  hosts.push(host);
  return { get: (p) => fetch(`http://127.0.0.1:${host.port}${p}`), logger };
}

describe('?swagger.json and ?swagger.yaml of a REST API', () => {
  it('serves the generated OpenAPI 3 document by API name, with the resources as paths and parameters', async () => {
    const { get } = await start(vscodeProject({ 'artifacts/apis/Orders.xml': ORDERS_API }));
    const res = await get('/Orders?swagger.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as { openapi: string; info: { title: string }; servers: { url: string }[]; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    expect(doc.openapi).toBe('3.0.1');
    expect(doc.info.title).toBe('Orders');
    expect(doc.servers[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/orders$/);
    expect(Object.keys(doc.paths).sort()).toEqual(['/', '/{id}']);
    expect(Object.keys(doc.paths['/{id}']!)).toEqual(['get']);
    expect(doc.paths['/{id}']!.get!.parameters!.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['path:id', 'query:verbose']);

    const yaml = await get('/Orders?swagger.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/yaml/);
    expect(parseYaml(await yaml.text())).toEqual(doc);
    // Served by name, not by context: /orders?swagger.json is an ordinary request to the API.
    expect((await get('/orders?swagger.json')).headers.get('content-type') ?? '').not.toMatch(/^application\/json/);
  });

  it("serves the project's api-definitions file instead, converted to JSON, and the edited file on the next request", async () => {
    const definition = 'openapi: 3.0.1\ninfo:\n  title: Orders (hand-written)\n  version: 2.0.0\npaths:\n  /{id}:\n    get:\n      summary: One order\n      responses:\n        "200":\n          description: the order\n';
    const root = vscodeProject({ 'artifacts/apis/Orders.xml': ORDERS_API, 'resources/api-definitions/Orders.yaml': definition });
    const { get } = await start(root);
    const yaml = await get('/Orders?swagger.yaml');
    expect(await yaml.text()).toBe(definition);
    const json = (await (await get('/Orders?swagger.json')).json()) as { info: { title: string }; paths: Record<string, { get: { summary: string } }> };
    expect(json.info.title).toBe('Orders (hand-written)');
    expect(json.paths['/{id}']!.get.summary).toBe('One order');

    fs.writeFileSync(path.join(root, 'src/main/wso2mi/resources/api-definitions/Orders.yaml'), definition.replace('One order', 'An order by id'));
    const again = (await (await get('/Orders?swagger.json')).json()) as { paths: Record<string, { get: { summary: string } }> };
    expect(again.paths['/{id}']!.get.summary).toBe('An order by id');
  });

  it('looks a versioned API up as Name:v<version> and picks its versioned definition file', async () => {
    const root = vscodeProject({
      'artifacts/apis/Stock.xml': VERSIONED_API,
      'resources/api-definitions/Stock_v1.0.0.yaml': 'openapi: 3.0.1\ninfo:\n  title: Stock one\n  version: 1.0.0\npaths: {}\n',
    });
    const { get } = await start(root);
    const res = await get('/Stock:v1.0.0?swagger.json');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { info: { title: string } }).info.title).toBe('Stock one');
  });

  it('answers 500 naming the file when the definition does not parse, and keeps serving the API', async () => {
    const root = vscodeProject({ 'artifacts/apis/Orders.xml': ORDERS_API, 'resources/api-definitions/Orders.yaml': 'openapi: 3.0.1\npaths:\n  /x: [unclosed\n' });
    const { get, logger } = await start(root);
    const res = await get('/Orders?swagger.json');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { Error: { message: string } };
    expect(body.Error.message).toContain('Orders.yaml cannot be read');
    expect(logger.records.some((r) => r.level === 'error' && r.message.includes('Orders.yaml'))).toBe(true);
    expect((await get('/orders/7?verbose=true')).status).toBe(200);
  });
});
