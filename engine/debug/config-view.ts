/** The deployed configuration as the debugger sees it: parsed trees of the artifacts an Engine serves. */
import type { Engine } from '../runtime/engine.js';
import type { ConfigNode } from '../model/node.js';
import type { DebugConfigView } from './addresses.js';

export function engineConfigView(engine: Engine): DebugConfigView {
  const deployedTrees = (kind: string): ConfigNode[] => {
    const out: ConfigNode[] = [];
    for (const c of engine.deployment.lastResults.values()) {
      if (c.kind !== kind || !c.tree || c.name === undefined) continue;
      // A file whose latest version failed leaves its previous version serving; its tree is the failed one, the best we have.
      if (engine.deployment.get(kind, c.name)) out.push(c.tree);
    }
    return out;
  };
  return {
    tree: (kind, name) => deployedTrees(kind).find((t) => (t.attrs.name ?? '') === name),
    trees: (kind) => deployedTrees(kind),
  };
}

/** A view with nothing deployed (a debugger not yet bound to an engine). */
export const emptyConfigView: DebugConfigView = { tree: () => undefined, trees: () => [] };
