/**
 * The language service: live problems, syntax tree, completion, hover and
 * quick fixes for artifact documents. JSON-only data (crosses RPC unchanged).
 * Positions are 1-based lines and columns, as in diagnostics everywhere else.
 */

export interface TextPosition {
  line: number;
  col: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

export type LanguageSeverity = 'error' | 'warning' | 'info';

export interface LanguageDiagnostic {
  /** SYNxxx (grammar, compile, references) or SEMxxx (meaning checks of the language service). */
  code: string;
  severity: LanguageSeverity;
  message: string;
  /** Where the squiggle starts and ends (end = end of the word or tag at the start). */
  range: TextRange;
  /** Quick fixes exist for this problem: ask codeActions(uri, range.start). */
  fixable?: boolean;
}

/** One node of the syntax tree (the input of the graphical view). */
export interface SyntaxNode {
  element: string;
  /** 'artifact' root, a 'mediator' of the catalog, a 'connector' operation, a declared child 'element', or a 'comment'. */
  role: 'artifact' | 'mediator' | 'connector' | 'element' | 'comment';
  /** Mediator kind (e.g. 'log') for role 'mediator'. */
  kind?: string;
  attrs: Record<string, string>;
  loc: TextPosition;
  /** Step path the runtime gives this mediator (e.g. `api:Orders/resource[0]/in/2/then/0`); mediators only. */
  path?: string;
  /** Declared child elements. */
  children: SyntaxNode[];
  /** Mediator list, when the element holds one. */
  mediators?: SyntaxNode[];
  /** Text content ('text' elements) or comment text. */
  text?: string;
}

export interface DocumentState {
  uri: string;
  version: number;
  /** Artifact kind and name when the root is a known artifact. */
  kind?: string;
  name?: string;
  tree?: SyntaxNode;
  diagnostics: LanguageDiagnostic[];
}

export type CompletionKind = 'element' | 'attribute' | 'value' | 'reference' | 'property';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Text to insert at the cursor (replacing `replace` when given). */
  insertText: string;
  replace?: TextRange;
  detail?: string;
  documentation?: string;
}

export interface HoverInfo {
  /** Markdown. */
  contents: string;
  range: TextRange;
}

export interface TextEdit {
  range: TextRange;
  newText: string;
}

export interface CodeAction {
  title: string;
  /** The diagnostic code it fixes. */
  fixes: string;
  /** Edits to documents, by uri. */
  edits: { uri: string; edits: TextEdit[] }[];
  /** New files to create (e.g. the missing sequence), by uri. */
  create?: { uri: string; text: string }[];
}

export interface LanguageService {
  /** Loads the other artifacts of the project (from disk) so references, duplicates and completion see them. */
  setProject(root: string): Promise<{ artifacts: number }>;
  /** Opens (or replaces) a document; returns its tree and diagnostics. */
  open(uri: string, text: string): Promise<DocumentState>;
  /** Re-parses after an edit (the whole new text). */
  change(uri: string, text: string): Promise<DocumentState>;
  close(uri: string): Promise<void>;
  /** Current state of an open document. */
  state(uri: string): Promise<DocumentState | undefined>;
  /** Diagnostics of every open document (open documents change the others' problems: references, duplicates). */
  allDiagnostics(): Promise<Record<string, LanguageDiagnostic[]>>;
  complete(uri: string, at: TextPosition): Promise<CompletionItem[]>;
  hover(uri: string, at: TextPosition): Promise<HoverInfo | null>;
  codeActions(uri: string, at: TextPosition): Promise<CodeAction[]>;
}
