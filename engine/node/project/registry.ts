import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RegistryResourceFile } from './types.js';
import { attr, childElements, childText, firstChild, parseDescriptor } from './xml-read.js';
import type { Element } from '@xmldom/xmldom';

/** One `<item>` or `<collection>` of an artifact.xml / registry-info.xml. */
export type RegistryDeclaration =
  | { kind: 'item'; file: string; path: string; mediaType?: string; properties?: Record<string, string> }
  | { kind: 'collection'; directory: string; path: string; properties?: Record<string, string> };

export interface RegistryArtifactDeclaration {
  name: string;
  version?: string;
  groupId?: string;
  declarations: RegistryDeclaration[];
}

/** Reads `<item>`/`<collection>` children of an element (artifact or resources root). */
export function readRegistryDeclarations(parent: Element): RegistryDeclaration[] {
  const out: RegistryDeclaration[] = [];
  for (const el of childElements(parent)) {
    const registryPath = childText(el, 'path');
    if (!registryPath) continue;
    const properties = readProperties(el);
    if (el.localName === 'item') {
      const file = childText(el, 'file');
      if (!file) continue;
      const mediaType = childText(el, 'mediaType') || undefined;
      out.push({ kind: 'item', file, path: registryPath, mediaType, properties });
    } else if (el.localName === 'collection') {
      const directory = childText(el, 'directory');
      if (!directory) continue;
      out.push({ kind: 'collection', directory, path: registryPath, properties });
    }
  }
  return out;
}

function readProperties(el: Element): Record<string, string> | undefined {
  const props = firstChild(el, 'properties');
  if (!props) return undefined;
  const out: Record<string, string> = {};
  for (const p of childElements(props, 'property')) {
    const key = attr(p, 'key') ?? attr(p, 'name');
    if (key) out[key] = attr(p, 'value') ?? '';
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Reads the `registry/resource` artifacts of a project-level artifact.xml. Returns
 * an error message instead when the file cannot be parsed.
 */
export function readRegistryArtifactXml(file: string): RegistryArtifactDeclaration[] | { error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  const parsed = parseDescriptor(text);
  if ('error' in parsed) return parsed;
  const out: RegistryArtifactDeclaration[] = [];
  for (const artifact of childElements(parsed.root, 'artifact')) {
    if (attr(artifact, 'type') !== 'registry/resource') continue;
    const name = attr(artifact, 'name');
    if (!name) continue;
    out.push({
      name,
      version: attr(artifact, 'version'),
      groupId: attr(artifact, 'groupId'),
      declarations: readRegistryDeclarations(artifact),
    });
  }
  return out;
}

const PREFIXES: [string, string][] = [
  ['/_system/governance', 'gov'],
  ['/_system/config', 'conf'],
  ['/_system/local', 'local'],
];

/** `/_system/governance/a/b.xsd` → `gov:a/b.xsd`; undefined for paths outside the three roots. */
export function registryKey(registryPath: string): string | undefined {
  for (const [prefix, scheme] of PREFIXES) {
    if (registryPath === prefix) return `${scheme}:`;
    if (registryPath.startsWith(prefix + '/')) return `${scheme}:${registryPath.slice(prefix.length + 1)}`;
  }
  return undefined;
}

export function joinRegistryPath(collection: string, relative: string): string {
  return `${collection.replace(/\/+$/, '')}/${relative.replace(/^\/+/, '')}`;
}

/**
 * Turns declarations into resource files. `locateItem`/`locateCollection` give the on-disk
 * location of a declared file/directory (layouts differ). Missing files become problems.
 */
export function resolveDeclarations(
  artifact: RegistryArtifactDeclaration,
  locateItem: (d: Extract<RegistryDeclaration, { kind: 'item' }>) => string,
  locateCollection: (d: Extract<RegistryDeclaration, { kind: 'collection' }>) => string,
  problems: { file: string; message: string }[],
  declaredIn: string,
): RegistryResourceFile[] {
  const out: RegistryResourceFile[] = [];
  for (const d of artifact.declarations) {
    if (d.kind === 'item') {
      const file = locateItem(d);
      const registryPath = joinRegistryPath(d.path, path.basename(d.file));
      const key = registryKey(registryPath);
      if (!key) {
        problems.push({ file: declaredIn, message: `registry path ${d.path} is outside /_system/governance, /_system/config and /_system/local` });
        continue;
      }
      if (!isFile(file)) {
        problems.push({ file: declaredIn, message: `registry resource ${artifact.name}: file ${file} does not exist` });
        continue;
      }
      out.push({ key, registryPath, file, mediaType: d.mediaType, properties: d.properties, artifactName: artifact.name });
    } else {
      const dir = locateCollection(d);
      if (!isDirectory(dir)) {
        problems.push({ file: declaredIn, message: `registry collection ${artifact.name}: directory ${dir} does not exist` });
        continue;
      }
      for (const rel of listFilesRecursive(dir)) {
        const registryPath = joinRegistryPath(d.path, rel);
        const key = registryKey(registryPath);
        if (!key) continue;
        const file = path.join(dir, rel);
        out.push({ key, registryPath, file, mediaType: sidecarMediaType(file), properties: d.properties, artifactName: artifact.name });
      }
    }
  }
  return out;
}

/** Media type from an Eclipse `.meta/~<file>.xml` sidecar next to the file, if any. */
export function sidecarMediaType(file: string): string | undefined {
  const sidecar = path.join(path.dirname(file), '.meta', `~${path.basename(file)}.xml`);
  if (!existsSync(sidecar)) return undefined;
  const parsed = parseDescriptor(readFileSync(sidecar, 'utf8'));
  if ('error' in parsed) return undefined;
  return childText(parsed.root, 'mediaType') || undefined;
}

/** Relative paths ('/'-separated, sorted) of all files under dir, skipping `.meta` and hidden folders. */
export function listFilesRecursive(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(childRel);
      else if (entry.isFile()) out.push(childRel);
    }
  };
  walk('');
  return out.sort(compareCodePoints);
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
