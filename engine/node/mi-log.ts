/**
 * A Logger that prints lines the way MI's carbon log does, so users' grep
 * habits keep working:
 *   [2026-11-28 16:20:00,123]  INFO {LogMediator} - {api:HelloAPI} To: /hello, ...
 * `json` mode writes one JSON object per line instead (for tools).
 */
import { LEVEL_ORDER, type LogLevel, type Logger } from '../core/logger.js';

export interface MiLogOptions {
  level: LogLevel;
  format?: 'mi' | 'json';
  write?: (line: string) => void;
  /** Receives every record at or above the level, after it is printed (the studio console). */
  onRecord?: (level: LogLevel, message: string, fields: Record<string, unknown>) => void;
}

export function createMiLogger(options: MiLogOptions, bindings: Record<string, unknown> = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const threshold = LEVEL_ORDER[options.level];
  return {
    log(level, message, fields) {
      if (LEVEL_ORDER[level] < threshold) return;
      const all = { ...bindings, ...fields };
      if (options.format === 'json') write(JSON.stringify({ time: new Date().toISOString(), level, message, ...all }));
      else write(formatMiLine(level, message, all, new Date()));
      options.onRecord?.(level, message, all);
    },
    child(more) {
      return createMiLogger(options, { ...bindings, ...more });
    },
  };
}

export function formatMiLine(level: LogLevel, message: string, fields: Record<string, unknown>, at: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const ts = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())},${pad(at.getMilliseconds(), 3)}`;
  const component = typeof fields.component === 'string' ? fields.component : 'Mediate';
  const artifact = typeof fields.artifact === 'string' ? ` {${fields.artifact}}` : '';
  return `[${ts}] ${level.toUpperCase().padStart(5)} {${component}} -${artifact} ${message}`;
}
