/** The syntax tree of the FreeMarker subset payloadFactory supports (see ../FREEMARKER.md). */

export type Expr =
  | { k: 'lit'; value: unknown }
  | { k: 'var'; name: string }
  | { k: 'dot'; target: Expr; name: string }
  | { k: 'index'; target: Expr; index: Expr }
  | { k: 'builtin'; target: Expr; name: string; args: Expr[] }
  | { k: 'default'; target: Expr; fallback?: Expr }
  | { k: 'exists'; target: Expr }
  | { k: 'not'; operand: Expr }
  | { k: 'neg'; operand: Expr }
  | { k: 'bin'; op: string; left: Expr; right: Expr }
  | { k: 'seq'; items: Expr[] };

export type TemplateNode =
  | { k: 'text'; text: string }
  | { k: 'interp'; expr: Expr; source: string }
  | { k: 'if'; branches: { cond: Expr; body: TemplateNode[] }[]; otherwise?: TemplateNode[] }
  | { k: 'list'; seq: Expr; item: string; body: TemplateNode[]; sep?: TemplateNode[]; otherwise?: TemplateNode[] }
  | { k: 'assign'; name: string; expr: Expr };

/** A construct outside the subset, or malformed; `offset` is in the template text. */
export class FreemarkerSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'FreemarkerSyntaxError';
  }
}

export const SUPPORTED_BUILTINS = [
  'string',
  'c',
  'json_string',
  'xml',
  'has_content',
  'size',
  'length',
  'upper_case',
  'lower_case',
  'cap_first',
  'trim',
  'number',
  'is_string',
  'is_number',
  'is_boolean',
  'is_sequence',
  'is_hash',
  'keys',
  'children',
  'values',
  'first',
  'last',
  'index',
  'counter',
  'has_next',
  'is_first',
  'is_last',
] as const;
