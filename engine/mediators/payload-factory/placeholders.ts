/**
 * Finding the placeholders of a payloadFactory format: legacy `$1..$n`
 * argument references and MI 4.4 inline `${...}` expressions, with whether
 * each sits inside a JSON string's quotes (which decides how a value is written).
 */

export type Placeholder =
  | { type: 'arg'; index: number; start: number; end: number; quoted: boolean }
  | { type: 'expr'; source: string; start: number; end: number; quoted: boolean };

/** Scans `text`; `start`/`end` cover the placeholder and, when quoted, its surrounding quotes. */
export function findPlaceholders(text: string, json: boolean): Placeholder[] {
  const out: Placeholder[] = [];
  let inString = false;
  let stringStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (json && c === '\\' && inString) {
      i++;
      continue;
    }
    if (json && c === '"') {
      inString = !inString;
      stringStart = inString ? i : -1;
      continue;
    }
    if (c !== '$') continue;
    if (text[i + 1] === '{') {
      const end = matchBrace(text, i + 1);
      if (end < 0) continue;
      const source = text.slice(i, end + 1);
      out.push(quotedRange({ type: 'expr', source, start: i, end: end + 1, quoted: false }, text, json && inString, stringStart));
      i = end;
      continue;
    }
    const m = /^\$(\d+)/.exec(text.slice(i));
    if (m) {
      out.push(quotedRange({ type: 'arg', index: Number(m[1]), start: i, end: i + m[0].length, quoted: false }, text, json && inString, stringStart));
      i += m[0].length - 1;
    }
  }
  return out;
}

/** A placeholder that fills a whole JSON string (`"$1"`) widens to include the quotes. */
function quotedRange<P extends Placeholder>(p: P, text: string, inString: boolean, stringStart: number): P {
  if (!inString) return p;
  if (stringStart === p.start - 1 && text[p.end] === '"') return { ...p, start: p.start - 1, end: p.end + 1, quoted: true };
  return { ...p, quoted: true, start: p.start, end: p.end, partial: true } as P;
}

/** Index of the `}` closing the `{` at `open`, skipping quoted strings; -1 if none. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function isPartial(p: Placeholder): boolean {
  return (p as { partial?: boolean }).partial === true;
}
