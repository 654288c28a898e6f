/**
 * `tcp://host:port` address endpoints: the formatted message is written on a new connection.
 * URL parameters: `delimiter` and `delimiterType` (byte | character | string; a delimiter written
 * `0x..` is a byte without a type) follow the message and end the reply; `contentType` is the
 * reply's content type (default: that of the message sent). Without a delimiter the client
 * half-closes after the message and the reply is everything until the server closes. With
 * OUT_ONLY nothing is awaited. Refused connections fail with 101503, a reply that does not come
 * in time with 101504, as MI's senders do.
 */
import net from 'node:net';
import { BrokerError, type BrokerReply, type BrokerSendRequest, type BrokerSender } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import { HeaderMap } from '../../../core/headers.js';
import { delimiterBytes, TcpSettingsError } from './settings.js';

const DEFAULT_TIMEOUT_MS = 30000;

export interface SocketAddress {
  host: string;
  port: number;
  params: URLSearchParams;
}

/** host, port and query of a `tcp://` or `udp://` URI; throws BrokerError naming what is wrong. */
export function socketAddress(uri: string, scheme: 'tcp' | 'udp'): SocketAddress {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new BrokerError(ErrorCodes.SENDING_FAILED, `${uri} is not a valid ${scheme}:// address`);
  }
  const port = Number(url.port);
  if (!url.hostname || !Number.isInteger(port) || port <= 0) throw new BrokerError(ErrorCodes.SENDING_FAILED, `${uri} names no host and port (${scheme}://host:port)`);
  const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
  return { host, port, params: url.searchParams };
}

function delimiterOf(params: URLSearchParams, uri: string): Uint8Array | undefined {
  const value = params.get('delimiter');
  if (value === null || value === '') return undefined;
  const type = params.get('delimiterType') ?? (/^0x[0-9a-f]+$/i.test(value) ? 'byte' : 'string');
  try {
    return delimiterBytes(type.toLowerCase(), value, 'delimiter');
  } catch (e) {
    throw new BrokerError(ErrorCodes.SENDING_FAILED, `${uri}: ${e instanceof TcpSettingsError ? e.message : String(e)}`);
  }
}

export function createTcpSender(): BrokerSender {
  return {
    send(req: BrokerSendRequest): Promise<BrokerReply | undefined> {
      const { host, port, params } = socketAddress(req.uri, 'tcp');
      const delimiter = delimiterOf(params, req.uri);
      const replyType = params.get('contentType') ?? req.contentType;
      const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port });
        const chunks: Buffer[] = [];
        let settled = false;
        const settle = (outcome: BrokerReply | undefined | BrokerError) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.destroy();
          if (outcome instanceof BrokerError) reject(outcome);
          else resolve(outcome);
        };
        const reply = (bytes: Buffer) => settle({ body: new Uint8Array(bytes), contentType: replyType, headers: new HeaderMap() });
        const timer = setTimeout(() => settle(new BrokerError(ErrorCodes.CONNECTION_TIMEOUT, `no reply from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
        socket.once('connect', () => {
          const out = delimiter ? Buffer.concat([req.body, delimiter]) : Buffer.from(req.body);
          if (!req.expectReply) {
            socket.end(out, () => settle(undefined));
            return;
          }
          if (delimiter) socket.write(out);
          else socket.end(out);
        });
        socket.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (!delimiter) return;
          const all = Buffer.concat(chunks);
          const at = all.indexOf(delimiter);
          if (at >= 0) reply(all.subarray(0, at));
        });
        socket.once('end', () => {
          if (!req.expectReply) return;
          if (delimiter) settle(new BrokerError(ErrorCodes.CONNECTION_CLOSED, `${host}:${port} closed the connection before a delimited reply`));
          else reply(Buffer.concat(chunks));
        });
        socket.once('error', (e: NodeJS.ErrnoException) =>
          settle(new BrokerError(e.code === 'ECONNREFUSED' ? ErrorCodes.CONNECTION_FAILED : ErrorCodes.SND_IO_ERROR, `${host}:${port}: ${e.code === 'ECONNREFUSED' ? 'connection refused' : e.message}`)),
        );
      });
    },
  };
}
