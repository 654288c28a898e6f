/**
 * The OpenAPI 3.0.1 document MI generates for a REST API that publishes no swagger of its own
 * (GenericApiObjectDefinition): one path per resource (uri-template without its query part, or
 * url-mapping, `/*` for neither), one operation per method (all five when the resource names
 * none), path and query parameters from the template, a sample request body for POST/PUT/PATCH
 * and a default response. The CAR writer's `_swagger` metadata and the runtime's `?swagger.json`
 * both come from here, so they agree.
 */

export interface ApiResourceShape {
  methods: string[];
  uriTemplate?: string;
  urlMapping?: string;
}

export interface ApiShape {
  name: string;
  version?: string;
  /** The context as served (`{version}` already replaced). */
  context: string;
  resources: ApiResourceShape[];
}

export type OpenApiValue = string | number | boolean | null | OpenApiValue[] | { [key: string]: OpenApiValue };

const ALL_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** `serverBase` is scheme, host and port, e.g. `http://localhost:8290`. */
export function generatedOpenApi(api: ApiShape, serverBase: string): { [key: string]: OpenApiValue } {
  const paths: Record<string, Record<string, OpenApiValue>> = {};
  for (const resource of api.resources) {
    const { path, parameters } = resourcePath(resource);
    const operations = (paths[path] ??= {});
    const methods = resource.methods.map((m) => m.toUpperCase());
    for (const method of methods.length > 0 ? methods : ALL_METHODS) {
      const operation: Record<string, OpenApiValue> = {};
      if (parameters.length > 0) operation['parameters'] = parameters;
      if (WITH_BODY.has(method)) {
        operation['requestBody'] = {
          description: 'Sample Payload',
          content: { 'application/json': { schema: { type: 'object', properties: { payload: { type: 'object' } } } } },
          required: false,
        };
      }
      operation['responses'] = { default: { description: 'Default response' } };
      operations[method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.0.1',
    info: { title: api.name, description: `API Definition of ${api.name}`, version: api.version ?? '1.0.0' },
    servers: [{ url: `${serverBase}${api.context}` }],
    paths,
  };
}

function resourcePath(resource: ApiResourceShape): { path: string; parameters: OpenApiValue[] } {
  if (resource.uriTemplate) {
    const [pathPart, query = ''] = resource.uriTemplate.split('?', 2) as [string, string?];
    const parameters: OpenApiValue[] = [];
    for (const pair of query.split('&').filter(Boolean)) {
      const m = /^([^=]+)=\{([^}]+)\}$/.exec(pair);
      if (m) parameters.push({ name: m[1]!, in: 'query', schema: { type: 'string' } });
    }
    for (const m of pathPart.matchAll(/\{\+?([^}]+)\}/g)) parameters.push({ name: m[1]!, in: 'path', required: true, schema: { type: 'string' } });
    return { path: pathPart || '/', parameters };
  }
  if (resource.urlMapping) return { path: resource.urlMapping, parameters: [] };
  return { path: '/*', parameters: [] };
}
