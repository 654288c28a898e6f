/**
 * The debug service: the runtime in debug mode, breakpoints by step path (and
 * by source line), paused messages and what they carry. JSON-only data.
 *
 * A step path names one mediator as the runtime runs it
 * (`api:HealthcareAPI/resource[2]/in/0`, `sequence:S/1/then/0`); the canvas
 * and the source editor both address breakpoints by it.
 */

/** Where a mediator starts in a project file. */
export interface SourcePoint {
  stepPath: string;
  /** Mediator kind (`log`, `call`, ...). */
  kind: string;
  /** Project-relative file, `/`-separated. */
  file: string;
  /** 1-based. */
  line: number;
  col: number;
}

export interface BreakpointEntry {
  stepPath: string;
  /** Pause only when this expression (XPath, `json-eval(…)` or `${…}`) is true on the message. */
  condition?: string;
  /** Where it is in the project now; absent when no mediator has that step path any more. */
  file?: string;
  line?: number;
  /** Why the runtime refused it (wrong condition, position gone), while debugging. */
  error?: string;
}

export type ResumeMode = 'continue' | 'over' | 'into' | 'out';

/** A message that waits at a mediator. */
export interface PausedMessageInfo {
  messageId: string;
  stepPath: string;
  /** Mediator kind. */
  stepKind: string;
  /** `breakpoint`, `step` or `fault`. */
  reason: string;
  /** `api:Name`, `proxy:Name` … */
  artifact?: string;
  /** Project-relative file and line of the mediator, when known. */
  file?: string;
  line?: number;
  /** The fault that paused it (break on fault). */
  error?: string;
  /** Epoch ms. */
  since: number;
}

/** One scope's properties: name -> value as text (JSON text for structured values). */
export type PropertyMap = Record<string, string>;

/** The scopes the debugger reads and writes, as MI's debug protocol names them. */
export type PropertyScope = 'default' | 'axis2' | 'transport' | 'axis2-client' | 'operation';

export const PROPERTY_SCOPES: readonly PropertyScope[] = ['default', 'axis2', 'transport', 'axis2-client', 'operation'];

/** What a paused message carries. */
export interface PausedMessageDetails {
  messageId: string;
  /** The payload as text (JSON text for JSON messages, the SOAP envelope otherwise). */
  payload: string;
  /** Message type (`application/json`, `text/xml` …). */
  contentType?: string;
  properties: Record<PropertyScope, PropertyMap>;
  /** Values as JSON text. */
  variables: Record<string, string>;
}

export interface DebugTraceStep {
  path: string;
  kind: string;
  durationMs: number;
  outcome: string;
  input?: { kind: string; text: string; truncated: boolean };
  output?: { kind: string; text: string; truncated: boolean };
  propertyChanges: { scope: string; name: string; before?: string; after?: string }[];
  error?: string;
}

export interface DebugTrace {
  messageId: string;
  artifact?: string;
  method: string;
  url: string;
  startedAt: number;
  endedAt?: number;
  steps: DebugTraceStep[];
}

export interface DebugState {
  /** The runtime runs in debug mode and the studio is connected to its debugger. */
  active: boolean;
  /** The runtime's debug ports (a remote client may attach too). */
  commandPort?: number;
  eventPort?: number;
  breakOnFault: boolean;
  breakpoints: BreakpointEntry[];
  paused: PausedMessageInfo[];
  /** Attached to a runtime the studio did not start: its host, and whether it speaks Mediate's extensions or only MI's protocol. */
  remote?: { host: string; protocol: 'mediate' | 'mi' };
}

export interface DebugService {
  state(): Promise<DebugState>;
  /** (Re)starts the runtime in debug mode, connects, applies the project's breakpoints. */
  start(): Promise<DebugState>;
  /** Stops the runtime (paused messages are released first); when attached, only detaches. */
  stop(): Promise<DebugState>;
  /**
   * Attaches to a running Mediate or MI (`-Desb.debug=true`) debugger and
   * applies the project's breakpoints. With MI, only MI's commands exist: one
   * paused message, no stepping, no traces.
   */
  attach(host: string, commandPort: number, eventPort: number): Promise<DebugState>;
  /** Leaves an attached runtime (its paused messages go on). */
  detach(): Promise<DebugState>;
  /** Every mediator of a file with its step path; `text` is the editor's (unsaved) text, the file on disk otherwise. */
  sourcePoints(file: string, text?: string): Promise<SourcePoint[]>;
  /** Sets (or, with `condition`, changes) a breakpoint. Persisted per project. */
  setBreakpoint(stepPath: string, condition?: string): Promise<DebugState>;
  clearBreakpoint(stepPath: string): Promise<DebugState>;
  /** Toggles the breakpoint of the innermost mediator starting on `line`; no-op when none starts there. */
  toggleBreakpointAtLine(file: string, line: number, text?: string): Promise<DebugState>;
  setBreakOnFault(on: boolean): Promise<DebugState>;
  resume(messageId: string, mode: ResumeMode): Promise<DebugState>;
  details(messageId: string): Promise<PausedMessageDetails>;
  /** Replaces the payload, read according to the message type. */
  setPayload(messageId: string, text: string): Promise<PausedMessageDetails>;
  setProperty(messageId: string, scope: PropertyScope, name: string, value: string): Promise<PausedMessageDetails>;
  removeProperty(messageId: string, scope: PropertyScope, name: string): Promise<PausedMessageDetails>;
  setVariable(messageId: string, name: string, value: string): Promise<PausedMessageDetails>;
  removeVariable(messageId: string, name: string): Promise<PausedMessageDetails>;
  /** The per-message trace (the runtime keeps the last 50); null when unknown. */
  trace(messageId: string): Promise<DebugTrace | null>;
  traces(): Promise<DebugTrace[]>;
}

/** Pushed whenever the debug state changes (pause, resume, breakpoints, start, stop). */
export interface DebugStateEvent {
  state: DebugState;
  /** What happened: `paused`, `resumed`, `terminated`, `breakpoints`, `started`, `stopped`. */
  cause: string;
  messageId?: string;
}
