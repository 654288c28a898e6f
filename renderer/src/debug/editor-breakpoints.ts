/**
 * Breakpoints in the Monaco source editor: a click in the glyph margin
 * toggles the breakpoint of the innermost mediator starting on that line;
 * set breakpoints show as red dots, and the line a message is paused on is
 * highlighted. Lines come from the backend (the files as saved).
 */
import { monaco } from '../monaco.js';
import { debugStore } from './breakpoints-store.js';

/** Wires an editor to the debug store; `currentPath` is the project-relative path of the shown model. */
export function attachBreakpointGutter(editor: monaco.editor.IStandaloneCodeEditor, currentPath: () => string | undefined): monaco.IDisposable {
  editor.updateOptions({ glyphMargin: true });
  const decorations = editor.createDecorationsCollection();

  const render = () => {
    const file = currentPath();
    const state = debugStore.getSnapshot();
    const list: monaco.editor.IModelDeltaDecoration[] = [];
    if (file && editor.getModel()) {
      for (const b of state.breakpoints) {
        if (b.file !== file || !b.line) continue;
        const hover = `Breakpoint at ${b.stepPath}${b.condition ? ` when ${b.condition}` : ''}${b.error ? ` (not set: ${b.error})` : ''}`;
        list.push({ range: new monaco.Range(b.line, 1, b.line, 1), options: { glyphMarginClassName: `debug-glyph-breakpoint${b.error ? ' refused' : ''}${b.condition ? ' conditional' : ''}`, glyphMarginHoverMessage: { value: hover }, stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges } });
      }
      for (const p of state.paused) {
        if (p.file !== file || !p.line) continue;
        list.push({ range: new monaco.Range(p.line, 1, p.line, 1), options: { isWholeLine: true, className: 'debug-paused-line', glyphMarginClassName: 'debug-glyph-paused', glyphMarginHoverMessage: { value: `Paused here: ${p.messageId}` } } });
      }
    }
    decorations.set(list);
  };

  const mouse = editor.onMouseDown((e) => {
    if (e.target.type !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN) return;
    const file = currentPath();
    const line = e.target.position?.lineNumber;
    const model = editor.getModel();
    if (!file || !line || !model) return;
    void debugStore.toggleAtLine(file, line, model.getValue());
  });
  const unsubscribe = debugStore.subscribe(render);
  const modelChange = editor.onDidChangeModel(render);
  render();
  return {
    dispose() {
      mouse.dispose();
      modelChange.dispose();
      unsubscribe();
      decorations.clear();
    },
  };
}
