/**
 * The data-service designer's service: the model of a `.dbs` text, designer
 * edits as minimal text edits of that text (the file stays the truth:
 * comments and layout outside an edit survive), and the calls that need the
 * datasource (test the connection, list tables, run a query, generate CRUD
 * from a table). Stateless: every call carries the document's current text,
 * so the designer works on unsaved edits. JSON-only data.
 */
import type { CanvasTextEdit } from './canvas.js';

export interface DsPosition {
  line: number;
  col: number;
}

export interface DsIssue extends DsPosition {
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface DsConfigView {
  id: string;
  /** Plain `<property>` values by name, in document order (nested property lists are left out). */
  properties: [string, string][];
  /** `carbon_datasource_name`: the config borrows a datasource artifact or `[[datasource]]` of deployment.toml. */
  carbonName?: string;
}

export interface DsParamView {
  name: string;
  sqlType: string;
  ordinal: number;
  defaultValue?: string;
}

/** One direct `<element column>` / `<attribute column>` child of a `<result>`. */
export interface DsMappingView {
  /** Index among the result's element children (what edits address). */
  index: number;
  kind: 'element' | 'attribute';
  name: string;
  column: string;
  /** An XSD type other than string (`xs:integer` ...). */
  xsdType?: string;
}

export interface DsResultView {
  element?: string;
  rowName?: string;
  outputType: 'xml' | 'json' | 'rdf';
  mappings: DsMappingView[];
  /** Children the designer shows but does not edit (nested groups, call-query, query-param values). */
  otherChildren: number;
}

export interface DsQueryView {
  id: string;
  useConfig: string;
  sql?: string;
  params: DsParamView[];
  result?: DsResultView;
}

export interface DsResourceView {
  method: string;
  path: string;
  query?: string;
}

export interface DsOperationView {
  name: string;
  query?: string;
}

export interface DsModel {
  /** False while the text is not well-formed XML (the designer keeps its last good model). */
  ok: boolean;
  /** Where the text stops being well-formed. */
  syntaxError?: DsIssue;
  name: string;
  serviceNamespace: string;
  configs: DsConfigView[];
  queries: DsQueryView[];
  resources: DsResourceView[];
  operations: DsOperationView[];
  /** What MI would refuse (missing config, unknown column ...), with line and column. */
  problems: DsIssue[];
}

export type DsEdit =
  /** Sets (or, with null, removes) one `<property>` of a config. */
  | { op: 'setConfigProperty'; config: string; name: string; value: string | null }
  | { op: 'setQuerySql'; query: string; sql: string }
  /** Sets (or, with null, removes) `element`, `rowName` or `outputType` of a query's `<result>` (creates the result when missing). */
  | { op: 'setResultAttribute'; query: string; name: 'element' | 'rowName' | 'outputType'; value: string | null }
  | { op: 'addMapping'; query: string; kind: 'element' | 'attribute'; name: string; column: string }
  | { op: 'setMapping'; query: string; index: number; kind: 'element' | 'attribute'; name: string; column: string }
  | { op: 'removeMapping'; query: string; index: number }
  | { op: 'addResource'; method: string; path: string; query: string }
  | { op: 'removeResource'; index: number }
  | { op: 'addOperation'; name: string; query: string }
  | { op: 'removeOperation'; index: number };

export interface DsEditResult {
  edits: CanvasTextEdit[];
}

export interface DsConnectionResult {
  ok: boolean;
  /** `ok`, or the driver's error. */
  message: string;
}

export interface DsTableView {
  name: string;
  columns: { name: string; sqlType: string; nullable: boolean }[];
  primaryKey: string[];
}

export interface DsRunResult {
  /** False when the query failed (SQL error, bad parameter, unreachable database). */
  ok: boolean;
  error?: string;
  columns: string[];
  /** Cell text as the result writer prints it; null = SQL NULL. */
  rows: (string | null)[][];
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  affectedRows: number;
  /** What MI answers a client asking for XML, and for JSON, for this query's result mapping on these rows; absent when the query has no result. */
  outputXml?: string;
  outputJson?: string;
}

export interface DataServicesService {
  model(path: string, text: string): Promise<DsModel>;
  /** Fails (code BAD_EDIT) when the text is malformed or the edit names nothing in it. */
  edit(path: string, text: string, edit: DsEdit): Promise<DsEditResult>;
  testConnection(path: string, text: string, config: string): Promise<DsConnectionResult>;
  tables(path: string, text: string, config: string): Promise<DsTableView[]>;
  /** Runs one query with parameter values (always bound, never spliced); an empty value is left out, so the param's default applies. */
  runQuery(path: string, text: string, query: string, params: Record<string, string>): Promise<DsRunResult>;
  /** CRUD queries and resources for one table (select all, select by key, insert, update, delete), as MI for VS Code generates them. */
  generateFromTable(path: string, text: string, config: string, table: string): Promise<DsEditResult>;
}
