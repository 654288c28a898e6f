import { attr, childElements, parseDescriptor } from '../project/xml-read.js';
import { toYaml } from './yaml.js';
import { generatedOpenApi, type ApiShape } from '../../artifacts/api/openapi.js';

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

/** API context as served: `{version}` in a context template replaced by the API version. */
export function servedContext(context: string, version: string | undefined): string {
  return version ? context.replace('{version}', version) : context;
}

/** An API's name, version, served context and resources, read from its XML; an error message when it cannot be read. */
export function apiShapeFromXml(xml: string): ApiShape | { error: string } {
  const parsed = parseDescriptor(xml);
  if ('error' in parsed) return parsed;
  const api = parsed.root;
  if (api.localName !== 'api') return { error: `root element is <${api.localName}>, not <api>` };
  const version = attr(api, 'version');
  const resources = childElements(api, 'resource').map((r) => ({
    methods: (attr(r, 'methods') ?? '').split(/[\s,]+/).filter(Boolean),
    uriTemplate: attr(r, 'uri-template'),
    urlMapping: attr(r, 'url-mapping'),
  }));
  return { name: attr(api, 'name') ?? 'api', version, context: servedContext(attr(api, 'context') ?? '/', version), resources };
}

/**
 * Generates an OpenAPI 3.0.1 document from an API's resources (methods, uri-template
 * path/query parameters, url-mapping). Returns an error message when the XML cannot be read.
 */
export function openApiFromApiXml(xml: string): { yaml: string } | { error: string } {
  const shape = apiShapeFromXml(xml);
  if ('error' in shape) return shape;
  return { yaml: toYaml(generatedOpenApi(shape, 'http://localhost:8290')) };
}
