import { readdirSync } from 'node:fs';
import path from 'node:path';
import { artifactByRoot } from './artifact-file.js';
import { compareCodePoints, isDirectory, joinRegistryPath, listFilesRecursive, registryKey } from './registry.js';
import type { ProjectArtifactFile, ProjectProblem, ProjectScan, RegistryResourceFile } from './types.js';

/** Descriptor files of projects and CARs: known not to be artifacts, so not reported. */
const KNOWN_NON_ARTIFACTS = new Set(['pom.xml', 'artifact.xml', 'artifacts.xml', 'metadata.xml', 'registry-info.xml', 'descriptor.xml']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'target']);

/**
 * Scans any folder: every `*.xml` / `*.dbs` (recursively) is classified by its root
 * element. Files under `<root>/registry/gov` and `<root>/registry/conf` are registry
 * resources (`gov:` / `conf:` keys), not artifacts.
 */
export function scanPlainFolder(root: string): ProjectScan {
  const artifacts: ProjectArtifactFile[] = [];
  const problems: ProjectProblem[] = [];
  const registryRoot = path.join(root, 'registry');
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareCodePoints(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        if (dir === registryRoot && (entry.name === 'gov' || entry.name === 'conf')) continue;
        walk(abs);
      } else if (entry.isFile() && /\.(xml|dbs)$/i.test(entry.name) && !KNOWN_NON_ARTIFACTS.has(entry.name)) {
        const found = artifactByRoot(abs);
        if ('problem' in found) problems.push({ file: abs, message: found.problem });
        else artifacts.push(found);
      }
    }
  };
  walk(root);
  return {
    root,
    layout: 'plain',
    name: path.basename(root),
    version: '1.0.0',
    artifacts,
    resources: plainRegistry(registryRoot),
    configProperties: {},
    problems,
    extras: [],
  };
}

function plainRegistry(registryRoot: string): RegistryResourceFile[] {
  const out: RegistryResourceFile[] = [];
  for (const [folder, prefix] of [
    ['gov', '/_system/governance'],
    ['conf', '/_system/config'],
  ] as const) {
    const dir = path.join(registryRoot, folder);
    if (!isDirectory(dir)) continue;
    for (const rel of listFilesRecursive(dir)) {
      const registryPath = joinRegistryPath(prefix, rel);
      out.push({
        key: registryKey(registryPath)!,
        registryPath,
        file: path.join(dir, rel),
        artifactName: `${folder}_${rel}`.replace(/[/.]/g, '_'),
      });
    }
  }
  return out;
}
