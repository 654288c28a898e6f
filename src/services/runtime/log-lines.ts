/**
 * Reads what `mediate run --log-format json` prints: one JSON record per log line,
 * a "ready" line with the port, and (on stderr) diagnostics formatted as
 * `file:line:col: severity CODE message`.
 */
import type { LogLevel, Problem } from '../../contract/index.js';

export interface ParsedRecord {
  time: string;
  level: LogLevel;
  message: string;
  component?: string;
  artifact?: string;
}

const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export function parseJsonLogLine(line: string): ParsedRecord | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    if (typeof v.message !== 'string' || !LEVELS.includes(v.level as LogLevel)) return undefined;
    return {
      time: typeof v.time === 'string' ? v.time : new Date().toISOString(),
      level: v.level as LogLevel,
      message: v.message,
      component: typeof v.component === 'string' ? v.component : undefined,
      artifact: typeof v.artifact === 'string' ? v.artifact : undefined,
    };
  } catch {
    return undefined;
  }
}

const READY = /^Mediate runtime ready on http:\/\/[^:]+:(\d+)/;

export function parseReadyLine(line: string): number | undefined {
  const m = READY.exec(line);
  return m ? Number(m[1]) : undefined;
}

const DIAGNOSTIC = /^(.+?):(\d+):(\d+): (error|warning) (\S+) (.*)$/;

/** A deployment diagnostic in formatDiagnostic's shape, with the file as printed (absolute). */
export function parseDiagnostic(text: string): Problem | undefined {
  const m = DIAGNOSTIC.exec(text);
  if (!m) return undefined;
  return { file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4] as 'error' | 'warning', code: m[5], message: m[6] };
}

const DEPLOYED = /has been deployed from file : (.+)$/;

/** The file a successful deployment line names (it then has no problems). */
export function parseDeployedFile(message: string): string | undefined {
  return DEPLOYED.exec(message)?.[1];
}
