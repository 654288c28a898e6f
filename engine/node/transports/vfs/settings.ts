/**
 * The transport.vfs.* parameters of one polling source (a file inbound endpoint or a
 * `transports="vfs"` proxy), read and checked once when it starts. Differences between the two
 * follow MI: the inbound's `interval` is milliseconds, the proxy's transport.PollInterval
 * seconds (or `<n>ms`, default 300 s); a proxy must name its ContentType; an inbound deletes on
 * anything but MOVE (NONE included), a proxy honours NONE.
 */
import { InboundConfigError } from '../../../inbound/types.js';
import { parseVfsUri, VfsUriError, type VfsUri } from './uri.js';

export type AfterAction = 'DELETE' | 'MOVE' | 'NONE';

export interface VfsPollSettings {
  /** For logs: `Inbound endpoint FileEP`, `Proxy service VfsProxy`. */
  who: string;
  fileUri: VfsUri;
  /** undefined: by extension (*.xml text/xml, else text/plain), as MI's file inbound. */
  contentType?: string;
  pattern?: RegExp;
  afterProcess: AfterAction;
  afterFailure: AfterAction;
  moveAfterProcess?: VfsUri;
  moveAfterFailure?: VfsUri;
  moveTimestampFormat?: string;
  createFolder: boolean;
  locking: boolean;
  sortAttribute: 'name' | 'size' | 'lastmodifiedtimestamp' | 'none';
  sortAscending: boolean;
  processCount?: number;
  processIntervalMs: number;
  sizeLimit: number;
  streaming: boolean;
  maxRetries: number;
  reconnectMs: number;
  identity?: string;
  replyFileUri?: VfsUri;
  replyFileName: string;
  sequential: boolean;
  intervalMs: number;
}

type Param = (name: string) => string | undefined;

function uri(param: Param, name: string, required = false): VfsUri | undefined {
  const v = param(name)?.trim();
  if (!v) {
    if (required) throw new InboundConfigError(`parameter ${name} is required`, name);
    return undefined;
  }
  try {
    return parseVfsUri(v);
  } catch (e) {
    throw new InboundConfigError(`parameter ${name}: ${e instanceof VfsUriError ? e.message : String(e)}`, name);
  }
}

function action(param: Param, name: string, mode: 'inbound' | 'proxy'): AfterAction {
  const v = (param(name) ?? 'DELETE').trim().toUpperCase();
  if (v === 'MOVE') return 'MOVE';
  if (v === 'NONE' && mode === 'proxy') return 'NONE';
  return 'DELETE';
}

function int(param: Param, name: string, fallback: number): number {
  const v = param(name)?.trim();
  if (!v) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InboundConfigError(`parameter ${name} must be a number, not '${v}'`, name);
  return n;
}

/** transport.PollInterval: seconds, or `<n>ms`; default 300 s. */
export function proxyPollIntervalMs(raw: string | undefined): number {
  const v = raw?.trim();
  if (!v) return 300_000;
  const ms = /^(\d+)\s*ms$/i.exec(v);
  if (ms) return Number(ms[1]);
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InboundConfigError(`transport.PollInterval must be seconds or <n>ms, not '${v}'`, 'transport.PollInterval');
  return n * 1000;
}

export function readVfsSettings(param: Param, mode: 'inbound' | 'proxy', who: string, common: { intervalMs?: number; sequential: boolean }): VfsPollSettings {
  const fileUri = uri(param, 'transport.vfs.FileURI', true)!;
  const contentType = param('transport.vfs.ContentType')?.trim() || undefined;
  if (mode === 'proxy' && !contentType) throw new InboundConfigError('parameter transport.vfs.ContentType is required on a VFS proxy', 'transport.vfs.ContentType');
  const patternText = param('transport.vfs.FileNamePattern');
  let pattern: RegExp | undefined;
  if (patternText) {
    try {
      // Java's String.matches: the whole name.
      pattern = new RegExp(`^(?:${patternText})$`);
    } catch (e) {
      throw new InboundConfigError(`transport.vfs.FileNamePattern is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`, 'transport.vfs.FileNamePattern');
    }
  }
  const afterProcess = action(param, 'transport.vfs.ActionAfterProcess', mode);
  const afterFailure = action(param, 'transport.vfs.ActionAfterFailure', mode);
  const moveAfterProcess = uri(param, 'transport.vfs.MoveAfterProcess');
  const moveAfterFailure = uri(param, 'transport.vfs.MoveAfterFailure');
  const sort = (param('transport.vfs.FileSortAttribute') ?? 'NONE').trim().toLowerCase();
  if (!['name', 'size', 'lastmodifiedtimestamp', 'none'].includes(sort)) throw new InboundConfigError(`transport.vfs.FileSortAttribute must be Name, Size, Lastmodifiedtimestamp or NONE, not '${param('transport.vfs.FileSortAttribute')}'`, 'transport.vfs.FileSortAttribute');
  const count = param('transport.vfs.FileProcessCount')?.trim();
  return {
    who,
    fileUri,
    contentType,
    pattern,
    afterProcess,
    afterFailure,
    moveAfterProcess,
    moveAfterFailure,
    moveTimestampFormat: param('transport.vfs.MoveTimestampFormat')?.trim() || undefined,
    createFolder: (param('transport.vfs.CreateFolder') ?? 'true').trim().toLowerCase() !== 'false',
    locking: (param('transport.vfs.Locking') ?? 'enable').trim().toLowerCase() !== 'disable',
    sortAttribute: sort as VfsPollSettings['sortAttribute'],
    sortAscending: (param('transport.vfs.FileSortAscending') ?? 'true').trim().toLowerCase() !== 'false',
    processCount: count ? int(param, 'transport.vfs.FileProcessCount', 0) : undefined,
    processIntervalMs: int(param, 'transport.vfs.FileProcessInterval', 0),
    sizeLimit: int(param, 'transport.vfs.FileSizeLimit', -1),
    streaming: (param('transport.vfs.Streaming') ?? 'false').trim().toLowerCase() === 'true',
    maxRetries: int(param, 'transport.vfs.MaxRetryCount', 3),
    reconnectMs: mode === 'proxy' ? int(param, 'transport.vfs.ReconnectTimeout', 30) * 1000 : int(param, 'transport.vfs.ReconnectTimeout', 30000),
    identity: param('transport.vfs.SFTPIdentities')?.trim() || undefined,
    replyFileUri: uri(param, 'transport.vfs.ReplyFileURI'),
    replyFileName: param('transport.vfs.ReplyFileName')?.trim() || 'response.xml',
    sequential: common.sequential,
    intervalMs: mode === 'proxy' ? proxyPollIntervalMs(param('transport.PollInterval')) : common.intervalMs ?? 1000,
  };
}
