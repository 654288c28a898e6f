import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import {
  JsonXmlConversionError,
  jsonToXmlElement,
  parseJsonText,
  serializeJson,
  xmlElementToJson,
  xmlElementToJsonText,
} from './json-xml.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const readCase = (name: string): string => readFileSync(path.join(corpus, name, 'case.md'), 'utf8');

const newDocument = () => new DOMImplementation().createDocument(null, '');
const serialize = (el: Element) => new XMLSerializer().serializeToString(el);
/** `<x/>` and `<x></x>` are the same element; serializers differ in which they print. */
const canonical = (xml: string) => xml.replace(/<([^\s/>?!]+)([^>]*?)\s*\/>/g, '<$1$2></$1>');
/** Drops indentation between tags (pretty-printed docs examples). */
const unindent = (xml: string) => xml.replace(/>\s+</g, '><').trim();
const jsonToXml = (jsonText: string) => canonical(serialize(jsonToXmlElement(parseJsonText(jsonText), newDocument())));
const parseXml = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement as Element;
const xmlToJsonText = (xml: string) => xmlElementToJsonText(parseXml(xml));

/** Removes whitespace outside JSON strings, keeping every token as spelled. */
function compactJson(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (token) => (token.startsWith('"') ? token : ''));
}

/** The fenced code blocks of a markdown text, in order. */
function codeBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g');
  for (const match of markdown.matchAll(fence)) blocks.push(match[1] as string);
  return blocks;
}

/** Rows `| \`json\` | \`xml\` | …` of the "JSON → XML" table in json-xml-conversion-rules. */
function jsonToXmlGoldenRows(): Array<{ json: string; xml: string; note: string }> {
  const markdown = readCase('json/json-xml-conversion-rules');
  const section = markdown.split('## JSON → XML')[1]?.split('\n## ')[0] ?? '';
  const rows: Array<{ json: string; xml: string; note: string }> = [];
  for (const line of section.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
    if (cells.length < 4 || !cells[1]?.startsWith('`')) continue;
    const json = /`([^`]+)`/.exec(cells[1])?.[1];
    const xml = /`([^`]+)`/.exec(cells[2] ?? '')?.[1];
    if (json !== undefined && xml !== undefined) rows.push({ json, xml, note: cells[1] });
  }
  return rows;
}

describe('JSON → XML: golden pairs of the JsonStreamBuilder column (json-xml-conversion-rules)', () => {
  const rows = jsonToXmlGoldenRows();

  it('finds the documented table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  for (const row of rows.filter((r) => !r.note.includes('build_valid_nc_name'))) {
    it(`${row.json} → ${row.xml}`, () => {
      expect(jsonToXml(row.json)).toBe(canonical(row.xml));
    });
  }

  it('{"abc def": …} with buildValidNcNames uses the code marker _JsonReader_32_ (docs print it lower-case)', () => {
    const row = rows.find((r) => r.note.includes('build_valid_nc_name'));
    expect(row?.xml).toBe('<abc_jsonreader_32_def>this is a sample value</abc_jsonreader_32_def>');
    const element = jsonToXmlElement(parseJsonText(row?.json ?? ''), newDocument(), { buildValidNcNames: true });
    expect(serialize(element)).toBe('<jsonObject><abc_JsonReader_32_def>this is a sample value</abc_JsonReader_32_def></jsonObject>');
    // and back, only with the option on
    const xml = '<jsonObject><abc_JsonReader_32_def>this is a sample value</abc_JsonReader_32_def></jsonObject>';
    expect(xmlElementToJson(parseXml(xml), { buildValidNcNames: true })).toEqual({ 'abc def': 'this is a sample value' });
    expect(xmlElementToJson(parseXml(xml))).toEqual({ abc_JsonReader_32_def: 'this is a sample value' });
  });

  it('without the option a key with a space is kept as the element name, as MI does', () => {
    expect(jsonToXml('{"abc def":1}')).toBe('<jsonObject><abc def>1</abc def></jsonObject>');
  });
});

