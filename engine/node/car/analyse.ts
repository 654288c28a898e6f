import type { Element } from '@xmldom/xmldom';
import { attr, childElements, parseDescriptor } from '../project/xml-read.js';
import { DEFAULT_SERVER_ROLES, TYPE_APPLICATION } from './car-types.js';
import { checkDuplicates } from './duplicates.js';
import { checkPayloads } from './payload-checks.js';
import type { ZipEntry } from './zip.js';

export interface CarIssue {
  severity: 'error' | 'warning';
  message: string;
  /** Entry name inside the CAR the issue is about, when there is one. */
  entry?: string;
}

export interface CarDependencyRef {
  name: string;
  version?: string;
  serverRole?: string;
}

/** One folder of the CAR that holds an artifact.xml. */
export interface CarArtifactEntry {
  name: string;
  version?: string;
  type?: string;
  serverRole?: string;
  /** Folder inside the CAR, e.g. `HelloWorld_1.0.0` or `metadata/HelloWorld_swagger_1.0.0`. */
  dir: string;
  /** Payload entry (`dir/<file>`), when artifact.xml names exactly one file. */
  file?: string;
  /** True when a dependency of the application descriptor resolves to it. */
  deployed: boolean;
}

export interface CarAnalysis {
  /** Application name (artifact name of the carbon/application entry, else the file name). */
  name: string;
  version?: string;
  /** The descriptor MI reads: metadata.xml when present, else artifacts.xml. */
  descriptor?: 'metadata.xml' | 'artifacts.xml';
  dependencies: CarDependencyRef[];
  artifacts: CarArtifactEntry[];
  issues: CarIssue[];
}

const SKIPPED_PREFIX = 'META-INF/';

/**
 * Checks a CAR the way MI's deployer reads it (car-format.md §1, §2, §7) and lists its
 * artifacts. Errors are conditions that make MI refuse the CAR; warnings are things MI
 * logs or silently ignores.
 */
export function analyseCar(entries: ZipEntry[], fileBaseName: string): CarAnalysis {
  const issues: CarIssue[] = [];
  const byName = new Map(entries.map((e) => [e.name, e]));
  checkOrder(entries, issues);
  const text = (name: string) => byName.get(name)?.data?.toString('utf8');

  const descriptorName = byName.has('metadata.xml') ? 'metadata.xml' : byName.has('artifacts.xml') ? 'artifacts.xml' : undefined;
  let app: { name: string; version?: string; dependencies: CarDependencyRef[] } = { name: fileBaseName, dependencies: [] };
  if (!descriptorName) {
    issues.push({ severity: 'error', message: 'artifacts.xml file not found at the root of the CAR' });
  } else {
    const read = readApplication(text(descriptorName) ?? '', fileBaseName);
    if ('error' in read) issues.push({ severity: 'error', message: `${descriptorName}: ${read.error}`, entry: descriptorName });
    else app = read;
    if (descriptorName === 'metadata.xml' && byName.has('artifacts.xml')) compareDescriptors(text('artifacts.xml') ?? '', app.dependencies, fileBaseName, issues);
  }

  const artifacts = readArtifactFolders(entries, byName, issues);
  for (const dep of app.dependencies) {
    if (dep.serverRole === undefined) {
      issues.push({ severity: 'error', message: `dependency ${dep.name} has no serverRole; MI fails the whole CAR`, entry: descriptorName });
      continue;
    }
    if (!DEFAULT_SERVER_ROLES.some((role) => new RegExp(`^(?:${role})$`).test(dep.serverRole!))) {
      issues.push({ severity: 'warning', message: `dependency ${dep.name} has serverRole ${dep.serverRole}, which a default MI does not have; MI skips it`, entry: descriptorName });
      continue;
    }
    const found = artifacts.find((a) => a.name === dep.name && a.version === dep.version);
    if (found) found.deployed = true;
    else {
      issues.push({
        severity: 'error',
        message: `dependency ${dep.name}${dep.version ? ` ${dep.version}` : ''} is not satisfied: no folder holds an artifact.xml with that name and version`,
        entry: descriptorName,
      });
    }
  }
  for (const a of artifacts) {
    if (!a.deployed && !a.dir.startsWith('metadata/')) {
      issues.push({ severity: 'warning', message: `artifact ${a.name} is not a dependency of the application; MI does not deploy it`, entry: `${a.dir}/artifact.xml` });
    }
  }
  issues.push(...checkDuplicates(app.dependencies, artifacts, byName, descriptorName));
  issues.push(...checkPayloads(artifacts, byName));
  return { name: app.name, version: app.version, descriptor: descriptorName, dependencies: app.dependencies, artifacts, issues };
}

