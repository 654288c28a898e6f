/** Between the language contract (1-based line/col ranges) and Monaco's shapes. */
import { monaco } from '../monaco.js';
import type { CompletionItem, LanguageDiagnostic, LanguageSeverity, TextPosition, TextRange } from '../../../src/contract/language.js';

export function toMonacoRange(range: TextRange): monaco.IRange {
  return { startLineNumber: range.start.line, startColumn: range.start.col, endLineNumber: range.end.line, endColumn: range.end.col };
}

export function toPosition(position: monaco.IPosition): TextPosition {
  return { line: position.lineNumber, col: position.column };
}

/** Marks our markers among others (quick fixes are asked only for these). */
export const MARKER_SOURCE = 'mediate';

const SEVERITY: Record<LanguageSeverity, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

export function toMarker(d: LanguageDiagnostic): monaco.editor.IMarkerData {
  return { ...toMonacoRange(d.range), severity: SEVERITY[d.severity], message: d.message, code: d.code, source: MARKER_SOURCE };
}

const COMPLETION_KIND: Record<CompletionItem['kind'], monaco.languages.CompletionItemKind> = {
  element: monaco.languages.CompletionItemKind.Class,
  attribute: monaco.languages.CompletionItemKind.Field,
  value: monaco.languages.CompletionItemKind.EnumMember,
  reference: monaco.languages.CompletionItemKind.Reference,
  property: monaco.languages.CompletionItemKind.Property,
};

export function toCompletion(item: CompletionItem, fallback: monaco.IRange, index: number): monaco.languages.CompletionItem {
  return {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    insertText: item.insertText,
    range: item.replace ? toMonacoRange(item.replace) : fallback,
    detail: item.detail,
    documentation: item.documentation ? { value: item.documentation } : undefined,
    // Keep the service's order (it ranks by what fits best).
    sortText: String(index).padStart(5, '0'),
  };
}
