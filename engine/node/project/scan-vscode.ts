import path from 'node:path';
import { artifactByFolder, listDirectFiles } from './artifact-file.js';
import { readConfigProperties } from './config-properties.js';
import { configExtra, connectorFiles, metadataFiles } from './extras.js';
import { VSCODE_ARTIFACT_FOLDERS, VSCODE_MAIN, extensionsFor } from './layout-folders.js';
import { readPom } from './pom.js';
import {
  isDirectory,
  isFile,
  joinRegistryPath,
  listFilesRecursive,
  readRegistryArtifactXml,
  registryKey,
  resolveDeclarations,
} from './registry.js';
import type { ArtifactKind, ProjectExtraFile, ProjectProblem, ProjectScan, RegistryResourceFile } from './types.js';

const GOV = '/_system/governance';
const CONF = '/_system/config';
const MI_RESOURCES = `${GOV}/mi-resources`;

/** Disk folder (relative to src/main/wso2mi/resources) of a registry collection path, per the VS Code builder. */
function diskFolderOf(registryPath: string): string | undefined {
  const strip = (prefix: string) => registryPath.slice(prefix.length).replace(/^\/+/, '');
  if (registryPath === MI_RESOURCES || registryPath.startsWith(MI_RESOURCES + '/')) return strip(MI_RESOURCES);
  if (registryPath === GOV || registryPath.startsWith(GOV + '/')) return path.posix.join('registry/gov', strip(GOV));
  if (registryPath === CONF || registryPath.startsWith(CONF + '/')) return path.posix.join('registry/conf', strip(CONF));
  return undefined;
}

/** VS Code 4.4 naming for resources added through the UI: `gov_<rel>_<file>_<ext>` with '/' and '.' → '_'. */
export function derivedRegistryArtifactName(rootLabel: string, relPath: string): string {
  return `${rootLabel}_${relPath}`.replace(/[/.]/g, '_');
}

export function scanVscodeProject(root: string): ProjectScan {
  const main = path.join(root, VSCODE_MAIN);
  const problems: ProjectProblem[] = [];
  const pom = readPom(path.join(root, 'pom.xml'));
  const artifacts = (Object.keys(VSCODE_ARTIFACT_FOLDERS) as ArtifactKind[]).flatMap((kind) =>
    listDirectFiles(path.join(main, 'artifacts', VSCODE_ARTIFACT_FOLDERS[kind]), extensionsFor(kind)).map((file) =>
      artifactByFolder(kind, file),
    ),
  );
  const resourcesDir = path.join(main, 'resources');
  const resources = scanVscodeRegistry(resourcesDir, problems);
  const extras: ProjectExtraFile[] = [
    ...metadataFiles(path.join(resourcesDir, 'metadata'), 'metadata'),
    ...metadataFiles(path.join(resourcesDir, 'api-definitions'), 'api-definition'),
    ...connectorFiles(path.join(resourcesDir, 'connectors')),
    ...configExtra(path.join(resourcesDir, 'conf', 'config.properties')),
    ...classMediatorJar(root, pom?.artifactId, pom?.version),
  ];
  return {
    root,
    layout: 'vscode',
    name: pom?.artifactId ?? path.basename(root),
    version: pom?.version ?? '1.0.0',
    ...(pom?.groupId ? { groupId: pom.groupId } : {}),
    artifacts,
    resources,
    configProperties: readConfigProperties(path.join(resourcesDir, 'conf', 'config.properties'), path.join(root, '.env')),
    problems,
    extras,
  };
}

/** A class-mediator jar is only present after a Maven build (`target/<artifactId>-<version>.jar`). */
function classMediatorJar(root: string, artifactId?: string, version?: string): ProjectExtraFile[] {
  if (!artifactId || !version || !isDirectory(path.join(root, 'src/main/java'))) return [];
  const jar = path.join(root, 'target', `${artifactId}-${version}.jar`);
  return isFile(jar) ? [{ kind: 'class-mediator', name: `${artifactId}_class_mediators`, file: jar }] : [];
}

/**
 * Registry resources declared in resources/artifact.xml (mi-resources) and
 * resources/registry/artifact.xml (gov/conf), plus files under registry/gov|conf that no
 * artifact.xml declares (named by the VS Code 4.4 convention) so the runtime sees the same
 * registry the folder shows.
 */
function scanVscodeRegistry(resourcesDir: string, problems: ProjectProblem[]): RegistryResourceFile[] {
  const out: RegistryResourceFile[] = [];
  for (const descriptor of [path.join(resourcesDir, 'artifact.xml'), path.join(resourcesDir, 'registry', 'artifact.xml')]) {
    if (!isFile(descriptor)) continue;
    const declared = readRegistryArtifactXml(descriptor);
    if ('error' in declared) {
      problems.push({ file: descriptor, message: `cannot read registry artifact.xml: ${declared.error}` });
      continue;
    }
    for (const artifact of declared) {
      const locate = (registryPath: string, leaf?: string): string => {
        const folder = diskFolderOf(registryPath);
        return folder === undefined ? '' : path.join(resourcesDir, folder, leaf ?? '');
      };
      out.push(
        ...resolveDeclarations(artifact, (d) => locate(d.path, path.basename(d.file)), (d) => locate(d.path), problems, descriptor),
      );
    }
  }
  const covered = new Set(out.map((r) => path.resolve(r.file)));
  for (const [folder, prefix, label] of [
    ['gov', GOV, 'gov'],
    ['conf', CONF, 'conf'],
  ] as const) {
    const dir = path.join(resourcesDir, 'registry', folder);
    if (!isDirectory(dir)) continue;
    for (const rel of listFilesRecursive(dir)) {
      const file = path.join(dir, rel);
      if (covered.has(path.resolve(file))) continue;
      const registryPath = joinRegistryPath(prefix, rel);
      out.push({ key: registryKey(registryPath)!, registryPath, file, artifactName: derivedRegistryArtifactName(label, rel) });
    }
  }
  return out;
}
