/**
 * A TCP proxy's listener settings from its service parameters, as MI reads them:
 *   transport.tcp.port (default 8000), transport.tcp.hostname, transport.tcp.contentType
 *   (default text/xml, SOAP as MI's TCP listener), transport.tcp.recordDelimiterType
 *   (character | byte | string, default string), transport.tcp.recordDelimiter (byte: hex such as
 *   0x03; character: one character; string: the text), transport.tcp.recordLength (fixed records,
 *   overrides the delimiter), transport.tcp.inputType (string | binary), transport.tcp.responseClient
 *   (default true: responses are written back on the connection).
 * transport.tcp.maxRecordBytes is this runtime's own (MI has no limit): a longer record is refused;
 * the default is the runtime's maximum message size.
 */
import type { Framing } from './framer.js';

export interface TcpListenerSettings {
  port: number;
  host?: string;
  contentType: string;
  framing: Framing;
  inputType: 'string' | 'binary';
  responseClient: boolean;
  maxRecordBytes: number;
}

/** A parameter with a value this runtime cannot use: names the parameter. */
export class TcpSettingsError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
    this.name = 'TcpSettingsError';
  }
}

export const DEFAULT_TCP_PORT = 8000;

export function readTcpSettings(params: Record<string, string | undefined>, defaults: { maxRecordBytes: number; port?: number }): TcpListenerSettings {
  const get = (name: string) => {
    const v = params[`transport.tcp.${name}`]?.trim();
    return v === '' ? undefined : v;
  };
  const port = integer('transport.tcp.port', get('port'), defaults.port ?? DEFAULT_TCP_PORT, 0, 65535);
  const maxRecordBytes = integer('transport.tcp.maxRecordBytes', get('maxRecordBytes'), defaults.maxRecordBytes, 1, Number.MAX_SAFE_INTEGER);
  const inputType = (get('inputType') ?? 'string').toLowerCase();
  if (inputType !== 'string' && inputType !== 'binary') throw new TcpSettingsError('transport.tcp.inputType', `'${inputType}' is neither string nor binary`);
  return {
    port,
    host: get('hostname'),
    contentType: get('contentType') ?? 'text/xml',
    framing: readFraming(get, maxRecordBytes),
    inputType,
    responseClient: (get('responseClient') ?? 'true').toLowerCase() !== 'false',
    maxRecordBytes,
  };
}

function readFraming(get: (name: string) => string | undefined, maxRecordBytes: number): Framing {
  const length = get('recordLength');
  if (length !== undefined) {
    const n = integer('transport.tcp.recordLength', length, 0, 1, Number.MAX_SAFE_INTEGER);
    if (n > maxRecordBytes) throw new TcpSettingsError('transport.tcp.recordLength', `${n} bytes is more than the largest record this listener accepts (${maxRecordBytes})`);
    return { kind: 'length', length: n };
  }
  const raw = get('recordDelimiter');
  if (raw === undefined) return { kind: 'stream' };
  const type = (get('recordDelimiterType') ?? 'string').toLowerCase();
  return { kind: 'delimiter', delimiter: delimiterBytes(type, raw) };
}

/** The delimiter's bytes for its type; also used for `tcp://` endpoint URLs. */
export function delimiterBytes(type: string, value: string, parameter = 'transport.tcp.recordDelimiter'): Uint8Array {
  switch (type) {
    case 'byte': {
      const m = /^0x([0-9a-f]{2})+$/i.exec(value);
      if (!m) throw new TcpSettingsError(parameter, `'${value}' is not a byte in hex (0x03, 0x0A ...)`);
      return Buffer.from(value.slice(2), 'hex');
    }
    case 'character':
      if ([...value].length !== 1) throw new TcpSettingsError(parameter, `'${value}' is not one character (recordDelimiterType character)`);
      return Buffer.from(value, 'utf8');
    case 'string':
      return Buffer.from(value, 'utf8');
    default:
      throw new TcpSettingsError(parameter.replace(/recordDelimiter$/, 'recordDelimiterType').replace(/delimiter$/, 'delimiterType'), `'${type}' is not one of character, byte, string`);
  }
}

function integer(parameter: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new TcpSettingsError(parameter, `'${value}' is not a whole number from ${min} to ${max}`);
  return n;
}
