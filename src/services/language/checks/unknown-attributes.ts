/**
 * SEM006: attributes the element's descriptor does not know. MI ignores them,
 * so this is a warning; usually a typo. Elements whose content is kept as
 * written ('xml') and qualified attributes (xsi:, wsp: ...) are not checked.
 */
import type { ConfigDiagnostic } from '../../../../engine/index.js';
import type { Analysis } from '../analyse.js';

export function unknownAttributes(a: Analysis): ConfigDiagnostic[] {
  const out: ConfigDiagnostic[] = [];
  a.descriptors.forEach((desc, node) => {
    if (desc.content === 'xml') return;
    for (const name of node.attrOrder) {
      if (name.includes(':') || desc.attributes.some((x) => x.name === name)) continue;
      const at = attributeNameAt(a, node.attrLocs[name], name) ?? node.loc;
      const known = desc.attributes.map((x) => x.name);
      const hint = closest(name, known);
      out.push({ code: 'SEM006', severity: 'warning', message: `unknown attribute '${name}' on <${node.element}>${hint ? `; did you mean '${hint}'?` : ''} (MI ignores it)`, file: a.uri, line: at.line, col: at.col });
    }
  });
  return out;
}

/** The engine places an attribute at its value; the squiggle belongs on the name, found just before `="`. */
function attributeNameAt(a: Analysis, valueAt: { line: number; col: number } | undefined, name: string): { line: number; col: number } | undefined {
  if (!valueAt) return undefined;
  const valueOffset = a.lines.offsetOf(valueAt);
  const before = a.text.slice(Math.max(0, valueOffset - name.length - 64), valueOffset);
  const m = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*["']$`).exec(before);
  return m ? a.lines.positionOf(valueOffset - before.length + m.index) : undefined;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(x: string, y: string): number {
  const row = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (x[i - 1] === y[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[y.length]!;
}
