import { expect } from 'vitest';
import { backendAt, defineCase, replace } from '../../case.js';
import { SOAP11_HEADERS, placeOrderEnvelope, sleep } from '../../common.js';

const MSMQ_QUEUE = 'msmq:DIRECT=OS:localhost\\private$\\msmqTest';
const REFUSAL = /^SYN016 .*, but MSMQ is a Windows-only transport \(MI drives it through the Windows MSMQ API over JNI\) and is not available in this runtime: the artifact is not deployed; use JMS, RabbitMQ or another broker instead$/;

export default defineCase({
  id: 'protocol-switching/http-msmq',
  title: 'HTTP and MSMQ (Windows only): both MSMQ artifacts are refused at deployment with a clear message; the HTTP proxy\'s flow, its MSMQ target swapped for HTTP, logs and answers 2xx without ever reaching its target',
  status: 'pass',
  docsWrong: [
    'StockQuoteProxy ends its inSequence with <respond/>, so its target endpoint (the MSMQ queue) is never used: asserted on the HTTP variant, whose target gets nothing',
    'the log text "OUT SEQENCE CALLED" (sic) is logged by the in sequence',
    'the page\'s run instructions (commented out) use port 8280 and the ant stockquote client, which MI does not ship; the request here is the equivalent placeOrder for MSFT',
  ],
  deviates: [
    'MSMQ is Windows-only (JNI to the Windows MSMQ API): msmqTest (transports="msmq") and StockQuoteProxy (target msmq: address) are refused at deployment, with the reason, instead of deployed to fail when used; MI on Linux would deploy StockQuoteProxy, whose flow never reaches the msmq: target',
    'to check the rest of the page, StockQuoteProxy is deployed a second time as StockQuoteProxyHttp (StockQuoteProxy_http.xml, our construction: the page\'s file with the msmq: target replaced by the stand-in back end)',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  expectRefused: ['proxy_msmqTest.xml', 'proxy_StockQuoteProxy.xml'],
  artifacts: [
    { file: 'proxy_msmqTest.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_StockQuoteProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    {
      file: 'proxy_StockQuoteProxy.xml',
      as: 'StockQuoteProxy_http.xml',
      edits: [backendAt('http://localhost:9000', 'quotes'), (text, t) => replace(MSMQ_QUEUE, `${t.backendUrl('quotes')}/services/SimpleStockQuoteService`)(text, t), replace('name="StockQuoteProxy"', 'name="StockQuoteProxyHttp"')],
    },
  ],
  async run(t) {
    const refusal = (file: string) => t.refused.find((r) => r.file === file)?.messages ?? [];
    expect(refusal('proxy_msmqTest.xml')).toHaveLength(1);
    expect(refusal('proxy_msmqTest.xml')[0]).toMatch(REFUSAL);
    expect(refusal('proxy_msmqTest.xml')[0]).toContain('proxy msmqTest listens on transports="msmq"');
    expect(refusal('proxy_StockQuoteProxy.xml')).toHaveLength(1);
    expect(refusal('proxy_StockQuoteProxy.xml')[0]).toMatch(REFUSAL);
    expect(refusal('proxy_StockQuoteProxy.xml')[0]).toContain(`address endpoint ${MSMQ_QUEUE}`);
    expect(t.deployedFiles).toContain('StockQuoteProxy_http.xml');
    expect(t.host.active.statuses().some((s) => s.artifact === 'proxy:msmqTest')).toBe(false);
    // Not deployed means not served: the documented proxy is unknown to the HTTP listener.
    expect((await t.request('POST', '/services/StockQuoteProxy', { headers: SOAP11_HEADERS('urn:placeOrder'), body: placeOrderEnvelope('1', '1', 'MSFT') })).status).toBe(404);

    const r = await t.request('POST', '/services/StockQuoteProxyHttp', { headers: SOAP11_HEADERS('urn:placeOrder'), body: placeOrderEnvelope('83.58806051152119', '18406', 'MSFT') });
    expect(r.status).toBeGreaterThanOrEqual(200);
    expect(r.status).toBeLessThan(300);
    await t.waitForLog(/\{proxy:StockQuoteProxyHttp\} MESSAGE = OUT SEQENCE CALLED/);
    // respond ended the flow: the target endpoint got nothing.
    await sleep(300);
    const quotes = t.backend('quotes');
    expect(quotes.orders).toEqual([]);
    expect((quotes.lastRequests as { method: string }[]).filter((q) => q.method === 'POST')).toEqual([]);
  },
});
