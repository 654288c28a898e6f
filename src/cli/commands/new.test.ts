// `mediate new api --from-openapi`: the API and its definition land in the project, the project
// then runs (the resources answer, ?swagger.yaml gives the imported document back), and a bad
// document or a taken name writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger, startRuntimeHost, type RuntimeHost } from '../../../engine/index.js';
import { tempDir, vscodeProjectFiles, writeTree } from '../../../engine/node/project/fixtures/projects.js';
import { register } from './new.js';
import type { CommandOutput } from './export.js';

const ORDERS = `openapi: 3.0.1
info:
  title: Order service
  version: 1.0.0
servers:
  - url: http://localhost:8290/store
paths:
  /:
    get:
      operationId: listOrders
  /{orderId}:
    get:
      operationId: getOrder
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: string } }
    delete:
      operationId: cancelOrder
`;

const hosts: RuntimeHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  process.exitCode = 0;
});

async function mediateNewApi(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandOutput = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const program = new Command().exitOverride();
  register(program, { output: io });
  process.exitCode = 0;
  await program.parseAsync(['node', 'mediate', 'new', 'api', ...args]);
  return { code: Number(process.exitCode ?? 0), out, err };
}

function projectWith(document: string, name = 'orders.yaml'): { root: string; doc: string } {
  const root = writeTree(tempDir('cli-new-api'), vscodeProjectFiles());
  const doc = path.join(tempDir('openapi-doc'), name);
  fs.writeFileSync(doc, document);
  return { root, doc };
}

describe('mediate new api --from-openapi', () => {
  it('writes the API and keeps the document beside it; the project then serves both', async () => {
    const { root, doc } = projectWith(ORDERS);
    const result = await mediateNewApi(['--from-openapi', doc, root]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe('Created API OrderService (context /store, 2 resources)');
    const apiFile = path.join(root, 'src/main/wso2mi/artifacts/apis/OrderService.xml');
    const definition = path.join(root, 'src/main/wso2mi/resources/api-definitions/OrderService.yaml');
    expect(fs.readFileSync(definition, 'utf8')).toBe(ORDERS);
    expect(fs.readFileSync(apiFile, 'utf8')).toContain('<resource methods="GET DELETE" uri-template="/{orderId}">');

    const host = await startRuntimeHost({ sources: [root], port: 0, host: '127.0.0.1', logger: new MemoryLogger() });
    hosts.push(host);
    const base = `http://127.0.0.1:${host.port}`;
    expect((await fetch(`${base}/store/42`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${base}/store/42`, { method: 'POST' })).status).toBe(405);
    const served = await fetch(`${base}/OrderService?swagger.yaml`);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('operationId: cancelOrder');
  });

  it('takes --name and --context over the title and the server URL', async () => {
    const { root, doc } = projectWith(ORDERS);
    const result = await mediateNewApi(['--from-openapi', doc, '--name', 'Shop', '--context', '/shop', root]);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/main/wso2mi/artifacts/apis/Shop.xml'), 'utf8')).toContain('context="/shop" name="Shop"');
  });

  it('names the line and column of a broken document and writes nothing', async () => {
    const { root, doc } = projectWith('openapi: 3.0.1\ninfo:\n  title: x\n  version: 1\npaths:\n  /a: [unclosed\n');
    const result = await mediateNewApi(['--from-openapi', doc, root]);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^error: orders\.yaml:\d+:\d+: /);
    expect(fs.existsSync(path.join(root, 'src/main/wso2mi/resources/api-definitions'))).toBe(false);
  });

  it('refuses a name that is taken, leaving the existing API as it was', async () => {
    const { root, doc } = projectWith(ORDERS);
    expect((await mediateNewApi(['--from-openapi', doc, root])).code).toBe(0);
    const apiFile = path.join(root, 'src/main/wso2mi/artifacts/apis/OrderService.xml');
    fs.appendFileSync(apiFile, '<!-- edited -->\n');
    const again = await mediateNewApi(['--from-openapi', doc, root]);
    expect(again.code).toBe(1);
    expect(again.err[0]).toBe('error: name: src/main/wso2mi/artifacts/apis/OrderService.xml already exists; choose another API name');
    expect(fs.readFileSync(apiFile, 'utf8')).toContain('<!-- edited -->');
  });

  it('refuses a folder that is not an MI project', async () => {
    const { doc } = projectWith(ORDERS);
    const result = await mediateNewApi(['--from-openapi', doc, tempDir('not-a-project')]);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/is not an MI project/);
  });
});
