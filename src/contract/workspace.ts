/**
 * The workspace service: the open project, its artifacts and its files.
 * Every path crossing this contract is project-relative with '/' separators,
 * except where a method says it takes an absolute folder (open, create).
 */

/** Artifact kinds the explorer groups by, in display order. */
export const ARTIFACT_KINDS = [
  'api',
  'proxy',
  'sequence',
  'endpoint',
  'inbound-endpoint',
  'task',
  'message-store',
  'message-processor',
  'template',
  'local-entry',
  'data-service',
  'data-source',
  'registry-resource',
] as const;

export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** What the explorer shows for each kind, and where the MI VS Code layout keeps it. */
export const ARTIFACT_KIND_INFO: Record<ArtifactKind, { label: string; folder: string; extension: string }> = {
  api: { label: 'APIs', folder: 'src/main/wso2mi/artifacts/apis', extension: '.xml' },
  proxy: { label: 'Proxy services', folder: 'src/main/wso2mi/artifacts/proxy-services', extension: '.xml' },
  sequence: { label: 'Sequences', folder: 'src/main/wso2mi/artifacts/sequences', extension: '.xml' },
  endpoint: { label: 'Endpoints', folder: 'src/main/wso2mi/artifacts/endpoints', extension: '.xml' },
  'inbound-endpoint': { label: 'Inbound endpoints', folder: 'src/main/wso2mi/artifacts/inbound-endpoints', extension: '.xml' },
  task: { label: 'Tasks', folder: 'src/main/wso2mi/artifacts/tasks', extension: '.xml' },
  'message-store': { label: 'Message stores', folder: 'src/main/wso2mi/artifacts/message-stores', extension: '.xml' },
  'message-processor': { label: 'Message processors', folder: 'src/main/wso2mi/artifacts/message-processors', extension: '.xml' },
  template: { label: 'Templates', folder: 'src/main/wso2mi/artifacts/templates', extension: '.xml' },
  'local-entry': { label: 'Local entries', folder: 'src/main/wso2mi/artifacts/local-entries', extension: '.xml' },
  'data-service': { label: 'Data services', folder: 'src/main/wso2mi/artifacts/data-services', extension: '.dbs' },
  'data-source': { label: 'Data sources', folder: 'src/main/wso2mi/artifacts/data-sources', extension: '.xml' },
  'registry-resource': { label: 'Registry resources', folder: 'src/main/wso2mi/resources', extension: '' },
};

export interface ProjectInfo {
  /** Absolute folder of the project on the backend's machine. */
  root: string;
  name: string;
  layout: 'vscode' | 'integration-studio' | 'plain' | 'car';
}

export interface ArtifactEntry {
  kind: ArtifactKind;
  /** Runtime name (an API's name, a local entry's key, a registry key). */
  name: string;
  /** Project-relative path of the file. */
  path: string;
}

export interface ArtifactGroup {
  kind: ArtifactKind;
  label: string;
  items: ArtifactEntry[];
}

export interface FileContent {
  path: string;
  text: string;
  /** Content hash; a write may name the version it was based on to detect conflicts. */
  version: string;
}

export interface FileChangeEvent {
  type: 'added' | 'changed' | 'removed';
  path: string;
  /** Hash of the new content ('added'/'changed'), so a client can ignore its own writes. */
  version?: string;
}

/** One question of a new-artifact wizard. */
export interface TemplateField {
  id: string;
  label: string;
  /** Shown pre-filled; also the value when the user leaves the field empty and it is optional. */
  defaultValue?: string;
  required?: boolean;
  /** Choices for a select box. */
  options?: string[];
  /** A pattern the value must match (JavaScript regular expression source). */
  pattern?: string;
  hint?: string;
  /** Asked only while another field (earlier in the list) has one of these values. */
  showWhen?: { field: string; values: string[] };
}

export interface ArtifactTemplate {
  kind: ArtifactKind;
  label: string;
  fields: TemplateField[];
}

export interface CreateArtifactRequest {
  kind: ArtifactKind;
  /** Values by TemplateField.id; `name` is always asked. */
  values: Record<string, string>;
}

/** An OpenAPI 3 / Swagger 2 document (JSON or YAML) to make an API from. */
export interface OpenApiImportRequest {
  text: string;
  /** The document's file name, for error positions (`petstore.yaml:4:7: ...`). */
  fileName?: string;
  /** Defaults to the document's title. */
  name?: string;
  /** Defaults to the document's base path / first server URL's path. */
  context?: string;
}