describe('JSON → XML: pairs from synapse-commons BuilderFormatterTest (PIs removed: JsonStreamBuilder adds none)', () => {
  const pairs: Array<[string, string]> = [
    [
      '{"value":12.4,"12X12":"http://localhost/images/id/img_0_24_24.png","0":{"date":"19/12/12","venue":"NONVEG"},"1":[1,2,{"newArray":["one-Element"]}]}',
      // Members in source order, integer-like keys "0" and "1" included (json-key-order.ts)
      '<jsonObject><value>12.4</value><_JsonReader_PD_12X12>http://localhost/images/id/img_0_24_24.png</_JsonReader_PD_12X12><_JsonReader_PD_0><date>19/12/12</date><venue>NONVEG</venue></_JsonReader_PD_0><_JsonReader_PD_1>1</_JsonReader_PD_1><_JsonReader_PD_1>2</_JsonReader_PD_1><_JsonReader_PD_1><newArray>one-Element</newArray></_JsonReader_PD_1></jsonObject>',
    ],
    [
      '[[[116.0865381,-8.608804],[116.127196,-8.554822]]]',
      '<jsonArray><jsonElement><jsonArray><jsonElement><jsonArray><jsonElement>116.0865381</jsonElement><jsonElement>-8.608804</jsonElement></jsonArray></jsonElement><jsonElement><jsonArray><jsonElement>116.127196</jsonElement><jsonElement>-8.554822</jsonElement></jsonArray></jsonElement></jsonArray></jsonElement></jsonArray>',
    ],
    ['{"array":[[1,2,4]]}', '<jsonObject><array><jsonArray><jsonElement>1</jsonElement><jsonElement>2</jsonElement><jsonElement>4</jsonElement></jsonArray></array></jsonObject>'],
    ['{"$schema":"UNKNOWN"}', '<jsonObject><_JsonReader_PS_schema>UNKNOWN</_JsonReader_PS_schema></jsonObject>'],
    ['{"hashtags":[],"symbols":[],"urls":[],"user_mentions":[]}', '<jsonObject></jsonObject>'],
    ['[null,null,1]', '<jsonArray><jsonElement></jsonElement><jsonElement></jsonElement><jsonElement>1</jsonElement></jsonArray>'],
    ['{"value":null}', '<jsonObject><value></value></jsonObject>'],
    ['[[],[[[],[]],[]]]', '<jsonArray><jsonElement><jsonArray></jsonArray></jsonElement><jsonElement><jsonArray><jsonElement><jsonArray><jsonElement><jsonArray></jsonArray></jsonElement><jsonElement><jsonArray></jsonArray></jsonElement></jsonArray></jsonElement><jsonElement><jsonArray></jsonArray></jsonElement></jsonArray></jsonElement></jsonArray>'],
  ];
  for (const [json, xml] of pairs) {
    it(json, () => expect(jsonToXml(json)).toBe(canonical(xml)));
  }
});

describe('JSON → XML: documented corpus outputs', () => {
  it('rest-api/transforming-content-type: fee 7000.0 keeps its spelling in <fee>7000.0</fee>', () => {
    const markdown = readCase('rest-api/transforming-content-type');
    const expectedXml = unindent(codeBlocks(markdown, 'xml')[0] as string);
    // the hospital backend really answers with 7000.0 (BACKENDS.md); the docs' JSON shows 7000
    const backendJson = (codeBlocks(markdown, 'json')[1] as string).replace(/"fee": 7000/g, '"fee": 7000.0');
    expect(jsonToXml(backendJson)).toBe(canonical(expectedXml));
  });

  it('rest-api/transforming-content-type: DELETE status object', () => {
    expect(jsonToXml('{"status":"Appointment is successfully removed"}')).toBe(
      '<jsonObject><status>Appointment is successfully removed</status></jsonObject>',
    );
  });

  it('json/script-json-transform: a top-level array of objects with string arrays', () => {
    const markdown = readCase('json/script-json-transform');
    const json = codeBlocks(markdown, 'json')[0] as string;
    const expectedXml = unindent(codeBlocks(markdown, 'xml')[0] as string);
    expect(jsonToXml(json)).toBe(expectedXml);
  });

  it('transformation/json-to-soap-xslt: the request as XSLT sees it', () => {
    expect(jsonToXml('{"getQuote":{"request":{"symbol":"IBM"}}}')).toBe(
      '<jsonObject><getQuote><request><symbol>IBM</symbol></request></getQuote></jsonObject>',
    );
  });
});

