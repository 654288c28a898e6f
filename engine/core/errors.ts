/**
 * The three kinds of error the engine knows (DESIGN §5):
 * - ConfigDiagnostic: a problem in what the user wrote; data, collected, never thrown to the user.
 * - MediationFault: a runtime failure of one message; sets ERROR_CODE/ERROR_MESSAGE and runs a fault sequence.
 * - BugError: an internal invariant broke; never caused by user input.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  file?: string;
  line: number; // 1-based
  col: number; // 1-based
}

export interface ConfigDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  file?: string;
  line: number;
  col: number;
  /** Optional end of the faulty range, 1-based. */
  endLine?: number;
  endCol?: number;
}

/** Renders a diagnostic the way compilers do: `path:line:col: error CODE message`. */
export function formatDiagnostic(d: ConfigDiagnostic): string {
  return `${d.file ?? '<input>'}:${d.line}:${d.col}: ${d.severity} ${d.code} ${d.message}`;
}

/** MI's well-known error codes. */
export const ErrorCodes = {
  /** An I/O error on the backend connection, e.g. a reset (passthru's SND_IO_ERROR). */
  SND_IO_ERROR: 101000,
  SENDING_FAILED: 101500,
  CONNECTION_FAILED: 101503,
  CONNECTION_TIMEOUT: 101504,
  CONNECTION_CLOSED: 101505,
  HTTP_PROTOCOL_VIOLATION: 101506,
  CONNECT_CANCEL: 101507,
  CONNECT_TIMEOUT: 101508,
  SEND_ABORT: 101509,
  RESPONSE_PROCESSING_FAILURE: 101510,
  ENDPOINT_SUSPENDED: 303001,
  ENDPOINT_FAILOVER_EXHAUSTED: 303000,
  LOADBALANCE_EXHAUSTED: 303002,
  /** Generic mediation failure (Synapse's default when nothing more specific applies). */
  GENERIC: 0,
  /** Script mediator failure. */
  SCRIPT_FAILURE: 500001,
} as const;

export class MediationFault extends Error {
  readonly code: number | string;
  readonly detail?: string;
  /** The error type (throwError's `type`), when the fault was raised deliberately. */
  readonly errorType?: string;
  constructor(code: number | string, message: string, options?: { detail?: string; cause?: unknown; errorType?: string }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'MediationFault';
    this.code = code;
    this.detail = options?.detail;
    this.errorType = options?.errorType;
  }
}

export class BugError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BugError';
  }
}

/** The request body is larger than the host allows; answered with 413, never a fault sequence. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body exceeds the limit of ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}
