/**
 * variable (MI 4.4): sets or removes a message-scoped, typed variable, read
 * back as `${vars.name}` or `$var:name`. A literal value is converted when the
 * artifact deploys (a bad literal refuses the deploy, as MI's factory does);
 * an expression result is checked against the type for every message.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { parseXmlStrict } from '../../xml/dom.js';
import { makeStep, exprReadsPayload } from '../support.js';
import { VARIABLE_TYPES, convertLiteral, checkExpressionResult, type VariableType } from './convert.js';

export const variableMediator: MediatorDefinition = {
  kind: 'variable',
  descriptor: el(
    'variable',
    [
      a.str('name', { required: true, help: 'Variable name (read as ${vars.name}).' }),
      a.enum('action', ['set', 'remove'], { default: 'set' }),
      a.str('value'),
      a.expr('expression'),
      a.enum('type', VARIABLE_TYPES, { default: 'STRING' }),
      a.description(),
    ],
    'empty',
  ),
  editor: { label: 'Variable', group: 'core', help: 'Sets or removes a typed variable visible as vars.* in expressions.', fieldOrder: ['name', 'action', 'type', 'value', 'expression'] },
  contentAware: () => false,
  compile(node, env, path) {
    const name = node.attrs.name ?? '';
    const action = node.attrs.action ?? 'set';
    const type = (node.attrs.type ?? 'STRING') as VariableType;
    if (action === 'remove') {
      return makeStep('variable', path, node, false, async (ctx) => {
        ctx.variables.delete(name);
        return 'continue';
      });
    }
    if (node.attrs.value === undefined && node.attrs.expression === undefined) {
      env.report('SYN003', `<variable name="${name}"> needs a value or an expression`, node.loc);
    }
    if (node.attrs.value !== undefined) {
      let literal: unknown = node.attrs.value;
      try {
        literal = convertLiteral(node.attrs.value, type);
      } catch (e) {
        env.report('SYN009', `<variable name="${name}">: ${(e as Error).message}`, node.attrLocs.value ?? node.loc);
      }
      return makeStep('variable', path, node, false, async (ctx) => {
        // XML values are copied so that a later change to one message's variable cannot reach another message.
        ctx.variables.set(name, literal && typeof literal === 'object' && (literal as Node).nodeType === 1 ? (literal as Element).cloneNode(true) : structuredCloneJson(literal));
        return 'continue';
      });
    }
    const expression = env.expression(node, 'expression');
    return makeStep('variable', path, node, exprReadsPayload(expression), async (ctx) => {
      if (!expression) return 'continue';
      let value: unknown;
      if (type === 'STRING') value = expression.evaluateString(ctx);
      else if (type === 'XML') {
        const text = expression.evaluateString(ctx);
        try {
          value = parseXmlStrict(text).documentElement;
        } catch (e) {
          throw new MediationFault(ErrorCodes.GENERIC, `Variable ${name}: the result of '${expression.source}' is not well-formed XML: ${(e as Error).message}`);
        }
      } else value = checkExpressionResult(expression.evaluate(ctx), type, expression.source);
      ctx.variables.set(name, value);
      return 'continue';
    });
  },
};

function structuredCloneJson(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? structuredClone(v) : v;
}
