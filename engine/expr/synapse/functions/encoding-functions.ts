import { evaluationFault } from '../errors.js';
import { invalidArguments, type PureFunction } from './args.js';

/** Encoding functions: base64encode base64decode urlEncode urlDecode (Java semantics). */
export const ENCODING_FUNCTIONS: Record<string, PureFunction> = {
  base64encode(args) {
    const [s, charset] = args;
    if (typeof s !== 'string' || (args.length === 2 && typeof charset !== 'string')) {
      throw invalidArguments('base64Encode', args);
    }
    return encodeText(s, (charset as string | undefined) ?? 'UTF-8', 'base64Encode').toString('base64');
  },
  base64decode(args) {
    const [s, charset] = args;
    if (typeof s !== 'string' || (args.length === 2 && typeof charset !== 'string')) {
      throw invalidArguments('base64Decode', args);
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) {
      throw evaluationFault(`Illegal base64 character in the input of base64Decode function: ${s}`);
    }
    return decodeBytes(Buffer.from(s, 'base64'), (charset as string | undefined) ?? 'UTF-8', 'base64Decode');
  },
  urlEncode(args) {
    const [s, charset] = args;
    if (typeof s !== 'string' || (args.length === 2 && typeof charset !== 'string')) {
      throw invalidArguments('urlEncode', args);
    }
    const name = (charset as string | undefined) ?? 'UTF-8';
    const encoded = javaUrlEncode(encodeText(s, name, 'urlEncode'), s);
    // MI turns the form encoding into RFC 3986 style, only for UTF-8.
    return name === 'UTF-8' ? encoded.replaceAll('+', '%20').replaceAll('*', '%2A') : encoded;
  },
  urlDecode(args) {
    const [s] = args;
    if (typeof s !== 'string') throw invalidArguments('urlDecode', args);
    return javaUrlDecode(s);
  },
};

type Codec = 'utf8' | 'ascii' | 'latin1' | 'utf16le' | 'utf16be' | 'utf16';

function codecOf(charset: string, fn: string): Codec {
  const codecs: Record<string, Codec> = {
    'UTF-8': 'utf8',
    UTF8: 'utf8',
    'US-ASCII': 'ascii',
    ASCII: 'ascii',
    'ISO-8859-1': 'latin1',
    'ISO8859-1': 'latin1',
    LATIN1: 'latin1',
    'UTF-16LE': 'utf16le',
    'UTF-16BE': 'utf16be',
    'UTF-16': 'utf16',
  };
  const codec = codecs[charset.toUpperCase()];
  if (!codec) throw evaluationFault(`Invalid charset provided for ${fn} function. Charset: ${charset}`);
  return codec;
}

/** Java String.getBytes(charset): unmappable characters become '?'. */
function encodeText(s: string, charset: string, fn: string): Buffer {
  const codec = codecOf(charset, fn);
  switch (codec) {
    case 'utf8':
      return Buffer.from(s, 'utf8');
    case 'ascii':
    case 'latin1': {
      const max = codec === 'ascii' ? 0x7f : 0xff;
      return Buffer.from([...s].map((ch) => (ch.codePointAt(0)! <= max ? ch.codePointAt(0)! : 0x3f)));
    }
    case 'utf16le':
      return Buffer.from(s, 'utf16le');
    case 'utf16be':
    case 'utf16': {
      const bytes = Buffer.from(s, 'utf16le').swap16();
      return codec === 'utf16' ? Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]) : bytes;
    }
  }
}

function decodeBytes(bytes: Buffer, charset: string, fn: string): string {
  const codec = codecOf(charset, fn);
  switch (codec) {
    case 'utf8':
      return bytes.toString('utf8');
    case 'ascii':
    case 'latin1':
      return bytes.toString('latin1');
    case 'utf16le':
      return bytes.toString('utf16le');
    case 'utf16be':
    case 'utf16': {
      let body = Buffer.from(bytes);
      if (codec === 'utf16' && body[0] === 0xff && body[1] === 0xfe) return body.subarray(2).toString('utf16le');
      if (codec === 'utf16' && body[0] === 0xfe && body[1] === 0xff) body = body.subarray(2);
      const even = body.subarray(0, body.length - (body.length % 2));
      return Buffer.from(even).swap16().toString('utf16le');
    }
  }
}

/** java.net.URLEncoder: `a-zA-Z0-9.-*_` kept, space as '+', other bytes as %XX. */
function javaUrlEncode(bytes: Buffer, original: string): string {
  if (/^[A-Za-z0-9.\-*_ ]*$/.test(original)) return original.replaceAll(' ', '+');
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9.\-*_]/.test(ch)) out += ch;
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** java.net.URLDecoder with UTF-8: '+' is a space, %XX runs are UTF-8 bytes. */
function javaUrlDecode(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '+') {
      out += ' ';
      i += 1;
    } else if (ch === '%') {
      const bytes: number[] = [];
      while (i < s.length && s[i] === '%') {
        const hex = s.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
          throw evaluationFault(`URLDecoder: Illegal hex characters in escape (%) pattern - ${hex}`);
        }
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      out += Buffer.from(bytes).toString('utf8');
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}
