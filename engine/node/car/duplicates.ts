import { attr, parseDescriptor } from '../project/xml-read.js';
import type { CarArtifactEntry, CarDependencyRef, CarIssue } from './analyse.js';
import type { ZipEntry } from './zip.js';

/**
 * Duplicates MI trips over: the same dependency listed twice, two folders declaring the
 * same artifact name and version (a dependency can only resolve to one of them), and two
 * deployed Synapse artifacts of one type with the same runtime name (MI deploys the first,
 * fails on the second and marks the CAR faulty).
 */
export function checkDuplicates(dependencies: CarDependencyRef[], artifacts: CarArtifactEntry[], byName: Map<string, ZipEntry>, descriptor?: string): CarIssue[] {
  const issues: CarIssue[] = [];
  const seenDeps = new Set<string>();
  for (const d of dependencies) {
    const key = `${d.name}\0${d.version ?? ''}`;
    if (seenDeps.has(key)) issues.push({ severity: 'warning', message: `dependency ${d.name}${d.version ? ` ${d.version}` : ''} is listed more than once`, entry: descriptor });
    seenDeps.add(key);
  }
  const folders = new Map<string, string>();
  for (const a of artifacts) {
    const key = `${a.name}\0${a.version ?? ''}`;
    const first = folders.get(key);
    if (first) {
      issues.push({ severity: 'error', message: `duplicate artifact ${a.name}${a.version ? ` ${a.version}` : ''}: folders ${first}/ and ${a.dir}/ both declare it; MI resolves the dependency to only one of them`, entry: `${a.dir}/artifact.xml` });
    } else folders.set(key, a.dir);
  }
  const runtimeNames = new Map<string, string>();
  for (const a of artifacts) {
    if (!a.deployed || !a.file || !a.type?.startsWith('synapse/') || a.type === 'synapse/lib' || a.type === 'synapse/metadata') continue;
    const parsed = parseDescriptor(byName.get(a.file)?.data?.toString('utf8') ?? '');
    if ('error' in parsed) continue; // reported by the payload checks
    const name = attr(parsed.root, 'name') ?? attr(parsed.root, 'key');
    if (!name) continue;
    const version = a.type === 'synapse/api' ? attr(parsed.root, 'version') : undefined;
    const key = `${a.type}\0${name}\0${version ?? ''}`;
    const first = runtimeNames.get(key);
    if (first) {
      issues.push({
        severity: 'error',
        message: `duplicate ${a.type} ${name}${version ? ` (version ${version})` : ''}: ${first} and ${a.file} both define it; MI deploys one, fails on the other and lists the CAR as faulty`,
        entry: a.file,
      });
    } else runtimeNames.set(key, a.file);
  }
  return issues;
}
