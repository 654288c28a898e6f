/**
 * The TCP Try-it client, framed as the listener reads (options from the TCP proxy's runtime item):
 *   delimiter (hex bytes)  the payload is followed by the delimiter; the reply ends at the next one
 *   recordLength           the payload must fill whole records; the reply is what arrives until the
 *                          connection goes quiet
 *   neither                the payload is the whole stream: the client half-closes after writing
 *                          and the reply is everything until the listener closes
 */
import net from 'node:net';
import type { SocketExchange, SocketProtocolClient, SocketTarget } from './client.js';

/** How long a reply without an end marker may pause before it counts as complete. */
const QUIET_MS = 300;

function exchange(target: SocketTarget, payload: Uint8Array): Promise<SocketExchange> {
  const delimiter = target.options.delimiter ? Buffer.from(target.options.delimiter, 'hex') : undefined;
  const recordLength = Number(target.options.recordLength) || undefined;
  if (recordLength && payload.length % recordLength !== 0) {
    return Promise.reject(new Error(`the payload is ${payload.length} bytes; this listener reads records of ${recordLength} bytes`));
  }
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const chunks: Buffer[] = [];
    let quiet: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (result: SocketExchange | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const received = () => Buffer.concat(chunks);
    const timer = setTimeout(() => {
      const bytes = received();
      finish(bytes.length ? { reply: bytes } : { reply: new Uint8Array(), noReply: true });
    }, target.timeoutMs);
    socket.once('connect', () => {
      if (delimiter) socket.write(Buffer.concat([payload, delimiter]));
      else if (recordLength) socket.write(payload);
      else socket.end(payload);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const bytes = received();
      if (delimiter) {
        const at = bytes.indexOf(delimiter);
        if (at >= 0) finish({ reply: bytes.subarray(0, at) });
      } else if (recordLength) {
        clearTimeout(quiet);
        quiet = setTimeout(() => finish({ reply: received() }), QUIET_MS);
      }
    });
    socket.once('end', () => {
      const bytes = received();
      finish(bytes.length ? { reply: bytes } : { reply: new Uint8Array(), noReply: true });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => finish(new Error(e.code === 'ECONNREFUSED' ? `nothing listens on TCP port ${target.port}` : `TCP: ${e.message}`)));
  });
}

const tcpClient: SocketProtocolClient = { exchange };
export default tcpClient;
