import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { expectAccepted } from './_ms.js';

export default defineCase({
  id: 'message-store/in-memory-store-intro',
  title: 'In-memory store and the store mediator with an onStore sequence; 202 with FORCE_SC_ACCEPTED',
  status: 'pass',
  artifacts: [{ file: 'messagestore_MyStore.xml' }, { file: 'proxy_SampleProxy.xml' }, { file: 'sequence_OnError.xml' }, { file: 'sequence_onStoreSequence.xml' }],
  async run(t) {
    await expectAccepted(t, 'SampleProxy');
    await t.waitForLog(/On-Store = Storing message/);
    // MI shows the stored message over JMX; here the store browser's runtime view.
    const stored = await t.host.messaging.listMessages('MyStore');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.soapAction).toBe('urn:getQuote');
    expect(stored[0]!.payload.kind === 'xml' && stored[0]!.payload.envelope).toMatch(/<xsd:symbol>IBM<\/xsd:symbol>/);
  },
});
