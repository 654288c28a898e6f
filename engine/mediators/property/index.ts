/**
 * property: sets or removes a property in one of MI's scopes, with type
 * conversion and optional regex extraction (pattern/group).
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { MediationFault } from '../../core/errors.js';

import { makeStep, exprReadsPayload } from '../support.js';
import { convertPropertyValue, PROPERTY_TYPES, type PropertyType } from './convert.js';
import { stringOf } from '../../core/context.js';

/** Scopes the runtime accepts (the XSD lists more; MI's factory rejects those). */
export const PROPERTY_SCOPES = ['default', 'transport', 'axis2', 'axis2-client', 'operation', 'registry', 'system', 'trace', 'analytics'] as const;

export const propertyDescriptor = el(
  'property',
  [
    a.str('name', { required: true, help: 'Property name.' }),
    a.enum('action', ['set', 'remove'], { default: 'set' }),
    a.str('value'),
    a.expr('expression'),
    a.enum('type', PROPERTY_TYPES, { default: 'STRING' }),
    a.enum('scope', PROPERTY_SCOPES, { default: 'default' }),
    a.str('pattern', { help: 'Regular expression applied to the value.' }),
    a.int('group', { help: 'Capture group of `pattern` to keep.' }),
    a.description(),
  ],
  'xml',
);

export const propertyMediator: MediatorDefinition = {
  kind: 'property',
  descriptor: propertyDescriptor,
  editor: { label: 'Property', group: 'core', help: 'Sets or removes a property in a scope (default, transport, axis2, ...).', fieldOrder: ['name', 'action', 'scope', 'type', 'value', 'expression'] },
  contentAware: () => false,
  compile(node, env, path) {
    const name = node.attrs.name ?? '';
    const action = node.attrs.action ?? 'set';
    const scope = node.attrs.scope ?? 'default';
    const type = (node.attrs.type ?? 'STRING') as PropertyType;
    const expression = node.attrs.expression !== undefined ? env.expression(node, 'expression') : undefined;
    const inlineElement = node.raw?.find((n) => n.nodeType === 1) as Element | undefined;
    if (action === 'set' && node.attrs.value === undefined && node.attrs.expression === undefined && !inlineElement) {
      env.report('SYN003', `<property name="${name}"> needs a value, an expression or an inline XML value`, node.loc);
    }
    const pattern = node.attrs.pattern !== undefined ? safeRegex(node.attrs.pattern, () => env.report('SYN007', `invalid pattern '${node.attrs.pattern}'`, node.attrLocs.pattern ?? node.loc)) : undefined;
    const group = node.attrs.group !== undefined ? Number(node.attrs.group) : 0;
    const contentAware = exprReadsPayload(expression);
    return makeStep('property', path, node, contentAware, async (ctx) => {
      if (action === 'remove') {
        ctx.removeProperty(scope, name);
        return 'continue';
      }
      let raw: unknown;
      if (expression) {
        if (type === 'OM') raw = expression.evaluate(ctx);
        else if (type === 'JSON' && expression.language !== 'xpath') raw = expression.evaluate(ctx);
        else raw = expression.evaluateString(ctx);
      } else if (node.attrs.value !== undefined) raw = node.attrs.value;
      // MI stores an inline XML value as an element whatever the type says (the type
      // converts value= strings only); a copy, so a mediator that changes it (enrich
      // child) does not change the configuration for the next message.
      else raw = inlineElement!.cloneNode(true);
      const inline = raw !== undefined && typeof raw === 'object' && !expression && node.attrs.value === undefined;
      if (pattern && typeof raw !== 'object') {
        // Java's Matcher.matches(): the whole value must match.
        const m = pattern.exec(stringOf(raw));
        raw = m ? (m[group] ?? '') : '';
      }
      const value = inline ? raw : convertPropertyValue(raw, type, name);
      if (scope === 'registry' || scope === 'system') {
        throw new MediationFault(0, `Setting properties in the ${scope} scope is not supported by the embedded runtime`);
      }
      ctx.setProperty(scope, name, value);
      return 'continue';
    });
  },
};

function safeRegex(source: string, onError: () => void): RegExp | undefined {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    onError();
    return undefined;
  }
}
