/** SEM001: mediators after one that ends the flow (respond, drop, send, loopback) never run. */
import type { ConfigDiagnostic, ConfigNode } from '../../../../engine/index.js';
import { forEachMediatorList, type Analysis } from '../analyse.js';

/** Mediators after which MI does not continue the same mediator list. */
export const FLOW_ENDING = new Set(['respond', 'drop', 'send', 'loopback']);

export function unreachableMediators(a: Analysis): ConfigDiagnostic[] {
  const out: ConfigDiagnostic[] = [];
  if (!a.compiled.tree) return out;
  forEachMediatorList(a.compiled.tree, (_owner, list) => {
    const active = list.filter((m) => m.kind !== 'comment');
    const end = active.findIndex((m) => FLOW_ENDING.has(m.kind));
    if (end < 0 || end === active.length - 1) return;
    const ender = active[end]!;
    const first = (active[end + 1] as { node: ConfigNode }).node;
    const rest = active.length - end - 1;
    out.push({
      code: 'SEM001',
      severity: 'warning',
      message: `unreachable: ${rest === 1 ? 'this mediator never runs' : `this and the ${rest - 1} mediator(s) after it never run`}, because <${(ender as { node: ConfigNode }).node.element}> at line ${ender.loc.line} ends the flow`,
      file: a.uri,
      line: first.loc.line,
      col: first.loc.col,
    });
  });
  return out;
}
