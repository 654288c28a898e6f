import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { artifactByFolder, listDirectFiles } from './artifact-file.js';
import { connectorFiles, metadataFiles } from './extras.js';
import { IS_SYNAPSE_FOLDERS } from './layout-folders.js';
import { readPom, type PomInfo } from './pom.js';
import { compareCodePoints, isDirectory, isFile, readRegistryArtifactXml, resolveDeclarations } from './registry.js';
import type { ArtifactKind, ProjectExtraFile, ProjectProblem, ProjectScan, ProjectArtifactFile, RegistryResourceFile } from './types.js';

export type IsProjectRole = 'esb-configs' | 'registry' | 'data-services' | 'data-sources' | 'connector-exporter' | 'composite' | 'other';

const NATURE_ROLES: [string, IsProjectRole][] = [
  ['esb.project.nature', 'esb-configs'],
  ['general.project.nature', 'registry'],
  ['ds.project.nature', 'data-services'],
  ['datasource.project.nature', 'data-sources'],
  ['connector.project.nature', 'connector-exporter'],
  ['distribution.project.nature', 'composite'],
];

function naturesOf(dir: string): string[] {
  try {
    const text = readFileSync(path.join(dir, '.project'), 'utf8');
    return [...text.matchAll(/<nature>\s*([^<\s]+)\s*<\/nature>/g)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

/** Role of one Integration Studio sub-project: from its Eclipse natures, else from its contents. */
export function isProjectRole(dir: string): IsProjectRole {
  for (const nature of naturesOf(dir)) {
    if (!nature.startsWith('org.wso2.developerstudio.eclipse')) continue;
    for (const [suffix, role] of NATURE_ROLES) if (nature.endsWith(suffix) && !nature.includes('docker') && !nature.includes('kubernetes')) return role;
  }
  if (isDirectory(path.join(dir, 'src/main/synapse-config'))) return 'esb-configs';
  if (readPom(path.join(dir, 'pom.xml'))?.packaging === 'carbon/application') return 'composite';
  if (isDirectory(path.join(dir, 'dataservice'))) return 'data-services';
  if (isDirectory(path.join(dir, 'datasource'))) return 'data-sources';
  const declared = isFile(path.join(dir, 'artifact.xml')) ? readRegistryArtifactXml(path.join(dir, 'artifact.xml')) : [];
  if (!('error' in declared) && declared.length > 0) return 'registry';
  return 'other';
}

/** True when dir is an IS solution (Eclipse natures or an ESB Configs child) or a single ESB Configs project. */
export function looksLikeIntegrationStudio(dir: string): boolean {
  if (naturesOf(dir).some((n) => n.startsWith('org.wso2.developerstudio.eclipse'))) return true;
  if (isDirectory(path.join(dir, 'src/main/synapse-config'))) return true;
  return subProjects(dir).some((d) => isProjectRole(d) === 'esb-configs');
}

function subProjects(root: string, pom?: PomInfo): string[] {
  const fromModules = (pom?.modules ?? []).map((m) => path.resolve(root, m)).filter(isDirectory);
  if (fromModules.length > 0) return fromModules.sort(compareCodePoints);
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'target' && e.name !== 'node_modules')
    .map((e) => path.join(root, e.name))
    .sort(compareCodePoints);
}

interface Collected {
  artifacts: ProjectArtifactFile[];
  resources: RegistryResourceFile[];
  extras: ProjectExtraFile[];
  problems: ProjectProblem[];
  composites: { dir: string; pom: PomInfo }[];
}

function collect(dir: string, role: IsProjectRole, into: Collected): void {
  switch (role) {
    case 'esb-configs': {
      const config = path.join(dir, 'src/main/synapse-config');
      for (const kind of Object.keys(IS_SYNAPSE_FOLDERS) as ArtifactKind[]) {
        for (const file of listDirectFiles(path.join(config, IS_SYNAPSE_FOLDERS[kind]!), ['.xml'])) into.artifacts.push(artifactByFolder(kind, file));
      }
      into.extras.push(...metadataFiles(path.join(dir, 'src/main/resources/metadata'), 'metadata'));
      return;
    }
    case 'registry': {
      const descriptor = path.join(dir, 'artifact.xml');
      const declared = readRegistryArtifactXml(descriptor);
      if ('error' in declared) {
        into.problems.push({ file: descriptor, message: `cannot read registry artifact.xml: ${declared.error}` });
        return;
      }
      for (const artifact of declared) {
        into.resources.push(
          ...resolveDeclarations(artifact, (d) => path.resolve(dir, d.file), (d) => path.resolve(dir, d.directory), into.problems, descriptor),
        );
      }
      return;
    }
    case 'data-services':
      for (const file of listDirectFiles(path.join(dir, 'dataservice'), ['.dbs'])) into.artifacts.push(artifactByFolder('data-service', file));
      return;
    case 'data-sources':
      for (const file of listDirectFiles(path.join(dir, 'datasource'), ['.xml'])) into.artifacts.push(artifactByFolder('data-source', file));
      return;
    case 'connector-exporter':
      into.extras.push(...connectorFiles(dir));
      return;
    case 'composite': {
      const pom = readPom(path.join(dir, 'pom.xml'));
      if (pom) into.composites.push({ dir, pom });
      return;
    }
    default:
      return;
  }
}

/**
 * Scans an Integration Studio multi-module solution (or one ESB Configs project). The
 * application name/version come from the Composite Exporter's pom when there is exactly
 * one, else from the root pom.
 */
export function scanIntegrationStudioProject(root: string): ProjectScan {
  const into: Collected = { artifacts: [], resources: [], extras: [], problems: [], composites: [] };
  const rootPom = readPom(path.join(root, 'pom.xml'));
  const ownRole = isProjectRole(root);
  if (ownRole !== 'other') collect(root, ownRole, into);
  else for (const dir of subProjects(root, rootPom)) collect(dir, isProjectRole(dir), into);
  const composite = into.composites.length === 1 ? into.composites[0]!.pom : undefined;
  if (into.composites.length > 1) {
    into.problems.push({
      file: root,
      message: `${into.composites.length} Composite Exporter projects; using the root pom for the application name (each exporter's artifact selection is not applied)`,
    });
  }
  const groupId = rootPom?.groupId ?? composite?.groupId;
  return {
    root,
    layout: 'integration-studio',
    name: composite?.artifactId ?? rootPom?.artifactId ?? path.basename(root),
    version: composite?.version ?? rootPom?.version ?? '1.0.0',
    ...(groupId ? { groupId } : {}),
    artifacts: into.artifacts,
    resources: into.resources,
    configProperties: {},
    problems: into.problems,
    extras: into.extras,
  };
}
