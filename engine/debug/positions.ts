/**
 * MI's "mediator position" (a space-separated list of 0-based numbers, see
 * reference/debug-protocol.md A.4) and our step paths (DESIGN §4) are two
 * spellings of the same place. This module converts a step path into
 * (flow, position) and checks that a position names a mediator of a parsed
 * flow.
 *
 * The mapping, per container (step path segment -> MI number):
 *
 * | container        | our step path                 | MI position numbers          |
 * |------------------|-------------------------------|------------------------------|
 * | any list         | `<flow>/<i>`                  | `i`                          |
 * | filter           | `<m>/then/<j>`, `<m>/else/<j>`| `m 1 j`, `m 0 j`             |
 * | switch           | `<m>/case[k]/<j>`, `/default` | `m k+1 j`, `m 0 j`           |
 * | clone            | `<m>/target[t]/sequence/<j>`  | `m t j`                      |
 * | scatter-gather   | `<m>/sequence[t]/<j>`         | `m t j`                      |
 * | throttle         | `<m>/onReject/<j>`, `onAccept`| `m 0 j`, `m 1 j`             |
 * | iterate          | `<m>/target/sequence/<j>`     | `m j` (no branch number)     |
 * | foreach          | `<m>/sequence/<j>`            | `m j`                        |
 * | aggregate        | `<m>/onComplete/<j>`          | `m j`                        |
 * | cache            | `<m>/onCacheHit/<j>`          | `m j`                        |
 * | validate         | `<m>/on-fail/<j>`             | `m j`                        |
 * | propertyGroup    | `<m>/<j>`                     | `m j`                        |
 *
 * Flows (the part of the path before the first position number):
 * named sequence `sequence:N`; API resource sequences
 * `api:A/resource[r]/in|out|fault`; proxy sequences `proxy:P/in|out|fault`;
 * sequence templates `template:T`. Inbound endpoints run their named
 * injecting sequence, so their points are that sequence's points.
 *
 * Not addressable (MI addresses them through the called template, we do not):
 * a position continuing past a `call-template`; set the point on the template.
 */
import type { ConfigNode, MediatorNode } from '../model/node.js';
import { childNamed, childrenNamed } from '../model/node.js';

export interface FlowPoint {
  /** `sequence:N`, `api:A/resource[0]/in`, `proxy:P/out`, `template:T`. */
  flow: string;
  position: number[];
}

const FLOW_PATTERN = /^((?:api:[^/]+\/resource\[\d+\]|proxy:[^/]+)\/(?:in|out|fault)|(?:sequence|template):[^/]+)\/(.+)$/;

/** The MI address of a step path, or undefined when MI's addressing cannot name it. */
export function pointOfStepPath(stepPath: string): FlowPoint | undefined {
  const m = FLOW_PATTERN.exec(stepPath);
  if (!m) return undefined;
  const tokens = m[2]!.split('/');
  const position: number[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (/^\d+$/.test(t)) {
      position.push(Number(t));
      i++;
      continue;
    }
    const indexed = /^([A-Za-z-]+)\[(\d+)\]$/.exec(t);
    const name = indexed ? indexed[1]! : t;
    const n = indexed ? Number(indexed[2]) : undefined;
    switch (name) {
      case 'then':
        position.push(1);
        break;
      case 'else':
      case 'default':
      case 'onReject':
        position.push(0);
        break;
      case 'onAccept':
        position.push(1);
        break;
      case 'case':
        position.push((n ?? 0) + 1);
        break;
      case 'target':
        if (tokens[i + 1] !== 'sequence') return undefined;
        if (n !== undefined) position.push(n);
        i++;
        break;
      case 'sequence':
        if (n !== undefined) position.push(n);
        break;
      case 'onComplete':
      case 'onCacheHit':
      case 'on-fail':
        break;
      default:
        return undefined;
    }
    i++;
  }
  return { flow: m[1]!, position };
}

export function positionText(position: readonly number[]): string {
  return position.join(' ');
}

/** `"2 1 0"` -> [2, 1, 0]; undefined when it is not a list of non-negative integers. */
export function parsePosition(text: unknown): number[] | undefined {
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const parts = String(text).trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
  return parts.map(Number);
}

function mediatorNodes(list: readonly MediatorNode[] | undefined): ConfigNode[] {
  return (list ?? []).filter((m) => m.kind !== 'comment').map((m) => (m as { node: ConfigNode }).node);
}

/** Whether `position` names a mediator in the (parsed) mediator list of a flow. */
export function positionExists(list: readonly MediatorNode[] | undefined, position: readonly number[]): boolean {
  let nodes = mediatorNodes(list);
  let i = 0;
  for (;;) {
    const node = nodes[position[i]!];
    if (!node) return false;
    i++;
    if (i === position.length) return true;
    const next = innerList(node, position, i);
    if (!next) return false;
    nodes = next.nodes;
    i = next.at;
  }
}

/** The inner list a position continues into, and where the index into it is. */
function innerList(node: ConfigNode, position: readonly number[], at: number): { nodes: ConfigNode[]; at: number } | undefined {
  const branchNumber = position[at]!;
  const inBranch = (n: ConfigNode | undefined) => (n ? { nodes: mediatorNodes(n.mediators), at: at + 1 } : undefined);
  switch (node.element) {
    case 'filter': {
      const thenNode = childNamed(node, 'then');
      const elseNode = childNamed(node, 'else');
      if (!thenNode && !elseNode) return branchNumber === 1 ? { nodes: mediatorNodes(node.mediators), at: at + 1 } : undefined;
      return inBranch(branchNumber === 1 ? thenNode : branchNumber === 0 ? elseNode : undefined);
    }
    case 'switch':
      return inBranch(branchNumber === 0 ? childNamed(node, 'default') : childrenNamed(node, 'case')[branchNumber - 1]);
    case 'clone':
      return inBranch(childNamed(childrenNamed(node, 'target')[branchNumber] ?? emptyNode, 'sequence'));
    case 'scatter-gather':
      return inBranch(childrenNamed(node, 'sequence')[branchNumber]);
    case 'throttle':
      return inBranch(branchNumber === 0 ? childNamed(node, 'onReject') : branchNumber === 1 ? childNamed(node, 'onAccept') : undefined);
    case 'iterate': {
      const seq = childNamed(childNamed(node, 'target') ?? emptyNode, 'sequence');
      return seq ? { nodes: mediatorNodes(seq.mediators), at } : undefined;
    }
    case 'foreach': {
      const seq = childNamed(node, 'sequence');
      return seq ? { nodes: mediatorNodes(seq.mediators), at } : undefined;
    }
    case 'aggregate': {
      const done = childNamed(node, 'onComplete');
      return done ? { nodes: mediatorNodes(done.mediators), at } : undefined;
    }
    case 'cache': {
      const hit = childNamed(node, 'onCacheHit');
      return hit ? { nodes: mediatorNodes(hit.mediators), at } : undefined;
    }
    case 'validate': {
      const fail = childNamed(node, 'on-fail');
      return fail ? { nodes: mediatorNodes(fail.mediators), at } : undefined;
    }
    case 'propertyGroup':
      return { nodes: node.children, at };
    default:
      return undefined;
  }
}

const emptyNode: ConfigNode = { element: '', ns: null, attrs: {}, attrOrder: [], attrLocs: {}, children: [], namespaces: {}, loc: { line: 0, col: 0 }, source: undefined as unknown as Element };
