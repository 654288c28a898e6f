import { expect } from 'vitest';
import { backendAt, defineCase, replace } from '../../case.js';
import { eventually } from '../../common.js';
import { acceptorListening, expectWellFramed, fixCaseEnv, FixPeer, newOrderSingle, transportPageCfg } from './_fix.js';

const env = await fixCaseEnv();

export default defineCase({
  id: 'protocol-switching/fix-to-http',
  title: 'FIX to HTTP: a FIX Limit order through the registry XSLT to the one-way placeOrder of SimpleStockQuoteService',
  status: 'pass',
  deviates: [
    "Banzai is the Node FIX peer of engine/node/transports/fix/test-counterparty.ts; the acceptor session file is the FIX transport page's fix-synapse.cfg with its port moved to a free one",
    '{reg_path} is gov:/xslt (registry/gov/xslt/FIX_XSLT.xslt)',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  registry: { 'gov/xslt/FIX_XSLT.xslt': 'registry_FIX_XSLT.xslt' },
  artifacts: [
    {
      file: 'proxy_FIXToHTTPProxy.xml',
      edits: [replace('{reg_path}/FIX_XSLT.xslt', 'gov:/xslt/FIX_XSLT.xslt'), replace('file:/{file_path}/fix-synapse.cfg', env.cfg('fix-synapse.cfg', transportPageCfg('fix-synapse.cfg'))), backendAt('http://localhost:9000', 'quotes')],
    },
  ],
  async run(t) {
    const banzai = new FixPeer('banzai', 'FIX.4.0', 'BANZAI', 'SYNAPSE');
    try {
      await acceptorListening(t, 'FIXToHTTPProxy');
      await banzai.connect(env.acceptorPort);
      banzai.send(newOrderSingle({ clOrdId: '1', symbol: 'DELL', side: '1', quantity: '1000', ordType: '2', price: '100' }));
      await eventually(() => expect(t.backend('quotes').logs).toContainEqual(expect.stringMatching(/Accepted order #1 for : 1000 stocks of DELL at \$ 100(\.0)?$/)), 8000);
      const sent = t.backend('quotes').lastRequests[0];
      // The unused fn namespace is copied too, as XSLT copies the namespaces in scope of a literal result element.
      expect(sent.body).toMatch(/<m0:placeOrder [^>]*xmlns:m0="http:\/\/services\.samples">\s*<m0:order>\s*<m0:price>100<\/m0:price>\s*<m0:quantity>1000<\/m0:quantity>\s*<m0:symbol>DELL<\/m0:symbol>/);
      expect(String(sent.headers.soapaction ?? sent.headers.SOAPAction ?? '')).toContain('urn:placeOrder');
      await t.waitForLog(/Direction: request.*<field id="55">DELL<\/field>/);
      await t.waitForLog(/Direction: request.*<m0:placeOrder/);
      // One-way backend: Banzai gets nothing but session messages.
      expect(banzai.received.filter((m) => !['A', '0', '1'].includes(m.fields.get(35) ?? ''))).toEqual([]);
      expectWellFramed(banzai);
    } finally {
      await banzai.close();
    }
  },
});
