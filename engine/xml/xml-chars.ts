/**
 * Character classes of XML 1.0 (fifth edition) and Namespaces in XML 1.0:
 * name characters, white space, and the characters a document may contain.
 */

const NAME_START = 1;
const NAME_CHAR = 2;

/** ASCII lookup: bit NAME_START for [A-Za-z_], NAME_CHAR for those plus [0-9.-]. The colon is handled by the QName scanner. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const other = (c >= 48 && c <= 57) || c === 45 || c === 46;
  ASCII[c] = letter ? NAME_START | NAME_CHAR : other ? NAME_CHAR : 0;
}

/** NameStartChar above ASCII (surrogate pairs are checked by the caller), per XML 1.0 production [4]. */
function nonAsciiNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

export function isNameStartCode(c: number): boolean {
  return c < 128 ? (ASCII[c]! & NAME_START) !== 0 : nonAsciiNameStart(c);
}

export function isNameCode(c: number): boolean {
  if (c < 128) return (ASCII[c]! & NAME_CHAR) !== 0;
  return nonAsciiNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040);
}

/** A high surrogate that starts a supplementary character allowed in names (#x10000-#xEFFFF). */
export function isNameHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdb7f;
}

export function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** XML white space: space, tab, line feed, carriage return. */
export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** True when `s` is an XML Name without colons (NCName). */
export function isNCName(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isNameHighSurrogate(c) && isLowSurrogate(s.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (i === 0 ? !isNameStartCode(c) : !isNameCode(c)) return false;
  }
  return true;
}

/** Whether a code point is an XML 1.0 Char (production [2]). */
export function isXmlCharCode(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Characters that can never occur in a document, and any surrogate (checked for pairing below). */
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Offset of the first character from `from` on that XML 1.0 does not allow (controls, U+FFFE/FFFF, unpaired surrogates), or -1. */
export function findInvalidChar(text: string, from = 0): number {
  SUSPECT.lastIndex = from;
  for (let m = SUSPECT.exec(text); m; m = SUSPECT.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      SUSPECT.lastIndex = i + 2; // a well-formed pair
      continue;
    }
    return i;
  }
  return -1;
}
