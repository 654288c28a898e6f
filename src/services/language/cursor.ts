/**
 * Where the cursor is, from the raw text (documents being typed are often not
 * well-formed, so this does not use the DOM): inside a tag name, an attribute
 * name or value, or element content, and which elements enclose it.
 */

export type CursorWhere = 'content' | 'tag-name' | 'attr-name' | 'attr-value' | 'comment';

export interface CursorContext {
  where: CursorWhere;
  /** Local names of the open elements enclosing the cursor (root first), not counting the tag the cursor is in. */
  stack: string[];
  /** The element whose start tag holds the cursor (attr-name, attr-value, tag-name). */
  element?: string;
  /** Attribute whose value holds the cursor. */
  attr?: string;
  /** Attributes already written in that tag. */
  presentAttrs: string[];
  /** What is typed of the current token before the cursor, and where it starts (offset). */
  partial: string;
  partialStart: number;
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

export function cursorContext(text: string, offset: number): CursorContext {
  const stack: string[] = [];
  let i = 0;
  while (i < offset) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt >= offset) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0 || end + 3 > offset) return { where: 'comment', stack, presentAttrs: [], partial: '', partialStart: offset };
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt);
      if (end < 0 || end + 3 > offset) return { where: 'comment', stack, presentAttrs: [], partial: '', partialStart: offset };
      i = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt) || text.startsWith('<!', lt)) {
      const end = text.indexOf('>', lt);
      i = end < 0 ? offset : end + 1;
      continue;
    }
    if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt);
      if (end < 0 || end >= offset) return { where: 'content', stack, presentAttrs: [], partial: '', partialStart: offset };
      const name = localName(text.slice(lt + 2, end).trim());
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      i = end + 1;
      continue;
    }
    // A start tag: read its name, then its attributes, up to '>' or the cursor.
    let j = lt + 1;
    while (j < text.length && /[^\s/>]/.test(text[j]!)) j++;
    const qname = text.slice(lt + 1, j);
    if (j >= offset) return { where: 'tag-name', stack, element: localName(qname), presentAttrs: [], partial: text.slice(lt + 1, offset), partialStart: lt + 1 };
    const present: string[] = [];
    for (;;) {
      while (j < offset && /\s/.test(text[j]!)) j++;
      if (j >= offset) return { where: 'attr-name', stack, element: localName(qname), presentAttrs: present, partial: '', partialStart: offset };
      if (text[j] === '>' || (text[j] === '/' && text[j + 1] === '>')) {
        const selfClosing = text[j] === '/';
        j += selfClosing ? 2 : 1;
        if (!selfClosing) stack.push(localName(qname));
        break;
      }
      const nameStart = j;
      while (j < text.length && /[^\s=/>]/.test(text[j]!)) j++;
      const attr = text.slice(nameStart, j);
      if (j >= offset) return { where: 'attr-name', stack, element: localName(qname), presentAttrs: present, partial: text.slice(nameStart, offset), partialStart: nameStart };
      present.push(attr);
      while (j < offset && /\s/.test(text[j]!)) j++;
      if (text[j] !== '=') continue;
      j++;
      while (j < offset && /\s/.test(text[j]!)) j++;
      const quote = text[j];
      if (quote !== '"' && quote !== "'") continue;
      const close = text.indexOf(quote, j + 1);
      if (close < 0 || close >= offset) return { where: 'attr-value', stack, element: localName(qname), attr, presentAttrs: present, partial: text.slice(j + 1, offset), partialStart: j + 1 };
      j = close + 1;
    }
    i = j;
  }
  // In content: a partial tag name typed right after '<' was handled above; here the cursor is between tags.
  return { where: 'content', stack, presentAttrs: [], partial: '', partialStart: offset };
}

/** The word (tag or attribute name, value) around an offset, for hover. */
export function wordAt(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  let end = offset;
  while (start > 0 && /[\w.:-]/.test(text[start - 1]!)) start--;
  while (end < text.length && /[\w.:-]/.test(text[end]!)) end++;
  return { start, end };
}
