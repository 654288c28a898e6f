import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ProjectArtifactFile, ProjectExtraFile, ProjectScan, RegistryResourceFile } from '../project/index.js';
import { compareCodePoints } from '../project/registry.js';
import { sniffRoot } from '../project/sniff.js';
import {
  CAR_TYPE_BY_KIND,
  DEPLOY_ORDER,
  TYPE_CLASS_MEDIATOR,
  TYPE_CONFIG,
  TYPE_CONNECTOR,
  TYPE_METADATA,
  TYPE_REGISTRY,
  artifactVersionOf,
  guessMediaType,
  serverRoleFor,
} from './car-types.js';
import { applicationDescriptor, artifactDescriptor, capDescriptor, registryInfo, type CarDependency, type RegistryInfoItem } from './descriptors.js';
import { apiMetadataYaml, openApiFromApiXml, proxyMetadataYaml, servedContext } from './metadata.js';
import { writeZip, type ZipEntry } from './zip.js';

/** A CAR artifact as the writer plans it; `select` sees these. */
export interface CarArtifactPlan extends CarDependency {
  /** Folder inside the CAR: `Name_version` or `metadata/Name_version`. */
  dir: string;
  /** The project file(s) it comes from. */
  source?: ProjectArtifactFile | ProjectExtraFile | RegistryResourceFile[];
}

export interface WriteCarOptions {
  /** Output `.car` path, or a folder to write `<name>_<version>.car` into. */
  out: string;
  /** Overrides the project version (application version; artifacts get it without -SNAPSHOT). */
  version?: string;
  /** Keeps only the artifacts for which it returns true (metadata follows its artifact). */
  select?: (artifact: CarArtifactPlan) => boolean;
  /** Generates an OpenAPI 3 `_swagger` metadata artifact for APIs that have none. */
  openapi?: boolean;
}

export interface WriteCarResult {
  file: string;
  /** Entry names in archive order. */
  entries: string[];
  /** Non-fatal notes (e.g. an API whose OpenAPI could not be generated). */
  warnings: string[];
}

interface Planned extends CarArtifactPlan {
  files: Map<string, Buffer>; // path inside dir → content
  metadataOf?: string; // owner artifact name for metadata artifacts
}

/**
 * Writes a CAR following car-format.md: artifacts.xml (+ metadata.xml when there is
 * metadata, + descriptor.xml when the groupId is known), one folder per artifact with its
 * artifact.xml, directory entries before their files, entries sorted, fixed timestamps and
 * permissions — the same project gives byte-identical archives.
 */
export async function writeCar(scan: ProjectScan, options: WriteCarOptions): Promise<WriteCarResult> {
  const appVersion = options.version ?? scan.version;
  const version = artifactVersionOf(appVersion);
  const warnings: string[] = [];
  const deployable = [
    ...scan.artifacts.map((a) => planArtifact(a, version)),
    ...planRegistry(scan.resources, version),
    ...(scan.extras ?? []).flatMap((e) => planExtra(e, version, scan.name)),
  ];
  const selected = options.select ? deployable.filter((p) => options.select!(p)) : deployable;
  rejectDuplicates(selected);
  const metadata = planMetadata(scan, selected, version, options.openapi ?? false, warnings);
  const byOrder = (a: Planned, b: Planned) =>
    rank(a.type) - rank(b.type) || compareCodePoints(a.name, b.name) || compareCodePoints(a.version, b.version);
  selected.sort(byOrder);
  metadata.sort(byOrder);

  const files = new Map<string, Buffer>();
  const put = (name: string, text: string | Buffer) => files.set(name, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  put('artifacts.xml', applicationDescriptor(scan.name, appVersion, selected));
  if (metadata.length > 0) put('metadata.xml', applicationDescriptor(scan.name, appVersion, [...selected, ...metadata]));
  if (scan.groupId) put('descriptor.xml', capDescriptor(scan.groupId, scan.name, appVersion));
  for (const plan of [...selected, ...metadata]) {
    const [mainFile] = plan.files.keys();
    put(`${plan.dir}/artifact.xml`, artifactDescriptor(plan, mainFile!));
    for (const [rel, data] of plan.files) put(`${plan.dir}/${rel}`, data);
  }
  const entries = withDirectories([...files.keys()]);
  const outFile = resolveOutFile(options.out, scan.name, appVersion);
  await writeZip(
    entries.map((name): ZipEntry => (name.endsWith('/') ? { name } : { name, data: files.get(name)! })),
    outFile,
  );
  return { file: outFile, entries, warnings };
}

function rank(type: string): number {
  const i = DEPLOY_ORDER.indexOf(type);
  return i < 0 ? DEPLOY_ORDER.length : i;
}

function resolveOutFile(out: string, name: string, version: string): string {
  const resolved = path.resolve(out);
  let isDir = false;
  try {
    isDir = statSync(resolved).isDirectory();
  } catch {
    isDir = !/\.car$/i.test(resolved);
  }
  return isDir ? path.join(resolved, `${name}_${version}.car`) : resolved;
}

/** Adds an entry for every folder and sorts by code point, which puts each folder before its contents. */
export function withDirectories(fileNames: string[]): string[] {
  const all = new Set(fileNames);
  for (const name of fileNames) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) all.add(parts.slice(0, i).join('/') + '/');
  }
  return [...all].sort(compareCodePoints);
}

