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

/** Characters a `{var}` never holds (MI's reserved set for simple expressions, as far as paths go). */
const SIMPLE_EXCLUDED = '/?#\\[\\]@:';

type Piece = { literal: string } | { op: string; name: string };

/**
 * Matching is linear in the request path whatever the template: as in MI's matcher, a `{var}`
 * takes characters up to the first one it may not hold or the first character of the literal
 * after it, and never gives any back (the greedy run is made atomic with a lookahead and a
 * back-reference). Plain `([^/]+)` groups backtrack: a template with adjacent variables
 * (`{a}{b}{c}z`) took minutes on an 8 KB path, blocking every other request (found by fuzzing).
 * A `{+var}` followed by another variable is atomic too; followed by a literal it may backtrack
 * to the last occurrence of that literal, which costs at most one pass per literal.
 */
export function compileUriTemplate(template: string): CompiledUriTemplate {
  const [pathPart, queryPart] = splitQuery(template);
  const trimmed = pathPart.length > 1 && pathPart.endsWith('/') ? pathPart.slice(0, -1) : pathPart;
  const pieces = templatePieces(trimmed);
  const names: string[] = [];
  let pattern = '';
  pieces.forEach((piece, k) => {
    if ('literal' in piece) {
      pattern += escapeRegex(piece.literal);
      return;
    }
    names.push(piece.name);
    const group = names.length;
    const next = pieces[k + 1];
    const nextIsVariable = next !== undefined && !('literal' in next);
    if (piece.op === '+' || piece.op === '#') {
      pattern += nextIsVariable ? `(?=(.+))\\${group}` : '(.+)';
      return;
    }
    const stop = next && 'literal' in next ? escapeClass(next.literal[0]!) : '';
    const prefix = piece.op === '/' ? '/' : piece.op === '.' ? '\\.' : '';
    pattern += `${prefix}(?=([^${SIMPLE_EXCLUDED}${stop}]+))\\${group}`;
  });
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

/** The template's literals and `{op name}` expressions, in order (an unclosed `{` runs to the end). */
function templatePieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) {
      pieces.push({ literal: text.slice(i) });
      break;
    }
    if (open > i) pieces.push({ literal: text.slice(i, open) });
    const close = text.indexOf('}', open);
    const expr = text.slice(open + 1, close < 0 ? text.length : close);
    i = close < 0 ? text.length : close + 1;
    const op = /^[+#./]/.test(expr) ? expr[0]! : '';
    pieces.push({ op, name: op ? expr.slice(1) : expr });
  }
  return pieces;
}

/** `c` escaped for use inside a regex character class. */
function escapeClass(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c;
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
