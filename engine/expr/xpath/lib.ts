/**
 * Typed access to the parts of the `xpath` package (0.0.34) this folder uses:
 * its LR parser tables and AST classes, its value classes and its evaluation
 * context. The package's own typings only cover `select`, so the shapes below
 * describe what xpath.js really exposes (checked against its source).
 */
import xpathPackage from 'xpath';

/** An XPath value as the library represents it during evaluation. */
export interface XValue {
  string(): XString;
  number(): XNumber;
  bool(): XBoolean;
  nodeset(): XNodeSet;
  stringValue(): string;
  numberValue(): number;
  booleanValue(): boolean;
}
// Type-only brands keep the structurally identical value classes apart for narrowing.
export interface XString extends XValue {
  readonly __xpathKind?: 'string';
}
export interface XNumber extends XValue {
  readonly __xpathKind?: 'number';
}
export interface XBoolean extends XValue {
  readonly __xpathKind?: 'boolean';
}
export interface XNodeSet extends XValue {
  readonly __xpathKind?: 'nodeset';
  addArray(nodes: Node[]): void;
  /** Nodes in document order. */
  toArray(): Node[];
  /** Number of nodes (a field, not a method). */
  readonly size: number;
}

/** Evaluation state; `extend` copies own properties, so per-evaluation data set on it reaches nested contexts. */
export interface XPathContext {
  variableResolver: { getVariable(localName: string, namespace: string): XValue | null | undefined };
  namespaceResolver: { getNamespace(prefix: string, node: Node): string | null };
  functionResolver: FunctionResolver;
  expressionContextNode: Node;
  contextNode: Node;
  caseInsensitive?: boolean;
  [key: string]: unknown;
}

/** An AST node; which fields are present depends on the node's class. */
export interface AstNode {
  evaluate(c: XPathContext): XValue;
  /** FunctionCall */
  functionName?: string;
  arguments?: AstNode[];
  /** VariableReference */
  variable?: string;
  /** Unary / binary operations */
  lhs?: AstNode;
  rhs?: AstNode;
  /** PathExpr */
  filter?: AstNode;
  filterPredicates?: AstNode[];
  locationPath?: LocationPathNode;
  /** LocationPath (a bare path parses to this directly) */
  absolute?: boolean;
  steps?: StepNode[];
}
export interface LocationPathNode {
  absolute: boolean;
  steps: StepNode[];
}
export interface StepNode {
  axis: number;
  nodeTest: { type: number; name?: string; prefix?: string; toString(): string };
  predicates: AstNode[];
}

/** The parse result: a wrapper whose `expression` is the AST root. */
export interface ParsedXPath {
  expression: AstNode;
  evaluate(c: XPathContext): XValue;
}

export type XPathFunction = (c: XPathContext, ...args: AstNode[]) => XValue;

export interface FunctionResolver {
  thisArg: unknown;
  getFunction(localName: string, namespace: string): XPathFunction | undefined;
  addFunction(namespace: string, localName: string, f: XPathFunction): void;
}

interface ParserInstance {
  tokenize(source: string): [number[], string[]];
  reduceActions: Array<((rhs: unknown[]) => unknown) | undefined>;
}

interface ParserClass {
  new (): ParserInstance;
  actionTable: string[];
  actionTableNumber: string[];
  gotoTable: string[];
  productions: Array<[number, number]>;
  SHIFT: string;
  REDUCE: string;
  ACCEPT: string;
  FUNCTIONNAME: number;
  LITERAL: number;
}

interface XPathLib {
  XPathParser: ParserClass;
  XPath: new (e: unknown) => ParsedXPath;
  XPathContext: new () => XPathContext;
  FunctionResolver: new () => FunctionResolver;
  XString: new (s: string) => XString;
  XNumber: new (n: number) => XNumber;
  XBoolean: new (b: boolean) => XBoolean;
  XNodeSet: new () => XNodeSet;
  NodeTest: { NAMETESTANY: number; NAMETESTPREFIXANY: number; NAMETESTQNAME: number };
}

export const lib = xpathPackage as unknown as XPathLib;

export function xstring(s: string): XString {
  return new lib.XString(s);
}
export function xnumber(n: number): XNumber {
  return new lib.XNumber(n);
}
export function xboolean(b: boolean): XBoolean {
  return new lib.XBoolean(b);
}
export function xnodes(nodes: Node[]): XNodeSet {
  const set = new lib.XNodeSet();
  set.addArray(nodes);
  return set;
}

export function isNodeSet(v: XValue): v is XNodeSet {
  return v instanceof lib.XNodeSet;
}
export function isXNumber(v: XValue): v is XNumber {
  return v instanceof lib.XNumber;
}
export function isXBoolean(v: XValue): v is XBoolean {
  return v instanceof lib.XBoolean;
}