describe('JSON → XML: staxon conventions and limits', () => {
  it('"@name" keys become attributes and "$" the text', () => {
    expect(jsonToXml('{"price":{"@currency":"USD","$":12.50},"ok":true}')).toBe(
      '<jsonObject><price currency="USD">12.50</price><ok>true</ok></jsonObject>',
    );
  });

  it('an attribute key with an object value cannot be converted', () => {
    expect(() => jsonToXmlElement({ '@a': { b: 1 } }, newDocument())).toThrow(JsonXmlConversionError);
  });

  it('characters XML cannot carry make the payload unconvertible', () => {
    expect(() => jsonToXmlElement(parseJsonText('{"a":"x\\u0001y"}'), newDocument())).toThrow(/character that XML cannot carry/);
  });

  it('an empty key names nothing and cannot be converted', () => {
    expect(() => jsonToXmlElement({ '': 1 }, newDocument())).toThrow(JsonXmlConversionError);
    expect(() => jsonToXmlElement({ a: { '@': 1 } }, newDocument())).toThrow(JsonXmlConversionError);
  });

  it('a bare scalar has no XML view', () => {
    expect(() => jsonToXmlElement(5, newDocument())).toThrow(JsonXmlConversionError);
  });

  it('nested objects, arrays of objects and undefined members', () => {
    const value = { order: { id: 7, lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }], note: undefined } };
    expect(canonical(serialize(jsonToXmlElement(value, newDocument())))).toBe(
      '<jsonObject><order><id>7</id><lines><sku>a</sku><qty>1</qty></lines><lines><sku>b</sku><qty>2</qty></lines></order></jsonObject>',
    );
  });

  it('a number a mediator computed is written the JS way', () => {
    const value = parseJsonText('{"fee":7000.0}') as { fee: number };
    value.fee = value.fee * 2;
    expect(jsonToXml(serializeJson(value))).toBe('<jsonObject><fee>14000</fee></jsonObject>');
  });
});

describe('XML → JSON: formatter round trips from synapse-commons BuilderFormatterTest (PIs present)', () => {
  // MI's JsonBuilder output (with <?xml-multiple?> PIs) formats back to exactly the input JSON.
  const pairs: Array<[string, string]> = [
    [
      '{"type":"Polygon","coordinates":[[[116.0865381,-8.608804],[116.127196,-8.608804],[116.127196,-8.554822],[116.0865381,-8.554822]]]}',
      '<jsonObject><type>Polygon</type><?xml-multiple  coordinates?><coordinates><jsonArray><?xml-multiple  jsonElement?><jsonElement><jsonArray><?xml-multiple  jsonElement?><jsonElement>116.0865381</jsonElement><jsonElement>-8.608804</jsonElement></jsonArray></jsonElement><jsonElement><jsonArray><?xml-multiple  jsonElement?><jsonElement>116.127196</jsonElement><jsonElement>-8.608804</jsonElement></jsonArray></jsonElement><jsonElement><jsonArray><?xml-multiple  jsonElement?><jsonElement>116.127196</jsonElement><jsonElement>-8.554822</jsonElement></jsonArray></jsonElement><jsonElement><jsonArray><?xml-multiple  jsonElement?><jsonElement>116.0865381</jsonElement><jsonElement>-8.554822</jsonElement></jsonArray></jsonElement></jsonArray></coordinates></jsonObject>',
    ],
    ['[1]', '<jsonArray><?xml-multiple  jsonElement?><jsonElement>1</jsonElement></jsonArray>'],
    ['{"array":[1,2,3]}', '<jsonObject><?xml-multiple  array?><array>1</array><array>2</array><array>3</array></jsonObject>'],
    ['{"array":[[1,2,4]]}', '<jsonObject><?xml-multiple  array?><array><jsonArray><?xml-multiple  jsonElement?><jsonElement>1</jsonElement><jsonElement>2</jsonElement><jsonElement>4</jsonElement></jsonArray></array></jsonObject>'],
    ['{"$schema":"UNKNOWN"}', '<jsonObject><_JsonReader_PS_schema>UNKNOWN</_JsonReader_PS_schema></jsonObject>'],
    ['{"hashtags":[],"symbols":[],"urls":[],"user_mentions":[]}', '<jsonObject><?xml-multiple  hashtags?><?xml-multiple  symbols?><?xml-multiple  urls?><?xml-multiple  user_mentions?></jsonObject>'],
    ['[null,null,1]', '<jsonArray><?xml-multiple  jsonElement?><jsonElement /><jsonElement /><jsonElement>1</jsonElement></jsonArray>'],
    ['{"value":null}', '<jsonObject><value /></jsonObject>'],
    ['[[],[[[],[]],[]]]', '<jsonArray><?xml-multiple  jsonElement?><jsonElement><jsonArray><?xml-multiple  jsonElement?></jsonArray></jsonElement><jsonElement><jsonArray><?xml-multiple  jsonElement?><jsonElement><jsonArray><?xml-multiple  jsonElement?><jsonElement><jsonArray><?xml-multiple  jsonElement?></jsonArray></jsonElement><jsonElement><jsonArray><?xml-multiple  jsonElement?></jsonArray></jsonElement></jsonArray></jsonElement><jsonElement><jsonArray><?xml-multiple  jsonElement?></jsonArray></jsonElement></jsonArray></jsonElement></jsonArray>'],
  ];
  for (const [json, xml] of pairs) {
    it(json, () => expect(xmlToJsonText(xml)).toBe(json));
  }

  it('integer-like keys keep their place in document order (as MI writes them)', () => {
    const xml =
      '<jsonObject><value>12.4</value><_JsonReader_PD_12X12>http://localhost/images/id/img_0_24_24.png</_JsonReader_PD_12X12><_JsonReader_PD_0><date>19/12/12</date><venue>NONVEG</venue></_JsonReader_PD_0><?xml-multiple  1?><_JsonReader_PD_1>1</_JsonReader_PD_1><_JsonReader_PD_1>2</_JsonReader_PD_1><_JsonReader_PD_1><?xml-multiple  newArray?><newArray>one-Element</newArray></_JsonReader_PD_1></jsonObject>';
    expect(xmlToJsonText(xml)).toBe(
      '{"value":12.4,"12X12":"http://localhost/images/id/img_0_24_24.png","0":{"date":"19/12/12","venue":"NONVEG"},"1":[1,2,{"newArray":["one-Element"]}]}',
    );
  });
});

