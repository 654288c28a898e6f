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

const SHORT_OF_TYPE: Record<string, string> = { inseq: 'in', outseq: 'out', faultseq: 'fault' };

/**
 * The step path of the mediator an MI event names (`breakpoint`/`skip`
 * events carry the component object, with `mapping` for API resources),
 * found among the project's mediators. For a server without Mediate's
 * `event-details`, such as MI itself.
 */
export function stepPathOfEvent(event: Record<string, unknown>, files: Map<string, FileAnalysis>): string | undefined {
  const component = event['mediation-component'];
  const body = (typeof component === 'string' ? event[component] : undefined) as Record<string, unknown> | undefined;
  if (!body) return undefined;
  const position = String(body['mediator-position'] ?? '').trim().split(/\s+/).join(' ');
  let flow: string | undefined;
  if (component === 'template') flow = `template:${body['template-key']}`;
  else if (body.api && typeof body.api === 'object') {
    const api = body.api as Record<string, unknown>;
    const name = String(api['api-key'] ?? '').replace(/:v[^:]*$/, '');
    const resource = (api.resource ?? {}) as Record<string, unknown>;
    const tree = [...files.values()].find((a) => a.kind === 'api' && a.name === name)?.tree;
    const resources = tree?.children.filter((c) => c.element === 'resource') ?? [];
    const method = String(resource.method ?? '').toUpperCase();
    const index = resources.findIndex((r) => (r.attrs['uri-template'] ?? r.attrs['url-mapping']) === resource.mapping && (!method || (r.attrs.methods ?? '').toUpperCase().split(/[\s,]+/).includes(method)));
    const short = SHORT_OF_TYPE[String(api['sequence-type'] ?? '').replace(/^api_/, '')];
    if (index >= 0 && short) flow = `api:${name}/resource[${index}]/${short}`;
    if (api['mediator-position'] !== undefined) return findStep(files, flow, String(api['mediator-position']).trim().split(/\s+/).join(' '));
  } else if (body.proxy && typeof body.proxy === 'object') {
    const proxy = body.proxy as Record<string, unknown>;
    const short = SHORT_OF_TYPE[String(proxy['sequence-type'] ?? '').replace(/^proxy_/, '')];
    if (short) flow = `proxy:${proxy['proxy-key']}/${short}`;
    return findStep(files, flow, String(proxy['mediator-position'] ?? '').trim().split(/\s+/).join(' '));
  } else if (body['sequence-key'] !== undefined) flow = `sequence:${body['sequence-key']}`;
  return findStep(files, flow, position);
}

function findStep(files: Map<string, FileAnalysis>, flow: string | undefined, position: string): string | undefined {
  if (!flow) return undefined;
  for (const a of files.values()) {
    for (const p of a.points) {
      const point = pointOfStepPath(p.stepPath);
      if (point && point.flow === flow && point.position.join(' ') === position) return p.stepPath;
    }
  }
  return undefined;
}
