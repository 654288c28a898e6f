/**
 * Fuzzing JSON ⇄ XML conversion (MI's two views of a payload): any JSON value either converts
 * to an XML element whose serialization is well-formed XML, or is refused with a
 * JsonXmlConversionError (never another exception); any XML element converts to JSON or is
 * refused with a JsonXmlConversionError, and the JSON written is valid JSON; and JSON whose
 * shape survives MI's conversion (objects with members, arrays of two or more items, strings
 * that do not read as numbers or words) comes back from XML unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../test/support/fuzz.js';
import { newDocument, serializeXml } from './dom.js';
import { xmlElement } from './fixtures/xml-arbitrary.js';
import { render } from './fixtures/xml-arbitrary.js';
import { JsonXmlConversionError, jsonToXmlElement, parseJsonText, serializeJson, xmlElementToJson, xmlElementToJsonText } from './json-xml.js';
import { jsonKeyToElementName } from './json-names.js';
import { parseXmlDocument } from './parse.js';
import { isNameStartCode } from './xml-chars.js';

function refusedAsConversionError(run: () => void): boolean {
  try {
    run();
    return false;
  } catch (e) {
    if (e instanceof JsonXmlConversionError) return true;
    throw e;
  }
}

const anyKey = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('$', '@', '@id', '1st', '$x', 'a b', 'a:b', 'xmlns', 'xml', '-', 'jsonObject', 'jsonArray', 'jsonElement', '__proto__'));
/**
 * Keys MI can make an element name of: after its renaming (a leading digit or `$` gets a
 * prefix, and with buildValidNcNames every character a name may not hold is encoded) the name
 * starts with a name-start character. MI leaves a key like `-x` or `.x` as it is, which no
 * XML can carry; that is MI's behaviour, not a fault of the conversion.
 */
const nameableKey = anyKey.filter((k) => k.startsWith('@') || k === '$' || isNameStartCode(jsonKeyToElementName(k, { buildValidNcNames: true }).codePointAt(0) ?? 0));
const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ unit: fc.oneof(fc.constantFrom('\uD800', '\uDFFF', '\u{1F600}', '\uFFFE', '\u0007'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 6 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(nameableKey, tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** Keys that are XML names as they are (no `$`, `@` or leading digit handling involved). */
const plainKey = fc.constantFrom('id', 'name', 'order', 'price', 'a', 'b', 'x-y', 'item_1', 'é');
/** A string MI keeps a string (autoPrimitive converts numbers, true/false and null). */
const plainString = fc.string({ unit: fc.constantFrom(...'abc XYZ&<>"\'é€.-'), minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s !== '' && !/^(true|false|null|-?\d)/.test(s));
/** A number as a decimal text whose BigDecimal spelling is itself. */
const plainNumber = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String), fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`));

/** JSON text whose value MI's XML view carries without loss. */
const stableJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plainString.map((s) => JSON.stringify(s)),
    plainNumber,
    fc.constantFrom('true', 'false'),
    tie('object'),
    fc.array(fc.oneof(plainString.map((s) => JSON.stringify(s)), plainNumber, tie('object')), { minLength: 2, maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  ),
  object: fc.uniqueArray(fc.tuple(plainKey, tie('value')), { selector: ([k]) => k, minLength: 1, maxLength: 4 }).map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
})).object;

describe('JSON ⇄ XML under fuzzing', () => {
  it('refuses a string with a lone surrogate (found by fuzzing: it made XML no parser reads)', () => {
    for (const value of [{ a: '\uD800' }, { '@b': 'x\uDC00' }, ['\uDBFFa'], { $: '\uDFFF' }]) {
      expect(() => jsonToXmlElement(value, newDocument())).toThrow(JsonXmlConversionError);
    }
    expect(serializeXml(jsonToXmlElement({ a: '\u{1F600}' }, newDocument()))).toBe('<jsonObject><a>\u{1F600}</a></jsonObject>');
  });

  // With buildValidNcNames off, MI keeps keys that are no XML names (`a b`) as element names, so
  // only the option's encoding promises well-formed XML for every key.
  it('turns any JSON into well-formed XML (keys encoded as valid names), or refuses it with a JsonXmlConversionError', () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        let xml: string | undefined;
        if (refusedAsConversionError(() => (xml = serializeXml(jsonToXmlElement(value, newDocument(), { buildValidNcNames: true }))))) return;
        expect(() => parseXmlDocument(xml!)).not.toThrow();
      }),
      fuzzParameters(800),
    );
  });

  it('turns any XML element into valid JSON, or refuses it with a JsonXmlConversionError', () => {
    fc.assert(
      fc.property(xmlElement, (model) => {
        const el = parseXmlDocument(render(model)).documentElement!;
        let text: string | undefined;
        if (refusedAsConversionError(() => (text = xmlElementToJsonText(el as never)))) return;
        expect(() => JSON.parse(text!)).not.toThrow();
        expect(JSON.parse(text!)).toEqual(JSON.parse(serializeJson(xmlElementToJson(el as never))));
      }),
      fuzzParameters(800),
    );
  });

  it('brings JSON that survives MI conversion back from its XML view unchanged', () => {
    fc.assert(
      fc.property(stableJsonText, (text) => {
        const xml = serializeXml(jsonToXmlElement(parseJsonText(text), newDocument()));
        const back = xmlElementToJsonText(parseXmlDocument(xml).documentElement! as never);
        expect(back).toBe(text);
      }),
      fuzzParameters(500),
    );
  });
});
