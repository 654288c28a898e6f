/**
 * Parses a FreeMarker template of the supported subset into nodes:
 * `${...}` interpolation, `<#if>/<#elseif>/<#else>`, `<#list x as y>` (with
 * `<#sep>` and `<#else>`), `<#assign>`, `<#-- comments -->`. Anything else
 * FreeMarker would treat as a directive, macro call or `#{}` interpolation
 * is refused with FreemarkerSyntaxError.
 */
import { FreemarkerSyntaxError, type TemplateNode } from './ast.js';
import { parseExpression } from './expression.js';

type Frame = { kind: 'root' } | { kind: 'if'; node: Extract<TemplateNode, { k: 'if' }>; at: number } | { kind: 'list'; node: Extract<TemplateNode, { k: 'list' }>; at: number };

const SUPPORTED = ['if', 'elseif', 'else', 'list', 'sep', 'assign'];

/**
 * FreeMarker's white-space stripping: a line holding only FTL tags (and
 * comments) loses its indentation and its line break.
 */
export function stripDirectiveLines(text: string): string {
  const TAG_LINE = /^[ \t]*(?:(?:<#--[\s\S]*?-->|<\/?#[A-Za-z_][^>]*>)[ \t]*)+(?:\r?\n|$)/;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(i, end);
    const m = TAG_LINE.exec(line);
    out += m && m[0].length === line.length ? line.trim() : line;
    i = end;
  }
  return out;
}

export function parseTemplate(source: string): TemplateNode[] {
  const text = stripDirectiveLines(source);
  const root: TemplateNode[] = [];
  const stack: { frame: Frame; out: TemplateNode[] }[] = [{ frame: { kind: 'root' }, out: root }];
  const top = () => stack[stack.length - 1]!;
  let i = 0;
  let textStart = 0;
  const flush = (upTo: number) => {
    if (upTo > textStart) top().out.push({ k: 'text', text: text.slice(textStart, upTo) });
  };
  while (i < text.length) {
    if (text.startsWith('<#--', i)) {
      flush(i);
      const end = text.indexOf('-->', i + 4);
      if (end < 0) throw new FreemarkerSyntaxError('unclosed comment <#--', i);
      i = textStart = end + 3;
      continue;
    }
    if (text.startsWith('${', i)) {
      flush(i);
      const end = closing(text, i + 2, '}');
      const source = text.slice(i + 2, end);
      top().out.push({ k: 'interp', expr: parseExpression(source, i + 2), source: source.trim() });
      i = textStart = end + 1;
      continue;
    }
    if (text.startsWith('#{', i)) throw new FreemarkerSyntaxError('#{...} numerical interpolation is not supported; use ${...}', i);
    if (text.startsWith('<@', i) || text.startsWith('</@', i)) throw new FreemarkerSyntaxError('macro calls (<@...>) are not supported', i);
    if (text.startsWith('</#', i)) {
      flush(i);
      const end = text.indexOf('>', i);
      if (end < 0) throw new FreemarkerSyntaxError('unclosed end tag', i);
      const name = text.slice(i + 3, end).trim();
      const f = top().frame;
      if (name === 'sep' && f.kind === 'list' && f.node.sep) top().out = f.node.body;
      else if (f.kind === 'root' || f.kind !== name) throw new FreemarkerSyntaxError(`unexpected </#${name}>`, i);
      else stack.pop();
      i = textStart = end + 1;
      continue;
    }
    if (text.startsWith('<#', i)) {
      flush(i);
      const nameMatch = /^<#([A-Za-z_]+)/.exec(text.slice(i));
      const name = nameMatch?.[1] ?? '';
      if (!SUPPORTED.includes(name)) throw new FreemarkerSyntaxError(`directive <#${name}> is not supported`, i);
      const end = closing(text, i + 2 + name.length, '>');
      const selfClosing = text[end - 1] === '/';
      const argsStart = i + 2 + name.length;
      const args = text.slice(argsStart, selfClosing ? end - 1 : end);
      directive(name, args, argsStart, i, stack, selfClosing);
      i = textStart = end + 1;
      continue;
    }
    i++;
  }
  flush(text.length);
  if (stack.length > 1) {
    const f = top().frame as Exclude<Frame, { kind: 'root' }>;
    throw new FreemarkerSyntaxError(`<#${f.kind}> is not closed`, f.at);
  }
  return root;
}

function directive(name: string, args: string, argsAt: number, at: number, stack: { frame: Frame; out: TemplateNode[] }[], selfClosing: boolean): void {
  const top = stack[stack.length - 1]!;
  switch (name) {
    case 'if': {
      const node: Extract<TemplateNode, { k: 'if' }> = { k: 'if', branches: [{ cond: parseExpression(args, argsAt), body: [] }] };
      top.out.push(node);
      stack.push({ frame: { kind: 'if', node, at }, out: node.branches[0]!.body });
      return;
    }
    case 'elseif': {
      const f = top.frame;
      if (f.kind !== 'if' || f.node.otherwise) throw new FreemarkerSyntaxError('<#elseif> outside <#if>', at);
      const branch = { cond: parseExpression(args, argsAt), body: [] as TemplateNode[] };
      f.node.branches.push(branch);
      top.out = branch.body;
      return;
    }
    case 'else': {
      const f = top.frame;
      if (f.kind === 'if' && !f.node.otherwise) {
        f.node.otherwise = [];
        top.out = f.node.otherwise;
        return;
      }
      if (f.kind === 'list' && !f.node.otherwise) {
        f.node.otherwise = [];
        top.out = f.node.otherwise;
        return;
      }
      throw new FreemarkerSyntaxError('<#else> outside <#if> or <#list>', at);
    }
    case 'list': {
      const m = /^([\s\S]*)\sas\s+([A-Za-z_]\w*)\s*$/.exec(args);
      if (!m) throw new FreemarkerSyntaxError('<#list> needs the form <#list sequence as item>', at);
      const node: Extract<TemplateNode, { k: 'list' }> = { k: 'list', seq: parseExpression(m[1]!, argsAt), item: m[2]!, body: [] };
      top.out.push(node);
      stack.push({ frame: { kind: 'list', node, at }, out: node.body });
      return;
    }
    case 'sep': {
      const f = top.frame;
      if (f.kind !== 'list' || f.node.sep) throw new FreemarkerSyntaxError('<#sep> outside <#list>', at);
      f.node.sep = [];
      top.out = f.node.sep;
      if (selfClosing) top.out = [];
      return;
    }
    case 'assign': {
      const m = /^\s*([A-Za-z_]\w*)\s*=([\s\S]*)$/.exec(args);
      if (!m) throw new FreemarkerSyntaxError('<#assign> needs the form <#assign name = value>', at);
      top.out.push({ k: 'assign', name: m[1]!, expr: parseExpression(m[2]!, argsAt + args.indexOf('=') + 1) });
      return;
    }
  }
}

/** Index of the `close` char ending a `${...}` or `<#...>`, skipping strings and nested brackets. */
function closing(text: string, from: number, close: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || (c === '{' && close === '}')) depth++;
    else if (c === ')' || c === ']' || (c === '}' && depth > 0 && close === '}')) depth--;
    else if (c === close && depth === 0) return i;
  }
  throw new FreemarkerSyntaxError(close === '}' ? 'unclosed ${' : 'unclosed directive tag', from);
}
