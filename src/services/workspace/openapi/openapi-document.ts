/**
 * Reads an OpenAPI 3.x or Swagger 2.0 document (JSON or YAML) into what an API is made of: its
 * title, version, base path and one entry per path with its operations. A document that cannot
 * be used is refused with every reason found, each naming the line and column (syntax) or the
 * field (structure) at fault, so that nothing is written from it.
 */
import { parseDocument } from 'yaml';

export const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

export interface OpenApiOperation {
  method: string;
  operationId?: string;
  summary?: string;
  /** Query parameters, in document order (path-level ones first). */
  queryParameters: string[];
}

export interface OpenApiPath {
  path: string;
  operations: OpenApiOperation[];
}

export interface OpenApiModel {
  dialect: 'openapi3' | 'swagger2';
  title: string;
  version?: string;
  description?: string;
  /** Swagger 2's basePath, or the path of OpenAPI 3's first server URL; undefined when neither says. */
  basePath?: string;
  paths: OpenApiPath[];
}

export class OpenApiError extends Error {
  constructor(readonly problems: string[]) {
    super(`not a usable OpenAPI document: ${problems.join('; ')}`);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The parsed document as plain data; throws OpenApiError for text that is neither JSON nor YAML. */
export function parseOpenApiText(text: string, fileName = 'the document'): Json {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') throw new OpenApiError([`${fileName} is empty`]);
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new OpenApiError(doc.errors.map((e) => {
      const at = e.linePos?.[0] ?? lineAndColumn(source, e.pos[0]);
      return `${fileName}${at ? `:${at.line}:${at.col}` : ''}: ${e.message.split('\n')[0]}`;
    }));
  }
  return doc.toJS({ maxAliasCount: 100 }) as Json;
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}

export function readOpenApi(text: string, fileName?: string): OpenApiModel {
  const root = parseOpenApiText(text, fileName);
  const problems: string[] = [];
  if (!isObject(root)) throw new OpenApiError(['the document is not a mapping (expected fields openapi or swagger, info and paths)']);
  let dialect: OpenApiModel['dialect'] | undefined;
  if (typeof root.openapi === 'string' && /^3\.\d+(\.\d+)?$/.test(root.openapi.trim())) dialect = 'openapi3';
  else if (String(root.swagger ?? '').trim() === '2.0') dialect = 'swagger2';
  else if (root.openapi !== undefined) problems.push(`openapi: '${String(root.openapi)}' is not an OpenAPI 3 version (3.0.x or 3.1.x)`);
  else if (root.swagger !== undefined) problems.push(`swagger: '${String(root.swagger)}' is not 2.0`);
  else problems.push('neither an openapi (3.x) nor a swagger (2.0) field');
  const info = root.info;
  if (!isObject(info)) problems.push('info: missing (it must hold the title)');
  else if (typeof info.title !== 'string' || info.title.trim() === '') problems.push('info.title: missing or empty');
  const pathsNode = root.paths;
  if (!isObject(pathsNode)) problems.push('paths: missing or not a mapping');
  const paths: OpenApiPath[] = [];
  if (isObject(pathsNode)) {
    for (const [p, item] of Object.entries(pathsNode)) {
      if (!p.startsWith('/')) {
        problems.push(`paths.${p}: a path must start with '/'`);
        continue;
      }
      if (!isObject(item)) {
        problems.push(`paths.${p}: not a mapping of operations`);
        continue;
      }
      const shared = queryNames(item.parameters);
      const operations: OpenApiOperation[] = [];
      for (const method of OPENAPI_METHODS) {
        const op = item[method];
        if (op === undefined) continue;
        if (!isObject(op)) {
          problems.push(`paths.${p}.${method}: not a mapping`);
          continue;
        }
        operations.push({
          method: method.toUpperCase(),
          operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
          summary: typeof op.summary === 'string' ? op.summary : undefined,
          queryParameters: [...new Set([...shared, ...queryNames(op.parameters)])],
        });
      }
      paths.push({ path: p, operations });
    }
  }
  if (problems.length > 0 || !dialect || !isObject(info)) throw new OpenApiError(problems);
  return {
    dialect,
    title: String(info.title).trim(),
    version: info.version === undefined ? undefined : String(info.version),
    description: typeof info.description === 'string' ? info.description : undefined,
    basePath: dialect === 'swagger2' ? swaggerBasePath(root.basePath) : serverPath(root.servers),
    paths,
  };
}

function queryNames(parameters: Json | undefined): string[] {
  if (!Array.isArray(parameters)) return [];
  return parameters.filter((p): p is { [k: string]: Json } => isObject(p) && p.in === 'query' && typeof p.name === 'string').map((p) => String(p.name));
}

function swaggerBasePath(v: Json | undefined): string | undefined {
  return typeof v === 'string' && v.startsWith('/') ? trimSlash(v) : undefined;
}

/** The path of the first server URL (`https://host/v1` -> `/v1`, `/v1` -> `/v1`), without variables' braces resolved. */
function serverPath(servers: Json | undefined): string | undefined {
  if (!Array.isArray(servers) || !isObject(servers[0]) || typeof servers[0].url !== 'string') return undefined;
  const url = servers[0].url.trim();
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(url)?.[1] ?? (url.startsWith('/') ? url : undefined);
  return path ? trimSlash(path) : undefined;
}

function trimSlash(p: string): string | undefined {
  const t = p.replace(/\/+$/, '');
  return t === '' ? undefined : t;
}

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
