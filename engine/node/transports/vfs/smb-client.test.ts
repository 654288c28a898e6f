import { describe, it, expect } from 'vitest';
import { dropInterimResponses } from './smb-client.js';

/** One NetBIOS-framed SMB2 response header (64 bytes) with the given status, flags and MessageId. */
function frame(status: number, flags: number, messageId: number): Buffer {
  const h = Buffer.alloc(64);
  h.write('\xfeSMB', 0, 'latin1');
  h.writeUInt16LE(64, 4);
  h.writeUInt32LE(status, 8);
  h.writeUInt32LE(flags, 16);
  h.writeUInt32LE(messageId, 24);
  const nb = Buffer.alloc(4);
  nb.writeUInt16BE(h.length, 2);
  return Buffer.concat([nb, h]);
}

const ids = (chunks: Buffer[]) => {
  const all = Buffer.concat(chunks);
  const out: number[] = [];
  for (let at = 0; at < all.length; at += 68) out.push(all.readUInt32LE(at + 4 + 24));
  return out;
};

describe('dropInterimResponses', () => {
  it('passes final responses and drops async STATUS_PENDING interim ones, across chunk boundaries', () => {
    const seen: Buffer[] = [];
    const h = dropInterimResponses((d) => seen.push(d));
    const stream = Buffer.concat([frame(0, 1, 1), frame(0x103, 0x3, 2), frame(0xc0000034, 1, 3), frame(0, 0x3, 2)]);
    // Delivered in odd pieces, as a socket may.
    for (const cut of [[0, 10], [10, 100], [100, 200], [200, stream.length]]) h(stream.subarray(cut[0], cut[1]));
    expect(ids(seen)).toEqual([1, 3, 2]);
  });

  it('keeps a STATUS_PENDING that is not an async interim answer', () => {
    const seen: Buffer[] = [];
    dropInterimResponses((d) => seen.push(d))(frame(0x103, 0x1, 7));
    expect(ids(seen)).toEqual([7]);
  });
});
