/**
 * SYN008 (unresolved reference), SYN015 (a reference's own check, e.g. the
 * mandatory parameters of a called template) and SYN014 (duplicate names),
 * computed over the open project the way deployment computes them, so the
 * editor shows what `mediate run` would refuse.
 */
import type { ConfigDiagnostic } from '../../../../engine/index.js';
import type { Analysis } from '../analyse.js';
import type { ProjectIndex } from '../project-index.js';

export function referenceProblems(a: Analysis, index: ProjectIndex): ConfigDiagnostic[] {
  const out: ConfigDiagnostic[] = [];
  const c = a.compiled;
  if (c.kind && c.name !== undefined && c.tree) {
    const same = index.named(c.kind, c.name);
    const firstOther = same.find((e) => e.uri !== a.uri);
    // Deployment keeps the first file (by path order here) and refuses the others.
    if (firstOther && [...same].sort((x, y) => x.uri.localeCompare(y.uri))[0]!.uri !== a.uri) {
      out.push({ code: 'SYN014', severity: 'error', message: `duplicate ${c.kind} name '${c.name}' (also defined in ${firstOther.uri})`, file: a.uri, line: c.tree.loc.line, col: c.tree.loc.col });
    }
  }
  for (const r of c.references) {
    if (!index.resolves(r.kind, r.name)) {
      // A reference MI resolves only at run time is a warning saying what happens then, as at deployment.
      const ifMissing = (r as { ifMissing?: string }).ifMissing;
      const message = `${r.kind} '${r.name}' is not defined in this project${ifMissing !== undefined ? `: ${ifMissing}` : ''}`;
      out.push({ code: 'SYN008', severity: ifMissing !== undefined ? 'warning' : 'error', message, file: a.uri, line: r.at.line, col: r.at.col });
      continue;
    }
    const check = (r as { check?: (target: unknown) => string | undefined }).check;
    const target = check ? index.targetValue(r.kind, r.name) : undefined;
    const problem = target !== undefined ? check!(target) : undefined;
    if (problem) out.push({ code: 'SYN015', severity: 'error', message: problem, file: a.uri, line: r.at.line, col: r.at.col });
  }
  return out;
}
