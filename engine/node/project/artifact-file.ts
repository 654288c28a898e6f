import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { compareCodePoints } from './registry.js';
import { declaredName, kindOfRoot, sniffRoot, type RootSniff } from './sniff.js';
import type { ArtifactKind, ProjectArtifactFile } from './types.js';

function readSniff(file: string): RootSniff | undefined {
  try {
    return sniffRoot(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function baseName(file: string): string {
  return path.basename(file).replace(/\.(xml|dbs)$/i, '');
}

/**
 * Describes a file whose kind the layout decides (by folder). The name comes from the
 * root's name/key attribute when it can be read, else from the file name, so a malformed
 * file is still listed and its parse error can be reported by the loader.
 */
export function artifactByFolder(kind: ArtifactKind, file: string): ProjectArtifactFile {
  const sniff = readSniff(file);
  return describe(kind, file, sniff);
}

function describe(kind: ArtifactKind, file: string, sniff: RootSniff | undefined): ProjectArtifactFile {
  // Data sources are named after their file (VS Code builder convention).
  const name = kind === 'data-source' ? baseName(file) : declaredName(kind, sniff) ?? baseName(file);
  const out: ProjectArtifactFile = { kind, name, file };
  const version = kind === 'api' ? sniff?.attributes['version'] : undefined;
  if (version && version.trim() !== '') out.version = version;
  return out;
}

/**
 * Classifies a file by its root element (plain folders). Returns the artifact, or the
 * reason it is not one.
 */
export function artifactByRoot(file: string): ProjectArtifactFile | { problem: string } {
  const sniff = readSniff(file);
  if (!sniff) return { problem: 'no XML start tag found; not a Synapse artifact' };
  const kind = kindOfRoot(sniff.localName);
  if (!kind) return { problem: `root element <${sniff.localName}> is not a Synapse artifact` };
  return describe(kind, file, sniff);
}

/** Files directly inside dir with one of the extensions (no recursion), sorted; [] when dir is absent. */
export function listDirectFiles(dir: string, extensions: string[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && extensions.some((ext) => e.name.toLowerCase().endsWith(ext)))
    .map((e) => path.join(dir, e.name))
    .sort(compareCodePoints);
}
