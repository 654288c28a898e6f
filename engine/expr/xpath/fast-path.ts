/**
 * A direct evaluator for the location paths routing rules use most
 * (`//order[1]/symbol`, `/soapenv:Envelope/soapenv:Header/r:routing`,
 * `$body/m:getQuote/m:request`): child, descendant(-or-self), self and
 * attribute steps with name, `*`, `text()` and `node()` tests and numeric
 * predicates. It walks the DOM exactly as the `xpath` package's PathExpr does
 * (same steps, same node tests, same positional filtering, the caller puts
 * the nodes into an XNodeSet the same way), without that package's
 * per-node context copies, which cost more than the rest of a routed request.
 * Anything else returns undefined at compile time and takes the general path.
 */
import { lib, type AstNode, type StepNode } from './lib.js';

const AXIS = { ATTRIBUTE: 2, CHILD: 3, DESCENDANT: 4, DESCENDANT_OR_SELF: 5, SELF: 12 } as const;
const TEST = { ANY: 0, PREFIX_ANY: 1, QNAME: 2, TEXT: 4, NODE: 6 } as const;
const NAMED_TYPES = new Set([1, 2, 13]);
const NODE_TYPES = new Set([1, 2, 3, 4, 7, 8, 9]);

/** Where a path starts: the document, the context node (the Envelope), or a SOAP envelope variable. */
export type PathStart = 'root' | 'context' | { variable: number };

export interface SimplePath {
  start: PathStart;
  /** Applies the steps to the start nodes (the result may hold duplicates; an XNodeSet removes them). */
  select(start: Node[]): Node[];
}

type Matcher = (n: Node) => boolean;

interface CompiledStep {
  axis: number;
  matches: Matcher;
  positions: number[];
}

/**
 * @param resolve the expression's namespace map (prefix → URI, null when undeclared)
 * @param envelopeVariable true when variable `internal` (v0, v1 ...) is `$body`, `$header` or `$env`
 */
export function compileSimplePath(expression: AstNode, resolve: (prefix: string) => string | null, envelopeVariable: (internal: string) => boolean): SimplePath | undefined {
  const e = expression as AstNode & { locationPath?: { absolute: boolean; steps: StepNode[] } };
  let start: PathStart;
  if (e.filter) {
    if ((e.filterPredicates?.length ?? 0) > 0 || typeof e.filter.variable !== 'string' || !envelopeVariable(e.filter.variable)) return undefined;
    start = { variable: Number(e.filter.variable.slice(1)) };
  } else if (e.locationPath) start = e.locationPath.absolute ? 'root' : 'context';
  else return undefined;
  const steps: CompiledStep[] = [];
  for (const step of e.locationPath?.steps ?? []) {
    const compiled = compileStep(step, resolve);
    if (!compiled) return undefined;
    steps.push(compiled);
  }
  return { start, select: (nodes) => applySteps(steps, nodes) };
}

function compileStep(step: StepNode, resolve: (prefix: string) => string | null): CompiledStep | undefined {
  if (step.axis !== AXIS.CHILD && step.axis !== AXIS.DESCENDANT && step.axis !== AXIS.DESCENDANT_OR_SELF && step.axis !== AXIS.SELF && step.axis !== AXIS.ATTRIBUTE) return undefined;
  const positions: number[] = [];
  for (const p of step.predicates) {
    const n = numberLiteral(p);
    if (n === undefined) return undefined;
    positions.push(n);
  }
  // The package orders attributes by its own rules before a positional predicate; leave that to it.
  if (step.axis === AXIS.ATTRIBUTE && positions.length > 0) return undefined;
  const matches = compileTest(step.nodeTest as StepNode['nodeTest'] & { localName?: string; prefix?: string | null }, resolve);
  return matches ? { axis: step.axis, matches, positions } : undefined;
}

