/** BodySource over Node streams: read with a size limit, or stream through untouched. */
import type { Readable } from 'node:stream';
import type { BodySource } from '../core/message.js';
import { PayloadTooLargeError } from '../core/errors.js';

export function streamBodySource(stream: Readable, declaredLength: number | undefined, maxBytes: number): BodySource {
  let consumed = false;
  return {
    length: declaredLength,
    async read() {
      if (consumed) throw new Error('body already consumed');
      consumed = true;
      if (declaredLength !== undefined && declaredLength > maxBytes) {
        stream.resume();
        throw new PayloadTooLargeError(maxBytes);
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of stream) {
        const b = chunk as Buffer;
        total += b.length;
        if (total > maxBytes) {
          stream.destroy();
          throw new PayloadTooLargeError(maxBytes);
        }
        chunks.push(b);
      }
      const all = Buffer.concat(chunks);
      return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
    },
    stream() {
      if (consumed) throw new Error('body already consumed');
      consumed = true;
      return stream as AsyncIterable<Uint8Array>;
    },
  };
}
