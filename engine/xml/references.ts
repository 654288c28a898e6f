/**
 * Entity and character references in XML text and attribute values. Only the five
 * predefined entities exist: a DOCTYPE's entity declarations are never expanded
 * (entity expansion is how "billion laughs" documents exhaust memory).
 */
import { isNCName, isXmlCharCode } from './xml-chars.js';

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Reports a bad reference at `index` (into the raw string) and does not return. */
export type ReferenceFailure = (index: number, message: string) => never;

/** `raw` with every reference replaced by its character(s); `raw` must contain an '&'. */
export function decodeReferences(raw: string, fail: ReferenceFailure): string {
  let out = '';
  let last = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', last)) {
    out += raw.slice(last, amp);
    const semi = raw.indexOf(';', amp + 1);
    const name = semi === -1 ? '' : raw.slice(amp + 1, semi);
    out += name.charCodeAt(0) === 0x23 ? characterReference(name, amp, fail) : entityReference(name, amp, fail);
    last = semi + 1;
  }
  return out + raw.slice(last);
}

function entityReference(name: string, at: number, fail: ReferenceFailure): string {
  const value = PREDEFINED[name];
  if (value !== undefined && Object.hasOwn(PREDEFINED, name)) return value;
  if (isNCName(name)) return fail(at, `unknown entity &${name}; (XML defines only &lt; &gt; &amp; &apos; &quot;; DTD entities are not expanded)`);
  return fail(at, `'&' must start an entity or character reference; write &amp; for a literal '&'`);
}

function characterReference(name: string, at: number, fail: ReferenceFailure): string {
  const hex = name.charCodeAt(1) === 0x78; // &#x...;
  const digits = name.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return fail(at, `malformed character reference &${name};`);
  const cp = parseInt(digits, hex ? 16 : 10);
  if (!isXmlCharCode(cp)) return fail(at, `character reference &${name}; is not a character XML allows`);
  return String.fromCodePoint(cp);
}
