/** Syntax tree of a `${}` expression. `start` is the node's offset in the source. */

export type Expr =
  /** `raw` is the text of a number literal (so a leading minus folds in exactly). */
  | { kind: 'literal'; value: unknown; raw?: string; start: number }
  | { kind: 'array'; items: Expr[]; start: number }
  | { kind: 'negate'; operand: Expr; start: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; start: number }
  | { kind: 'conditional'; test: Expr; whenTrue: Expr; whenFalse: Expr; start: number }
  | { kind: 'payload'; path: Segment[]; start: number }
  | { kind: 'variable'; name: string; path: Segment[]; start: number }
  | { kind: 'header'; name: string; start: number }
  | { kind: 'property'; scope: 'default' | 'axis2'; name: string; start: number }
  | { kind: 'param'; source: 'query' | 'path' | 'function'; name: string; start: number }
  | { kind: 'config'; name: string; start: number }
  | { kind: 'call'; name: string; args: Expr[]; path: Segment[]; start: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or';

/** One step of a JSONPath tail (`.a`, `[0]`, `..b`, `[?(...)]`, `.length()`). */
export type Segment =
  | { kind: 'child'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'scan'; then: Segment }
  /** `[e]` or `[e1, e2, ...]`: numbers select array items, strings select properties. */
  | { kind: 'select'; items: Expr[] }
  | { kind: 'slice'; from?: Expr; to?: Expr; step?: Expr }
  | { kind: 'filter'; test: FilterExpr }
  | { kind: 'function'; name: PathFunction };

export const PATH_FUNCTIONS = ['length', 'size', 'min', 'max', 'avg', 'sum', 'stddev', 'keys', 'first', 'last'] as const;
export type PathFunction = (typeof PATH_FUNCTIONS)[number];

/** A JSONPath filter (`?(...)`), evaluated with Jayway's semantics. */
export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'exists'; operand: FilterOperand }
  | { kind: 'relation'; op: FilterOp; left: FilterOperand; right: FilterOperand };

export type FilterOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | 'in' | 'nin' | 'subsetof' | 'anyof' | 'noneof' | 'size' | 'empty' | 'contains';

export type FilterOperand =
  /** `@...` relative to the item being tested; `$...` / payload paths are plain expressions. */
  | { kind: 'current'; path: Segment[] }
  | { kind: 'value'; expr: Expr }
  | { kind: 'regex'; regex: RegExp };