/** MI's unzip creates folders only for directory entries: every folder must be listed before its contents. */
function checkOrder(entries: ZipEntry[], issues: CarIssue[]): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const e of entries) {
    if (e.name.startsWith(SKIPPED_PREFIX)) continue;
    const trimmed = e.name.endsWith('/') ? e.name.slice(0, -1) : e.name;
    const slash = trimmed.lastIndexOf('/');
    if (slash >= 0) {
      const parent = trimmed.slice(0, slash + 1);
      if (!seen.has(parent) && !reported.has(parent)) {
        reported.add(parent);
        const later = entries.some((x) => x.name === parent);
        issues.push({
          severity: 'error',
          message: later
            ? `entry ${e.name} comes before its folder entry ${parent}; MI's extraction fails`
            : `folder ${parent} has no directory entry; MI's extraction fails`,
          entry: e.name,
        });
      }
    }
    if (e.name.endsWith('/')) seen.add(e.name);
  }
}

function readApplication(text: string, fileBaseName: string): { name: string; version?: string; dependencies: CarDependencyRef[] } | { error: string } {
  const parsed = parseDescriptor(text);
  if ('error' in parsed) return { error: `not well-formed XML: ${parsed.error}` };
  const app = childElements(parsed.root, 'artifact').find((a) => attr(a, 'type') === TYPE_APPLICATION);
  if (!app) return { error: 'no artifact with type carbon/application' };
  return {
    name: attr(app, 'name') ?? fileBaseName,
    version: attr(app, 'version'),
    dependencies: childElements(app, 'dependency').map((d) => dependencyRef(d)),
  };
}

function dependencyRef(d: Element): CarDependencyRef {
  return { name: attr(d, 'artifact') ?? '', version: attr(d, 'version'), serverRole: attr(d, 'serverRole') };
}

function compareDescriptors(artifactsXml: string, metadataDeps: CarDependencyRef[], fileBaseName: string, issues: CarIssue[]): void {
  const read = readApplication(artifactsXml, fileBaseName);
  if ('error' in read) return;
  for (const dep of read.dependencies) {
    if (!metadataDeps.some((m) => m.name === dep.name && m.version === dep.version)) {
      issues.push({
        severity: 'warning',
        message: `dependency ${dep.name} is in artifacts.xml but not in metadata.xml; MI reads only metadata.xml and does not deploy it`,
        entry: 'metadata.xml',
      });
    }
  }
}

/** Top-level folders (and `metadata/*` folders) that hold an artifact.xml. */
function readArtifactFolders(entries: ZipEntry[], byName: Map<string, ZipEntry>, issues: CarIssue[]): CarArtifactEntry[] {
  const folders = new Set<string>();
  for (const e of entries) {
    if (e.name.startsWith(SKIPPED_PREFIX)) continue;
    const parts = e.name.split('/');
    if (parts.length < 2) continue;
    if (parts[0] === 'metadata' && parts.length >= 3 && parts[1] !== '') folders.add(`metadata/${parts[1]}`);
    else if (parts[0] !== 'metadata') folders.add(parts[0]!);
  }
  const out: CarArtifactEntry[] = [];
  for (const dir of [...folders].sort()) {
    const descriptor = byName.get(`${dir}/artifact.xml`);
    if (!descriptor?.data) {
      // Empty folders are harmless; a folder with files but no artifact.xml is likely a mistake.
      if (entries.some((e) => e.name.startsWith(`${dir}/`) && !e.name.endsWith('/')))
        issues.push({ severity: 'warning', message: `folder ${dir}/ has no artifact.xml; MI ignores it`, entry: `${dir}/` });
      continue;
    }
    const parsed = parseDescriptor(descriptor.data.toString('utf8'));
    if ('error' in parsed) {
      issues.push({ severity: 'error', message: `artifact.xml is not well-formed XML (MI aborts the CAR): ${parsed.error}`, entry: `${dir}/artifact.xml` });
      continue;
    }
    const root = parsed.root;
    const name = attr(root, 'name');
    if (root.localName !== 'artifact' || !name) {
      issues.push({ severity: 'error', message: 'artifact.xml is invalid (root must be <artifact> with a name); MI stops scanning the CAR', entry: `${dir}/artifact.xml` });
      continue;
    }
    const entry: CarArtifactEntry = { name, dir, deployed: false };
    const version = attr(root, 'version');
    const type = attr(root, 'type');
    const serverRole = attr(root, 'serverRole');
    if (version !== undefined) entry.version = version;
    if (type !== undefined) entry.type = type;
    if (serverRole !== undefined) entry.serverRole = serverRole;
    const files = childElements(root, 'file').map((f) => (f.textContent ?? '').trim());
    if (files.length !== 1) {
      issues.push({ severity: 'error', message: `artifact.xml lists ${files.length} <file> elements; exactly one is required`, entry: `${dir}/artifact.xml` });
    } else if (!byName.get(`${dir}/${files[0]}`)?.data) {
      issues.push({ severity: 'error', message: `artifact file ${dir}/${files[0]} is missing`, entry: `${dir}/artifact.xml` });
    } else {
      entry.file = `${dir}/${files[0]}`;
    }
    out.push(entry);
  }
  return out;
}