function makePlan(name: string, version: string, type: string, dirPrefix = ''): Planned {
  return { name, version, type, serverRole: serverRoleFor(type), dir: `${dirPrefix}${name}_${version}`, files: new Map() };
}

/** Synapse artifacts, data services, data sources: `<name>_<ver>/<name>-<ver>.xml|.dbs`; versioned APIs are `<name>_<apiVer>`. */
function planArtifact(artifact: ProjectArtifactFile, version: string): Planned {
  const type = CAR_TYPE_BY_KIND[artifact.kind];
  const plan =
    artifact.kind === 'api' && artifact.version
      ? makePlan(`${artifact.name}_${artifact.version}`, artifact.version, type)
      : makePlan(artifact.name, version, type);
  const ext = artifact.kind === 'data-service' ? 'dbs' : 'xml';
  plan.files.set(`${plan.name}-${plan.version}.${ext}`, readFileSync(artifact.file));
  plan.source = artifact;
  return plan;
}

/** One `registry/resource` artifact per declaring artifact name, each file an `<item>`. */
function planRegistry(resources: RegistryResourceFile[], version: string): Planned[] {
  const groups = new Map<string, RegistryResourceFile[]>();
  for (const r of resources) {
    const name = r.artifactName ?? r.key.replace(/[:/.]/g, '_');
    groups.set(name, [...(groups.get(name) ?? []), r]);
  }
  return [...groups.entries()].map(([name, group]) => {
    const plan = makePlan(name, version, TYPE_REGISTRY);
    const items: RegistryInfoItem[] = [];
    const used = new Set<string>();
    const sorted = [...group].sort((a, b) => compareCodePoints(a.registryPath, b.registryPath));
    for (const r of sorted) {
      const base = path.posix.basename(r.registryPath);
      // Two files with one base name in a group go to numbered sub-folders of resources/.
      let inResources = base;
      for (let i = 1; used.has(inResources); i++) inResources = `${i}/${base}`;
      used.add(inResources);
      items.push({
        file: inResources,
        collectionPath: path.posix.dirname(r.registryPath),
        mediaType: r.mediaType ?? guessMediaType(base),
        properties: r.properties,
      });
      plan.files.set(`resources/${inResources}`, readFileSync(r.file));
    }
    const info = Buffer.from(registryInfo(items), 'utf8');
    plan.files = new Map([['registry-info.xml', info], ...plan.files]);
    plan.source = group;
    return plan;
  });
}

function planExtra(extra: ProjectExtraFile, version: string, projectName: string): Planned[] {
  switch (extra.kind) {
    case 'connector': {
      const v = extra.version ?? version;
      const plan = makePlan(extra.name, v, TYPE_CONNECTOR);
      plan.files.set(`${extra.name}-${v}.zip`, readFileSync(extra.file));
      plan.source = extra;
      return [plan];
    }
    case 'class-mediator': {
      const plan = makePlan(extra.name, version, TYPE_CLASS_MEDIATOR);
      plan.files.set(`${projectName}-${version}.jar`, readFileSync(extra.file));
      plan.source = extra;
      return [plan];
    }
    case 'config': {
      const plan = makePlan('config', version, TYPE_CONFIG);
      plan.files.set('config.properties', readFileSync(extra.file));
      plan.source = extra;
      return [plan];
    }
    default:
      return []; // metadata is planned once the deployable artifacts are known
  }
}

