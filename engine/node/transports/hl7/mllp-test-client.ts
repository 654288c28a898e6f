/**
 * A plain MLLP client for tests and the benchmark: writes bytes on a connection and reads whole
 * reply frames, keeping the raw bytes so a test can check the framing on the wire.
 */
import net from 'node:net';
import { MLLP_CR, MLLP_END, MLLP_START } from '../../../hl7/mllp.js';

export interface MllpConnection {
  /** Writes raw bytes (framed or not: tests send broken frames too). */
  write(bytes: Uint8Array | string): void;
  /** Frames one message and writes it. */
  send(message: string): void;
  /** The next reply frame with its framing bytes; rejects after timeoutMs. */
  nextFrame(timeoutMs?: number): Promise<Buffer>;
  close(): void;
}

export function frameText(message: string): Buffer {
  return Buffer.concat([Buffer.of(MLLP_START), Buffer.from(message, 'utf8'), Buffer.of(MLLP_END, MLLP_CR)]);
}

/** The message inside a raw frame (throws when the bytes are not one MLLP frame). */
export function unframe(frame: Buffer): string {
  if (frame[0] !== MLLP_START || frame[frame.length - 2] !== MLLP_END || frame[frame.length - 1] !== MLLP_CR) throw new Error(`not an MLLP frame: ${JSON.stringify(frame.toString('latin1'))}`);
  return frame.subarray(1, frame.length - 2).toString('utf8');
}

export async function connectMllp(port: number, host = '127.0.0.1'): Promise<MllpConnection> {
  const socket = net.connect({ port, host });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.setNoDelay(true);
  let buffer = Buffer.alloc(0);
  const waiting: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (const w of waiting.splice(0)) w();
  });
  socket.on('error', () => undefined);
  const take = (): Buffer | undefined => {
    for (let i = 0; i + 1 < buffer.length; i++) {
      if (buffer[i] === MLLP_END && buffer[i + 1] === MLLP_CR) {
        const frame = buffer.subarray(0, i + 2);
        buffer = buffer.subarray(i + 2);
        return Buffer.from(frame);
      }
    }
    return undefined;
  };
  return {
    write: (bytes) => void socket.write(bytes),
    send: (message) => void socket.write(frameText(message)),
    nextFrame(timeoutMs = 5000) {
      return new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no MLLP frame within ${timeoutMs} ms (buffered: ${JSON.stringify(buffer.toString('latin1'))})`)), timeoutMs);
        const check = () => {
          const f = take();
          if (f) {
            clearTimeout(timer);
            resolve(f);
          } else waiting.push(check);
        };
        check();
      });
    },
    close: () => socket.destroy(),
  };
}