describe('XML → JSON: the JsonStreamBuilder view formatted back (what MI does after a mediator rebuilt the body)', () => {
  const cases: Array<[string, string]> = [
    ['{"object":{}}', '{"object":null}'],
    ['{"object":""}', '{"object":null}'], // empty string → empty element → null (MI's known behaviour)
    ['{"array":[1,2]}', '{"array":[1,2]}'],
    ['{"array":[1]}', '{"array":1}'], // a one-item array becomes a scalar without the PI
    ['[1,2]', '[1,2]'],
    ['[{"a":1}]', '{"a":1}'],
    ['{"array":[]}', 'null'], // <jsonObject></jsonObject> formats to null
    ['[1, []]', '[1,null]'],
    ['{"$key":1234}', '{"$key":1234}'],
    ['{"32X32":"image_32x32.png"}', '{"32X32":"image_32x32.png"}'],
    ['{"price":{"@currency":"USD","$":12.50}}', '{"price":{"@currency":"USD","$":12.50}}'],
    ['{"fee":7000.0,"big":12345678901234567890}', '{"fee":7000.0,"big":12345678901234567890}'],
  ];
  for (const [json, expected] of cases) {
    it(`${json} → XML → ${expected}`, () => {
      expect(xmlElementToJsonText(jsonToXmlElement(parseJsonText(json), newDocument()))).toBe(expected);
    });
  }
});

