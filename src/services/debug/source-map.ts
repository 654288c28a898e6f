/**
 * Step paths and source lines of a project: every mediator of every artifact
 * file with the step path the runtime gives it (the language service's
 * analysis compiles with the runtime's own path rules), and the MI component
 * object that names a step path in the debug protocol's `set`/`clear`.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pointOfStepPath, scanProject, type ConfigNode } from '../../../engine/index.js';
import { analyse } from '../language/analyse.js';
import type { SourcePoint } from '../../contract/debug.js';

export interface FileAnalysis {
  points: SourcePoint[];
  /** The artifact's root, for building MI addresses (API resources). */
  tree?: ConfigNode;
  kind?: string;
  name?: string;
}

/** Every mediator of one artifact text, ordered by position in the file. */
export function analyseFile(relativeFile: string, text: string): FileAnalysis {
  const a = analyse(relativeFile, text);
  const points: SourcePoint[] = [];
  for (const [node, stepPath] of a.paths) {
    points.push({ stepPath, kind: node.element, file: relativeFile, line: node.loc.line, col: node.loc.col });
  }
  points.sort((x, y) => x.line - y.line || x.col - y.col);
  return { points, tree: a.compiled.tree, kind: a.compiled.kind, name: a.compiled.name };
}

/**
 * The innermost mediator starting on a line: the one with the longest step
 * path among those starting there (nested mediators extend their parent's path).
 */
export function pointAtLine(points: readonly SourcePoint[], line: number): SourcePoint | undefined {
  let best: SourcePoint | undefined;
  for (const p of points) if (p.line === line && (!best || p.stepPath.length > best.stepPath.length)) best = p;
  return best;
}

/**
 * The analysed artifact files of one project, by project-relative path. A
 * file is analysed again only when its modification time changed.
 */
export class ProjectSourceMap {
  private readonly cache = new Map<string, { mtimeMs: number; analysis: FileAnalysis }>();

  constructor(readonly root: string) {}

  async files(): Promise<Map<string, FileAnalysis>> {
    const out = new Map<string, FileAnalysis>();
    let files: string[] = [];
    try {
      files = (await scanProject(this.root)).artifacts.map((a) => a.file);
    } catch {
      return out;
    }
    for (const file of files) {
      const relative = path.relative(this.root, file).split(path.sep).join('/');
      try {
        const { mtimeMs } = await stat(file);
        const hit = this.cache.get(relative);
        const analysis = hit && hit.mtimeMs === mtimeMs ? hit.analysis : analyseFile(relative, await readFile(file, 'utf8'));
        this.cache.set(relative, { mtimeMs, analysis });
        out.set(relative, analysis);
      } catch {
        this.cache.delete(relative); // vanished while scanning
      }
    }
    return out;
  }
}

const SEQUENCE_TYPE: Record<string, string> = { in: 'inseq', out: 'outseq', fault: 'faultseq' };

/**
 * The `mediation-component` and component object that address a step path in
 * MI's protocol, or undefined when MI's addressing cannot name it. API
 * resources need the API's tree (uri-template / url-mapping and a method).
 */
export function componentOfStepPath(stepPath: string, apiTree: (name: string) => ConfigNode | undefined): Record<string, unknown> | undefined {
  const p = pointOfStepPath(stepPath);
  if (!p) return undefined;
  const position = p.position.join(' ');
  const [head, ...rest] = p.flow.split('/');
  const colon = head!.indexOf(':');
  const kind = head!.slice(0, colon);
  const name = head!.slice(colon + 1);
  switch (kind) {
    case 'sequence':
      return { 'mediation-component': 'sequence', sequence: { 'sequence-type': 'named', 'sequence-key': name, 'mediator-position': position } };
    case 'template':
      return { 'mediation-component': 'template', template: { 'template-key': name, 'mediator-position': position } };
    case 'proxy':
      return { 'mediation-component': 'sequence', sequence: { proxy: { 'proxy-key': name, 'sequence-type': `proxy_${SEQUENCE_TYPE[rest[0]!]}`, 'mediator-position': position } } };
    case 'api': {
      const tree = apiTree(name);
      const index = Number(/\[(\d+)\]/.exec(rest[0] ?? '')?.[1] ?? -1);
      const resource = tree?.children.filter((c) => c.element === 'resource')[index];
      if (!tree || !resource) return undefined;
      const method = (resource.attrs.methods ?? '').split(/[\s,]+/).find(Boolean)?.toUpperCase() ?? '';
      const mapping: Record<string, string> = {};
      if (resource.attrs['uri-template'] !== undefined) mapping['uri-template'] = resource.attrs['uri-template'];
      else if (resource.attrs['url-mapping'] !== undefined) mapping['url-mapping'] = resource.attrs['url-mapping'];
      const apiKey = tree.attrs.version ? `${name}:v${tree.attrs.version}` : name;
      return {
        'mediation-component': 'sequence',
        sequence: { api: { 'api-key': apiKey, resource: { method, ...mapping }, 'sequence-type': `api_${SEQUENCE_TYPE[rest[1]!]}`, 'mediator-position': position } },
      };
    }
    default:
      return undefined;
  }
}
