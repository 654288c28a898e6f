/** Parses FreeMarker expressions of the supported subset (precedence as in FreeMarker). */
import { FreemarkerSyntaxError, SUPPORTED_BUILTINS, type Expr } from './ast.js';

type Tok = { t: 'num' | 'str' | 'id' | 'op'; v: string; at: number };

const OPS = ['??', '==', '!=', '<=', '>=', '&&', '||', '!', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', '.', '?', ',', ':'];

function tokenize(src: string, base: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = base + i;
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: m[0], at });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'" || (c === 'r' && (src[i + 1] === '"' || src[i + 1] === "'"))) {
      const raw = c === 'r';
      const q = raw ? src[i + 1]! : c;
      let j = i + (raw ? 2 : 1);
      let s = '';
      while (j < src.length && src[j] !== q) {
        if (!raw && src[j] === '\\') {
          const e = src[j + 1];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e ?? '';
          j += 2;
          continue;
        }
        s += src[j];
        j++;
      }
      if (j >= src.length) throw new FreemarkerSyntaxError('unterminated string literal', at);
      if (!raw && /\$\{/.test(s)) throw new FreemarkerSyntaxError('interpolation inside string literals is not supported', at);
      out.push({ t: 'str', v: s, at });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_@]/.test(c)) {
      const m = /^[@A-Za-z_][\w$]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0], at });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new FreemarkerSyntaxError(`unexpected character '${c}' in expression`, at);
    out.push({ t: 'op', v: op, at });
    i += op.length;
  }
  return out;
}

const WORD_OPS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '=': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

/** `base` is the offset of `src` in the template, for error positions. */
export function parseExpression(src: string, base: number): Expr {
  const toks = tokenize(src, base);
  let p = 0;
  const peek = () => toks[p];
  const end = base + src.length;
  const expect = (v: string) => {
    const t = toks[p];
    if (!t || t.v !== v) throw new FreemarkerSyntaxError(`expected '${v}'`, t?.at ?? end);
    p++;
  };

  function binaryOp(t: Tok | undefined): string | undefined {
    if (!t) return undefined;
    if (t.t === 'op' && PRECEDENCE[t.v] !== undefined) return t.v;
    if (t.t === 'id' && WORD_OPS[t.v]) return WORD_OPS[t.v];
    return undefined;
  }

  function parseBinary(minPrec: number): Expr {
    let left = parseUnary();
    for (;;) {
      const op = binaryOp(peek());
      if (!op || PRECEDENCE[op]! < minPrec) return left;
      p++;
      const right = parseBinary(PRECEDENCE[op]! + 1);
      left = { k: 'bin', op: op === '=' ? '==' : op, left, right };
    }
  }

  function parseUnary(): Expr {
    const t = peek();
    if (t?.t === 'op' && t.v === '!') {
      p++;
      return { k: 'not', operand: parseUnary() };
    }
    if (t?.t === 'op' && t.v === '-') {
      p++;
      return { k: 'neg', operand: parseUnary() };
    }
    return parsePostfix(parsePrimary());
  }

  function startsPrimary(t: Tok | undefined): boolean {
    if (!t) return false;
    if (t.t === 'num' || t.t === 'str') return true;
    if (t.t === 'id') return !WORD_OPS[t.v] && t.v !== 'as';
    return t.v === '(' || t.v === '[';
  }

  function parsePrimary(): Expr {
    const t = peek();
    if (!t) throw new FreemarkerSyntaxError('expression expected', end);
    p++;
    if (t.t === 'num') return { k: 'lit', value: Number(t.v) };
    if (t.t === 'str') return { k: 'lit', value: t.v };
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', value: t.v === 'true' };
      return { k: 'var', name: t.v };
    }
    if (t.v === '(') {
      const e = parseBinary(1);
      expect(')');
      return e;
    }
    if (t.v === '[') {
      const items: Expr[] = [];
      while (peek() && peek()!.v !== ']') {
        items.push(parseBinary(1));
        if (peek()?.v === ',') p++;
      }
      expect(']');
      return { k: 'seq', items };
    }
    throw new FreemarkerSyntaxError(`unexpected '${t.v}'`, t.at);
  }

  function parsePostfix(e: Expr): Expr {
    for (;;) {
      const t = peek();
      if (!t || t.t !== 'op') return e;
      if (t.v === '.') {
        p++;
        const name = peek();
        if (!name || name.t !== 'id') throw new FreemarkerSyntaxError('name expected after .', name?.at ?? end);
        p++;
        e = { k: 'dot', target: e, name: name.v };
      } else if (t.v === '[') {
        p++;
        const index = parseBinary(1);
        if (peek()?.v === '..') throw new FreemarkerSyntaxError('ranges are not supported', peek()!.at);
        expect(']');
        e = { k: 'index', target: e, index };
      } else if (t.v === '??') {
        p++;
        e = { k: 'exists', target: e };
      } else if (t.v === '?') {
        p++;
        const name = peek();
        if (!name || name.t !== 'id') throw new FreemarkerSyntaxError('built-in name expected after ?', name?.at ?? end);
        if (!(SUPPORTED_BUILTINS as readonly string[]).includes(name.v)) throw new FreemarkerSyntaxError(`built-in ?${name.v} is not supported`, name.at);
        p++;
        const args: Expr[] = [];
        if (peek()?.v === '(') {
          p++;
          while (peek() && peek()!.v !== ')') {
            args.push(parseBinary(1));
            if (peek()?.v === ',') p++;
          }
          expect(')');
        }
        e = { k: 'builtin', target: e, name: name.v, args };
      } else if (t.v === '!') {
        p++;
        // `x!` alone, or `x!default` when a primary follows.
        const fallback = startsPrimary(peek()) ? parsePostfix(parsePrimary()) : undefined;
        return { k: 'default', target: e, fallback };
      } else return e;
    }
  }

  const e = parseBinary(1);
  if (p < toks.length) throw new FreemarkerSyntaxError(`unexpected '${toks[p]!.v}'`, toks[p]!.at);
  return e;
}
