/**
 * rewrite: rewrites a URL (the message's To address, or the `inProperty`
 * property) with rules; each rule's actions run when its optional condition
 * holds. Actions set/append/prepend a fragment (protocol, user, host, port,
 * path, query, ref, or the full URL) to a value or an XPath result, replace
 * the `regex` matches in it, or remove it. The result goes to `outProperty`,
 * or becomes the To address.
 */
import type { CompileEnv, MediatorDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed, type ConfigNode } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import { stringOf } from '../../core/context.js';
import type { CompiledExpression } from '../../expr/types.js';
import { makeStep, exprReadsPayload } from '../support.js';
import { compileCondition, ConditionError, type Condition } from './condition.js';
import { FRAGMENTS, joinUrl, splitUrl, type Fragment, type UrlParts } from './url-parts.js';

const ACTION_TYPES = ['set', 'append', 'prepend', 'replace', 'remove'] as const;
type ActionType = (typeof ACTION_TYPES)[number];

const actionDesc = el('action', [a.enum('type', ACTION_TYPES, { default: 'set' }), a.enum('fragment', FRAGMENTS, { default: 'full' }), a.str('value'), a.expr('xpath'), a.str('regex')], 'empty');
const conditionDesc = el('condition', [], 'xml');
const ruleDesc = el('rewriterule', [], 'elements', [child(conditionDesc), child(actionDesc, { required: true, multiple: true })]);

interface Action {
  type: ActionType;
  fragment: Fragment;
  value?: string;
  xpath?: CompiledExpression;
  regex?: RegExp;
}
interface Rule {
  condition?: Condition;
  actions: Action[];
}

export const rewriteMediator: MediatorDefinition = {
  kind: 'rewrite',
  descriptor: el('rewrite', [a.str('inProperty', { help: 'Property holding the URL to rewrite (default: the To address).' }), a.str('outProperty', { help: 'Property receiving the result (default: the To address).' }), a.description()], 'elements', [
    child(ruleDesc, { required: true, multiple: true }),
  ]),
  editor: { label: 'URL Rewrite', group: 'transformation', help: 'Rewrites the To address (or a property) fragment by fragment.' },
  contentAware: (node) => childrenNamed(node, 'rewriterule').some((r) => childrenNamed(r, 'action').some((x) => x.attrs.xpath !== undefined)),
  compile(node, env, path) {
    const rules = childrenNamed(node, 'rewriterule').map((r) => compileRule(r, env));
    const inProperty = node.attrs.inProperty;
    const outProperty = node.attrs.outProperty;
    const contentAware = rules.some((r) => r.actions.some((x) => exprReadsPayload(x.xpath)));
    return makeStep('rewrite', path, node, contentAware, async (ctx) => {
      const input = inProperty !== undefined ? stringOf(ctx.getProperty('default', inProperty)) : ctx.to ?? '';
      let url = splitUrl(input);
      for (const rule of rules) {
        if (rule.condition && !rule.condition(ctx, url)) continue;
        for (const action of rule.actions) url = apply(action, url, ctx);
      }
      const result = joinUrl(url);
      if (outProperty !== undefined) ctx.setProperty('default', outProperty, result);
      else ctx.to = result;
      return 'continue';
    });
  },
};

function compileRule(rule: ConfigNode, env: CompileEnv): Rule {
  const cond = childNamed(rule, 'condition');
  let condition: Condition | undefined;
  if (cond) {
    const element = cond.raw?.find((n) => n.nodeType === 1) as Element | undefined;
    if (!element) env.report('SYN003', '<condition> needs an evaluator element (equal, match, and, or, not)', cond.loc);
    else {
      try {
        condition = compileCondition(element);
      } catch (e) {
        if (!(e instanceof ConditionError)) throw e;
        env.report('SYN003', `invalid rewrite condition: ${e.message}`, cond.loc);
      }
    }
  }
  const actions = childrenNamed(rule, 'action').map((x) => compileAction(x, env));
  return { condition, actions };
}

function compileAction(x: ConfigNode, env: CompileEnv): Action {
  const type = (x.attrs.type ?? 'set') as ActionType;
  const action: Action = { type, fragment: (x.attrs.fragment ?? 'full') as Fragment, value: x.attrs.value };
  if (x.attrs.xpath !== undefined) action.xpath = env.expression(x, 'xpath');
  if (type !== 'remove' && x.attrs.value === undefined && x.attrs.xpath === undefined) env.report('SYN003', `rewrite action "${type}" needs a value or an xpath`, x.loc);
  if (type === 'replace') {
    if (x.attrs.regex === undefined) env.report('SYN003', 'rewrite action "replace" needs a regex', x.loc);
    else {
      try {
        action.regex = new RegExp(x.attrs.regex, 'g');
      } catch (e) {
        env.report('SYN007', `invalid regex '${x.attrs.regex}': ${(e as Error).message}`, x.attrLocs.regex ?? x.loc);
      }
    }
  }
  return action;
}

function apply(action: Action, url: UrlParts, ctx: MessageContext): UrlParts {
  const value = action.xpath ? action.xpath.evaluateString(ctx) : action.value ?? '';
  if (action.fragment === 'full') {
    const current = joinUrl(url);
    return splitUrl(edit(action, current, value));
  }
  return { ...url, [action.fragment]: edit(action, url[action.fragment], value) };
}

function edit(action: Action, current: string, value: string): string {
  switch (action.type) {
    case 'set':
      return value;
    case 'append':
      return current + value;
    case 'prepend':
      return value + current;
    case 'replace':
      return action.regex ? current.replace(action.regex, () => value) : current;
    case 'remove':
      return '';
  }
}
