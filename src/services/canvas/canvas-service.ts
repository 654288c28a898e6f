/**
 * The canvas service (src/contract/canvas.ts) on Node: stateless, every call
 * works on the text it is given. The last analysis is kept so the usual
 * sequence flow(text) → edit(text, …) parses once.
 */
import { compileExpression, ExpressionSyntaxError } from '../../../engine/index.js';
import type { CanvasCatalog, CanvasEdit, CanvasEditResult, CanvasService, CanvasTextEdit, ExpressionCheck, FlowModel } from '../../contract/canvas.js';
import { analyseDocument, type DocumentModel } from './document-model.js';
import { buildCatalog, endpointBodyOf, snippetOf } from './catalog.js';
import { applyEdit, copyText, type Snippets } from './edits.js';

export class NodeCanvasService implements CanvasService {
  private last?: DocumentModel;
  private catalogCache?: CanvasCatalog;

  async flow(_uri: string, text: string): Promise<FlowModel> {
    return this.analyse(text).model;
  }

  async catalog(): Promise<CanvasCatalog> {
    return this.currentCatalog();
  }

  async edit(_uri: string, text: string, edit: CanvasEdit): Promise<CanvasEditResult> {
    const catalog = this.currentCatalog();
    const snippets: Snippets = { item: (kind) => snippetOf(catalog, kind), endpointBody: endpointBodyOf };
    const outcome = applyEdit(this.analyse(text), edit, snippets);
    return outcome.selection ? { edits: outcome.edits, selection: outcome.selection } : { edits: outcome.edits };
  }

  async copy(_uri: string, text: string, node: string): Promise<string> {
    return copyText(this.analyse(text), node);
  }

  async checkExpression(expression: string, namespaces: Record<string, string> = {}): Promise<ExpressionCheck> {
    try {
      compileExpression(expression, namespaces);
      return { ok: true };
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) return { ok: false, message: e.message, offset: e.offset };
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private analyse(text: string): DocumentModel {
    if (this.last?.text !== text) this.last = analyseDocument(text);
    return this.last;
  }

  private currentCatalog(): CanvasCatalog {
    this.catalogCache ??= buildCatalog();
    return this.catalogCache;
  }
}

/** One edit covering the span where `before` and `after` differ (empty when equal). */
export function minimalEdits(before: string, after: string): CanvasTextEdit[] {
  if (before === after) return [];
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return [{ start: head, end: before.length - tail, newText: after.slice(head, after.length - tail) }];
}
