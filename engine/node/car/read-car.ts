import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProjectArtifactFile, ProjectExtraFile, ProjectProblem, ProjectScan, RegistryResourceFile } from '../project/index.js';
import { parseConfigProperties } from '../project/config-properties.js';
import { readRegistryDeclarations, resolveDeclarations } from '../project/registry.js';
import { declaredName, sniffRoot } from '../project/sniff.js';
import { parseDescriptor } from '../project/xml-read.js';
import { analyseCar, type CarAnalysis, type CarArtifactEntry } from './analyse.js';
import { KIND_BY_CAR_TYPE, TYPE_CLASS_MEDIATOR, TYPE_CONFIG, TYPE_CONNECTOR, TYPE_METADATA, TYPE_REGISTRY } from './car-types.js';
import type { CarReadLimits } from './safety.js';
import { readZip, type ZipEntry } from './zip.js';

export interface ReadCarOptions {
  /** Folder to extract into (created if needed); default: a new folder under the OS temp dir. */
  extractTo?: string;
  /** Zip-bomb limits (default: 1 GB, 100x the archive size). */
  limits?: CarReadLimits;
}

/** A CAR read back: the scan plus the deployer-level analysis (issues with severities). */
export interface CarContents {
  scan: ProjectScan;
  analysis: CarAnalysis;
}

/**
 * Extracts a CAR and lists what MI would deploy from it as a ProjectScan (layout 'car'):
 * only artifacts that a dependency of the application descriptor resolves to. Every
 * issue MI would log or refuse on becomes a problem; reading itself only fails when the
 * file is not a readable zip.
 */
export async function readCar(file: string, options: ReadCarOptions = {}): Promise<ProjectScan> {
  return (await readCarContents(file, options)).scan;
}

export async function readCarContents(file: string, options: ReadCarOptions = {}): Promise<CarContents> {
  const entries = await readZip(file, options.limits);
  const fileBaseName = path.basename(file).replace(/\.car$/i, '');
  const root = options.extractTo ? path.resolve(options.extractTo) : mkdtempSync(path.join(os.tmpdir(), 'mediate-car-'));
  const problems: ProjectProblem[] = [];
  extract(entries, root, file, problems);
  const analysis = analyseCar(entries, fileBaseName);
  for (const issue of analysis.issues) {
    problems.push({ file: issue.entry ? `${file}!/${issue.entry}` : file, message: `${issue.severity}: ${issue.message}` });
  }
  const scan: ProjectScan = {
    root,
    layout: 'car',
    name: analysis.name,
    version: analysis.version ?? '',
    artifacts: [],
    resources: [],
    configProperties: {},
    problems,
    extras: [],
  };
  for (const artifact of analysis.artifacts) {
    if (artifact.deployed && artifact.file) addArtifact(scan, artifact, root, file);
  }
  return { scan, analysis };
}

/** Writes entries under root, refusing names that would escape it. Folders are created as needed. */
function extract(entries: ZipEntry[], root: string, carFile: string, problems: ProjectProblem[]): void {
  mkdirSync(root, { recursive: true });
  for (const entry of entries) {
    if (entry.name.startsWith('META-INF/')) continue;
    const target = path.resolve(root, entry.name);
    if (path.isAbsolute(entry.name) || (target !== root && !target.startsWith(root + path.sep))) {
      problems.push({ file: carFile, message: `error: entry ${entry.name} points outside the archive; not extracted` });
      continue;
    }
    if (entry.name.endsWith('/')) mkdirSync(target, { recursive: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, entry.data ?? Buffer.alloc(0));
    }
  }
}

function addArtifact(scan: ProjectScan, artifact: CarArtifactEntry, root: string, carFile: string): void {
  const file = path.join(root, artifact.file!);
  const type = artifact.type ?? '';
  const kind = KIND_BY_CAR_TYPE[type];
  if (kind) {
    const sniff = sniffRoot(readFileSync(file, 'utf8'));
    const entry: ProjectArtifactFile = {
      kind,
      // Runtime name is what the XML declares (APIs: `Name`, not the CAR's `Name_ver`); data sources keep the CAR name.
      name: kind === 'data-source' ? artifact.name : declaredName(kind, sniff) ?? artifact.name,
      file,
    };
    const version = kind === 'api' ? sniff?.attributes['version'] : undefined;
    if (version) entry.version = version;
    scan.artifacts.push(entry);
    return;
  }
  const extras = scan.extras!;
  switch (type) {
    case TYPE_REGISTRY:
      scan.resources.push(...registryResources(artifact, root, scan.problems));
      return;
    case TYPE_CONNECTOR:
      extras.push(extra('connector', artifact, file));
      return;
    case TYPE_CLASS_MEDIATOR:
      extras.push(extra('class-mediator', artifact, file));
      return;
    case TYPE_METADATA:
      extras.push(extra('metadata', artifact, file));
      return;
    case TYPE_CONFIG:
      extras.push(extra('config', artifact, file));
      for (const key of Object.keys(parseConfigProperties(readFileSync(file, 'utf8')))) scan.configProperties[key] = '';
      return;
    default:
      scan.problems.push({ file: `${carFile}!/${artifact.dir}/artifact.xml`, message: `warning: artifact type ${type || '(none)'} is not supported; ${artifact.name} is skipped` });
  }
}

function extra(kind: ProjectExtraFile['kind'], artifact: CarArtifactEntry, file: string): ProjectExtraFile {
  return artifact.version ? { kind, name: artifact.name, file, version: artifact.version } : { kind, name: artifact.name, file };
}

function registryResources(artifact: CarArtifactEntry, root: string, problems: ProjectProblem[]): RegistryResourceFile[] {
  const dir = path.join(root, artifact.dir);
  const infoFile = path.join(root, artifact.file!);
  const parsed = parseDescriptor(readFileSync(infoFile, 'utf8'));
  if ('error' in parsed) {
    problems.push({ file: infoFile, message: `warning: registry-info.xml is not well-formed: ${parsed.error}` });
    return [];
  }
  const declarations = readRegistryDeclarations(parsed.root);
  return resolveDeclarations(
    { name: artifact.name, declarations },
    (d) => path.join(dir, 'resources', d.file),
    (d) => path.join(dir, 'resources', d.directory),
    problems,
    infoFile,
  );
}
