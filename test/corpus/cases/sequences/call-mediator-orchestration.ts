import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import type { CaseRun } from '../../runtime.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse, parseXml, textOf } from '../../xml.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const proxy = (name: string, target: string) => `<proxy ${SYN} name="${name}"><target>${target}</target></proxy>`;

export default defineCase({
  id: 'sequences/call-mediator-orchestration',
  title: 'Call mediator: orchestration, blocking call, source/target, clone continueParent',
  status: 'pass',
  backends: {
    quotes: { kind: 'stock-quote' },
    echo: { kind: 'recording', options: { fallback: { status: 200, headers: { 'content-type': 'application/xml' }, body: '<echoed>ok</echoed>' } } },
    slow: { kind: 'recording', options: { fallback: { status: 200, body: { slow: true }, delayMs: 1500 } } },
  },
  artifacts: [
    { file: 'endpoint_MockAxis2ServiceEndpoint.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'endpoint_MockService1Endpoint.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_SampleProxyService.xml' },
    // Snippets wrapped in proxies (ours); BACKEND_URL / localhost:8080 point at recording stand-ins.
    { name: 'proxy_Blocking.xml', why: 'wrapper proxy around snippet_call_blocking.xml', text: (t) => `<proxy ${SYN} name="Blocking">${backendAt('http://localhost:9000', 'quotes')(t.corpusFile('snippet_call_blocking.xml'), t)}</proxy>` },
    ...(['inline', 'property', 'xpath'] as const).map((kind) => ({
      name: `proxy_Source_${kind}.xml`,
      why: `wrapper proxy around snippet_call_source_${kind}.xml`,
      text: (t: CaseRun) => proxy(`Source_${kind}`, replace('BACKEND_URL', `${t.backendUrl('echo')}/echo`)(t.corpusFile(`snippet_call_source_${kind}.xml`), t)),
    })),
    {
      name: 'api_Clone.xml',
      why: 'wrapper API around snippet_clone_continue_parent.xml, answering after the snippet',
      text: (t) => `<api ${SYN} name="Clone" context="/clone"><resource methods="POST"><inSequence>${backendAt('http://localhost:8080', 'slow')(t.corpusFile('snippet_clone_continue_parent.xml'), t)}<respond/></inSequence></resource></api>`,
    },
  ],
  async run(t) {
    const blocking = await t.request('POST', '/services/Blocking', { headers: { 'Content-Type': 'text/xml' }, body: soap11('<x/>') });
    expect(blocking.status).toBe(200);
    expectQuoteResponse(payloadOf(blocking.text), 'WSO2');

    // source/target: the endpoint gets XML built from the source, the response lands in TARGET, the original JSON goes back.
    const incoming = '{"INCOMING" : {"INCOMING2":"INCOMING2"}}';
    const echo = t.backend('echo');
    for (const [kind, sent] of [['inline', /<Intermediate><Intermediate1>Intermediate<\/Intermediate1><\/Intermediate>/], ['property', /<INCOMING><INCOMING2>INCOMING2<\/INCOMING2><\/INCOMING>/], ['xpath', /<INCOMING2>INCOMING2<\/INCOMING2>/]] as const) {
      const before = echo.requests.length;
      const s = await t.request('POST', `/services/Source_${kind}`, { headers: { 'Content-Type': 'application/json' }, body: incoming });
      expect(s.status, kind).toBe(200);
      expect(s.json(), kind).toEqual({ INCOMING: { INCOMING2: 'INCOMING2' } });
      expect(echo.requests.length).toBe(before + 1);
      expect(String(echo.requests.at(-1).headers['content-type']), kind).toMatch(/^application\/xml/);
      expect(echo.requests.at(-1).body, kind).toMatch(sent);
      await t.waitForLog(new RegExp(`\\{proxy:Source_${kind}\\} TARGET PAYLOAD = .*ok`));
    }

    // clone continueParent: the parent logs without waiting for the cloned call's response (the backend takes 1.5 s).
    const started = Date.now();
    await t.request('POST', '/clone', { headers: { 'Content-Type': 'application/xml' }, body: '<a>1</a>' });
    await t.waitForLog(/\{api:Clone\} MESSAGE = After call mediator$/);
    const logged = t.records().find((r) => r.message === 'MESSAGE = After call mediator')!.time;
    expect(logged - started).toBeLessThan(1000);
    await t.backend('slow').waitForRequests(1);

    // Orchestration: both calls 200 → the client gets the FIRST call's response, re-enriched from the property.
    const hitsBefore = t.backend('quotes').hits.total;
    const r = await t.request('POST', '/services/SampleProxyService', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: soap11(getQuote('IBM')) });
    expect(r.status).toBe(200);
    expect(textOf(parseXml(r.text), 'symbol')).toBe('IBM');
    expect(r.text).toContain('getQuoteResponse');
    await t.waitForLog(/switchlog = Case: first call successful$/);
    await t.waitForLog(/switchlog = Case: second call successful$/);
    expect(t.backend('quotes').hits.total - hitsBefore).toBe(2);

  },
});
