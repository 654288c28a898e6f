import type { Element } from '@xmldom/xmldom';
import { attr, childElements, parseDescriptor } from '../project/xml-read.js';
import { toYaml, type YamlValue } from './yaml.js';

/** Service-catalog metadata YAML as the VS Code builder generates it for an API (car-format.md §5). */
export function apiMetadataYaml(name: string, version: string, context: string): string {
  return (
    '---\n' +
    `key: ${JSON.stringify(`${name}-${version}`)}\n` +
    `name: ${JSON.stringify(name)}\n` +
    `displayName: ${JSON.stringify(name)}\n` +
    `version: ${JSON.stringify(version)}\n` +
    `serviceUrl: ${JSON.stringify(`https://{MI_HOST}:{MI_PORT}${context}`)}\n` +
    'definitionType: "OAS3"\n' +
    'securityType: "BASIC"\n' +
    'mutualSSLEnabled: false\n'
  );
}

export function proxyMetadataYaml(name: string, version: string): string {
  return (
    '---\n' +
    `key: ${JSON.stringify(`${name}_proxy-${version}`)}\n` +
    `name: ${JSON.stringify(name)}\n` +
    `displayName: ${JSON.stringify(name)}\n` +
    `version: ${JSON.stringify(version)}\n` +
    `serviceUrl: ${JSON.stringify(`https://{MI_HOST}:{MI_PORT}/services/${name}`)}\n` +
    'definitionType: "WSDL1"\n' +
    'securityType: "BASIC"\n' +
    'mutualSSLEnabled: false\n'
  );
}

const ALL_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** API context as served: `{version}` in a context template replaced by the API version. */
export function servedContext(context: string, version: string | undefined): string {
  return version ? context.replace('{version}', version) : context;
}

/**
 * Generates an OpenAPI 3.0.1 document from an API's resources (methods, uri-template
 * path/query parameters, url-mapping). Returns an error message when the XML cannot be read.
 */
export function openApiFromApiXml(xml: string): { yaml: string } | { error: string } {
  const parsed = parseDescriptor(xml);
  if ('error' in parsed) return parsed;
  const api = parsed.root;
  if (api.localName !== 'api') return { error: `root element is <${api.localName}>, not <api>` };
  const name = attr(api, 'name') ?? 'api';
  const version = attr(api, 'version');
  const context = servedContext(attr(api, 'context') ?? '/', version);
  const paths: Record<string, Record<string, YamlValue>> = {};
  for (const resource of childElements(api, 'resource')) {
    const { path, parameters } = resourcePath(resource);
    const methods = (attr(resource, 'methods') ?? '').split(/[\s,]+/).filter(Boolean).map((m) => m.toUpperCase());
    const operations = (paths[path] ??= {});
    for (const method of methods.length > 0 ? methods : ALL_METHODS) {
      const operation: Record<string, YamlValue> = {};
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
  const doc: YamlValue = {
    openapi: '3.0.1',
    info: { title: name, description: `API Definition of ${name}`, version: version ?? '1.0.0' },
    servers: [{ url: `http://localhost:8290${context}` }],
    paths,
  };
  return { yaml: toYaml(doc) };
}

function resourcePath(resource: Element): { path: string; parameters: YamlValue[] } {
  const template = attr(resource, 'uri-template');
  const mapping = attr(resource, 'url-mapping');
  if (template) {
    const [pathPart, query = ''] = template.split('?', 2) as [string, string?];
    const parameters: YamlValue[] = [];
    for (const pair of query.split('&').filter(Boolean)) {
      const m = /^([^=]+)=\{([^}]+)\}$/.exec(pair);
      if (m) parameters.push({ name: m[1]!, in: 'query', schema: { type: 'string' } });
    }
    for (const m of pathPart.matchAll(/\{\+?([^}]+)\}/g)) {
      parameters.push({ name: m[1]!, in: 'path', required: true, schema: { type: 'string' } });
    }
    return { path: pathPart || '/', parameters };
  }
  if (mapping) return { path: mapping, parameters: [] };
  return { path: '/*', parameters: [] };
}
