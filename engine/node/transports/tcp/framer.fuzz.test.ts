/**
 * Fuzzing the TCP record framer: any bytes, cut into any chunks, with any delimiter, record
 * length and size limit, give exactly the records (or oversized refusals) that splitting the
 * whole stream at once gives; nothing throws, nothing hangs, and what the framer holds never
 * grows past the limit plus the delimiter, however much a client sends without one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../../../test/support/fuzz.js';
import { RecordFramer, type Framing, type FramerEvent } from './framer.js';

/** Bytes drawn from a small alphabet, so delimiters (and their prefixes) occur often. */
const bytes = fc.uint8Array({ min: 0, max: 4, maxLength: 300 }).map((a) => Buffer.from(a.map((b) => [0x61, 0x62, 0x03, 0x7c, 0x0a][b]!)));
const delimiter = fc.oneof(fc.constantFrom('|', '\x03', 'ab', 'aa', 'aba', '\n|'), fc.string({ minLength: 1, maxLength: 4 })).map((d) => Buffer.from(d, 'latin1'));
const framing: fc.Arbitrary<Framing> = fc.oneof(
  delimiter.map((d) => ({ kind: 'delimiter' as const, delimiter: d })),
  fc.integer({ min: 1, max: 40 }).map((length) => ({ kind: 'length' as const, length })),
  fc.constant({ kind: 'stream' as const }),
);
/** Where the stream is cut into chunks, as fractions of its length. */
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

function chunked(stream: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((f) => Math.floor(f * stream.length)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, stream.length]) {
    out.push(stream.subarray(from, p));
    from = p;
  }
  return out;
}

/** The reference: the whole stream split at once. */
function expected(stream: Buffer, f: Framing, max: number): FramerEvent[] {
  const piece = (b: Buffer): FramerEvent => (b.length > max ? { oversized: b.length } : { record: b });
  const out: FramerEvent[] = [];
  if (f.kind === 'stream') return stream.length ? [piece(stream)] : [];
  if (f.kind === 'length') {
    let i = 0;
    for (; i + f.length <= stream.length; i += f.length) out.push(piece(stream.subarray(i, i + f.length)));
    if (i < stream.length) out.push({ incompleteTail: stream.length - i });
    return out;
  }
  const d = Buffer.from(f.delimiter);
  let rest = stream;
  for (let at = rest.indexOf(d); at >= 0; at = rest.indexOf(d)) {
    out.push(piece(rest.subarray(0, at)));
    rest = rest.subarray(at + d.length);
  }
  if (rest.length) out.push(piece(rest));
  return out;
}

function run(stream: Buffer, f: Framing, max: number, at: number[]): { events: FramerEvent[]; peak: number } {
  const framer = new RecordFramer(f, max);
  const events: FramerEvent[] = [];
  let peak = 0;
  for (const chunk of chunked(stream, at)) {
    events.push(...framer.push(chunk));
    peak = Math.max(peak, framer.pendingBytes - chunk.length);
  }
  events.push(...framer.end());
  return { events, peak };
}

describe('TCP record framer (fuzz)', () => {
  it('gives the records of the whole stream, whatever the chunking, and holds no more than the limit', () => {
    fc.assert(
      fc.property(bytes, framing, fc.integer({ min: 1, max: 60 }), cuts, (stream, f, max, at) => {
        const { events, peak } = run(stream, f, max, at);
        expect(events).toEqual(expected(stream, f, max));
        const keep = f.kind === 'delimiter' ? f.delimiter.length - 1 : f.kind === 'length' ? f.length : 0;
        expect(peak).toBeLessThanOrEqual(max + keep);
      }),
      fuzzParameters(400),
    );
  });

  it('survives a flood without a delimiter: memory stays bounded and the record after it is served', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 1, max: 200 }), (max, chunks) => {
        const framer = new RecordFramer({ kind: 'delimiter', delimiter: Buffer.from('\n') }, max);
        for (let i = 0; i < chunks; i++) {
          expect(framer.push(Buffer.alloc(97, 0x61))).toEqual([]);
          expect(framer.pendingBytes).toBeLessThanOrEqual(max);
        }
        expect(framer.push(Buffer.from('\nok\n'))).toEqual([{ oversized: chunks * 97 }, { record: Buffer.from('ok') }]);
      }),
      fuzzParameters(100),
    );
  });

  // Named cases: the second is a counterexample the property found (an oversized undelimited tail).
  it('finds a delimiter whose first bytes arrived at the end of the previous chunk while discarding', () => {
    const framer = new RecordFramer({ kind: 'delimiter', delimiter: Buffer.from('aba') }, 2);
    expect(framer.push(Buffer.from('xxxxab'))).toEqual([]);
    expect(framer.push(Buffer.from('ay'))).toEqual([{ oversized: 4 }]);
    expect(framer.end()).toEqual([{ record: Buffer.from('y') }]);
  });

  it('refuses an oversized tail the client closes on without a delimiter (limit 5, tail 6, delimiter of 2)', () => {
    const framer = new RecordFramer({ kind: 'delimiter', delimiter: Buffer.from('  ') }, 5);
    expect(framer.push(Buffer.from('aaaaaa'))).toEqual([]);
    expect(framer.end()).toEqual([{ oversized: 6 }]);
  });
});
