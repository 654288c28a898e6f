/**
 * "Format Document" for XML models: Monaco's own action (Shift+Alt+F, and the
 * editor's context menu) backed by the workspace service's formatter, which
 * changes only whitespace between elements. Markup it cannot follow is left
 * as it is and reported through `onRefused`.
 */
import { monaco } from '../monaco.js';
import type { StudioClient } from '../connection.js';

export const FORMAT_ACTION_ID = 'editor.action.formatDocument';

/** Registers the formatter for 'xml' models; dispose to unregister. */
export function registerXmlFormatter(client: StudioClient, onRefused: (message: string) => void): monaco.IDisposable {
  return monaco.languages.registerDocumentFormattingEditProvider('xml', {
    displayName: 'Mediate XML',
    async provideDocumentFormattingEdits(model, options) {
      // Monaco guesses a model's indentation from its text; a messy file can yield any width, so only 2 or 4 are taken
      const indent = !options.insertSpaces ? '\t' : options.tabSize === 2 ? '  ' : '    ';
      const before = model.getValue();
      const result = await client.service('workspace').formatXml(before, indent);
      if (!result.ok) {
        const at = result.offset !== undefined ? model.getPositionAt(result.offset) : undefined;
        onRefused(`Not formatted: ${result.error}${at ? ` (line ${at.lineNumber})` : ''}`);
        return [];
      }
      if (!result.changed || model.getValue() !== before) return []; // edited meanwhile: a stale answer would undo the edit
      return [{ range: model.getFullModelRange(), text: result.text }];
    },
  });
}
