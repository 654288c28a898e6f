/**
 * Fuzzing the FIX decoder: any bytes, cut into any reads, never make it throw or hang and it
 * buffers no more than its limit; every message encodeFix writes reads back field for field
 * however the stream is split, also after random noise (the decoder resynchronises).
 * Seeds: test/support/fuzz.ts (fixed under CI=true, FUZZ_SEED replays one).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../../../test/support/fuzz.js';
import { encodeFix, FixDecoder, type FixField } from './codec.js';

const value = fc.string({ unit: fc.constantFrom(...'abcXYZ019=|.-:_ é'), minLength: 1, maxLength: 12 });
const field = fc.tuple(fc.integer({ min: 11, max: 9999 }).filter((t) => t !== 10 && t !== 9 && t !== 8), value) as fc.Arbitrary<FixField>;
const message = fc.tuple(fc.constantFrom('FIX.4.0', 'FIX.4.1', 'FIX.4.2', 'FIX.4.3', 'FIX.4.4'), fc.constantFrom('0', 'A', 'D', '8'), fc.array(field, { maxLength: 8 })).map(([b, t, f]) => [[8, b], [35, t], ...f] as FixField[]);

function cuts(data: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (data.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...at, data.length]) {
    out.push(data.subarray(prev, p));
    prev = p;
  }
  return out;
}

describe('FIX decoder fuzz', () => {
  it('never throws on arbitrary bytes and keeps its buffer bounded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (data, points, seeded) => {
        const d = new FixDecoder(256);
        // Seeding with a real prefix makes deep paths of the parser reachable from random tails.
        const input = seeded ? new Uint8Array([...new TextEncoder().encode('8=FIX.4.2\x019='), ...data]) : data;
        for (const chunk of cuts(input, points)) d.push(chunk);
        expect((d as unknown as { buf: Uint8Array }).buf.length).toBeLessThanOrEqual(Math.max(256 + 16, input.length));
      }),
      fuzzParameters(800),
    );
  });

  it('reads back every encoded message, however split and after noise', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), fc.uint8Array({ maxLength: 30 }).map((n) => n.filter((b) => b !== 0x38)), fc.array(fc.nat(), { maxLength: 8 }), (msgs, noise, points) => {
        const encoded = msgs.map(encodeFix);
        const stream = new Uint8Array([...noise, ...encoded.flatMap((e) => [...e])]);
        const d = new FixDecoder();
        const events = cuts(stream, points).flatMap((c) => d.push(c));
        const read = events.filter((e) => e.kind === 'message').map((e) => (e.kind === 'message' ? e.message.fields.filter(([t]) => t !== 9 && t !== 10) : []));
        expect(read).toEqual(msgs);
      }),
      fuzzParameters(400),
    );
  });
});
