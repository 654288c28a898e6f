/**
 * The contract between the studio's backend services and its renderer.
 * JSON-only data: everything here crosses a WebSocket, an Electron port or an
 * in-memory transport unchanged.
 */
import type { WorkspaceService, FileChangeEvent, WorkspaceProgress } from './workspace.js';
import type { RuntimeService, RuntimeStatus, LogEntry, Problem, RuntimeItem } from './runtime.js';
import type { TryItService } from './tryit.js';
import type { ExportService, ExportProgress } from './export.js';
import type { CanvasService } from './canvas.js';
import type { LanguageDiagnostic, LanguageService } from './language.js';
import type { DebugService, DebugStateEvent } from './debug.js';
import type { TestService, TestProgressEvent } from './test.js';
import type { MessagingService } from './messaging.js';
import type { DataServicesService } from './dataservices.js';

export * from './workspace.js';
export * from './runtime.js';
export * from './socket-tryit.js';
export * from './broker-tryit.js';
export * from './tryit.js';
export * from './export.js';
export * from './canvas.js';
export * from './language.js';
export * from './debug.js';
export * from './test.js';
export * from './messaging.js';
export * from './dataservices.js';

/** The services by the name a client addresses them with. */
export interface StudioServices {
  workspace: WorkspaceService;
  runtime: RuntimeService;
  tryit: TryItService;
  export: ExportService;
  canvas: CanvasService;
  language: LanguageService;
  debug: DebugService;
  test: TestService;
  /** Message stores (browser) and processors (state, toggle) of the running runtime. */
  messaging: MessagingService;
  /** The data-service designer: .dbs model and edits, test connection, run a query, generate from a table. */
  dataservices: DataServicesService;
}

/** Events the backend pushes, by name, with their payloads. */
export interface StudioEvents {
  'workspace.fileChanged': FileChangeEvent;
  /** The set of artifacts may have changed (file added, removed or renamed). */
  'workspace.artifactsChanged': Record<string, never>;
  'workspace.projectOpened': { root: string; name: string };
  /** Progress of a long workspace operation (opening a project). */
  'workspace.progress': WorkspaceProgress;
  'runtime.status': RuntimeStatus;
  'runtime.log': LogEntry;
  'runtime.problems': Problem[];
  /** Inbound endpoints, tasks and polling proxies changed state. */
  'runtime.items': RuntimeItem[];
  'export.progress': ExportProgress;
  /** Diagnostics of the open documents changed without an edit (files changed on disk, project reloaded). */
  'language.diagnostics': Record<string, LanguageDiagnostic[]>;
  /** The debugger's state changed: a message paused or went on, breakpoints changed, debugging started or stopped. */
  'debug.state': DebugStateEvent;
  /** A unit-test run started, ran a case, finished or failed. */
  'test.progress': TestProgressEvent;
  /** A suite or mock-service file was added, changed or removed: list the suites again. */
  'test.suitesChanged': Record<string, never>;
}

/** How services publish events; the host wires it to every connected client. */
export type EventSink = <K extends keyof StudioEvents>(name: K, payload: StudioEvents[K]) => void;

/**
 * Every method of every service, and nothing else: hosts expose exactly these
 * over RPC (the type makes a missing or extra name a compile error).
 */
export const SERVICE_METHODS: { [S in keyof StudioServices]: Record<keyof StudioServices[S], true> } = {
  workspace: { current: true, openFolder: true, createProject: true, recentProjects: true, listArtifacts: true, readFile: true, writeFile: true, renameFile: true, deleteFile: true, templates: true, createArtifact: true, renameArtifact: true, formatXml: true, previewOpenApi: true, importOpenApi: true, apiOpenApi: true, syncApiOpenApi: true },
  runtime: { status: true, start: true, stop: true, recentLog: true, problems: true, items: true, runNow: true, dropFile: true, sendMail: true, sendSocket: true, publishBroker: true },
  tryit: { send: true },
  messaging: { overview: true, messages: true, message: true, deleteMessage: true, resendMessage: true, moveMessage: true, setProcessorActive: true },
  export: { plan: true, validate: true, exportCar: true, revealInFolder: true, inspectCar: true, importCar: true },
  canvas: { flow: true, catalog: true, edit: true, copy: true, checkExpression: true },
  language: { setProject: true, open: true, change: true, close: true, state: true, allDiagnostics: true, complete: true, hover: true, codeActions: true },
  debug: { state: true, start: true, stop: true, attach: true, detach: true, sourcePoints: true, setBreakpoint: true, clearBreakpoint: true, toggleBreakpointAtLine: true, setBreakOnFault: true, resume: true, details: true, setPayload: true, setProperty: true, removeProperty: true, setVariable: true, removeVariable: true, trace: true, traces: true },
  dataservices: { model: true, edit: true, testConnection: true, tables: true, runQuery: true, generateFromTable: true },
  test: { list: true, run: true, lastRun: true, settings: true, setRerunOnSave: true, targets: true, createSuite: true, addCase: true, record: true },
};
