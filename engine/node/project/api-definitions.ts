/**
 * The OpenAPI document a project or CAR carries for an API: MI for VS Code's
 * `resources/api-definitions/<Api>.yaml` (`<Api>_v<ver>.yaml` for a version), preferred over
 * `resources/metadata/<Api>_swagger.yaml` and a CAR's `<Api>[_<ver>]_swagger` metadata artifact
 * (car-format.md §5). Read when asked, so an edited file is served without a redeploy.
 */
import fs from 'node:fs';
import type { ProjectScan } from './types.js';

export type ApiDefinitionLookup = (apiName: string, version?: string) => { text: string; origin: string } | undefined;

export function apiDefinitionLookup(scans: () => readonly ProjectScan[]): ApiDefinitionLookup {
  return (apiName, version) => {
    const extras = scans().flatMap((s) => s.extras ?? []);
    const wanted = (names: string[], kind: 'api-definition' | 'metadata') => extras.find((e) => e.kind === kind && names.includes(e.name));
    const definition = wanted(version ? [`${apiName}_v${version}`, apiName] : [apiName], 'api-definition') ?? wanted(version ? [`${apiName}_${version}_swagger`, `${apiName}_swagger`] : [`${apiName}_swagger`], 'metadata');
    if (!definition) return undefined;
    try {
      return { text: fs.readFileSync(definition.file, 'utf8'), origin: definition.file };
    } catch {
      return undefined;
    }
  };
}
