import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const wrap = (name: string, snippet: string) => `<api ${SYN} name="${name}" context="/${name.toLowerCase()}"><resource methods="POST"><inSequence>${snippet}<respond/></inSequence></resource></api>`;

export default defineCase({
  id: 'json/foreach-transform',
  title: 'ForEach: in-place transformation (JSONPath and XPath variants)',
  status: 'pass',
  docsWrong: ['the XPath variant has an unbalanced `fn:concat((`: MI refuses the expression at deployment, and so do we'],
  expectRefused: ['api_ForeachXpath.xml'],
  artifacts: [
    { name: 'api_ForeachJson.xml', why: 'wrapper API around snippet_foreach_modify_jsonpath.xml', text: (t) => wrap('ForeachJson', t.corpusFile('snippet_foreach_modify_jsonpath.xml')) },
    { name: 'api_ForeachXpath.xml', why: 'wrapper API around snippet_foreach_modify_xpath.xml', text: (t) => wrap('ForeachXpath', t.corpusFile('snippet_foreach_modify_xpath.xml')) },
    { name: 'api_ForeachLog.xml', why: 'wrapper API around snippet_foreach_log_jsonpath.xml', text: (t) => wrap('ForeachLog', t.corpusFile('snippet_foreach_log_jsonpath.xml')) },
  ],
  async run(t) {
    // case.md's suggested request: each request element is replaced in place.
    const r = await t.request('POST', '/foreachjson', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{"request":[{"symbol":"IBM"},{"symbol":"MSFT"}]}}' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ getQuote: { request: [{ symbol: 'IBM_0' }, { symbol: 'MSFT_0' }] } });
    expect(t.refused.find((f) => f.file === 'api_ForeachXpath.xml')!.messages.join(' ')).toMatch(/concat/);
    const logged = await t.request('POST', '/foreachlog', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{"request":[{"symbol":"IBM"},{"symbol":"MSFT"}]}}' });
    expect(logged.status).toBe(200);
    expect(logged.json()).toEqual({ getQuote: { request: [{ symbol: 'IBM' }, { symbol: 'MSFT' }] } });
  },
});
