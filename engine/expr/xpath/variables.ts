/**
 * Synapse's XPath variables (SynapseXPathVariableContext): `$body`,
 * `$header`, `$env` (the SOAP envelope, not the environment) and the
 * prefixed forms `$ctx:` `$axis2:` `$trp:` `$url:` `$func:` `$var:`
 * `$operation:` `$sys:` `$config:`. Their prefixes are not XML namespace
 * prefixes and need no xmlns declaration. Any other `$p:key` reads entry
 * `key` of a default-scope property `p` holding a map, as MI does.
 */
import { ErrorCodes, MediationFault } from '../../core/errors.js';
import type { ExprContext } from '../context.js';
import { xnodes, xstring, type XValue } from './lib.js';
import { toXValue } from './values.js';

export interface VariableRef {
  /** The part before ':' (undefined for `$body`). */
  prefix: string | undefined;
  local: string;
}

export const ENVELOPE_VARIABLES = new Set(['body', 'header', 'env']);

export function parseVariableName(name: string): VariableRef {
  const colon = name.indexOf(':');
  return colon < 0 ? { prefix: undefined, local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

function soapChild(envelope: Element | null, localName: string): Node[] {
  if (!envelope) return [];
  for (let n = envelope.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === localName) return [n];
  }
  return [];
}

export function resolveVariable(ctx: ExprContext, ref: VariableRef): XValue {
  const { prefix, local } = ref;
  if (prefix === undefined) {
    if (ENVELOPE_VARIABLES.has(local)) {
      const root = ctx.envelope().documentElement;
      if (local === 'env') return xnodes(root ? [root] : []);
      return xnodes(soapChild(root, local === 'body' ? 'Body' : 'Header'));
    }
    throw new MediationFault(ErrorCodes.GENERIC, `XPath variable $${local} is not defined`);
  }
  switch (prefix) {
    case 'ctx':
      return toXValue(ctx.getProperty('default', local), ctx);
    case 'axis2':
      return toXValue(ctx.getProperty('axis2', local), ctx);
    case 'trp':
      return toXValue(ctx.getHeader(local), ctx);
    case 'url':
      return xstring(ctx.getQueryParam(local) ?? '');
    case 'func': {
      // Outside a template, or for a parameter not passed, MI reads $func:x as nothing at all: an empty
      // node-set, so a path from it (`$func:x/a/b`) is empty too instead of failing.
      const param = ctx.getFuncParam(local);
      return param === undefined || param === null ? xnodes([]) : toXValue(param, ctx);
    }
    case 'var':
      return toXValue(ctx.getVariable(local), ctx);
    case 'operation':
      return toXValue(ctx.getProperty('operation', local), ctx);
    case 'sys':
      return toXValue(ctx.getProperty('system', local), ctx);
    case 'config':
      return toXValue(ctx.getConfig(local), ctx);
  }
  const holder = ctx.getProperty('default', prefix);
  if (holder instanceof Map) return toXValue(holder.get(local)?.toString(), ctx);
  if (holder && typeof holder === 'object' && !Array.isArray(holder) && typeof (holder as Node).nodeType !== 'number') {
    const entry = (holder as Record<string, unknown>)[local];
    return toXValue(entry === undefined || entry === null ? undefined : typeof entry === 'object' ? JSON.stringify(entry) : String(entry), ctx);
  }
  throw new MediationFault(ErrorCodes.GENERIC, `XPath variable $${prefix}:${local} cannot be resolved`);
}
