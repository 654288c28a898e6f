/**
 * The OpenAPI document a project or CAR carries for an API: MI for VS Code's
 * `resources/api-definitions/<Api>.yaml` (`<Api>_v<ver>.yaml` for a version), preferred over
 * `resources/metadata/<Api>_swagger.yaml` and a CAR's `<Api>[_<ver>]_swagger` metadata artifact
 * (car-format.md §5). Read when asked, so an edited file is served without a redeploy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { metadataFiles } from './extras.js';
import type { ProjectExtraFile, ProjectScan } from './types.js';

export type ApiDefinitionLookup = (apiName: string, version?: string) => { text: string; origin: string } | undefined;

/** The document kept for an API among a project's api-definition and metadata files, by MI for VS Code's names. */
export function findApiDefinition(extras: readonly ProjectExtraFile[], apiName: string, version?: string): ProjectExtraFile | undefined {
  // Names in order of preference: the versioned file wins over the plain one whatever the listing order.
  const wanted = (names: string[], kind: 'api-definition' | 'metadata') => names.map((n) => extras.find((e) => e.kind === kind && e.name === n)).find(Boolean);
  return wanted(version ? [`${apiName}_v${version}`, apiName] : [apiName], 'api-definition') ?? wanted(version ? [`${apiName}_${version}_swagger`, `${apiName}_swagger`] : [`${apiName}_swagger`], 'metadata');
}

/** The api-definition and metadata files of a project in MI for VS Code's layout, without scanning the rest of it. */
export function apiDefinitionFiles(projectRoot: string): ProjectExtraFile[] {
  const resources = path.join(projectRoot, 'src', 'main', 'wso2mi', 'resources');
  return [...metadataFiles(path.join(resources, 'api-definitions'), 'api-definition'), ...metadataFiles(path.join(resources, 'metadata'), 'metadata')];
}

export function apiDefinitionLookup(scans: () => readonly ProjectScan[]): ApiDefinitionLookup {
  return (apiName, version) => {
    const definition = findApiDefinition(scans().flatMap((s) => s.extras ?? []), apiName, version);
    if (!definition) return undefined;
    try {
      return { text: fs.readFileSync(definition.file, 'utf8'), origin: definition.file };
    } catch {
      return undefined;
    }
  };
}