describe('XML → JSON: documented corpus outputs', () => {
  it('json/tojson-messagetype: repeated <location> → array; 25.0000 printed as is', () => {
    const markdown = readCase('json/tojson-messagetype');
    const requestXml = codeBlocks(markdown, 'xml')[0] as string;
    const expected = compactJson(codeBlocks(markdown, 'json')[0] as string);
    expect(expected).toContain('"n":25.0000');
    expect(xmlToJsonText(requestXml)).toBe(expected);
  });

  it('transformation/pox-to-json-messagetype: a SOAP envelope keeps Envelope/Header/Body keys, Header is null', () => {
    const markdown = readCase('transformation/pox-to-json-messagetype');
    const envelope = /<soapenv:Envelope[\s\S]*?<\/soapenv:Envelope>/.exec(markdown)?.[0] as string;
    const expected = compactJson(codeBlocks(markdown, 'json')[0] as string);
    expect(xmlToJsonText(envelope)).toBe(expected);
  });

  it('SOAP response (routing/payload-based-routing): xsi:type → "@type", numbers unquoted, same key order as the docs JSON', () => {
    const markdown = readCase('routing/payload-based-routing');
    const envelope = parseXml(codeBlocks(markdown, 'xml')[0] as string);
    const body = envelope.getElementsByTagNameNS('http://schemas.xmlsoap.org/soap/envelope/', 'Body').item(0) as Element;
    const response = body.getElementsByTagNameNS('http://services.samples', 'getQuoteResponse').item(0) as Element;
    const json = xmlElementToJson(response) as { getQuoteResponse: { return: Record<string, unknown> } };
    const docsJson = JSON.parse(codeBlocks(markdown, 'json')[0] as string) as { Envelope: { Body: { getQuoteResponse: { return: object } } } };
    expect(Object.keys(json.getQuoteResponse.return)).toEqual(Object.keys(docsJson.Envelope.Body.getQuoteResponse.return));
    expect(json.getQuoteResponse.return).toMatchObject({
      '@type': 'ax21:GetQuoteResponse',
      change: -2.528287483710473,
      lastTradeTimestamp: 'Wed Jul 03 21:07:48 IST 2024',
      name: 'MSFT Company',
      volume: 15388,
    });
  });

  it('routing/header-based-routing: 3.630109155595136E7 is printed as BigDecimal prints it', () => {
    const markdown = readCase('routing/header-based-routing');
    const envelope = parseXml(codeBlocks(markdown, 'xml')[0] as string);
    const text = xmlElementToJsonText(envelope);
    expect(text).toContain('"marketCap":36301091.55595136,');
    expect(text.startsWith('{"Envelope":{"Header":null,"Body":{"getQuoteResponse":{"return":{"@type":"ax21:GetQuoteResponse","change":4.131871430984311,')).toBe(true);
  });
});

describe('XML → JSON: rules', () => {
  it('empty element → null, or "" with enableXmlNullForEmptyElement=false', () => {
    expect(xmlToJsonText('<jsonObject><object></object></jsonObject>')).toBe('{"object":null}');
    expect(xmlToJsonText('<object/>')).toBe('{"object":null}');
    expect(xmlElementToJsonText(parseXml('<object/>'), { emptyElementAsNull: false })).toBe('{"object":""}');
  });

  it('nil="true" is an ordinary attribute by default', () => {
    expect(xmlToJsonText('<jsonObject><object nil="true"></object></jsonObject>')).toBe('{"object":{"@nil":"true"}}');
  });

  it('attributes with text give "$"; attributes are never auto-converted; prefixes are dropped', () => {
    const xml = '<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><price currency="USD" rate="5" xsi:type="x:Money">12.5</price></r>';
    expect(xmlToJsonText(xml)).toBe('{"r":{"price":{"@currency":"USD","@rate":"5","@type":"x:Money","$":12.5}}}');
  });

  it('an element with only attributes is an object, attributes before children', () => {
    expect(xmlToJsonText('<r><a id="1"/><b id="2"><c>x</c></b></r>')).toBe('{"r":{"a":{"@id":"1"},"b":{"@id":"2","c":"x"}}}');
  });

  it('namespaces and their declarations are dropped', () => {
    expect(xmlToJsonText('<ns:a xmlns:ns="urn:x" xmlns="urn:d"><ns:b>1</ns:b><c>2</c></ns:a>')).toBe('{"a":{"b":1,"c":2}}');
  });

  it('escaped key prefixes are undone on element names only', () => {
    expect(xmlToJsonText('<jsonObject><_JsonReader_PS_key>1234</_JsonReader_PS_key><_JsonReader_PD_32X32 _JsonReader_PD_1="a">x</_JsonReader_PD_32X32></jsonObject>')).toBe(
      '{"$key":1234,"32X32":{"@_JsonReader_PD_1":"a","$":"x"}}',
    );
  });

  it('<?xml-multiple name?> forces an array even for one element; without it the element is a scalar', () => {
    expect(xmlToJsonText('<r><?xml-multiple item?><item>1</item></r>')).toBe('{"r":{"item":[1]}}');
    expect(xmlToJsonText('<r><item>1</item></r>')).toBe('{"r":{"item":1}}');
    expect(xmlToJsonText('<r><?xml-multiple item?><other>1</other></r>')).toBe('{"r":{"item":[],"other":1}}');
    expect(xmlToJsonText('<r><?xml-multiple?><item><a>1</a></item><next>2</next></r>')).toBe('{"r":{"item":[{"a":1}],"next":2}}');
  });

  it('repeated elements of objects become an array of objects', () => {
    expect(xmlToJsonText('<r><p><n>a</n></p><p><n>b</n></p><q/></r>')).toBe('{"r":{"p":[{"n":"a"},{"n":"b"}],"q":null}}');
  });

  it('non-adjacent repeats: MI writes duplicate keys; the later value wins at the first position', () => {
    expect(xmlToJsonText('<r><a>1</a><b>2</b><a>3</a></r>')).toBe('{"r":{"a":3,"b":2}}');
  });

  it('a lone wrapper member replaces its object; with siblings it is kept', () => {
    expect(xmlToJsonText('<r><jsonArray><jsonElement>1</jsonElement><jsonElement>2</jsonElement></jsonArray></r>')).toBe('{"r":[1,2]}');
    expect(xmlToJsonText('<r><a>1</a><jsonElement>2</jsonElement></r>')).toBe('{"r":{"a":1,"jsonElement":2}}');
    expect(xmlToJsonText('<jsonObject>7.50</jsonObject>')).toBe('7.50');
  });

  it('whitespace-only text is indentation; other text is kept verbatim; CDATA joins text; comments vanish', () => {
    expect(xmlToJsonText('<r>\n  <a>  </a>\n  <b> x </b>\n  <c><![CDATA[<1>]]> & more<!-- c --></c>\n</r>')).toBe(
      '{"r":{"a":null,"b":" x ","c":"<1> & more"}}',
    );
  });

  it('mixed content is an error, as in MI', () => {
    expect(() => xmlElementToJson(parseXml('<r>text<b>1</b></r>'))).toThrow(/Mixed content is not supported/);
    expect(() => xmlElementToJson(parseXml('<r><b>1</b>tail</r>'))).toThrow(JsonXmlConversionError);
  });

  it('strings are escaped as staxon does', () => {
    expect(xmlToJsonText('<r><s>a"b\\c/d\ttab é</s></r>')).toBe('{"r":{"s":"a\\"b\\\\c/d\\ttab é"}}');
  });
});

