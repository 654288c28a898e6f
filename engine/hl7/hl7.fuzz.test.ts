/**
 * Fuzzing the MLLP framer and the HL7 codec: any byte stream split at any points yields the same
 * frames and errors as in one piece, never an exception; framed messages come back whole; any
 * text parses to a message or is refused with an Hl7ParseError (never another exception); a
 * parsed message survives ER7 -> XML -> ER7 unchanged where XML can carry it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXmlStrict } from '../xml/dom.js';
import { fuzzParameters } from '../../test/support/fuzz.js';
import { MllpDecoder, mllpFrame, type MllpEvent } from './mllp.js';
import { encodeEr7, Hl7ParseError, parseEr7 } from './er7.js';
import { fromHapiXml, Hl7XmlEncodeError, toHapiXml } from './xml.js';

const interesting = fc.constantFrom(0x0b, 0x1c, 0x0d, 0x0a, 0x20, 0x41, 0x7c, 0x00, 0xff);
const stream = fc.array(fc.oneof(interesting, fc.integer({ min: 0, max: 255 })), { maxLength: 200 });

function decodeAll(chunks: Uint8Array[]): MllpEvent[] {
  const d = new MllpDecoder(64);
  const out: MllpEvent[] = [];
  for (const c of chunks) out.push(...d.push(c));
  out.push(...d.end());
  return out.map((e) => ('frame' in e ? { frame: Uint8Array.from(e.frame) } : e));
}

const value = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '|', '^', '~', '\\', '&', 'é', '<', '>', '\u0001'), maxLength: 6 });

describe('MLLP framer (fuzz)', () => {
  it('splitting a stream anywhere changes nothing, and nothing throws', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 5 }), (bytes, cuts) => {
        const all = Uint8Array.from(bytes);
        const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const p of points) {
          chunks.push(all.subarray(at, p));
          at = p;
        }
        chunks.push(all.subarray(at));
        expect(decodeAll(chunks)).toEqual(decodeAll([all]));
      }),
      fuzzParameters(300),
    );
  });

  it('framed messages without start bytes come back whole, one per frame', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0x0b), { maxLength: 40 }), { maxLength: 5 }), (messages) => {
        const clean = messages.map((m) => Uint8Array.from(m)).filter((m) => !(m[m.length - 1] === 0x1c) && !containsEnd(m));
        const wire = clean.map(mllpFrame);
        const joined = Uint8Array.from(wire.flatMap((w) => [...w]));
        const d = new MllpDecoder(1 << 20);
        const frames = [...d.push(joined), ...d.end()].map((e) => ('frame' in e ? [...e.frame] : e));
        expect(frames).toEqual(clean.map((m) => [...m]));
      }),
      fuzzParameters(200),
    );
  });

  it('regression: an end byte split from its carriage return across chunks still ends the frame', () => {
    const d = new MllpDecoder();
    expect(d.push(Uint8Array.of(0x0b, 0x41, 0x1c))).toEqual([]);
    expect(d.push(Uint8Array.of(0x0d))).toEqual([{ frame: Uint8Array.of(0x41) }]);
  });
});

function containsEnd(m: Uint8Array): boolean {
  for (let i = 0; i + 1 < m.length; i++) if (m[i] === 0x1c && m[i + 1] === 0x0d) return true;
  return false;
}

describe('HL7 parser and XML form (fuzz)', () => {
  it('any text parses or is refused with an Hl7ParseError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.tuple(value, value, value).map(([a, b, c]) => `MSH|^~\\&|${a}|${b}||||${c}|ADT^A01|1|P|2.5\rPID|${a}^${b}~${c}`)), (text) => {
        try {
          parseEr7(text);
        } catch (e) {
          expect(e).toBeInstanceOf(Hl7ParseError);
        }
      }),
      fuzzParameters(400),
    );
  });

  it('ER7 -> XML -> ER7 keeps the message, escapes included', () => {
    const field = fc.array(fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(fc.array(field, { maxLength: 6 }), fc.constantFrom('2.2', '2.3.1', '2.5', '2.6'), (pidFields, version) => {
        const msh = parseEr7(`MSH|^~\\&|A|B|C|D|20240101||ADT^A01|9|P|${version}`);
        const message = { delimiters: msh.delimiters, segments: [msh.segments[0]!, { name: 'ZPD', fields: pidFields }] };
        const er7 = encodeEr7(message);
        let xml: string;
        try {
          xml = toHapiXml(parseEr7(er7));
        } catch (e) {
          expect(e).toBeInstanceOf(Hl7XmlEncodeError);
          return;
        }
        // HAPI's XML form has no element for an empty repetition, so `~a` comes back as `a`.
        const expected = encodeEr7({ ...message, segments: [message.segments[0]!, { name: 'ZPD', fields: pidFields.map(withoutEmptyRepetitions) }] });
        expect(encodeEr7(fromHapiXml(parseXmlStrict(xml).documentElement!))).toBe(expected);
      }),
      fuzzParameters(300),
    );
  });

  it('regression: an empty repetition before a value is dropped, as HAPI drops it', () => {
    const er7 = 'MSH|^~\\&|A|B|C|D|20240101||ADT^A01|9|P|2.2\rZPD|~a';
    expect(encodeEr7(fromHapiXml(parseXmlStrict(toHapiXml(parseEr7(er7))).documentElement!))).toBe('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|9|P|2.2\rZPD|a\r');
  });
});

function withoutEmptyRepetitions(field: string[][][]): string[][][] {
  const kept = field.filter((rep) => !rep.every((component) => component.every((sub) => sub === '')));
  return kept.length > 0 ? kept : [[['']]];
}
