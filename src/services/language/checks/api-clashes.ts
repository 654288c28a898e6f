/**
 * SEM004: two APIs on the same context and version (MI dispatches by context,
 * so one of them can never be reached); SEM005: two resources of one API that
 * match the same requests (the first always wins).
 */
import type { ConfigDiagnostic, ConfigNode } from '../../../../engine/index.js';
import type { Analysis } from '../analyse.js';
import type { ProjectIndex } from '../project-index.js';

function apiKey(tree: ConfigNode): string {
  const context = (tree.attrs.context ?? '').replace(/\/+$/, '') || '/';
  return `${context}|${tree.attrs.version ?? ''}|${tree.attrs['version-type'] ?? ''}|${tree.attrs.hostname ?? ''}|${tree.attrs.port ?? ''}`;
}

export function apiClashes(a: Analysis, index: ProjectIndex): ConfigDiagnostic[] {
  const tree = a.compiled.tree;
  if (!tree || a.compiled.kind !== 'api') return [];
  const out: ConfigDiagnostic[] = [];
  const mine = apiKey(tree);
  const others = index.artifacts.filter((e) => e.kind === 'api' && e.uri !== a.uri && e.analysis.compiled.tree && apiKey(e.analysis.compiled.tree) === mine);
  if (others.length) {
    const at = tree.attrLocs.context ?? tree.loc;
    const version = tree.attrs.version ? ` (version ${tree.attrs.version})` : '';
    out.push({ code: 'SEM004', severity: 'error', message: `API context '${tree.attrs.context}'${version} is also used by API ${others.map((o) => `'${o.name}' (${o.uri})`).join(', ')}`, file: a.uri, line: at.line, col: at.col });
  }
  const seen = new Map<string, ConfigNode>();
  for (const r of tree.children.filter((c) => c.element === 'resource')) {
    const target = r.attrs['uri-template'] ?? r.attrs['url-mapping'] ?? '/*';
    const methods = (r.attrs.methods ?? '').split(/[\s,]+/).filter(Boolean).map((m) => m.toUpperCase());
    for (const m of methods.length ? methods : ['*']) {
      const key = `${m} ${target}`;
      const first = seen.get(key);
      if (first && first !== r) {
        out.push({ code: 'SEM005', severity: 'warning', message: `resource ${key} is already matched by the resource at line ${first.loc.line}; this one is never reached`, file: a.uri, line: r.loc.line, col: r.loc.col });
        break;
      }
      seen.set(key, r);
    }
  }
  return out;
}
