/**
 * Test support for the canvas tests: every artifact of the MI documentation
 * corpus (../shared/corpus, read at run time) and of the samples, analysed;
 * the edit engine with the real catalog; and the text an edit makes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CanvasEdit, CanvasService, CanvasTextEdit, OffsetRange } from '../../contract/canvas.js';
import { analyseDocument, type DocumentModel } from './document-model.js';
import { applyEdit, type Snippets } from './edits.js';
import { buildCatalog, endpointBodyOf, snippetOf } from './catalog.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpus = path.resolve(repoRoot, '../shared/corpus');
const catalog = buildCatalog();
const snippets: Snippets = { item: (kind) => snippetOf(catalog, kind), endpointBody: endpointBodyOf };

function xmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? xmlFiles(full) : name.endsWith('.xml') ? [full] : [];
  });
}

/** Well-formed artifacts of the corpus and the samples with at least one list (of mediators or endpoints). */
export function corpusDocuments(): { file: string; doc: DocumentModel }[] {
  return [...xmlFiles(corpus), ...xmlFiles(path.join(repoRoot, 'samples'))]
    .map((file) => ({ file: path.relative(repoRoot, file), doc: analyseDocument(readFileSync(file, 'utf8')) }))
    .filter(({ doc }) => doc.model.ok && doc.lists.size > 0);
}

export function run(doc: DocumentModel, edit: CanvasEdit) {
  return applyEdit(doc, edit, snippets);
}

/** The text after applying `edits` (non-overlapping, against `text`). */
export function applied(text: string, edits: readonly CanvasTextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The text the canvas service makes of `text` with `edit`. */
export async function editedBy(service: CanvasService, text: string, edit: CanvasEdit): Promise<string> {
  return applied(text, (await service.edit('doc', text, edit)).edits);
}


export function errorsOf(doc: DocumentModel): string[] {
  return doc.model.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.message}`);
}

/** A few items spread over the list (first, last and some between). */
export function sample<T>(all: T[], count: number): T[] {
  if (all.length <= count) return all;
  return Array.from({ length: count }, (_, i) => all[Math.round((i * (all.length - 1)) / (count - 1))]!);
}

/** The lines an element occupies, with the line break before it and blanks after it (what deleting it may touch). */
export function lineSpan(text: string, range: OffsetRange): OffsetRange {
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  let end = range.end;
  while (end < text.length && /[ \t\r\n]/.test(text[end]!) && text[end - 1] !== '\n') end++;
  return { start: Math.max(0, lineStart - 2), end };
}
