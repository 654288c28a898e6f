/** Small helpers shared by mediator modules. */
import type { MessageContext } from '../core/context.js';
import type { Step, StepOutcome } from '../core/step.js';
import type { ConfigNode } from '../model/node.js';
import type { ValueRef } from '../model/definition.js';
import type { CompiledExpression } from '../expr/types.js';

export function makeStep(kind: string, path: string, node: ConfigNode, contentAware: boolean, run: (ctx: MessageContext) => Promise<StepOutcome>): Step {
  return { kind, path, loc: { file: node.loc.file, line: node.loc.line, col: node.loc.col }, contentAware, run };
}

export function resolveValue(v: ValueRef, ctx: MessageContext): string {
  return 'literal' in v ? v.literal : v.expression.evaluateString(ctx);
}

export function valueReadsPayload(v: ValueRef | undefined): boolean {
  return !!v && 'expression' in v && v.expression.readsPayload;
}

export function exprReadsPayload(e: CompiledExpression | undefined): boolean {
  return !!e && e.readsPayload;
}

/** `{...}`-wrapped dynamic keys in `key` attributes. */
export function isDynamicKey(key: string): boolean {
  const t = key.trim();
  return (t.startsWith('{') && t.endsWith('}')) || (t.startsWith('${') && t.endsWith('}'));
}

export function boolAttr(node: ConfigNode, name: string, dflt: boolean): boolean {
  const v = node.attrs[name];
  return v === undefined ? dflt : v.trim().toLowerCase() === 'true';
}
