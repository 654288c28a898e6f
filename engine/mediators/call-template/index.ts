/**
 * call-template: runs a sequence template with parameters. `with-param`
 * values are literals, `{xpath}` / `${...}` expressions (attribute `value`) or
 * an `expression`; they are evaluated in the caller, then the template runs
 * with a new parameter frame (`$func:x`, `get-property('func','x')`,
 * `${params.functionParams.x}`). Missing parameters take their defaultValue; a
 * missing mandatory one faults. `onError` handles faults of the template.
 */
import type { MediatorDefinition, ValueRef } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childrenNamed } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import type { CompiledTemplate } from '../../artifacts/types.js';
import type { CompiledSequence } from '../../model/definition.js';
import type { CompiledExpression } from '../../expr/types.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { makeStep, valueReadsPayload, exprReadsPayload } from '../support.js';
import { runSequence, handleFault, isHostError } from '../../runtime/flow.js';

const withParam = el('with-param', [a.str('name', { required: true }), a.value('value', { help: 'Literal, {xpath} or ${...}.' }), a.expr('expression'), a.description()], 'empty', undefined, { oneOf: [['value', 'expression']] });

interface CompiledParam {
  name: string;
  value?: ValueRef;
  expression?: CompiledExpression;
}

/** XPath results become strings (MI passes their string value); `${}`/JSONPath results keep their JSON shape. */
function evaluateParam(p: CompiledParam, ctx: MessageContext): unknown {
  const expr = p.expression ?? (p.value && 'expression' in p.value ? p.value.expression : undefined);
  if (!expr) return p.value && 'literal' in p.value ? p.value.literal : undefined;
  if (expr.language !== 'xpath') return expr.evaluate(ctx);
  // A node-set (e.g. {$body}) stays nodes, as MI passes the elements, so that `$func:p/a/b` walks into them.
  const value = expr.evaluate(ctx);
  return Array.isArray(value) && value.length > 0 ? value : expr.evaluateString(ctx);
}

export const callTemplateMediator: MediatorDefinition = {
  kind: 'call-template',
  descriptor: el('call-template', [a.key('target', 'template', { required: true, help: 'Name of the sequence template.' }), a.key('onError', 'sequence'), a.description()], 'elements', [child(withParam, { multiple: true })]),
  editor: { label: 'Call Template', group: 'core', help: 'Runs a sequence template with parameter values.', fieldOrder: ['target', 'onError'] },
  contentAware: (node) => childrenNamed(node, 'with-param').some((p) => p.attrs.expression !== undefined || /^\s*\$?\{/.test(p.attrs.value ?? '')),
  compile(node, env, path) {
    const name = node.attrs.target ?? '';
    const supplied = new Set(childrenNamed(node, 'with-param').map((p) => p.attrs.name ?? ''));
    env.reference('template', name, node.attrLocs.target ?? node.loc, (target) => {
      const missing = ((target as CompiledTemplate).parameters ?? []).filter((p) => p.mandatory && p.defaultValue === undefined && !supplied.has(p.name)).map((p) => p.name);
      return missing.length ? `call-template ${name} does not supply the mandatory parameter${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}` : undefined;
    });
    const params: CompiledParam[] = childrenNamed(node, 'with-param').map((p) => ({ name: p.attrs.name ?? '', value: env.value(p, 'value'), expression: env.expression(p, 'expression') }));
    const readsPayload = params.some((p) => valueReadsPayload(p.value) || exprReadsPayload(p.expression));
    const onError = node.attrs.onError;
    return makeStep('call-template', path, node, readsPayload, async (ctx) => {
      const template = ctx.services.lookup('template', name) as CompiledTemplate | undefined;
      if (!template || !template.sequence) throw new MediationFault(ErrorCodes.GENERIC, `Sequence template ${name} cannot be found`);
      let pushed = false;
      try {
        const values = new Map<string, unknown>();
        for (const p of params) values.set(p.name, evaluateParam(p, ctx));
        const frame = new Map<string, unknown>(values);
        for (const declared of template.parameters) {
          if (values.has(declared.name) && values.get(declared.name) !== undefined) frame.set(declared.name, values.get(declared.name));
          else if (declared.defaultValue !== undefined) frame.set(declared.name, declared.defaultValue);
          else if (declared.mandatory) throw new MediationFault(ErrorCodes.GENERIC, `Mandatory parameter '${declared.name}' of template ${name} is not provided`);
        }
        ctx.templateFrames.push({ params: frame });
        pushed = true;
        return await runSequence(template.sequence, ctx);
      } catch (e) {
        if (!onError || isHostError(e)) throw e;
        const handler = ctx.services.lookup('sequence', onError) as CompiledSequence | undefined;
        if (!handler) throw e;
        await handleFault(e, ctx, handler, `template:${name}`);
        return 'halt';
      } finally {
        if (pushed) ctx.templateFrames.pop();
      }
    });
  },
};
