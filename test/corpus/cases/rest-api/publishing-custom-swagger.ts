import { expect } from 'vitest';
import { defineCase } from '../../case.js';

export default defineCase({
  id: 'rest-api/publishing-custom-swagger',
  title: 'A custom Swagger document from the registry (publishSwagger="/_system/governance/..."), served at /<API name>?swagger.json|yaml',
  status: 'pass',
  docsWrong: ['the page prints neither the Swagger documents nor the API responses: the registry document and the payloadFactory JSON are expected'],
  registry: { 'gov/swagger_files/simple_petstore.yaml': 'registry_simple_petstore.yaml' },
  artifacts: [{ file: 'api_SwaggerPetstore.xml' }],
  async run(t) {
    // By the API's name, not its context (MI looks the API up by the first path segment).
    const yaml = await t.request('GET', '/SwaggerPetstore?swagger.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toContain('basePath: /v2');
    expect(yaml.text).toContain('/pet/findByStatus:');
    const json = await t.request('GET', '/SwaggerPetstore?swagger.json');
    expect(json.status).toBe(200);
    expect(json.contentType).toMatch(/^application\/json/);
    const doc = json.json() as { basePath: string; paths: Record<string, unknown> };
    expect(doc.basePath).toBe('/v2');
    expect(Object.keys(doc.paths).sort()).toEqual(['/pet', '/pet/findByStatus']);

    for (const [method, path] of [['POST', '/v2/pet'], ['GET', '/v2/pet/findByStatus']] as const) {
      const r = await t.request(method, path, method === 'POST' ? { headers: { 'Content-Type': 'application/json' }, body: '{"payload":"x"}' } : {});
      expect(r.status, `${method} ${path}`).toBe(200);
      expect(r.json()).toEqual({ Response: 'Sample Response' });
    }
    expect((await t.request('GET', '/v2/pet')).status).not.toBe(200);
  },
});
