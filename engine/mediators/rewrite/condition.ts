/**
 * Rewrite-rule conditions: Synapse's evaluator language (and/or/not,
 * equal, match) over URL fragments, query parameters, transport headers
 * and properties.
 */
import type { MessageContext } from '../../core/context.js';
import { stringOf } from '../../core/context.js';
import { elementChildren } from '../../xml/dom.js';
import type { UrlParts } from './url-parts.js';
import { FRAGMENTS } from './url-parts.js';

export type Condition = (ctx: MessageContext, url: UrlParts) => boolean;

export class ConditionError extends Error {}

export function compileCondition(el: Element): Condition {
  const name = el.localName;
  const kids = elementChildren(el);
  switch (name) {
    case 'and':
    case 'or': {
      if (kids.length < 2) throw new ConditionError(`<${name}> needs at least two conditions`);
      const parts = kids.map(compileCondition);
      return name === 'and' ? (c, u) => parts.every((p) => p(c, u)) : (c, u) => parts.some((p) => p(c, u));
    }
    case 'not': {
      if (kids.length !== 1) throw new ConditionError('<not> needs exactly one condition');
      const inner = compileCondition(kids[0]!);
      return (c, u) => !inner(c, u);
    }
    case 'equal':
    case 'match': {
      const read = sourceReader(el);
      if (name === 'equal') {
        const value = el.getAttribute('value');
        if (value === null) throw new ConditionError('<equal> needs a value attribute');
        return (c, u) => read(c, u) === value;
      }
      const regexText = el.getAttribute('regex');
      if (regexText === null) throw new ConditionError('<match> needs a regex attribute');
      let regex: RegExp;
      try {
        regex = new RegExp(`^(?:${regexText})$`);
      } catch (e) {
        throw new ConditionError(`invalid regex '${regexText}': ${(e as Error).message}`);
      }
      return (c, u) => {
        const v = read(c, u);
        return v !== undefined && regex.test(v);
      };
    }
    default:
      throw new ConditionError(`unknown condition <${name}> (expected and, or, not, equal or match)`);
  }
}

function sourceReader(el: Element): (ctx: MessageContext, url: UrlParts) => string | undefined {
  const type = el.getAttribute('type') ?? 'url';
  const source = el.getAttribute('source') ?? '';
  switch (type) {
    case 'url': {
      const fragment = source === '' ? 'full' : source;
      if (!(FRAGMENTS as readonly string[]).includes(fragment)) throw new ConditionError(`unknown URL fragment '${source}'`);
      return (_c, u) => (fragment === 'full' ? undefined : u[fragment as keyof UrlParts]) ?? fullOf(u);
    }
    case 'param':
      return (c, u) => new URLSearchParams(u.query).get(source) ?? undefined;
    case 'header':
      return (c) => c.transportHeaders.get(source);
    case 'property':
      return (c) => {
        const v = c.getProperty('default', source);
        return v === undefined ? undefined : stringOf(v);
      };
    default:
      throw new ConditionError(`unknown condition source type '${type}' (expected url, param, header or property)`);
  }
}

function fullOf(u: UrlParts): string {
  return `${u.protocol ? u.protocol + '://' : ''}${u.host}${u.port ? ':' + u.port : ''}${u.path}${u.query ? '?' + u.query : ''}${u.ref ? '#' + u.ref : ''}`;
}
