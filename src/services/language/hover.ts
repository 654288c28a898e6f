/** Hover: the descriptor help of the element or attribute under the cursor. */
import type { AttrDescriptor, ElementDescriptor } from '../../../engine/index.js';
import type { HoverInfo } from '../../contract/language.js';
import type { Analysis } from './analyse.js';
import { cursorContext, wordAt } from './cursor.js';
import { resolveChain } from './grammar.js';

export function hover(a: Analysis, offset: number): HoverInfo | null {
  const word = wordAt(a.text, offset);
  if (word.start === word.end) return null;
  // The context at the end of the word tells whether it is a tag name, an attribute name or a value.
  const ctx = cursorContext(a.text, word.end);
  const range = { start: a.lines.positionOf(word.start), end: a.lines.positionOf(word.end) };
  if (ctx.where === 'tag-name' && ctx.element) {
    const slot = resolveChain([...ctx.stack, ctx.element]).at(-1);
    if (!slot?.descriptor) return null;
    return { contents: elementHelp(slot.descriptor, slot.label, slot.help), range };
  }
  if (ctx.where === 'attr-name' || ctx.where === 'attr-value') {
    const desc = resolveChain([...ctx.stack, ctx.element!]).at(-1)?.descriptor;
    const name = ctx.where === 'attr-name' ? a.text.slice(word.start, word.end) : ctx.attr;
    const attr = desc?.attributes.find((x) => x.name === name);
    if (!desc || !attr) return null;
    return { contents: attributeHelp(desc, attr), range };
  }
  return null;
}

function elementHelp(d: ElementDescriptor, label: string | undefined, help: string | undefined): string {
  const lines = [`**<${d.element}>**${label && label !== d.element ? ` — ${label}` : ''}`];
  if (help) lines.push('', help);
  const required = d.attributes.filter((x) => x.required).map((x) => `\`${x.name}\``);
  if (required.length) lines.push('', `Required: ${required.join(', ')}`);
  return lines.join('\n');
}

function attributeHelp(d: ElementDescriptor, x: AttrDescriptor): string {
  const lines = [`**${x.name}** on <${d.element}>: ${x.type === 'key' && x.refKind ? `${x.refKind} name` : x.type}${x.required ? ', required' : ''}${x.default !== undefined ? `, default \`${x.default}\`` : ''}`];
  if (x.help) lines.push('', x.help);
  if (x.type === 'enum' && x.values) lines.push('', `One of: ${x.values.map((v) => `\`${v}\``).join(', ')}`);
  return lines.join('\n');
}
