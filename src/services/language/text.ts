/** Line/column arithmetic over a document's text (1-based lines and columns). */
import type { TextPosition, TextRange } from '../../contract/language.js';

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
  }
  offsetOf(p: TextPosition): number {
    const start = this.starts[Math.max(0, Math.min(p.line - 1, this.starts.length - 1))]!;
    return Math.min(this.text.length, start + Math.max(0, p.col - 1));
  }
  positionOf(offset: number): TextPosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
  get lineCount(): number {
    return this.starts.length;
  }

  /**
   * The range a squiggle covers when a problem is reported at `p`: a tag name
   * (`<log`), an attribute value up to its closing quote, or a word.
   */
  tokenRange(p: TextPosition): TextRange {
    const start = this.offsetOf(p);
    const t = this.text;
    let from = start;
    let end = start;
    if (t[start] === '<') {
      end = start + 1;
      if (t[end] === '/') end++;
      while (end < t.length && /[^\s/>]/.test(t[end]!)) end++;
    } else if (start > 0 && (t[start - 1] === '"' || t[start - 1] === "'")) {
      const quote = t[start - 1]!;
      const close = t.indexOf(quote, start);
      end = close < 0 ? start : close;
    } else {
      while (end < t.length && /[^\s<>"'=]/.test(t[end]!)) end++;
    }
    if (end === from) end = Math.min(t.length, from + 1);
    return { start: this.positionOf(from), end: this.positionOf(end) };
  }
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
