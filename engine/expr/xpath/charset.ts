/**
 * String <-> bytes in the charsets MI users pass to base64Encode,
 * base64Decode and url-encode. Java charset names are matched
 * case-insensitively with their common aliases. Unknown names return
 * undefined so the caller can raise MI's "Unsupported charset" fault.
 */
import { fromUtf8, utf8 } from '../../core/bytes.js';

type Charset = 'utf-8' | 'us-ascii' | 'iso-8859-1' | 'utf-16' | 'utf-16be' | 'utf-16le';

const ALIASES: Record<string, Charset> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'us-ascii',
  ascii: 'us-ascii',
  'iso-8859-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  iso8859_1: 'iso-8859-1',
  latin1: 'iso-8859-1',
  'utf-16': 'utf-16',
  utf16: 'utf-16',
  'utf-16be': 'utf-16be',
  'utf-16le': 'utf-16le',
};

function charsetOf(name: string): Charset | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

export function encodeString(text: string, charsetName: string): Uint8Array | undefined {
  const cs = charsetOf(charsetName);
  switch (cs) {
    case undefined:
      return undefined;
    case 'utf-8':
      return utf8(text);
    case 'us-ascii':
    case 'iso-8859-1': {
      const max = cs === 'us-ascii' ? 0x7f : 0xff;
      const out: number[] = [];
      for (const ch of text) {
        const code = ch.codePointAt(0)!;
        out.push(code <= max ? code : 0x3f); // Java writes '?' for unmappable characters
      }
      return Uint8Array.from(out);
    }
    default: {
      const bom = cs === 'utf-16';
      const little = cs === 'utf-16le';
      const out = new Uint8Array(text.length * 2 + (bom ? 2 : 0));
      let o = 0;
      if (bom) {
        out[o++] = 0xfe;
        out[o++] = 0xff;
      }
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        out[o++] = little ? unit & 0xff : unit >> 8;
        out[o++] = little ? unit >> 8 : unit & 0xff;
      }
      return out;
    }
  }
}

export function decodeBytes(bytes: Uint8Array, charsetName: string): string | undefined {
  const cs = charsetOf(charsetName);
  switch (cs) {
    case undefined:
      return undefined;
    case 'utf-8':
      return fromUtf8(bytes);
    case 'us-ascii':
    case 'iso-8859-1': {
      let s = '';
      for (const b of bytes) s += b > 0x7f && cs === 'us-ascii' ? '\ufffd' : String.fromCharCode(b);
      return s;
    }
    default: {
      let start = 0;
      let little = cs === 'utf-16le';
      if (cs === 'utf-16' && bytes.length >= 2) {
        if (bytes[0] === 0xfe && bytes[1] === 0xff) start = 2;
        else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
          start = 2;
          little = true;
        }
      }
      let s = '';
      for (let i = start; i + 1 < bytes.length; i += 2) {
        s += String.fromCharCode(little ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
      }
      return s;
    }
  }
}