describe('XML → JSON: autoPrimitive (AutoPrimitiveTarget + BigDecimal.toString)', () => {
  const cases: Array<[string, string]> = [
    ['7000.0', '7000.0'],
    ['25.0000', '25.0000'],
    ['-80.6039558', '-80.6039558'],
    ['0', '0'],
    ['-0', '0'],
    ['-0.0', '0.0'],
    ['1e5', '1E+5'],
    ['1.5E3', '1.5E+3'],
    ['12e2', '1.2E+3'],
    ['1e-3', '0.001'],
    ['0.0000001', '1E-7'],
    ['1E+2', '1E+2'],
    ['12345678901234567890', '12345678901234567890'],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ['007', '"007"'],
    ['+1', '"+1"'],
    ['.5', '".5"'],
    ['5.', '"5."'],
    [' 5', '" 5"'],
    ['True', '"True"'],
    ['1,000', '"1,000"'],
    ['0x10', '"0x10"'],
    ['NaN', '"NaN"'],
  ];
  for (const [text, json] of cases) {
    it(`<v>${text}</v> → ${json}`, () => expect(xmlToJsonText(`<jsonObject><v>${text}</v></jsonObject>`)).toBe(`{"v":${json}}`));
  }

  it('number values are plain JS numbers', () => {
    expect(xmlElementToJson(parseXml('<r><n>25.0000</n><b>true</b></r>'))).toEqual({ r: { n: 25, b: true } });
  });

  it('autoPrimitive=false keeps every text a string', () => {
    expect(xmlElementToJsonText(parseXml('<r><n>10</n><b>true</b></r>'), { autoPrimitive: false })).toBe('{"r":{"n":"10","b":"true"}}');
  });

  it('disableAutoPrimitive.regex keeps matching text a string (true/false/null are converted first)', () => {
    const options = { disableAutoPrimitiveRegex: '[0-9]{4}|true' };
    expect(xmlElementToJsonText(parseXml('<r><zip>0123</zip><pin>1234</pin><n>12</n><b>true</b></r>'), options)).toBe(
      '{"r":{"zip":"0123","pin":"1234","n":12,"b":true}}',
    );
  });
});
