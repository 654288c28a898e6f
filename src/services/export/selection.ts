/**
 * What a user can pick in the Export dialog, and how the CAR writer's plans map
 * back to those picks. Ids are project-relative files (stable across scans), or
 * `registry:NAME` for a registry resource group (the writer bundles the files of
 * one `registry/resource` artifact together).
 */
import path from 'node:path';
import type { ProjectScan, writeCar } from '../../../engine/index.js';
import type { ExportArtifact } from '../../contract/index.js';

/** The writer's view of one CAR artifact, as its `select` option receives it. */
export type CarPlan = Parameters<NonNullable<Parameters<typeof writeCar>[1]['select']>>[0];

type RegistryFile = ProjectScan['resources'][number];

/** The CAR artifact name of a registry resource, as the writer groups them. */
function registryGroupName(resource: RegistryFile): string {
  return resource.artifactName ?? resource.key.replace(/[:/.]/g, '_');
}

function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

export function selectableArtifacts(scan: ProjectScan): ExportArtifact[] {
  const artifacts: ExportArtifact[] = scan.artifacts.map((a) => ({ id: relativeTo(scan.root, a.file), name: a.name, kind: a.kind, file: relativeTo(scan.root, a.file) }));
  const groups = new Map<string, RegistryFile[]>();
  for (const r of scan.resources) groups.set(registryGroupName(r), [...(groups.get(registryGroupName(r)) ?? []), r]);
  for (const [name, files] of groups) artifacts.push({ id: `registry:${name}`, name, kind: 'registry', file: relativeTo(scan.root, files[0]!.file) });
  for (const extra of scan.extras ?? []) {
    // Metadata and API definitions follow their API; they are not picked on their own.
    if (extra.kind === 'metadata' || extra.kind === 'api-definition') continue;
    artifacts.push({ id: relativeTo(scan.root, extra.file), name: extra.name, kind: extra.kind, file: relativeTo(scan.root, extra.file) });
  }
  return artifacts.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** The selection id a plan belongs to; undefined for plans the user does not pick (they follow the others). */
export function selectionIdOf(scan: ProjectScan, plan: CarPlan): string | undefined {
  const source = plan.source;
  if (!source) return undefined;
  if (Array.isArray(source)) return source[0] ? `registry:${registryGroupName(source[0])}` : undefined;
  return relativeTo(scan.root, source.file);
}
