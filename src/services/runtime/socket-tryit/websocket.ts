/**
 * The WebSocket Try-it client (ws and wss inbound endpoints): connects as a browser would (no
 * subprotocol, so the endpoint builds the frame with its ws.default.content.type, else as text),
 * sends the payload as one text frame and returns the frames that come back, one per line, until
 * the endpoint has been quiet for a moment. wss accepts the listener's own certificate: Try-it
 * talks only to the local runtime, whose key store is often self-signed.
 */
import { WebSocket } from 'ws';
import type { SocketExchange, SocketProtocolClient, SocketTarget } from './client.js';

/** After a frame, how long without another one before the reply counts as complete. */
const QUIET_MS = 300;

function exchange(target: SocketTarget, payload: Uint8Array): Promise<SocketExchange> {
  const secure = target.options.tls === 'true';
  const url = `${secure ? 'wss' : 'ws'}://${target.host}:${target.port}${target.options.path ?? '/'}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false, rejectUnauthorized: false, handshakeTimeout: target.timeoutMs });
    const frames: Buffer[] = [];
    let quiet: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (result: SocketExchange | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.terminate();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const collected = (): SocketExchange => {
      if (frames.length === 0) return { reply: new Uint8Array(), noReply: true };
      const parts: Buffer[] = [];
      frames.forEach((f, i) => parts.push(...(i > 0 ? [Buffer.from('\n'), f] : [f])));
      return { reply: Buffer.concat(parts) };
    };
    const timer = setTimeout(() => finish(collected()), target.timeoutMs);
    socket.once('open', () => socket.send(Buffer.from(payload).toString('utf8')));
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      frames.push(Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data));
      clearTimeout(quiet);
      quiet = setTimeout(() => finish(collected()), QUIET_MS);
    });
    socket.once('close', () => finish(collected()));
    socket.once('unexpected-response', (_req, res) => finish(new Error(`the listener on port ${target.port} refused the WebSocket handshake with HTTP ${res.statusCode}`)));
    socket.once('error', (e: NodeJS.ErrnoException) => finish(new Error(e.code === 'ECONNREFUSED' ? `nothing listens on port ${target.port}` : `WebSocket: ${e.message}`)));
  });
}

const websocketClient: SocketProtocolClient = { exchange };
export default websocketClient;
