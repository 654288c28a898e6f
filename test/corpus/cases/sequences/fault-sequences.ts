import { expect } from 'vitest';
import { defineCase, backendAt, addSynapseNs } from '../../case.js';
import { soap11 } from '../../xml.js';

const quote = (symbol: string) =>
  soap11(`<m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:price>50</m0:price><m0:quantity>10</m0:quantity><m0:symbol>${symbol}</m0:symbol></m0:request></m0:getQuote>`);

export default defineCase({
  id: 'sequences/fault-sequences',
  title: 'Fault sequences: ERROR_MESSAGE, sequence onError, a missing endpoint key',
  status: 'pass',
  deviates: [
    "MI deploys artifacts whose <endpoint key> names an undefined endpoint and fails each message with \"Couldn't find the endpoint with the key : X\" (what this page demonstrates); Mediate refuses them at deploy with SYN008 at the reference (issue 2: a reference to a sequence or endpoint that does not exist is a broken artifact), so the mistake is caught before any message fails",
  ],
  docsWrong: ['the secondary API FaultTestAPI has no Synapse namespace (added)'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_FaultTestProxy.xml' },
    { file: 'sequence_sunErrorHandler.xml' },
    { file: 'sequence_sunSequence.xml' },
    { file: 'api_FaultTestAPI.xml', edits: [addSynapseNs] },
  ],
  expectRefused: ['sequence_sunSequence.xml', 'proxy_FaultTestProxy.xml', 'api_FaultTestAPI.xml'],
  async run(t) {
    const refusal = t.refused.map((r) => `${r.file}: ${r.messages.join(' ')}`).join('\n');
    expect(refusal).toMatch(/sequence_sunSequence\.xml: SYN008 endpoint 'sunPort' is not defined in this project/);
    expect(refusal).toMatch(/proxy_FaultTestProxy\.xml: SYN008 endpoint 'bogus' is not defined in this project/);
    // The rest of the configuration deploys and serves; the error handler is in place for when the endpoints exist.
    expect(refusal).toMatch(/api_FaultTestAPI\.xml: SYN008 endpoint 'bogus' is not defined in this project/);
    expect(t.refused).toHaveLength(3);
    void quote;
  },
});
