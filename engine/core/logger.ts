/** The structured logger the engine writes to. Hosts inject pino (engine/node) or a test collector. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

export const LEVEL_ORDER: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

export interface LogRecord {
  level: LogLevel;
  message: string;
  fields: Record<string, unknown>;
  time: number;
}

/** Keeps records in memory; used by tests and by hosts that stream logs (the studio console). */
export class MemoryLogger implements Logger {
  readonly records: LogRecord[];
  private readonly bindings: Record<string, unknown>;
  constructor(records: LogRecord[] = [], bindings: Record<string, unknown> = {}, private readonly sink?: (r: LogRecord) => void) {
    this.records = records;
    this.bindings = bindings;
  }
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    const r = { level, message, fields: { ...this.bindings, ...fields }, time: Date.now() };
    this.records.push(r);
    this.sink?.(r);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new MemoryLogger(this.records, { ...this.bindings, ...bindings }, this.sink);
  }
  messages(level?: LogLevel): string[] {
    return this.records.filter((r) => !level || r.level === level).map((r) => r.message);
  }
}

export const silentLogger: Logger = { log() {}, child() { return silentLogger; } };
