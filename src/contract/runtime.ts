/** The runtime service: the embedded runtime serving the open project, in a child process. */

export type RuntimeState = 'stopped' | 'starting' | 'running' | 'stopping';

export interface RuntimeStatus {
  state: RuntimeState;
  /** HTTP port while running. */
  port?: number;
  /** Why the last run ended, when it ended by itself (crash, failed start). */
  exitReason?: string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogEntry {
  /** Increases by one per entry within a backend's lifetime. */
  seq: number;
  /** ISO time. */
  time: string;
  level: LogLevel;
  message: string;
  /** e.g. LogMediator, DeploymentEngine. */
  component?: string;
  /** e.g. api:HealthcareAPI */
  artifact?: string;
}

/** A deployment error reported by the runtime. */
export interface Problem {
  /** Project-relative when inside the project, else absolute. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code?: string;
  message: string;
}

export interface RuntimeService {
  status(): Promise<RuntimeStatus>;
  /** Starts the runtime on the open project; resolves once it serves HTTP (or fails with the reason). */
  start(): Promise<RuntimeStatus>;
  stop(): Promise<RuntimeStatus>;
  /** The log kept so far (bounded), for a client that connects late. */
  recentLog(): Promise<LogEntry[]>;
  /** Current deployment problems. */
  problems(): Promise<Problem[]>;
}
