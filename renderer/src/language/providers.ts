/**
 * Monaco completion, hover and quick-fix (code action) providers for XML
 * artifacts, answered by the backend language service through the bridge.
 */
import { monaco } from '../monaco.js';
import type { CodeAction } from '../../../src/contract/language.js';
import { MARKER_OWNER, pathOfModel, type LanguageBridge } from './language-bridge.js';
import { toCompletion, toMonacoRange, toPosition } from './convert.js';

export const CREATE_FILE_COMMAND = 'mediate.language.createFile';

export interface ProviderHost {
  /** Creates a project file a quick fix asks for (e.g. the missing sequence) and opens it. */
  createFile(path: string, text: string): Promise<void>;
}

export function registerLanguageProviders(bridge: LanguageBridge, host: ProviderHost): monaco.IDisposable[] {
  return [
    monaco.editor.registerCommand(CREATE_FILE_COMMAND, (_accessor, files: { uri: string; text: string }[]) => {
      void (async () => {
        for (const f of files) await host.createFile(f.uri, f.text);
      })();
    }),

    monaco.languages.registerCompletionItemProvider('xml', {
      triggerCharacters: ['<', ' ', '"', "'", ':', '.'],
      async provideCompletionItems(model, position, _context, token) {
        const path = pathOfModel(model);
        if (!path || !(await bridge.sync(path)) || token.isCancellationRequested) return { suggestions: [] };
        const items = await bridge.service.complete(path, toPosition(position)).catch(() => []);
        const word = model.getWordUntilPosition(position);
        const fallback = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
        return { suggestions: items.map((item, i) => toCompletion(item, fallback, i)) };
      },
    }),

    monaco.languages.registerHoverProvider('xml', {
      async provideHover(model, position, token) {
        const path = pathOfModel(model);
        if (!path || !(await bridge.sync(path)) || token.isCancellationRequested) return null;
        const hover = await bridge.service.hover(path, toPosition(position)).catch(() => null);
        return hover ? { contents: [{ value: hover.contents }], range: toMonacoRange(hover.range) } : null;
      },
    }),

    monaco.languages.registerCodeActionProvider(
      'xml',
      {
        async provideCodeActions(model, range, _context, token) {
          const path = pathOfModel(model);
          // Any of our problems on the lines asked about: Ctrl+. anywhere on a flagged line offers its fixes.
          const markers = monaco.editor.getModelMarkers({ owner: MARKER_OWNER, resource: model.uri }).filter((m) => m.startLineNumber <= range.endLineNumber && m.endLineNumber >= range.startLineNumber);
          if (!path || markers.length === 0 || !(await bridge.sync(path)) || token.isCancellationRequested) return { actions: [], dispose() {} };
          const seen = new Set<string>();
          const actions: monaco.languages.CodeAction[] = [];
          for (const marker of markers) {
            const found = await bridge.service.codeActions(path, { line: marker.startLineNumber, col: marker.startColumn }).catch(() => [] as CodeAction[]);
            for (const action of found) {
              if (seen.has(action.title)) continue;
              seen.add(action.title);
              actions.push(toMonacoAction(action, marker));
            }
          }
          return { actions, dispose() {} };
        },
      },
      { providedCodeActionKinds: ['quickfix'] },
    ),
  ];
}

/** Text edits go to open models (one undo step each); new files are created through the host. */
function toMonacoAction(action: CodeAction, marker: monaco.editor.IMarkerData): monaco.languages.CodeAction {
  const edits: monaco.languages.IWorkspaceTextEdit[] = [];
  for (const doc of action.edits) {
    const model = monaco.editor.getModel(monaco.Uri.parse(`file:///${doc.uri}`));
    if (!model) continue;
    for (const e of doc.edits) edits.push({ resource: model.uri, textEdit: { range: toMonacoRange(e.range), text: e.newText }, versionId: undefined });
  }
  return {
    title: action.title,
    kind: 'quickfix',
    diagnostics: [marker],
    isPreferred: true,
    edit: edits.length > 0 ? { edits } : undefined,
    command: action.create?.length ? { id: CREATE_FILE_COMMAND, title: action.title, arguments: [action.create] } : undefined,
  };
}
