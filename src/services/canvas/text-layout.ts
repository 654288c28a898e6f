/**
 * The layout facts of one text that new text must follow: line ends,
 * indentation unit and quote style, and how to indent, dedent and remove
 * whole lines without touching CDATA sections or comments.
 */
import type { OffsetRange } from '../../contract/canvas.js';
import { scanXml } from './xml-scan.js';

/** Layout facts of one text: line ends, indentation unit, quote style. */
export class TextFacts {
  readonly eol: string;
  readonly unit: string;
  readonly quote: '"' | "'";
  private readonly opaque: OffsetRange[];

  constructor(readonly text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.unit = detectUnit(text);
    const doubles = (text.match(/=\s*"/g) ?? []).length;
    const singles = (text.match(/=\s*'/g) ?? []).length;
    this.quote = singles > doubles ? "'" : '"';
    this.opaque = scanXml(text)?.opaque ?? [];
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Leading whitespace of the line holding `offset`. */
  lineIndent(offset: number): string {
    const start = this.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(start, offset))![0];
  }

  /** Indentation before `offset` when only whitespace precedes it on its line; undefined otherwise. */
  indentAt(offset: number): string | undefined {
    const before = this.text.slice(this.lineStart(offset), offset);
    return /^[ \t]*$/.test(before) ? before : undefined;
  }

  /** The range to delete so that an element alone on its line takes its line with it. */
  lineRemoval(range: OffsetRange): OffsetRange {
    const start = this.lineStart(range.start);
    let end = range.end;
    while (end < this.text.length && (this.text[end] === ' ' || this.text[end] === '\t')) end++;
    const aloneOnLine = /^[ \t]*$/.test(this.text.slice(start, range.start)) && (end === this.text.length || this.text[end] === '\n' || this.text[end] === '\r');
    if (!aloneOnLine) return range;
    if (start > 0) return { start: start - (this.text[start - 2] === '\r' ? 2 : 1), end };
    if (this.text.startsWith('\r\n', end)) end += 2;
    else if (this.text[end] === '\n') end += 1;
    return { start, end };
  }

  /** The text of `range` with its line's indentation taken off continuation lines (not inside CDATA or comments). */
  dedent(range: OffsetRange): string {
    const indent = this.lineIndent(range.start);
    let out = '';
    let at = range.start;
    for (let nl = this.text.indexOf('\n', at); nl >= 0 && nl < range.end; nl = this.text.indexOf('\n', at)) {
      out += this.text.slice(at, nl + 1);
      at = nl + 1;
      if (indent && !this.inOpaque(at) && this.text.startsWith(indent, at)) at += indent.length;
    }
    return out + this.text.slice(at, range.end);
  }

  /** Prefixes continuation lines of `xml` with `indent`, except lines that start inside CDATA or comments; uses the file's line ends. */
  indentContinuation(xml: string, indent: string): string {
    const inner = scanXml(xml)?.opaque ?? [];
    const lines = xml.split(/\r?\n/);
    let offset = 0;
    return lines
      .map((line, i) => {
        const here = offset;
        offset += line.length + 1;
        if (i === 0 || inner.some((r) => r.start < here && here < r.end) || line === '') return line;
        return indent + line;
      })
      .join(this.eol);
  }

  /** Converts a snippet written with four spaces per level to this file's unit. */
  convertUnit(snippet: string): string {
    if (this.unit === '    ') return snippet;
    return snippet.replace(/^((?: {4})+)/gm, (m) => this.unit.repeat(m.length / 4));
  }

  private inOpaque(offset: number): boolean {
    return this.opaque.some((r) => r.start < offset && offset < r.end);
  }
}

/** The file's indentation step: a tab, or the most common positive difference between consecutive indented lines. */
function detectUnit(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  const votes = new Map<number, number>();
  let previous = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const n = /^ */.exec(line)![0].length;
    const d = n - previous;
    if (d > 0 && d <= 8) votes.set(d, (votes.get(d) ?? 0) + 1);
    previous = n;
  }
  let best = 4;
  let count = 0;
  for (const [d, c] of votes) if (c > count) [best, count] = [d, c];
  return ' '.repeat(best);
}
