/**
 * The language service's state: the project's artifacts and the documents
 * open in the editor. Synchronous and host-free (no file system): the Node
 * adapter (service.ts) loads project files and exposes the async contract.
 */
import type { CodeAction, CompletionItem, DocumentState, HoverInfo, LanguageDiagnostic, TextPosition } from '../../contract/language.js';
import { IncrementalXmlParser, type ConfigDiagnostic } from '../../../engine/index.js';
import { analyse, toSyntaxTree, type Analysis } from './analyse.js';
import { meaningChecks, referenceProblems } from './checks/index.js';
import { codeActions, FIXABLE_CODES } from './code-actions.js';
import { complete } from './completion.js';
import { hover } from './hover.js';
import { ProjectIndex } from './project-index.js';

export interface SourceText {
  uri: string;
  text: string;
}

export class LanguageWorkspace {
  private readonly projectFiles = new Map<string, Analysis>();
  /** Open documents, each with the parser that re-reads only what an edit changed (it owns the analysis's DOM). */
  private readonly openDocs = new Map<string, { version: number; analysis: Analysis; xml: IncrementalXmlParser }>();
  private cachedIndex: ProjectIndex | undefined;
  private registryHas: (key: string) => boolean = () => false;

  /** Replaces the project's files on disk (open documents keep precedence). */
  setProjectFiles(files: readonly SourceText[], registryHas?: (key: string) => boolean): void {
    this.projectFiles.clear();
    for (const f of files) this.projectFiles.set(f.uri, analyse(f.uri, f.text));
    if (registryHas) this.registryHas = registryHas;
    this.cachedIndex = undefined;
  }

  open(uri: string, text: string): DocumentState {
    const xml = new IncrementalXmlParser();
    this.openDocs.set(uri, { version: 1, analysis: analyse(uri, text, xml), xml });
    this.cachedIndex = undefined;
    return this.state(uri)!;
  }

  change(uri: string, text: string): DocumentState {
    const prev = this.openDocs.get(uri);
    const xml = prev?.xml ?? new IncrementalXmlParser();
    const analysis = prev?.analysis.text === text ? prev.analysis : analyse(uri, text, xml);
    this.openDocs.set(uri, { version: (prev?.version ?? 0) + 1, analysis, xml });
    this.cachedIndex = undefined;
    return this.state(uri)!;
  }

  close(uri: string): void {
    this.openDocs.delete(uri);
    this.cachedIndex = undefined;
  }

  openUris(): string[] {
    return [...this.openDocs.keys()];
  }

  state(uri: string): DocumentState | undefined {
    const doc = this.openDocs.get(uri);
    if (!doc) return undefined;
    const a = doc.analysis;
    const state: DocumentState = { uri, version: doc.version, diagnostics: this.diagnostics(uri) };
    if (a.compiled.kind) state.kind = a.compiled.kind;
    if (a.compiled.name !== undefined) state.name = a.compiled.name;
    const tree = toSyntaxTree(a);
    if (tree) state.tree = tree;
    return state;
  }

  /** Engine diagnostics, project references and duplicates, and the meaning checks of one document (open or on disk). */
  diagnostics(uri: string): LanguageDiagnostic[] {
    const a = this.analysis(uri);
    if (!a) return [];
    const index = this.index();
    const all: ConfigDiagnostic[] = [...a.compiled.diagnostics, ...(a.compiled.tree ? [...referenceProblems(a, index), ...meaningChecks(a, index)] : [])];
    all.sort((x, y) => x.line - y.line || x.col - y.col);
    return all.map((d) => {
      const out: LanguageDiagnostic = { code: d.code, severity: d.severity, message: d.message, range: d.endLine !== undefined && d.endCol !== undefined ? { start: { line: d.line, col: d.col }, end: { line: d.endLine, col: d.endCol } } : a.lines.tokenRange({ line: d.line, col: d.col }) };
      if (FIXABLE_CODES.has(d.code) && codeActions(a, [out]).length) out.fixable = true;
      return out;
    });
  }

  complete(uri: string, at: TextPosition): CompletionItem[] {
    const a = this.analysis(uri);
    return a ? complete(a, a.lines.offsetOf(at), this.index()) : [];
  }

  hover(uri: string, at: TextPosition): HoverInfo | null {
    const a = this.analysis(uri);
    return a ? hover(a, a.lines.offsetOf(at)) : null;
  }

  /** Fixes for the problems whose range holds `at` (or that start on its line). */
  codeActions(uri: string, at: TextPosition): CodeAction[] {
    const a = this.analysis(uri);
    if (!a) return [];
    const here = this.diagnostics(uri).filter((d) => (d.range.start.line < at.line || (d.range.start.line === at.line && d.range.start.col <= at.col) || d.range.start.line === at.line) && (d.range.end.line > at.line || (d.range.end.line === at.line && d.range.end.col >= at.col) || d.range.start.line === at.line));
    return codeActions(a, here);
  }

  private analysis(uri: string): Analysis | undefined {
    return this.openDocs.get(uri)?.analysis ?? this.projectFiles.get(uri);
  }

  private index(): ProjectIndex {
    if (!this.cachedIndex) {
      const docs = new Map<string, Analysis>(this.projectFiles);
      for (const [uri, d] of this.openDocs) docs.set(uri, d.analysis);
      this.cachedIndex = new ProjectIndex([...docs.values()], this.registryHas);
    }
    return this.cachedIndex;
  }
}
