import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';

export default defineCase({
  id: 'templates/sequence-template-dynamic-store',
  title: 'Template with an XPath parameter feeding a store mediator with a dynamic store name',
  status: 'pass',
  docsWrong: ['the template is named Testtemp but the API calls TestTemp (Synapse names are case-sensitive): renamed the call to Testtemp'],
  artifacts: [
    { file: 'api_Test.xml', edits: [replace('target="TestTemp"', 'target="Testtemp"')] },
    { file: 'template_Testtemp.xml' },
    { file: 'sequence_testSeq.xml' },
    { file: 'messagestore_testStore.xml' },
    { file: 'messageprocessor_testProcessor.xml' },
  ],
  async run(t) {
    const body = '<ns1:store xmlns:ns1="http://services.samples" xmlns:ns2="http://services.samples/ns2"><ns1:request><ns2:storeName>testStore</ns2:storeName></ns1:request></ns1:store>';
    const r = await t.request('POST', '/test/temp', { headers: { 'Content-Type': 'application/xml' }, body });
    expect(r.status).toBe(200);
    await t.waitForLog(/status = Start/);
    await t.waitForLog(/status = Storing message/, 3000);
    // The sampling processor injected the stored message: its envelope holds the ns1:store payload.
    expect(t.logs().some((l) => l.includes('status = Storing message') && l.includes('<ns2:storeName>testStore</ns2:storeName>'))).toBe(true);
  },
});
