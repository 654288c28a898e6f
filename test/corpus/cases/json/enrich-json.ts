import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const SNIPPETS = ['ex1_extract_to_body', 'ex2_property_as_child', 'ex3_inline_as_child', 'ex4_custom_to_property', 'ex5_remove_from_body', 'ex6_remove_from_property', 'ex7_replace_value', 'ex8_rename_key', 'ex9_json_primitive'];

const S1 = { id: '01', name: 'Tom', lastName: 'Price', modules: ['CS001', 'CS002', 'CS003'] };
const S2 = { id: '02', name: 'Nick', lastname: 'Thameson', modules: ['CS011', 'CS012'] };
const data = (students: unknown[]) => ({ data: { students } });

export default defineCase({
  id: 'json/enrich-json',
  title: 'Enrich on JSON payloads: the 9 documented examples',
  status: 'pass',
  artifacts: [
    {
      name: 'api_EnrichTest.xml',
      why: 'the case\'s wrapper API (api_EnrichTest.wrapper.xml), one resource per snippet',
      text: (t) =>
        t
          .corpusFile('api_EnrichTest.wrapper.xml')
          .replace(/<!--[\s\S]*?-->\s*/, '')
          .replace(/<resource methods="POST">[\s\S]*<\/resource>/, SNIPPETS.map((s) => `<resource methods="POST" uri-template="/${s.slice(0, 3)}"><inSequence>${t.corpusFile(`snippet_${s}.xml`)}<respond/></inSequence></resource>`).join('\n')),
    },
  ],
  async run(t) {
    const body = t.corpusFile('request.json');
    const post = async (ex: string) => {
      const r = await t.request('POST', `/enrich/${ex}`, { headers: { 'Content-Type': 'application/json' }, body });
      expect(r.status, ex).toBe(200);
      return r.json();
    };
    expect(await post('ex1')).toEqual({ students: [S1, S2] });
    expect(await post('ex2')).toEqual(data([{ ...S1, modules: [...S1.modules, 'CS004'] }, S2]));
    expect(await post('ex3')).toEqual(data([S1, S2, { id: '03', name: 'Mary', lastName: 'Jane', modules: ['CS001', 'CS002', 'CS004'] }]));
    expect(await post('ex4')).toEqual(data([S1, S2]));
    // The value keeps its JSON quotes.
    await t.waitForLog(/\{api:EnrichTest\} Student name is :  = "Tom"$/);
    expect(await post('ex5')).toEqual(data([{ id: '02', name: 'Nick', lastname: 'Thameson' }]));
    await post('ex6');
    await t.waitForLog(/result = \{"data":\{"students":\[\{"id":"02","name":"Nick","lastname":"Thameson"\}\]\}\}$/);
    expect(await post('ex7')).toEqual(data([{ ...S1, modules: [] }, { ...S2, modules: [] }]));
    const renamed = await post('ex8');
    expect(renamed).toEqual(data([{ id: '01', firstName: 'Tom', lastName: 'Price', modules: S1.modules }, { id: '02', firstName: 'Nick', lastname: 'Thameson', modules: S2.modules }]));
    // The renamed key keeps its position.
    expect(Object.keys((renamed as { data: { students: object[] } }).data.students[0]!)).toEqual(['id', 'firstName', 'lastName', 'modules']);
    expect(await post('ex9')).toEqual(data([S1, { ...S2, modules: [...S2.modules, 'CS013 II'] }]));
  },
});
