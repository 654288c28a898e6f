import { expect } from 'vitest';
import { defineCase, backendAt, addSynapseNs } from '../../case.js';
import { soap11 } from '../../xml.js';

const quote = (symbol: string) =>
  soap11(`<m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:price>50</m0:price><m0:quantity>10</m0:quantity><m0:symbol>${symbol}</m0:symbol></m0:request></m0:getQuote>`);

export default defineCase({
  id: 'sequences/fault-sequences',
  title: 'Fault sequences: ERROR_MESSAGE, sequence onError, a missing endpoint key',
  status: 'not-yet',
  reason: "the deployer refuses artifacts whose <endpoint key> names an endpoint that is not defined (SYN008); MI deploys them and fails per message with \"Couldn't find the endpoint with the key : X\", which is what this example is about",
  blocker: (t) => {
    expect(t.refused.map((r) => r.messages.join(' ')).join('\n')).toMatch(/SYN008 endpoint 'sunPort' is not defined/);
  },
  docsWrong: ['the secondary API FaultTestAPI has no Synapse namespace (added)'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_FaultTestProxy.xml' },
    { file: 'sequence_sunErrorHandler.xml' },
    { file: 'sequence_sunSequence.xml' },
    { file: 'api_FaultTestAPI.xml', edits: [addSynapseNs] },
  ],
  async run(t) {
    const send = (symbol: string) => t.request('POST', '/services/FaultTestProxy', { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:mediate"' }, body: quote(symbol) });
    // SUN → sunSequence → undefined endpoint sunPort → its onError sequence.
    await send('SUN');
    await t.waitForLog(/INFO \{LogMediator\} .*text = An unexpected error occured for stock SUN, message = Couldn't find the endpoint with the key : sunPort$/);
    // MSFT → endpoint bogus missing → the proxy's own faultSequence (implied by the page).
    await send('MSFT');
    await t.waitForLog(/text = An unexpected error occured, message = Couldn't find the endpoint with the key : bogus$/);
    // IBM → the call succeeds, then drop: no response body.
    const ibm = await send('IBM');
    expect(ibm.text).toBe('');
    expect(t.backend('quotes').hits.total).toBe(1);
    // The API variant routes SUN the same way.
    await t.request('POST', '/testFault/v1', { headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body: quote('SUN') });
    await t.waitForLog(/\{api:FaultTestAPI\}|\{sequence:sunErrorHandler\}.*sunPort/);
  },
});
