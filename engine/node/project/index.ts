/**
 * Project scanning: finds the artifacts, registry resources and config keys of an MI
 * project in any of its layouts (MI VS Code, Integration Studio, a plain folder of XML
 * files) or of a CAR file. Scanning never parses artifacts fully; kinds come from folders
 * or a cheap root-element sniff so malformed files are still listed for the loader.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { VSCODE_MAIN } from './layout-folders.js';
import { isIntegrationProjectPom, readPom } from './pom.js';
import { isDirectory } from './registry.js';
import { looksLikeIntegrationStudio, scanIntegrationStudioProject } from './scan-integration-studio.js';
import { scanPlainFolder } from './scan-plain.js';
import { scanVscodeProject } from './scan-vscode.js';
import type { ProjectLayout, ProjectScan } from './types.js';

export type {
  ArtifactKind,
  ProjectArtifactFile,
  ProjectExtraFile,
  ProjectExtraKind,
  ProjectLayout,
  ProjectProblem,
  ProjectScan,
  RegistryResourceFile,
} from './types.js';
export { VSCODE_ARTIFACT_FOLDERS, IS_SYNAPSE_FOLDERS } from './layout-folders.js';
export { sniffRoot, kindOfRoot } from './sniff.js';
export { registryKey } from './registry.js';
export { parseConfigProperties, parseDotEnv } from './config-properties.js';

/** Which layout a path is in. A `.car` file is 'car'; a folder is vscode, integration-studio or plain. */
export function detectLayout(dirOrFile: string): ProjectLayout {
  if (/\.car$/i.test(dirOrFile) && !isDirectory(dirOrFile)) return 'car';
  if (isIntegrationProjectPom(readPom(path.join(dirOrFile, 'pom.xml')))) return 'vscode';
  if (isDirectory(path.join(dirOrFile, VSCODE_MAIN))) return 'vscode';
  if (looksLikeIntegrationStudio(dirOrFile)) return 'integration-studio';
  return 'plain';
}

/** Scans a project folder, or reads a `.car` file (extracted to a temporary folder). */
export async function scanProject(dirOrFile: string): Promise<ProjectScan> {
  const target = path.resolve(dirOrFile);
  const stats = statSync(target); // throws ENOENT for a missing path, which callers report
  if (!stats.isDirectory()) {
    if (!/\.car$/i.test(target)) throw new Error(`${dirOrFile} is neither a project folder nor a .car file`);
    const { readCar } = await import('../car/read-car.js');
    return readCar(target);
  }
  switch (detectLayout(target)) {
    case 'vscode':
      return scanVscodeProject(target);
    case 'integration-studio':
      return scanIntegrationStudioProject(target);
    default:
      return scanPlainFolder(target);
  }
}
