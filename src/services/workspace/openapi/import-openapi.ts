/**
 * "New API from an OpenAPI document", shared by the CLI and the studio: the API is written to
 * `src/main/wso2mi/artifacts/apis/<Name>.xml` and the document, byte for byte, to
 * `src/main/wso2mi/resources/api-definitions/<Name>.yaml` (the file MI for VS Code keeps beside
 * an API and the runtime answers `?swagger.json` from; JSON is YAML, so a JSON document is kept
 * as written). Nothing is written when the document is unusable or either file already exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../../../engine/index.js';
import { readOpenApi } from './openapi-document.js';
import { apiFromOpenApi, type ApiFromOpenApiOptions, type GeneratedApi } from './api-from-openapi.js';

export interface OpenApiImportPlan {
  api: GeneratedApi;
  /** Project-relative paths, '/'-separated. */
  apiFile: string;
  definitionFile: string;
}

/** Either file of the import exists already (the user picks another name). */
export class OpenApiTargetExistsError extends Error {}

export const APIS_DIR = 'src/main/wso2mi/artifacts/apis';
export const API_DEFINITIONS_DIR = 'src/main/wso2mi/resources/api-definitions';

/** What an import would write; throws (OpenApiError or Error naming the field) when it cannot. */
export function planOpenApiImport(projectDir: string, documentText: string, documentName: string, options: ApiFromOpenApiOptions = {}): OpenApiImportPlan {
  if (!fs.existsSync(path.join(projectDir, 'src', 'main', 'wso2mi'))) {
    throw new Error(`${projectDir} is not an MI project (no src/main/wso2mi folder)`);
  }
  const api = apiFromOpenApi(readOpenApi(documentText, documentName), options);
  const plan = { api, apiFile: `${APIS_DIR}/${api.name}.xml`, definitionFile: `${API_DEFINITIONS_DIR}/${api.name}.yaml` };
  for (const file of [plan.apiFile, plan.definitionFile]) {
    if (fs.existsSync(path.join(projectDir, file))) throw new OpenApiTargetExistsError(`name: ${file} already exists; choose another API name`);
  }
  return plan;
}

export function importOpenApi(projectDir: string, documentText: string, documentName: string, options: ApiFromOpenApiOptions = {}): OpenApiImportPlan {
  const plan = planOpenApiImport(projectDir, documentText, documentName, options);
  for (const [file, text] of [[plan.definitionFile, documentText], [plan.apiFile, plan.api.xml]] as const) {
    const target = path.join(projectDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomicSync(target, text);
  }
  return plan;
}
