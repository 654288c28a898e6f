/** BodySource over Node streams: read with a size limit, or stream through untouched. */
import type { Readable } from 'node:stream';
import type { BodySource } from '../core/message.js';
import { PayloadTooLargeError } from '../core/errors.js';

/** An incoming HTTP message: `complete` is true once the parser has received all of it. */
type MaybeIncoming = Readable & { complete?: boolean };

export function streamBodySource(stream: Readable, declaredLength: number | undefined, maxBytes: number): BodySource {
  let consumed = false;
  const take = () => {
    if (consumed) throw new Error('body already consumed');
    consumed = true;
  };
  /** The buffered body of a fully received message, read synchronously (no stream iteration). */
  const whenArrived = (): Uint8Array | undefined => {
    const s = stream as MaybeIncoming;
    if (consumed || s.complete !== true || s.readableFlowing === true || s.readableEnded) return undefined;
    consumed = true;
    // In paused mode read() returns the whole buffer; the stream then emits 'end' by itself.
    const chunk = s.read() as Buffer | null;
    return chunk ? asBytes(chunk) : new Uint8Array();
  };
  return {
    length: declaredLength,
    async read() {
      if (declaredLength !== undefined && declaredLength > maxBytes) {
        take();
        stream.resume();
        throw new PayloadTooLargeError(maxBytes);
      }
      const whole = whenArrived();
      if (whole) {
        if (whole.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
        return whole;
      }
      take();
      return collect(stream, maxBytes);
    },
    stream() {
      take();
      return stream as AsyncIterable<Uint8Array>;
    },
    completed: whenArrived,
  };
}

/** Reads a stream to its end with events (cheaper than async iteration), destroying it past `maxBytes`. */
function collect(stream: Readable, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        // Discarded, not destroyed: the client is still sending, and a closed socket would reach it as
        // EPIPE instead of the 413 (the server bounds how long it drains).
        cleanup();
        chunks.length = 0;
        stream.resume();
        reject(new PayloadTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(asBytes(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the connection closed before the body was complete'));
    };
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('close', onClose);
  });
}

/** A plain Uint8Array view of a Buffer (no copy), the type the engine's messages hold. */
export function asBytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
