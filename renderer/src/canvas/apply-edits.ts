/**
 * Applies the canvas service's edits to the document's Monaco model as one
 * undoable step: the source view and the canvas share this model, so one
 * undo stack serves both.
 */
import { monaco } from '../monaco.js';
import type { CanvasTextEdit, OffsetRange } from '../../../src/contract/canvas.js';

export function applyTextEdits(model: monaco.editor.ITextModel, edits: CanvasTextEdit[]): void {
  if (!edits.length) return;
  const operations = edits.map((e) => ({
    range: monaco.Range.fromPositions(model.getPositionAt(e.start), model.getPositionAt(e.end)),
    text: e.newText,
    forceMoveMarkers: true,
  }));
  model.pushStackElement();
  model.pushEditOperations(null, operations, () => null);
  model.pushStackElement();
}

export function rangeOf(model: monaco.editor.ITextModel, r: OffsetRange): monaco.Range {
  return monaco.Range.fromPositions(model.getPositionAt(r.start), model.getPositionAt(r.end));
}
