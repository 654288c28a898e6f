/**
 * The OpenAPI 3 document MI generates for a RESTful data service
 * (`/services/<Name>?swagger.json`, SwaggerUtils.createSwaggerFromDefinition):
 * title = service name, version "1.0", description "API Definition of
 * dataservice : <Name>", one path per resource (path parameters declared),
 * a "Sample Payload" request body for methods other than GET and DELETE, and
 * a `default` response on every operation.
 */
import type { DataServiceDef } from './types.js';
import { toYaml, type Yaml } from './yaml-lite.js';

export function swaggerDocument(service: DataServiceDef, host: string): Record<string, Yaml> {
  const paths: Record<string, Record<string, Yaml>> = {};
  for (const r of service.resources) {
    const p = '/' + r.path.replace(/^\/+/, '');
    const op: Record<string, Yaml> = { responses: { default: { description: 'Default response' } } };
    const vars = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const query = r.callQuery?.withParams.map((w) => w.queryParam ?? w.name).filter((n) => !vars.includes(n)) ?? [];
    const parameters: Yaml[] = vars.map((v) => ({ name: v, in: 'path', required: true, style: 'simple', explode: false, schema: { type: 'string' } }));
    if (r.method === 'GET' || r.method === 'DELETE') for (const q of query) parameters.push({ name: q, in: 'query', required: false, style: 'form', explode: true, schema: { type: 'string' } });
    if (parameters.length) op.parameters = parameters;
    if (r.method !== 'GET' && r.method !== 'DELETE') {
      op.requestBody = { description: 'Sample Payload', content: { 'application/json': { schema: { type: 'object', properties: { payload: { type: 'object' } } } } }, required: false };
    }
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  }
  const servers: Yaml[] = service.transports.filter((t) => t === 'http' || t === 'https').map((t) => ({ url: `${t}://${host}/services/${service.name}` }));
  return {
    openapi: '3.0.1',
    info: { title: service.name, description: `API Definition of dataservice : ${service.name}`, version: '1.0' },
    servers,
    paths,
  };
}

export function swaggerYaml(doc: Yaml): string {
  return toYaml(doc);
}
