/**
 * JSON keys ⇄ XML element names, as Synapse's JsonReaderDelegate (JSON→XML)
 * and XmlReaderDelegate (XML→JSON) rename them.
 *
 * Default (always on):
 *  - a key starting with a digit gets `_JsonReader_PD_` in front (`32X32` →
 *    `_JsonReader_PD_32X32`);
 *  - a key starting with `$` has the `$` replaced by `_JsonReader_PS_`
 *    (`$key` → `_JsonReader_PS_key`);
 *  - on the way back an element name starting with either prefix loses it
 *    (and `_JsonReader_PS_` becomes `$` again), whatever produced the element.
 *    Only element names are renamed, never attribute names.
 * With `synapse.commons.json.buildValidNCNames` (off by default) every other
 * character that may not appear in an XML NCName is written as
 * `_JsonReader_<UTF-16 code>_` (`abc def` → `abc_JsonReader_32_def`) and
 * decoded back. The docs print the marker in lower case; the code (and so MI)
 * uses `_JsonReader_`.
 * Other characters that are not legal in XML names (with the option off) are
 * kept as they are, as MI does; such elements cannot be serialized as XML.
 */

export const PRECEDING_DIGIT_PREFIX = '_JsonReader_PD_';
export const PRECEDING_DOLLAR_PREFIX = '_JsonReader_PS_';
const CODE_MARKER = '_JsonReader_';

/** Java's Character.isDigit for the first UTF-16 unit (any Unicode decimal digit). */
const LEADING_DIGIT = /^\p{Nd}/u;

/** One UTF-16 unit allowed in an XML 1.0 NCName (NameChar without ':'). */
const NC_NAME_CHAR =
  /^[A-Za-z0-9_.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u0300-\u036F]$/;

export interface NameOptions {
  /** `synapse.commons.json.buildValidNCNames` (default false). */
  buildValidNcNames?: boolean;
}

/** The XML element name MI gives a JSON key. */
export function jsonKeyToElementName(key: string, options: NameOptions = {}): string {
  let name = key;
  if (LEADING_DIGIT.test(key)) name = PRECEDING_DIGIT_PREFIX + key;
  else if (key.startsWith('$')) name = PRECEDING_DOLLAR_PREFIX + key.slice(1);
  return options.buildValidNcNames ? encodeInvalidNcNameChars(name) : name;
}

/** The JSON key MI gives an XML element name (local name, namespaces already dropped). */
export function elementNameToJsonKey(name: string, options: NameOptions = {}): string {
  const decode = options.buildValidNcNames ? decodeNcNameChars : (text: string) => text;
  if (name.startsWith(PRECEDING_DIGIT_PREFIX)) return decode(name.slice(PRECEDING_DIGIT_PREFIX.length));
  if (name.startsWith(PRECEDING_DOLLAR_PREFIX)) return '$' + decode(name.slice(PRECEDING_DOLLAR_PREFIX.length));
  return decode(name);
}

function encodeInvalidNcNameChars(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const unit = name[i] as string;
    out += NC_NAME_CHAR.test(unit) ? unit : `${CODE_MARKER}${unit.charCodeAt(0)}_`;
  }
  return out;
}

/** Replaces each `_JsonReader_<decimal>_` with that UTF-16 unit; malformed markers stay as text. */
function decodeNcNameChars(name: string): string {
  return name.replace(/_JsonReader_([0-9]+)_/g, (marker, code: string) => {
    const unit = Number(code);
    return unit > 0 && unit <= 0xffff ? String.fromCharCode(unit) : marker;
  });
}

/** Root of a JSON object's XML view. */
export const JSON_OBJECT = 'jsonObject';
/** Root of a JSON array's XML view, and the wrapper of an array nested in an array. */
export const JSON_ARRAY = 'jsonArray';
/** An item of a `jsonArray`. */
export const JSON_ELEMENT = 'jsonElement';
/** Names the JSON formatter drops when they are the only member of an object. */
export const WRAPPER_NAMES: ReadonlySet<string> = new Set([JSON_OBJECT, JSON_ARRAY, JSON_ELEMENT]);
