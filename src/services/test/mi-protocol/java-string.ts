/**
 * The framing of MI's unit-test agent (reference/unit-test-format.md §3): each
 * direction carries one Java-serialised `java.lang.String`: the stream header
 * `AC ED 00 05`, then TC_STRING (`74`, u16 length) or, beyond 65,535 bytes,
 * TC_LONGSTRING (`7C`, u64 length), the text in Java's modified UTF-8 (NUL as
 * `C0 80`, characters outside the BMP as two 3-byte surrogates).
 */
const STREAM_HEADER = [0xac, 0xed, 0x00, 0x05];
const TC_STRING = 0x74;
const TC_LONGSTRING = 0x7c;

export function encodeModifiedUtf8(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0 && c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Buffer.from(out);
}

export function decodeModifiedUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units.push(b);
      i += 1;
    } else if ((b & 0xe0) === 0xc0) {
      units.push(((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f));
      i += 2;
    } else {
      units.push(((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f));
      i += 3;
    }
  }
  let s = '';
  for (let i = 0; i < units.length; i += 8192) s += String.fromCharCode(...units.slice(i, i + 8192));
  return s;
}

/** One serialised String, header included. */
export function writeJavaString(text: string): Buffer {
  const body = encodeModifiedUtf8(text);
  if (body.length <= 0xffff) {
    const head = Buffer.from([...STREAM_HEADER, TC_STRING, body.length >> 8, body.length & 0xff]);
    return Buffer.concat([head, body]);
  }
  const head = Buffer.alloc(4 + 1 + 8);
  Buffer.from(STREAM_HEADER).copy(head, 0);
  head[4] = TC_LONGSTRING;
  head.writeBigUInt64BE(BigInt(body.length), 5);
  return Buffer.concat([head, body]);
}

/**
 * Reads one serialised String from bytes received so far: the text once it is
 * complete, undefined while more bytes are needed; throws on anything that is
 * not a serialised String.
 */
export function readJavaString(bytes: Buffer): string | undefined {
  if (bytes.length < 5) return undefined;
  if (!STREAM_HEADER.every((b, i) => bytes[i] === b)) throw new Error('not a Java object stream (expected AC ED 00 05)');
  const tag = bytes[4];
  if (tag === TC_STRING) {
    if (bytes.length < 7) return undefined;
    const length = bytes.readUInt16BE(5);
    return bytes.length < 7 + length ? undefined : decodeModifiedUtf8(bytes.subarray(7, 7 + length));
  }
  if (tag === TC_LONGSTRING) {
    if (bytes.length < 13) return undefined;
    const length = Number(bytes.readBigUInt64BE(5));
    return bytes.length < 13 + length ? undefined : decodeModifiedUtf8(bytes.subarray(13, 13 + length));
  }
  throw new Error(`expected a serialised String (TC_STRING or TC_LONGSTRING), got type 0x${(tag ?? 0).toString(16)}`);
}