/** What an import would write, or why it cannot (then `problems` is not empty and nothing else is set). */
export interface OpenApiImportPreview {
  problems: string[];
  name?: string;
  context?: string;
  resources?: { methods: string[]; uriTemplate: string }[];
  apiFile?: string;
  definitionFile?: string;
  /** The API's XML as it would be written. */
  xml?: string;
}

/** Where an API and its OpenAPI document disagree: a resource method the document lacks, or an operation no resource serves. */
export interface OpenApiDifferenceInfo {
  path: string;
  method: string;
  where: 'api-only' | 'openapi-only';
}

/** An API's OpenAPI document: the one the project keeps (and how it differs), else the generated one. */
export interface ApiOpenApi {
  apiName: string;
  /** Absent when the project keeps no document for the API (`text` is then generated). */
  definitionFile?: string;
  text: string;
  generated: boolean;
  differences: OpenApiDifferenceInfo[];
  /** The kept document does not parse: each problem with line and column. */
  problems: string[];
}

/** The answer to a format request: the formatted text, or the text unchanged and why. */
export type FormatXmlResult = { ok: true; text: string; changed: boolean } | { ok: false; text: string; error: string; offset?: number };

/** A place in another file that still names an artifact by its old name. */
export interface ArtifactReference {
  path: string;
  /** 1-based. */
  line: number;
  /** The line's text, trimmed. */
  text: string;
}

export interface RenameArtifactResult {
  /** The artifact after the rename (new file and runtime name). */
  entry: ArtifactEntry;
  /** Whether the root element's name/key attribute was changed too. */
  nameUpdated: boolean;
  /** Other files that still use the old name; they are not rewritten. */
  references: ArtifactReference[];
}

/** Pushed while a long workspace operation runs ('workspace.progress'). */
export interface WorkspaceProgress {
  operation: 'open-project';
  /** What is happening, for a status line: "Scanning project…", "Scanned 12 artifacts". */
  message: string;
  done: boolean;
  /** Artifacts found so far, once known. */
  artifacts?: number;
}

/** Thrown (as an RPC error with this code) when a write is based on an outdated version. */
export const CONFLICT_ERROR = 'CONFLICT';

export interface WorkspaceService {
  /** The open project, or null when none is open. */
  current(): Promise<ProjectInfo | null>;
  /** Opens an existing project folder (absolute path) and remembers it in the recent list. */
  openFolder(folder: string): Promise<ProjectInfo>;
  /** Creates a project in the MI VS Code layout at `parentFolder/name` and opens it. */
  createProject(parentFolder: string, name: string): Promise<ProjectInfo>;
  /** Most recent first. */
  recentProjects(): Promise<string[]>;
  listArtifacts(): Promise<ArtifactGroup[]>;
  readFile(path: string): Promise<FileContent>;
  /** Writes a file; with `baseVersion`, fails with CONFLICT when the file on disk is no longer that version. */
  writeFile(path: string, text: string, baseVersion?: string): Promise<FileContent>;
  renameFile(from: string, to: string): Promise<void>;
  deleteFile(path: string): Promise<void>;
  templates(): Promise<ArtifactTemplate[]>;
  /** Writes a new artifact from its kind's template; fails when the file already exists. */
  createArtifact(request: CreateArtifactRequest): Promise<ArtifactEntry>;
  /**
   * Renames an artifact's file to `newName` (plus its extension) and sets the root element's
   * `name` (`key` for local entries) to it with a minimal text edit. Lists, without changing
   * them, the other files that still use the old name.
   */
  renameArtifact(path: string, newName: string): Promise<RenameArtifactResult>;
  /** What `importOpenApi` would write for this document; never writes. */
  previewOpenApi(request: OpenApiImportRequest): Promise<OpenApiImportPreview>;
  /**
   * Writes the API (artifacts/apis/<Name>.xml) and the document, unchanged, as
   * resources/api-definitions/<Name>.yaml. Fails with INVALID (the problems) and writes nothing
   * for an unusable document, with EXISTS when either file exists.
   */
  importOpenApi(request: OpenApiImportRequest): Promise<ArtifactEntry>;
  /** The OpenAPI document of the API at `path`, and where it differs from the API. */
  apiOpenApi(path: string): Promise<ApiOpenApi>;
  /**
   * Brings the API's kept document in line with its resources (edited in place: comments, order
   * and unchanged operations kept), or writes the generated one to resources/api-definitions/.
   */
  syncApiOpenApi(path: string): Promise<ApiOpenApi>;
  /** Re-indents XML, changing only whitespace between elements (see services/format). */
  formatXml(text: string, indent?: string): Promise<FormatXmlResult>;
}
