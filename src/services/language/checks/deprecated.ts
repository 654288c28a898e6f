/** SEM002: forms MI 4.x keeps for compatibility, with their replacement. */
import type { ConfigDiagnostic } from '../../../../engine/index.js';
import { forEachNode, type Analysis } from '../analyse.js';

const DEPRECATED_MEDIATORS: Record<string, string> = {
  send: 'the send mediator is deprecated: use <call> (the response continues in the same sequence) and <respond> to reply',
  in: 'the in mediator is deprecated: put request mediation in the inSequence (or use <filter> on the message direction)',
  out: 'the out mediator is deprecated: use <call>, which continues with the response in the same sequence',
};

const OUT_SEQUENCE = 'outSequence is deprecated: use <call> in the inSequence, which continues with the response, and <respond>';

export function deprecatedForms(a: Analysis): ConfigDiagnostic[] {
  const out: ConfigDiagnostic[] = [];
  const tree = a.compiled.tree;
  if (!tree) return out;
  forEachNode(tree, (n, kind) => {
    const mediatorNote = kind ? DEPRECATED_MEDIATORS[kind] : undefined;
    if (mediatorNote) out.push({ code: 'SEM002', severity: 'warning', message: mediatorNote, file: a.uri, line: n.loc.line, col: n.loc.col });
    // An API resource or a proxy target: inline <outSequence> or the outSequence="key" attribute.
    if (kind === undefined && (n.element === 'resource' || n.element === 'target')) {
      const inline = n.children.find((c) => c.element === 'outSequence');
      if (inline && (inline.mediators ?? []).some((m) => m.kind !== 'comment')) out.push({ code: 'SEM002', severity: 'warning', message: OUT_SEQUENCE, file: a.uri, line: inline.loc.line, col: inline.loc.col });
      if (n.attrs.outSequence !== undefined) {
        const at = n.attrLocs.outSequence ?? n.loc;
        out.push({ code: 'SEM002', severity: 'warning', message: OUT_SEQUENCE, file: a.uri, line: at.line, col: at.col });
      }
    }
  });
  return out;
}
