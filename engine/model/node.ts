/** The parsed, position-carrying form of a configuration element (the syntax tree the studio draws). */

export interface Loc {
  file?: string;
  line: number;
  col: number;
}

export interface ConfigNode {
  element: string;
  ns: string | null;
  /** Attributes as written, except namespace declarations; `attrOrder` keeps their order. */
  attrs: Record<string, string>;
  attrOrder: string[];
  attrLocs: Record<string, Loc>;
  /** Declared child elements (content 'elements' or alongside mediators), in document order. */
  children: ConfigNode[];
  /** Mediators (content 'mediators'), in order; comments are kept as `comment` nodes. */
  mediators?: MediatorNode[];
  /** Text content (content 'text'). */
  text?: string;
  /** Raw content (content 'xml'): the element's child nodes, untouched. */
  raw?: Node[];
  /** Namespace prefixes in scope, for expressions written on this element. */
  namespaces: Record<string, string>;
  loc: Loc;
  source: Element;
}

export type MediatorNode =
  | { kind: 'comment'; text: string; loc: Loc }
  /** A mediator we know. */
  | { kind: string; node: ConfigNode; loc: Loc }
  /** A connector operation (`<lib.op>`) or unknown element kept for round trip. */
  | { kind: 'connector'; node: ConfigNode; loc: Loc };

export function isComment(m: MediatorNode): m is { kind: 'comment'; text: string; loc: Loc } {
  return m.kind === 'comment';
}

export function childrenNamed(node: ConfigNode, name: string): ConfigNode[] {
  return node.children.filter((c) => c.element === name);
}

export function childNamed(node: ConfigNode, name: string): ConfigNode | undefined {
  return node.children.find((c) => c.element === name);
}
