/**
 * Socket Try-it on the studio's side: finds the listener among the running runtime's items, lets
 * the protocol's client exchange the payload with it over a real socket, and gathers the log
 * lines the runtime wrote meanwhile as the trace.
 */
import type { LogEntry, RuntimeItem, SocketTryItReply, SocketTryItRequest } from '../../../contract/index.js';
import { socketClients } from './clients.js';

export interface SocketTryItHost {
  items(): RuntimeItem[];
  /** The log so far (entries carry increasing `seq`). */
  log(): LogEntry[];
}

const DEFAULT_TIMEOUT_MS = 10000;
/** Log lines reach the studio through the child's stdout, a little after the reply: wait this long for them. */
const TRACE_SETTLE_MS = 150;

export async function sendSocketTryIt(host: SocketTryItHost, request: SocketTryItRequest): Promise<SocketTryItReply> {
  const item = host.items().find((i) => i.artifact === request.artifact);
  if (!item) throw tryItError(`${request.artifact} is not running`, 'NOT_FOUND');
  if (!item.socket) throw tryItError(`${request.artifact} does not listen on a socket`, 'NOT_A_SOCKET');
  if (item.state !== 'listening' || item.port === undefined) throw tryItError(`${request.artifact} is ${item.state}${item.lastError ? `: ${item.lastError}` : ''}`, 'NOT_LISTENING');
  const load = socketClients[item.socket.protocol];
  if (!load) throw tryItError(`no Try-it client for protocol ${item.socket.protocol}`, 'NO_CLIENT');
  const client = (await load()).default;
  const since = host.log().at(-1)?.seq ?? 0;
  const started = Date.now();
  const outcome = await client.exchange(
    { host: '127.0.0.1', port: item.port, options: item.socket.options ?? {}, timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS },
    Buffer.from(request.payload, 'utf8'),
  );
  const timeMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, TRACE_SETTLE_MS));
  return {
    protocol: item.socket.protocol,
    reply: Buffer.from(outcome.reply).toString('utf8'),
    replyBytes: outcome.reply.length,
    ...(outcome.noReply ? { noReply: true } : {}),
    timeMs,
    trace: host.log().filter((e) => e.seq > since),
  };
}

function tryItError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}
