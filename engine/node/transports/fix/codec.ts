/**
 * FIX tag=value wire format (FIX 4.0–4.4): fields `tag=value` each ended by SOH (0x01), in the
 * order BeginString(8), BodyLength(9), the rest, CheckSum(10). BodyLength counts the bytes after
 * the SOH that ends field 9 up to and including the SOH before field 10; CheckSum is the sum of
 * every byte before field 10, modulo 256, written as three digits.
 *
 * The decoder reads a byte stream (one TCP connection) and yields whole messages. A message whose
 * checksum or body length does not hold is reported as garbled and skipped (FIX: a garbled
 * message is ignored, the expected sequence number is not advanced), and reading resumes at the
 * next `8=FIX`; it never throws on input and keeps at most `maxMessageBytes` buffered.
 */

export const SOH = 0x01;

/** One field: tag number and raw value (values are kept as text; FIX data fields are not used here). */
export type FixField = [tag: number, value: string];

export interface FixMessage {
  fields: FixField[];
}

export function fieldOf(m: FixMessage, tag: number): string | undefined {
  for (const [t, v] of m.fields) if (t === tag) return v;
  return undefined;
}

export function checksumOf(bytes: Uint8Array, end = bytes.length): number {
  let sum = 0;
  for (let i = 0; i < end; i++) sum = (sum + bytes[i]!) & 0xff;
  return sum;
}

const encoder = new TextEncoder();

/**
 * Encodes a message: `fields` must start with 8 (BeginString); 9 and 10 are computed here
 * (any given are replaced). Values may not contain SOH.
 */
export function encodeFix(fields: FixField[]): Uint8Array {
  const begin = fields.find(([t]) => t === 8);
  if (!begin) throw new Error('A FIX message needs BeginString (8)');
  const body = fields.filter(([t]) => t !== 8 && t !== 9 && t !== 10);
  for (const [t, v] of body) if (v.includes('\x01')) throw new Error(`FIX field ${t} contains SOH`);
  const bodyBytes = encoder.encode(body.map(([t, v]) => `${t}=${v}\x01`).join(''));
  const head = encoder.encode(`8=${begin[1]}\x019=${bodyBytes.length}\x01`);
  const out = new Uint8Array(head.length + bodyBytes.length + 7);
  out.set(head, 0);
  out.set(bodyBytes, head.length);
  const sum = checksumOf(out, head.length + bodyBytes.length);
  out.set(encoder.encode(`10=${String(sum).padStart(3, '0')}\x01`), head.length + bodyBytes.length);
  return out;
}

/** A readable form for logs: SOH shown as `|`. */
export function printable(bytes: Uint8Array | string): string {
  const s = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  return s.replace(/\x01/g, '|');
}

export type DecodeEvent =
  | { kind: 'message'; message: FixMessage; raw: Uint8Array }
  | { kind: 'garbled'; reason: string; raw: Uint8Array };

const decoder = new TextDecoder();
const BEGIN = encoder.encode('8=FIX');

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export class FixDecoder {
  private buf = new Uint8Array(0);

  constructor(private readonly maxMessageBytes = 1024 * 1024) {}

  /** Adds bytes read from the connection; returns the messages (and garbled ones) now complete. */
  push(chunk: Uint8Array): DecodeEvent[] {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    this.buf = joined;
    const events: DecodeEvent[] = [];
    for (;;) {
      const ev = this.next();
      if (!ev) break;
      events.push(ev);
    }
    return events;
  }

  private next(): DecodeEvent | undefined {
    const start = indexOfBytes(this.buf, BEGIN, 0);
    if (start < 0) {
      // Keep a possible partial "8=FIX" at the end; drop the rest (noise between messages).
      this.buf = this.buf.slice(Math.max(0, this.buf.length - (BEGIN.length - 1)));
      return undefined;
    }
    if (start > 0) this.buf = this.buf.slice(start);
    const b = this.buf;
    const sohBegin = b.indexOf(SOH);
    if (sohBegin < 0) return this.tooLong();
    // Field 9 must follow at once.
    if (b.length < sohBegin + 3) return undefined;
    if (b[sohBegin + 1] !== 0x39 || b[sohBegin + 2] !== 0x3d) return this.skip('BodyLength (9) does not follow BeginString (8)', sohBegin);
    const sohLen = b.indexOf(SOH, sohBegin + 3);
    if (sohLen < 0) return b.length - sohBegin > 12 ? this.skip('BodyLength (9) is not a number', sohBegin) : undefined;
    const lenText = decoder.decode(b.subarray(sohBegin + 3, sohLen));
    if (!/^\d{1,9}$/.test(lenText)) return this.skip(`BodyLength (9) "${lenText}" is not a number`, sohLen);
    const bodyLen = Number(lenText);
    const trailerAt = sohLen + 1 + bodyLen;
    if (trailerAt + 7 > this.maxMessageBytes) return this.skip(`message longer than ${this.maxMessageBytes} bytes`, sohLen);
    if (b.length < trailerAt + 7) return undefined;
    const trailer = decoder.decode(b.subarray(trailerAt, trailerAt + 7));
    if (!/^10=\d{3}\x01$/.test(trailer)) {
      // The body length is wrong: the checksum field is not where it says.
      return this.skip(`BodyLength (9) ${bodyLen} does not end at CheckSum (10)`, sohLen);
    }
    const raw = b.slice(0, trailerAt + 7);
    this.buf = b.slice(trailerAt + 7);
    const expected = checksumOf(raw, trailerAt);
    const given = Number(trailer.slice(3, 6));
    if (expected !== given) return { kind: 'garbled', reason: `CheckSum (10) is ${String(given).padStart(3, '0')}, expected ${String(expected).padStart(3, '0')}`, raw };
    const parsed = parseFields(decoder.decode(raw));
    if (typeof parsed === 'string') return { kind: 'garbled', reason: parsed, raw };
    return { kind: 'message', message: { fields: parsed }, raw };
  }

  /** Drops the bytes of a broken message up to `upto`, so reading resumes at the next `8=FIX`. */
  private skip(reason: string, upto: number): DecodeEvent {
    const raw = this.buf.slice(0, upto + 1);
    this.buf = this.buf.slice(upto + 1);
    return { kind: 'garbled', reason, raw };
  }

  private tooLong(): DecodeEvent | undefined {
    return this.buf.length > 64 ? this.skip('BeginString (8) has no end', 1) : undefined;
  }
}

/** Splits complete `tag=value<SOH>` text; a string is the reason it is not well formed. */
export function parseFields(text: string): FixField[] | string {
  const out: FixField[] = [];
  const parts = text.split('\x01');
  if (parts.pop() !== '') return 'the last field is not ended by SOH';
  for (const p of parts) {
    const eq = p.indexOf('=');
    const tag = p.slice(0, eq);
    if (eq <= 0 || !/^\d{1,9}$/.test(tag)) return `"${printable(p).slice(0, 40)}" is not a tag=value field`;
    out.push([Number(tag), p.slice(eq + 1)]);
  }
  return out;
}
