import { expect } from 'vitest';
import { defineCase } from '../../case.js';

export default defineCase({
  id: 'templates/sequence-template-default-param',
  title: 'Template parameter with a default value (Welcome)',
  status: 'pass',
  artifacts: [{ file: 'template_sequence-temp.xml' }, { file: 'api_test.xml' }],
  async run(t) {
    const r = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"hello":"world"}' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ hello: 'world' });
    await t.waitForLog(/greeting = Welcome$/);
  },
});