/** `[3]` parses to a PathExpr whose filter is the number and nothing else. */
function numberLiteral(p: AstNode): number | undefined {
  const filter = (p as AstNode & { filter?: unknown }).filter;
  if (!(filter instanceof lib.XNumber) || p.locationPath || (p.filterPredicates?.length ?? 0) > 0) return undefined;
  return filter.numberValue();
}

/** The package's node tests (NodeTest.*.matches), with the prefix resolved once. */
function compileTest(test: { type: number; localName?: string; prefix?: string | null }, resolve: (prefix: string) => string | null): Matcher | undefined {
  const namespaceOf = (prefix: string | null | undefined): ((n: Node) => boolean) | undefined => {
    if (!prefix) return (n) => !(n as Element).namespaceURI;
    const uri = resolve(prefix);
    if (uri === null) return undefined; // the general path raises "Cannot resolve QName"
    return (n) => ((n as Element).namespaceURI || '') === uri;
  };
  switch (test.type) {
    case TEST.QNAME: {
      const inNamespace = namespaceOf(test.prefix);
      const local = test.localName;
      if (!inNamespace || local === undefined) return undefined;
      return (n) => NAMED_TYPES.has(n.nodeType) && inNamespace(n) && ((n as Element).localName || n.nodeName) === local;
    }
    case TEST.PREFIX_ANY: {
      const inNamespace = namespaceOf(test.prefix);
      if (!inNamespace) return undefined;
      return (n) => (n.nodeType === 1 || n.nodeType === 2) && inNamespace(n);
    }
    case TEST.ANY:
      return (n) => NAMED_TYPES.has(n.nodeType);
    case TEST.TEXT:
      return (n) => n.nodeType === 3 || n.nodeType === 4;
    case TEST.NODE:
      return (n) => NODE_TYPES.has(n.nodeType);
    default:
      return undefined;
  }
}

function applySteps(steps: CompiledStep[], start: Node[]): Node[] {
  let nodes = start;
  for (const step of steps) {
    const next: Node[] = [];
    for (const node of nodes) {
      const selected = applyStep(step, node);
      const filtered = step.positions.length === 0 ? selected : filterPositions(selected, step.positions);
      for (const n of filtered) next.push(n);
    }
    nodes = next;
  }
  return nodes;
}

/** PathExpr.predicateMatches with a number: keeps the node at that 1-based position, per predicate in turn. */
function filterPositions(nodes: Node[], positions: number[]): Node[] {
  let list = nodes;
  for (const p of positions) list = Number.isInteger(p) && p >= 1 && p <= list.length ? [list[p - 1]!] : [];
  return list;
}

function applyStep(step: CompiledStep, node: Node): Node[] {
  const out: Node[] = [];
  const m = step.matches;
  switch (step.axis) {
    case AXIS.CHILD:
      for (let c = node.firstChild; c; c = c.nextSibling) if (m(c)) out.push(c);
      break;
    case AXIS.SELF:
      if (m(node)) out.push(node);
      break;
    case AXIS.ATTRIBUTE: {
      const attrs = (node as Element).attributes;
      if (attrs) for (let i = 0; i < attrs.length; i++) if (m(attrs.item(i)!)) out.push(attrs.item(i)!);
      break;
    }
    case AXIS.DESCENDANT_OR_SELF:
      if (m(node)) out.push(node);
      descendants(node, m, out);
      break;
    case AXIS.DESCENDANT:
      descendants(node, m, out);
      break;
  }
  return out;
}

/** Pre-order (document order) walk below `node`, as the package's DESCENDANT axis. */
function descendants(node: Node, m: Matcher, out: Node[]): void {
  let c: Node | null = node.firstChild;
  while (c) {
    if (m(c)) out.push(c);
    if (c.firstChild) {
      c = c.firstChild;
      continue;
    }
    while (c && !c.nextSibling && c !== node) c = c.parentNode;
    if (!c || c === node) return;
    c = c.nextSibling;
  }
}
