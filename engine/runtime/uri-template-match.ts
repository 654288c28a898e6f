/**
 * Matching a request sub-path against a resource's uri-template (reference
 * §6): `{var}` does not cross `/ ? # [ ] @ :` and stops at the next literal,
 * `{+var}` may contain reserved characters including `/`; a template without a
 * query part also matches a path with any query; query templates `?a={a}&b={b}`
 * match the named parameters in any order. Variables come back URL-decoded.
 */

export interface CompiledUriTemplate {
  match(pathAndQuery: string): Record<string, string> | undefined;
}

const SIMPLE_VAR = '([^/?#\\[\\]@:]+)';
const RESERVED_VAR = '(.+)';

export function compileUriTemplate(template: string): CompiledUriTemplate {
  const [pathPart, queryPart] = splitQuery(template);
  const names: string[] = [];
  let pattern = '';
  let i = 0;
  const trimmed = pathPart.length > 1 && pathPart.endsWith('/') ? pathPart.slice(0, -1) : pathPart;
  while (i < trimmed.length) {
    const open = trimmed.indexOf('{', i);
    if (open < 0) {
      pattern += escapeRegex(trimmed.slice(i));
      break;
    }
    pattern += escapeRegex(trimmed.slice(i, open));
    const close = trimmed.indexOf('}', open);
    const expr = trimmed.slice(open + 1, close < 0 ? trimmed.length : close);
    i = close < 0 ? trimmed.length : close + 1;
    const op = /^[+#./]/.test(expr) ? expr[0]! : '';
    const name = op ? expr.slice(1) : expr;
    names.push(name);
    if (op === '+' || op === '#') pattern += RESERVED_VAR;
    else if (op === '/') pattern += `/${SIMPLE_VAR}`;
    else if (op === '.') pattern += `\\.${SIMPLE_VAR}`;
    else pattern += SIMPLE_VAR;
  }
  const regex = new RegExp(`^${pattern}/?$`);
  const queryVars = queryPart ? parseQueryTemplate(queryPart) : [];
  return {
    match(pathAndQuery) {
      const [path, query] = splitQuery(pathAndQuery);
      const m = regex.exec(path === '' ? '/' : path);
      if (!m) return undefined;
      const vars: Record<string, string> = {};
      names.forEach((n, k) => (vars[n] = safeDecodePath(m[k + 1] ?? '')));
      if (queryVars.length) {
        const params = parseQuery(query ?? '');
        for (const q of queryVars) {
          const v = params.get(q.param);
          if (v === undefined) return undefined;
          if (q.variable) vars[q.variable] = v;
          else if (v !== q.literal) return undefined;
        }
      }
      return vars;
    },
  };
}

function parseQueryTemplate(q: string): { param: string; variable?: string; literal?: string }[] {
  return q
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [param, value = ''] = pair.split('=');
      const vm = /^\{(.+)\}$/.exec(value);
      return vm ? { param: param!, variable: vm[1]! } : { param: param!, literal: value };
    });
}

export function parseQuery(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const k = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const v = safeDecode(eq < 0 ? '' : pair.slice(eq + 1));
    if (!out.has(k)) out.set(k, v);
  }
  return out;
}

function splitQuery(s: string): [string, string | undefined] {
  const i = s.indexOf('?');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function safeDecodePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
