/**
 * A lossless XML tokenizer for formatting: every character of the input lands
 * in exactly one token's `raw`, so joining the raws gives the input back.
 * It does not resolve entities or namespaces; it only finds markup boundaries
 * (quotes inside tags, comments, CDATA, processing instructions, DOCTYPE).
 */

export type XmlTokenType = 'text' | 'comment' | 'cdata' | 'pi' | 'doctype' | 'start' | 'end' | 'empty';

export interface XmlToken {
  type: XmlTokenType;
  raw: string;
  /** Element name for start/end/empty tags. */
  name?: string;
}

export class XmlTokenError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Splits `text` into tokens; throws XmlTokenError on unterminated markup. */
export function tokenizeXml(text: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  let i = 0;
  const until = (terminator: string, from: number, what: string): number => {
    const end = text.indexOf(terminator, from);
    if (end < 0) throw new XmlTokenError(`unterminated ${what}`, from);
    return end + terminator.length;
  };
  while (i < text.length) {
    if (text[i] !== '<') {
      const next = text.indexOf('<', i);
      const end = next < 0 ? text.length : next;
      tokens.push({ type: 'text', raw: text.slice(i, end) });
      i = end;
      continue;
    }
    let end: number;
    let type: XmlTokenType;
    let name: string | undefined;
    if (text.startsWith('<!--', i)) {
      end = until('-->', i + 4, 'comment');
      type = 'comment';
    } else if (text.startsWith('<![CDATA[', i)) {
      end = until(']]>', i + 9, 'CDATA section');
      type = 'cdata';
    } else if (text.startsWith('<?', i)) {
      end = until('?>', i + 2, 'processing instruction');
      type = 'pi';
    } else if (text.startsWith('<!', i)) {
      end = doctypeEnd(text, i);
      type = 'doctype';
    } else {
      end = tagEnd(text, i);
      const closing = text[i + 1] === '/';
      name = /^<\/?\s*([^\s/>]+)/.exec(text.slice(i, end))?.[1];
      if (!name) throw new XmlTokenError('tag without a name', i);
      type = closing ? 'end' : text[end - 2] === '/' ? 'empty' : 'start';
    }
    tokens.push({ type, raw: text.slice(i, end), ...(name ? { name } : {}) });
    i = end;
  }
  return tokens;
}

/** End (exclusive) of the tag starting at `start`, honouring quoted attribute values. */
function tagEnd(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
    else if (c === '<') throw new XmlTokenError('unterminated tag', start);
  }
  throw new XmlTokenError('unterminated tag', start);
}

/** End (exclusive) of a DOCTYPE (or other `<!` declaration), with its internal subset. */
function doctypeEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start + 2; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  throw new XmlTokenError('unterminated declaration', start);
}
