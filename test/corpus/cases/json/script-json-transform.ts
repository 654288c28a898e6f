import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { expectSameXml } from '../../xml.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const EXPECTED = [
  { id: 'ID:7eaf7', tags: ['bar', 'restaurant', 'food', 'establishment'], name: 'Biaggio Cafe' },
  { id: 'ID:3ef98', tags: ['food', 'establishment'], name: 'Doltone House' },
];

export default defineCase({
  id: 'json/script-json-transform',
  title: 'Script from the registry (key + function): JSON → JSON, and → XML with messageType',
  status: 'pass',
  docsWrong: ['the outputs list the keys as id, tags, name, but transform.js assigns name, tags, id and MI\'s script engine keeps insertion order: JSON is compared as values, the XML variant in the script\'s order'],
  artifacts: [
    { file: 'proxy_locations.xml' },
    {
      name: 'proxy_locationsXml.xml',
      why: 'the page\'s XML variant is an <inSequence> only; wrapped in a second proxy',
      text: (t) => `<proxy ${SYN} name="locationsXml"><target>${t.corpusFile('snippet_inSequence_xml_variant.xml')}</target></proxy>`,
    },
  ],
  registry: { 'conf/repository/MI/transform.js': 'registry/conf/repository/MI/transform.js' },
  async run(t) {
    const body = t.corpusFile('request.json');
    const r = await t.request('POST', '/services/locations', { headers: { 'Content-Type': 'application/json' }, body });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(EXPECTED);
    const x = await t.request('POST', '/services/locationsXml', { headers: { 'Content-Type': 'application/json' }, body });
    expect(x.status).toBe(200);
    expectSameXml(
      x.text,
      // In the script's assignment order (name, tags, id), not the docs' (see docsWrong).
      `<jsonArray><jsonElement><name>Biaggio Cafe</name><tags>bar</tags><tags>restaurant</tags><tags>food</tags><tags>establishment</tags><id>ID:7eaf7</id></jsonElement>
       <jsonElement><name>Doltone House</name><tags>food</tags><tags>establishment</tags><id>ID:3ef98</id></jsonElement></jsonArray>`,
    );
    // The E4X variant (registry_transformXML.e4x.js) needs Rhino's XML literals: not deployed (no engine supports E4X).
  },
});
