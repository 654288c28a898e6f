/**
 * The HL7 Try-it client (hl7 inbound endpoints): sends the payload as one MLLP frame and returns
 * the first frame that comes back (the ACK or NACK), segments shown one per line. The payload's
 * line ends (LF or CR LF, as a user types segments) become HL7's segment separator CR. Text goes
 * out in the listener's charset (its runtime item's `charset`, UTF-8 when absent).
 */
import net from 'node:net';
import { hl7Wire } from '../../../../engine/index.js';
import type { SocketExchange, SocketProtocolClient, SocketTarget } from './client.js';

export function hl7Text(payload: string): string {
  return payload.trim().replace(/\r\n|\n|\r/g, '\r');
}

function encodingOf(charset: string | undefined): BufferEncoding {
  const c = (charset ?? 'UTF-8').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (c === 'iso88591' || c === 'latin1') return 'latin1';
  if (c === 'usascii' || c === 'ascii') return 'ascii';
  return 'utf8';
}

function exchange(target: SocketTarget, payload: Uint8Array): Promise<SocketExchange> {
  const encoding = encodingOf(target.options.charset);
  const message = Buffer.from(hl7Text(new TextDecoder().decode(payload)), encoding);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const decoder = new hl7Wire.MllpDecoder();
    let done = false;
    const finish = (result: SocketExchange | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(() => finish({ reply: new Uint8Array(), noReply: true }), target.timeoutMs);
    socket.once('connect', () => socket.write(hl7Wire.mllpFrame(message)));
    socket.on('data', (chunk: Buffer) => {
      for (const ev of decoder.push(chunk)) {
        if ('frame' in ev) {
          const text = Buffer.from(ev.frame).toString(encoding).replace(/\r/g, '\n').trimEnd();
          finish({ reply: new TextEncoder().encode(text) });
          return;
        }
        finish(new Error(`the listener answered with a broken MLLP frame: ${ev.error}`));
      }
    });
    socket.once('end', () => finish({ reply: new Uint8Array(), noReply: true }));
    socket.once('error', (e: NodeJS.ErrnoException) => finish(new Error(e.code === 'ECONNREFUSED' ? `nothing listens for HL7 on port ${target.port}` : `HL7: ${e.message}`)));
  });
}

const hl7Client: SocketProtocolClient = { exchange };
export default hl7Client;
