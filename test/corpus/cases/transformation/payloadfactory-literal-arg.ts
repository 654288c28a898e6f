import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { expectSameXml } from '../../xml.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const api = (name: string, snippet: string) => `<api ${SYN} name="${name}" context="/${name.toLowerCase()}"><resource methods="POST"><inSequence>${snippet}<respond/></inSequence></resource></api>`;
const USER_XML = '<user><first_name>John</first_name><last_name>Deo</last_name><age>35</age><location><state code="NY">New York</state><city>Manhattan</city></location></user>';
const USER_JSON = '{"first_name":"John","last_name":"Deo","age":35,"location":{"state":{"code":"NY","name":"New York"},"city":"Manhattan"}}';
const PEOPLE_XML = '<people><person><id>1</id><first_name>Veronika</first_name><last_name>Lacroux</last_name></person><person><id>2</id><first_name>Trescha</first_name><last_name>Campaigne</last_name></person><person><id>3</id><first_name>Mayor</first_name><last_name>Moscrop</last_name></person></people>';

export default defineCase({
  id: 'transformation/payloadfactory-literal-arg',
  title: 'PayloadFactory: literal args, FreeMarker templates (XML↔JSON, CSV)',
  status: 'pass',
  docsWrong: [
    'literal="true" output: the page prints `{"newValue" : "{"pqr":"abc"}"}` (the converted form) for the literal arg, the reverse of what literal means; MI inserts a literal value as-is, so we expect `<pqr>abc</pqr>` inside the string',
    'FreeMarker XML→JSON: the page prints "John Doe" and "Manhattan, NY"; the template yields "John Deo" and "Manhattan,NY"',
  ],
  artifacts: [
    { file: 'api_payload.xml' },
    { name: 'api_FmXmlToJson.xml', why: 'wrapper API around snippet_freemarker_xml_to_json.xml', text: (t) => api('FmXmlToJson', t.corpusFile('snippet_freemarker_xml_to_json.xml')) },
    { name: 'api_FmJsonToXml.xml', why: 'wrapper API around snippet_freemarker_json_to_xml.xml', text: (t) => api('FmJsonToXml', t.corpusFile('snippet_freemarker_json_to_xml.xml')) },
    { name: 'api_FmXmlToCsv.xml', why: 'wrapper API around snippet_freemarker_xml_to_csv.xml', text: (t) => api('FmXmlToCsv', t.corpusFile('snippet_freemarker_xml_to_csv.xml')) },
  ],
  async run(t) {
    const literal = await t.request('POST', '/payload/', { headers: { 'Content-Type': 'application/json' }, body: '{"hello" : "<pqr>abc</pqr>"}' });
    expect(literal.status).toBe(200);
    expect(literal.json()).toEqual({ newValue: '<pqr>abc</pqr>' });

    const toJson = await t.request('POST', '/fmxmltojson', { headers: { 'Content-Type': 'application/xml' }, body: USER_XML });
    expect(toJson.json()).toEqual({ Name: 'John Deo', Age: 35, Address: 'Manhattan,NY' });
    const toXml = await t.request('POST', '/fmjsontoxml', { headers: { 'Content-Type': 'application/json' }, body: USER_JSON });
    expectSameXml(toXml.text, '<user><Name>John Deo</Name><Age>35</Age><Address>Manhattan, NY</Address></user>');
    const csv = await t.request('POST', '/fmxmltocsv', { headers: { 'Content-Type': 'application/xml' }, body: PEOPLE_XML });
    // Leading whitespace from the template's indentation appears in the real output too.
    expect(csv.text.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['ID,First Name, Last Name', '1,Veronika,Lacroux', '2,Trescha,Campaigne', '3,Mayor,Moscrop']);
  },
});
