import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { eventually } from '../../common.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse, descendants, SAMPLES, SAMPLES_XSD } from '../../xml.js';

export const pointWsdlAtStandIn = (text: string, t: { backendUrl(n: string): string }) =>
  // The page's WSDL is a placeholder path (file:/path/to/sample_proxy_1.wsdl, not copied); the stand-in's equivalent WSDL is used.
  text.split('file:/path/to/sample_proxy_1.wsdl').join(`${t.backendUrl('quotes')}/services/SimpleStockQuoteService?wsdl`);

export default defineCase({
  id: 'proxy/simple-proxy',
  title: 'Pass-through proxy to SimpleStockQuoteService (five operations), publishWSDL',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'proxy_StockQuoteProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes'), pointWsdlAtStandIn] }],
  async run(t) {
    const send = (action: string, payload: string) => t.request('POST', '/services/StockQuoteProxy', { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: `"urn:${action}"` }, body: soap11(payload) });
    const quote = await send('getQuote', getQuote('IBM'));
    expect(quote.status).toBe(200);
    expectQuoteResponse(payloadOf(quote.text), 'IBM');
    const simple = await send('getSimpleQuote', `<ser:getSimpleQuote xmlns:ser="${SAMPLES}"><ser:symbol>IBM</ser:symbol></ser:getSimpleQuote>`);
    expectQuoteResponse(payloadOf(simple.text), 'IBM', 'getSimpleQuoteResponse');
    const full = await send('getFullQuote', `<ser:getFullQuote xmlns:ser="${SAMPLES}" xmlns:xsd="${SAMPLES_XSD}"><ser:request><xsd:symbol>IBM</xsd:symbol></ser:request></ser:getFullQuote>`);
    expect(descendants(payloadOf(full.text), 'tradeHistory')).toHaveLength(365);
    const order = await send('placeOrder', `<ser:placeOrder xmlns:ser="${SAMPLES}" xmlns:xsd="${SAMPLES_XSD}"><ser:order><xsd:price>3.141593E0</xsd:price><xsd:quantity>4</xsd:quantity><xsd:symbol>IBM</xsd:symbol></ser:order></ser:placeOrder>`);
    expect(order.status).toBe(202);
    await eventually(() => expect(t.backend('quotes').logs).toContainEqual(expect.stringMatching(/Accepted order #1 for : 4 stocks of IBM at \$ 3\.141593$/)));
    const activity = await send('getMarketActivity', `<ser:getMarketActivity xmlns:ser="${SAMPLES}" xmlns:xsd="${SAMPLES_XSD}"><ser:request><xsd:symbols>IBM</xsd:symbols><xsd:symbols>MSFT</xsd:symbols></ser:request></ser:getMarketActivity>`);
    expect(descendants(payloadOf(activity.text), 'quotes').map((q) => descendants(q, 'symbol')[0]!.textContent)).toEqual(['IBM', 'MSFT']);
    // ?wsdl: the source WSDL with the proxy's EPR.
    const wsdl = await t.request('GET', '/services/StockQuoteProxy?wsdl');
    expect(wsdl.status).toBe(200);
    expect(wsdl.text).toMatch(/definitions/);
    expect(wsdl.text).toContain('/services/StockQuoteProxy');
  },
});
