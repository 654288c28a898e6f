/**
 * Where an API and its OpenAPI file disagree, and bringing the file in line with the API.
 * Paths are compared with variable names ignored (`/pet/{id}` and `/pet/{petId}` are one path),
 * the API's uri-templates without their query part; a resource without methods stands for all
 * five MI serves. The update edits the document in place (comments, order and untouched
 * operations kept): operations the API lacks are removed, the API's new ones are added with a
 * default response.
 */
import { isMap, parseDocument, type Document } from 'yaml';
import type { ApiResourceShape } from '../../../../engine/index.js';
import { readOpenApi, type OpenApiModel } from './openapi-document.js';

export interface OpenApiDifference {
  /** The path as the API writes it (api-only) or as the document does (openapi-only). */
  path: string;
  method: string;
  /** api-only: a resource method the document does not describe; openapi-only: an operation no resource serves. */
  where: 'api-only' | 'openapi-only';
}

const ALL_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

export function apiOperations(resources: readonly ApiResourceShape[]): { path: string; method: string }[] {
  const out: { path: string; method: string }[] = [];
  for (const r of resources) {
    const path = r.uriTemplate ? r.uriTemplate.split('?')[0] || '/' : (r.urlMapping ?? '/*');
    const methods = r.methods.length > 0 ? r.methods.map((m) => m.toUpperCase()) : ALL_METHODS;
    for (const method of methods) out.push({ path, method });
  }
  return out;
}

export function compareApiWithOpenApi(resources: readonly ApiResourceShape[], model: OpenApiModel): OpenApiDifference[] {
  const api = apiOperations(resources);
  const doc = model.paths.flatMap((p) => p.operations.map((o) => ({ path: p.path, method: o.method })));
  const key = (o: { path: string; method: string }) => `${o.method} ${shapeOf(o.path)}`;
  const inDoc = new Set(doc.map(key));
  const inApi = new Set(api.map(key));
  return [
    ...api.filter((o) => !inDoc.has(key(o))).map((o) => ({ ...o, where: 'api-only' as const })),
    ...doc.filter((o) => !inApi.has(key(o))).map((o) => ({ ...o, where: 'openapi-only' as const })),
  ];
}

/** The document text updated to describe exactly the API's operations, in the text's own syntax (JSON stays JSON). */
export function syncOpenApiText(text: string, resources: readonly ApiResourceShape[], fileName?: string): { text: string; differences: OpenApiDifference[] } {
  const model = readOpenApi(text, fileName);
  const differences = compareApiWithOpenApi(resources, model);
  if (differences.length === 0) return { text, differences };
  const doc = parseDocument(text.replace(/^\uFEFF/, ''));
  const docPathOf = new Map(model.paths.map((p) => [shapeOf(p.path), p.path]));
  for (const d of differences) {
    if (d.where === 'openapi-only') {
      doc.deleteIn(['paths', d.path, d.method.toLowerCase()]);
      if (!hasOperations(doc, d.path)) doc.deleteIn(['paths', d.path]);
      continue;
    }
    const docPath = docPathOf.get(shapeOf(d.path)) ?? d.path;
    docPathOf.set(shapeOf(d.path), docPath);
    const parameters = [...d.path.matchAll(/\{\+?([^}]+)\}/g)].map((m) => (model.dialect === 'swagger2' ? { name: m[1]!, in: 'path', required: true, type: 'string' } : { name: m[1]!, in: 'path', required: true, schema: { type: 'string' } }));
    const operation: Record<string, unknown> = { responses: { default: { description: 'Default response' } } };
    if (parameters.length > 0 && docPath === d.path) operation.parameters = parameters;
    doc.setIn(['paths', docPath, d.method.toLowerCase()], doc.createNode(operation));
  }
  const isJson = text.trimStart().startsWith('{');
  return { text: isJson ? `${JSON.stringify(doc.toJS(), null, 2)}\n` : doc.toString(), differences };
}

function hasOperations(doc: Document, path: string): boolean {
  const item = doc.getIn(['paths', path]);
  return isMap(item) && item.items.length > 0;
}

/** A path with its variables' names dropped and no trailing slash. */
function shapeOf(path: string): string {
  const p = path.replace(/\{[^}]*\}/g, '{}');
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}
