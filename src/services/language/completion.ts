/** Completion: elements allowed at the cursor, attributes, enum values, references, property names. */
import type { AttrDescriptor, ElementDescriptor } from '../../../engine/index.js';
import type { CompletionItem, TextRange } from '../../contract/language.js';
import type { Analysis } from './analyse.js';
import { cursorContext } from './cursor.js';
import { allowedChildren, resolveChain } from './grammar.js';
import type { ProjectIndex } from './project-index.js';

export function complete(a: Analysis, offset: number, index: ProjectIndex): CompletionItem[] {
  const ctx = cursorContext(a.text, offset);
  const replace: TextRange = { start: a.lines.positionOf(ctx.partialStart), end: a.lines.positionOf(offset) };
  const parentOf = (names: string[]) => (names.length ? resolveChain(names).at(-1)?.descriptor : undefined);
  switch (ctx.where) {
    case 'tag-name': {
      if (ctx.stack.length && !parentOf(ctx.stack)) return [];
      return filterByPrefix(
        allowedChildren(parentOf(ctx.stack)).map((c) => ({ label: c.element, kind: 'element' as const, insertText: c.element, replace, detail: c.mediator ? 'mediator' : 'element', documentation: c.help })),
        ctx.partial,
      );
    }
    case 'content': {
      if (ctx.stack.length && !parentOf(ctx.stack)) return [];
      const parent = parentOf(ctx.stack);
      if (parent && parent.content !== 'mediators' && parent.content !== 'elements' && parent.content !== 'empty') return [];
      return allowedChildren(parent).map((c) => ({ label: c.element, kind: 'element' as const, insertText: skeleton(c.descriptor), replace, detail: c.mediator ? 'mediator' : 'element', documentation: c.help }));
    }
    case 'attr-name': {
      const desc = parentOf([...ctx.stack, ctx.element!]);
      if (!desc) return [];
      return filterByPrefix(
        desc.attributes.filter((x) => !ctx.presentAttrs.includes(x.name)).map((x) => ({ label: x.name, kind: 'attribute' as const, insertText: `${x.name}=""`, replace, detail: attrDetail(x), documentation: x.help })),
        ctx.partial,
      );
    }
    case 'attr-value': {
      const desc = parentOf([...ctx.stack, ctx.element!]);
      const attr = desc?.attributes.find((x) => x.name === ctx.attr);
      if (!desc || !attr) return [];
      return valueCompletions(desc, attr, ctx.partial, replace, index, a.lines.positionOf(offset));
    }
    default:
      return [];
  }
}

function valueCompletions(desc: ElementDescriptor, attr: AttrDescriptor, partial: string, replace: TextRange, index: ProjectIndex, cursor: TextRange['end']): CompletionItem[] {
  if (attr.type === 'enum') return filterByPrefix((attr.values ?? []).map((v) => ({ label: v, kind: 'value' as const, insertText: v, replace, documentation: attr.help })), partial);
  if (attr.type === 'boolean') return filterByPrefix(['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, insertText: v, replace })), partial);
  if (attr.type === 'key') {
    const kind = attr.refKind ?? 'any';
    return filterByPrefix(index.namesFor(kind).map((n) => ({ label: n, kind: 'reference' as const, insertText: n, replace, detail: kind })), partial);
  }
  // The name of a property being set or removed: names already used in the project.
  if (attr.name === 'name' && desc.element === 'property') {
    return filterByPrefix(index.propertyNames().map((p) => ({ label: p.name, kind: 'property' as const, insertText: p.name, replace, detail: `scope ${p.scope}` })), partial);
  }
  if (attr.type === 'expression' || attr.type === 'value') return propertyReads(partial, index, cursor);
  return [];
}

const SCOPE_PREFIX: Record<string, string> = { default: '$ctx:', transport: '$trp:', axis2: '$axis2:' };

/** Property reads inside an expression: after `$ctx:`, `$trp:`, `$axis2:` or `get-property('`, the names set with that scope. */
function propertyReads(partial: string, index: ProjectIndex, cursor: TextRange['end']): CompletionItem[] {
  const names = index.propertyNames();
  const prefixed = /\$(ctx|trp|axis2):([\w.-]*)$/.exec(partial);
  if (prefixed) {
    const scope = prefixed[1] === 'ctx' ? 'default' : prefixed[1] === 'trp' ? 'transport' : 'axis2';
    const typed = prefixed[2]!;
    const replace = { start: { line: cursor.line, col: cursor.col - typed.length }, end: cursor };
    return filterByPrefix(names.filter((p) => p.scope === scope).map((p) => ({ label: p.name, kind: 'property' as const, insertText: p.name, replace, detail: `scope ${scope}` })), typed);
  }
  const call = /get-property\(\s*(?:'(\w[\w-]*)'\s*,\s*)?'([\w.-]*)$/.exec(partial);
  if (call) {
    const scope = call[1] ?? 'default';
    const typed = call[2]!;
    const replace = { start: { line: cursor.line, col: cursor.col - typed.length }, end: cursor };
    return filterByPrefix(names.filter((p) => p.scope === scope).map((p) => ({ label: p.name, kind: 'property' as const, insertText: p.name, replace, detail: `scope ${scope}` })), typed);
  }
  if (partial.trim() !== '') return [];
  return names.filter((p) => SCOPE_PREFIX[p.scope]).map((p) => ({ label: `${SCOPE_PREFIX[p.scope]}${p.name}`, kind: 'property' as const, insertText: `${SCOPE_PREFIX[p.scope]}${p.name}`, replace: { start: cursor, end: cursor }, detail: `scope ${p.scope}` }));
}

function attrDetail(x: AttrDescriptor): string {
  const parts: string[] = [x.type === 'key' && x.refKind ? `${x.refKind} name` : x.type];
  if (x.required) parts.push('required');
  if (x.default !== undefined) parts.push(`default ${x.default}`);
  return parts.join(', ');
}

/** `<name required=""/>` or `<name required=""></name>`: what typing the element inserts in content. */
function skeleton(d: ElementDescriptor): string {
  const attrs = d.attributes.filter((x) => x.required).map((x) => ` ${x.name}=""`).join('');
  const needsBody = d.content === 'mediators' || (d.children ?? []).some((c) => c.required);
  return needsBody ? `<${d.element}${attrs}></${d.element}>` : `<${d.element}${attrs}/>`;
}

function filterByPrefix(items: CompletionItem[], prefix: string): CompletionItem[] {
  if (!prefix) return items;
  const p = prefix.toLowerCase();
  return items.filter((i) => i.label.toLowerCase().startsWith(p) || i.label.toLowerCase().includes(p));
}
