/**
 * An API's OpenAPI as the studio shows it: the document the project keeps for it (MI for VS
 * Code's resources/api-definitions/<Api>[_v<ver>].yaml, else resources/metadata/<Api>_swagger.yaml),
 * where it disagrees with the API's resources; or, with no document, the one the runtime and
 * the CAR generate. Syncing edits the kept document in place, or writes the generated one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { apiDefinitionFiles, apiShapeFromXml, findApiDefinition, openApiFromApiXml, writeFileAtomicSync, type ApiShape } from '../../../../engine/index.js';
import { readOpenApi, OpenApiError } from './openapi-document.js';
import { compareApiWithOpenApi, syncOpenApiText, type OpenApiDifference } from './openapi-sync.js';
import { API_DEFINITIONS_DIR } from './import-openapi.js';

export interface ApiOpenApiView {
  apiName: string;
  /** Project-relative; absent when the project keeps no document for the API. */
  definitionFile?: string;
  /** The kept document as written, or the generated one (YAML). */
  text: string;
  generated: boolean;
  differences: OpenApiDifference[];
  /** Why the kept document cannot be compared (it does not parse), with line and column. */
  problems: string[];
}

interface ApiSource {
  shape: ApiShape;
  /** The document the CAR export and the runtime generate for it. */
  generated: string;
}

function readApi(root: string, apiFile: string): ApiSource {
  const xml = fs.readFileSync(path.join(root, apiFile), 'utf8');
  const shape = apiShapeFromXml(xml);
  if ('error' in shape) throw new Error(`${apiFile}: ${shape.error}`);
  const generated = openApiFromApiXml(xml);
  return { shape, generated: 'yaml' in generated ? generated.yaml : '' };
}

/** Project-relative path of the document the runtime would serve for the API, if the project keeps one. */
function keptDefinition(root: string, api: ApiShape): string | undefined {
  const found = findApiDefinition(apiDefinitionFiles(root), api.name, api.version);
  return found && path.relative(root, found.file).split(path.sep).join('/');
}

export function apiOpenApiView(root: string, apiFile: string): ApiOpenApiView {
  const { shape: api, generated } = readApi(root, apiFile);
  const definitionFile = keptDefinition(root, api);
  if (!definitionFile) return { apiName: api.name, text: generated, generated: true, differences: [], problems: [] };
  const text = fs.readFileSync(path.join(root, definitionFile), 'utf8');
  try {
    return { apiName: api.name, definitionFile, text, generated: false, differences: compareApiWithOpenApi(api.resources, readOpenApi(text, path.posix.basename(definitionFile))), problems: [] };
  } catch (e) {
    if (!(e instanceof OpenApiError)) throw e;
    return { apiName: api.name, definitionFile, text, generated: false, differences: [], problems: e.problems };
  }
}

/** Brings the kept document in line with the API (or writes the generated one); throws OpenApiError for a document that does not parse. */
export function syncApiOpenApi(root: string, apiFile: string): ApiOpenApiView {
  const { shape: api, generated } = readApi(root, apiFile);
  const definitionFile = keptDefinition(root, api) ?? `${API_DEFINITIONS_DIR}/${api.name}${api.version ? `_v${api.version}` : ''}.yaml`;
  const target = path.join(root, definitionFile);
  const existing = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  const text = existing === undefined ? generated : syncOpenApiText(existing, api.resources, path.posix.basename(definitionFile)).text;
  if (text !== existing) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomicSync(target, text);
  }
  return apiOpenApiView(root, apiFile);
}