function rejectDuplicates(plans: Planned[]): void {
  const seen = new Map<string, Planned>();
  for (const p of plans) {
    const other = seen.get(p.dir.toLowerCase());
    if (other) {
      throw new Error(
        `two artifacts would share the CAR folder ${p.dir} (${other.type} and ${p.type} named "${p.name}"); MI identifies artifacts by name and version, so rename one`,
      );
    }
    seen.set(p.dir.toLowerCase(), p);
  }
}

const METADATA_SUFFIXES = ['_proxy_metadata', '_data_service_metadata', '_metadata', '_swagger'];

/** Artifact name a metadata file belongs to (`Api_metadata` → `Api`). */
function metadataOwner(name: string): string | undefined {
  const suffix = METADATA_SUFFIXES.find((s) => name.endsWith(s));
  return suffix ? name.slice(0, -suffix.length) : undefined;
}

/**
 * Metadata artifacts under `metadata/`: the project's own files (api-definitions preferred
 * over metadata/*_swagger), generated `_metadata` for APIs and proxies that lack one, and
 * with `openapi` a generated `_swagger` for APIs. Metadata whose artifact is not in the CAR
 * is left out: its dependency could only confuse the service catalog.
 */
function planMetadata(scan: ProjectScan, selected: Planned[], version: string, openapi: boolean, warnings: string[]): Planned[] {
  const owners = new Map<string, Planned>();
  for (const p of selected) if (p.type === 'synapse/api' || p.type === 'synapse/proxy-service' || p.type === 'service/dataservice') owners.set(p.name, p);
  const out = new Map<string, Planned>();
  const add = (name: string, data: Buffer, owner: string) => {
    const plan = makePlan(name, version, TYPE_METADATA, 'metadata/');
    plan.files.set(`${name}-${version}.yaml`, data);
    plan.metadataOf = owner;
    out.set(name, plan);
  };
  const extras = scan.extras ?? [];
  for (const e of extras.filter((x) => x.kind === 'metadata')) {
    const owner = metadataOwner(e.name);
    if (owner && owners.has(owner)) add(e.name, readFileSync(e.file), owner);
  }
  for (const e of extras.filter((x) => x.kind === 'api-definition')) {
    // api-definitions/<Api>.yaml or <Api>_v<ver>.yaml → <Api>[_<ver>]_swagger
    const owner = e.name.replace(/_v(\d[\w.-]*)$/, '_$1');
    if (owners.has(owner)) add(`${owner}_swagger`, readFileSync(e.file), owner);
  }
  for (const [ownerName, owner] of owners) {
    const source = owner.source as ProjectArtifactFile;
    if (owner.type === 'synapse/api') {
      const xml = readFileSync(source.file, 'utf8');
      if (!out.has(`${ownerName}_metadata`)) {
        const context = servedContext(sniffRoot(xml)?.attributes['context'] ?? '/', source.version);
        add(`${ownerName}_metadata`, Buffer.from(apiMetadataYaml(ownerName, version, context), 'utf8'), ownerName);
      }
      if (openapi && !out.has(`${ownerName}_swagger`)) {
        const generated = openApiFromApiXml(xml);
        if ('error' in generated) warnings.push(`${source.file}: no OpenAPI generated: ${generated.error}`);
        else add(`${ownerName}_swagger`, Buffer.from(generated.yaml, 'utf8'), ownerName);
      }
    } else if (owner.type === 'synapse/proxy-service' && !out.has(`${ownerName}_proxy_metadata`)) {
      add(`${ownerName}_proxy_metadata`, Buffer.from(proxyMetadataYaml(ownerName, version), 'utf8'), ownerName);
    }
  }
  return [...out.values()];
}
