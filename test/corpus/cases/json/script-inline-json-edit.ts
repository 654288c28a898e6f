import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const REQUEST = [
  { id: 'ID:7eaf7', tags: ['bar', 'restaurant', 'food', 'establishment'], name: 'Biaggio Cafe' },
  { id: 'ID:3ef98', tags: ['food', 'establishment'], name: 'Doltone House' },
];
const EXPECTED = [
  { name: 'Biaggio Cafe', tags: ['bar', 'restaurant', 'food', 'establishment', 'pub'], id_str: 'ID:7eaf7' },
  { name: 'Doltone House', tags: ['food', 'establishment', 'pub'], id_str: 'ID:3ef98' },
];

export default defineCase({
  id: 'json/script-inline-json-edit',
  title: 'Inline script: delete / rename / append on a JSON array payload',
  status: 'pass',
  artifacts: [{ file: 'proxy_transformjson.xml' }],
  async run(t) {
    const r = await t.request('POST', '/services/transformjson', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(REQUEST) });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(EXPECTED);
    const line = await t.waitForLog(/\{proxy:transformjson\} .*JSON-Payload = /);
    expect(JSON.parse(line.replace(/^.*JSON-Payload = /, ''))).toEqual(EXPECTED);
  },
});
