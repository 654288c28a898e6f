/**
 * Where a path written in a suite points. Suites name artifacts, registry
 * resources and mock services relative to the project root (MI VS Code
 * layout); Integration Studio suites use paths into the ESB Configs project
 * (`Proj/src/main/synapse-config/api/X.xml`, `.../test/resources/mock-services/M.xml`),
 * which map onto the VS Code layout the way MI's project migrator maps them.
 * Like MI's Maven client, `../` and `../../` of the suite's folder are tried too.
 */
import fs from 'node:fs';
import path from 'node:path';

const IS_FOLDERS: Record<string, string> = {
  api: 'apis',
  'proxy-services': 'proxy-services',
  sequences: 'sequences',
  endpoints: 'endpoints',
  'local-entries': 'local-entries',
  templates: 'templates',
  'inbound-endpoints': 'inbound-endpoints',
  tasks: 'tasks',
  'message-stores': 'message-stores',
  'message-processors': 'message-processors',
};

export function toRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Candidate absolute paths for a written reference, most likely first. */
export function candidatesFor(root: string, suiteDir: string, written: string): string[] {
  const w = written.trim().replace(/\\/g, '/');
  if (path.isAbsolute(w)) return [w];
  const out = [path.join(root, w)];
  const is = /(?:^|\/)src\/main\/synapse-config\/([^/]+)\/(.+)$/.exec(w);
  if (is) out.push(path.join(root, 'src/main/wso2mi/artifacts', IS_FOLDERS[is[1]!] ?? is[1]!, is[2]!));
  const mock = /(?:^|\/)test\/resources\/mock-services\/(.+)$/.exec(w);
  if (mock) out.push(path.join(root, 'src/test/resources/mock-services', mock[1]!));
  const registry = /(?:^|\/)resources\/registry\/(.+)$/.exec(w);
  if (registry) out.push(path.join(root, 'src/main/wso2mi/resources/registry', registry[1]!));
  out.push(path.join(suiteDir, w), path.join(suiteDir, '..', w), path.join(suiteDir, '../..', w));
  return out;
}

/** The first candidate that is a file, or undefined. */
export function resolveReference(root: string, suiteDir: string, written: string): string | undefined {
  for (const c of candidatesFor(root, suiteDir, written)) {
    try {
      if (fs.statSync(c).isFile()) return c;
    } catch {
      // next candidate
    }
  }
  return undefined;
}
