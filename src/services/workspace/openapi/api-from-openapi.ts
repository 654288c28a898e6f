/**
 * A Synapse API made from an OpenAPI model, as Integration Studio and MI for VS Code make one:
 * one resource per path with its methods, the path as uri-template (path variables kept), and a
 * stub flow per resource that says which operation it stands for and answers with the request.
 *
 * Query parameters are not put into the uri-template: Synapse matches a template's query part
 * only when every variable in it is present, so an optional query parameter would turn requests
 * without it into 404s. They are listed in the stub's comment; the flow reads them with
 * `$url:name` or `${params.queryParams.name}`.
 */
import type { OpenApiModel } from './openapi-document.js';

export interface ApiFromOpenApiOptions {
  /** The API name; defaults to the document's title without spaces and punctuation. */
  name?: string;
  /** The API context; defaults to the document's base path, else `/<name in lower case>`. */
  context?: string;
}

export interface GeneratedResource {
  methods: string[];
  uriTemplate: string;
}

export interface GeneratedApi {
  name: string;
  context: string;
  resources: GeneratedResource[];
  xml: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Throws an Error saying which option is wrong (name, context) or that the document has no paths. */
export function apiFromOpenApi(model: OpenApiModel, options: ApiFromOpenApiOptions = {}): GeneratedApi {
  const name = options.name?.trim() || nameFromTitle(model.title);
  if (!NAME.test(name)) throw new Error(`name: '${name}' is not a valid API name (letters, digits, _ . -, not starting with a digit)`);
  const context = options.context?.trim() || model.basePath || `/${name.toLowerCase()}`;
  if (!context.startsWith('/') || /\s/.test(context)) throw new Error(`context: '${context}' must start with '/' and hold no spaces`);
  const withOperations = model.paths.filter((p) => p.operations.length > 0);
  if (withOperations.length === 0) throw new Error('paths: the document has no operations, so the API would have no resource');
  const resources = withOperations.map((p) => ({ methods: p.operations.map((o) => o.method), uriTemplate: p.path }));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<api context="${attr(context)}" name="${attr(name)}" xmlns="http://ws.apache.org/ns/synapse">`,
  ];
  for (const p of withOperations) {
    lines.push(`    <resource methods="${p.operations.map((o) => o.method).join(' ')}" uri-template="${attr(p.path)}">`);
    lines.push('        <inSequence>');
    for (const o of p.operations) {
      const what = [o.operationId && `operationId ${o.operationId}`, o.summary, o.queryParameters.length > 0 && `query: ${o.queryParameters.join(', ')}`].filter(Boolean).join('; ');
      lines.push(`            <!-- ${comment(`${o.method} ${p.path}${what ? `: ${what}` : ''}`)} -->`);
    }
    lines.push('            <respond/>', '        </inSequence>', '        <faultSequence/>', '    </resource>');
  }
  lines.push('</api>', '');
  return { name, context, resources, xml: lines.join('\n') };
}

export function nameFromTitle(title: string): string {
  const words = title.split(/[^A-Za-z0-9_]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(joined) ? `API${joined}` : joined || 'ImportedAPI';
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Comment text cannot hold `--` nor end with `-`. */
function comment(s: string): string {
  return s.replace(/-{2,}/g, '-').replace(/-$/, '- ');
}
