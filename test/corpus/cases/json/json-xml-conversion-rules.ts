import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { expectSameXml } from '../../xml.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

/** JSON → XML pairs of the page (JsonStreamBuilder, MI's default builder). */
const JSON_TO_XML: [string, string][] = [
  ['{"object":{}}', '<jsonObject><object></object></jsonObject>'],
  ['{"object":""}', '<jsonObject><object></object></jsonObject>'],
  ['{"array":[1,2]}', '<jsonObject><array>1</array><array>2</array></jsonObject>'],
  ['{"array":[]}', '<jsonObject></jsonObject>'],
  ['[1,2]', '<jsonArray><jsonElement>1</jsonElement><jsonElement>2</jsonElement></jsonArray>'],
  ['[1, []]', '<jsonArray><jsonElement>1</jsonElement><jsonElement><jsonArray></jsonArray></jsonElement></jsonArray>'],
  ['{"$key":1234}', '<jsonObject><_JsonReader_PS_key>1234</_JsonReader_PS_key></jsonObject>'],
  ['{"32X32":"image_32x32.png"}', '<jsonObject><_JsonReader_PD_32X32>image_32x32.png</_JsonReader_PD_32X32></jsonObject>'],
];

/** XML → JSON rules of the page (default parameters). */
const XML_TO_JSON: [string, unknown][] = [
  ['<jsonObject><object></object></jsonObject>', { object: null }],
  ['<jsonObject><object nil="true"></object></jsonObject>', { object: { '@nil': 'true' } }],
  ['<root><location><a>1</a></location><location><a>2</a></location></root>', { root: { location: [{ a: 1 }, { a: 2 }] } }],
  ['<root><n>25</n><b>true</b><s>x</s></root>', { root: { n: 25, b: true, s: 'x' } }],
  ['<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ax21="urn:x" xsi:type="ax21:X"><v>1</v></r>', { r: { '@type': 'ax21:X', v: 1 } }],
];

export default defineCase({
  id: 'json/json-xml-conversion-rules',
  title: 'JSON ⇄ XML conversion rules (golden pairs of the page) through echo proxies',
  status: 'pass',
  artifacts: [
    { name: 'proxy_ToXml.xml', why: 'echo proxy with messageType application/xml, as case.md suggests', text: () => `<proxy ${SYN} name="ToXml"><target><inSequence><property name="messageType" value="application/xml" scope="axis2"/><respond/></inSequence></target></proxy>` },
    { name: 'proxy_ToJson.xml', why: 'echo proxy with messageType application/json (like json/tojson-messagetype)', text: () => `<proxy ${SYN} name="ToJson"><target><inSequence><property name="messageType" value="application/json" scope="axis2"/><respond/></inSequence></target></proxy>` },
  ],
  async run(t) {
    for (const [json, xml] of JSON_TO_XML) {
      const r = await t.request('POST', '/services/ToXml', { headers: { 'Content-Type': 'application/json' }, body: json });
      expect(r.status, json).toBe(200);
      expectSameXml(r.text, xml);
    }
    for (const [xml, json] of XML_TO_JSON) {
      const r = await t.request('POST', '/services/ToJson', { headers: { 'Content-Type': 'application/xml' }, body: xml });
      expect(r.status, xml).toBe(200);
      expect(r.json(), xml).toEqual(json);
    }
  },
});
