import type { Expr, FilterExpr, FilterOperand, Segment } from './ast.js';

/** True when evaluating needs the message body: a `payload`/`$` access or an xpath() call anywhere. */
export function readsPayload(expr: Expr): boolean {
  switch (expr.kind) {
    case 'payload':
      return true;
    case 'literal':
    case 'header':
    case 'property':
    case 'param':
    case 'config':
      return false;
    case 'array':
      return expr.items.some(readsPayload);
    case 'negate':
      return readsPayload(expr.operand);
    case 'binary':
      return readsPayload(expr.left) || readsPayload(expr.right);
    case 'conditional':
      return readsPayload(expr.test) || readsPayload(expr.whenTrue) || readsPayload(expr.whenFalse);
    case 'variable':
      return pathReadsPayload(expr.path);
    case 'call':
      return expr.name === 'xpath' || expr.args.some(readsPayload) || pathReadsPayload(expr.path);
  }
}

function pathReadsPayload(path: readonly Segment[]): boolean {
  return path.some(segmentReadsPayload);
}

function segmentReadsPayload(s: Segment): boolean {
  switch (s.kind) {
    case 'scan':
      return segmentReadsPayload(s.then);
    case 'select':
      return s.items.some(readsPayload);
    case 'slice':
      return [s.from, s.to, s.step].some((e) => e !== undefined && readsPayload(e));
    case 'filter':
      return filterReadsPayload(s.test);
    default:
      return false;
  }
}

function filterReadsPayload(f: FilterExpr): boolean {
  switch (f.kind) {
    case 'and':
    case 'or':
      return filterReadsPayload(f.left) || filterReadsPayload(f.right);
    case 'not':
      return filterReadsPayload(f.operand);
    case 'exists':
      return operandReadsPayload(f.operand);
    case 'relation':
      return operandReadsPayload(f.left) || operandReadsPayload(f.right);
  }
}

function operandReadsPayload(o: FilterOperand): boolean {
  if (o.kind === 'value') return readsPayload(o.expr);
  if (o.kind === 'current') return pathReadsPayload(o.path);
  return false;
}
