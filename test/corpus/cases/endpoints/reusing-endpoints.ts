import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

export default defineCase({
  id: 'endpoints/reusing-endpoints',
  title: 'Indirect (key) and resolving (key-expression) endpoints',
  status: 'pass',
  backends: { person: { kind: 'recording', options: { fallback: { status: 200, body: { from: 'person' } } } }, mail: { kind: 'recording', options: { fallback: { status: 200, body: { from: 'mail' } } } } },
  artifacts: [
    // Ours, as case.md suggests: the page defines neither PersonInfoEpr nor the endpoint named by property Mail.
    { name: 'endpoint_PersonInfoEpr.xml', why: 'endpoint the indirect snippet names', text: (t) => `<endpoint ${SYN} name="PersonInfoEpr"><http method="get" uri-template="${t.backendUrl('person')}/person"/></endpoint>` },
    { name: 'endpoint_MailEpr.xml', why: 'endpoint named by property Mail', text: (t) => `<endpoint ${SYN} name="MailEpr"><http method="get" uri-template="${t.backendUrl('mail')}/mail"/></endpoint>` },
    {
      name: 'api_Reuse.xml',
      why: 'wrapper API around the two <send> snippets',
      text: (t) => `<api ${SYN} name="Reuse" context="/reuse">
        <resource methods="GET" uri-template="/indirect"><inSequence>${t.corpusFile('snippet_indirect_endpoint.xml')}</inSequence></resource>
        <resource methods="GET" uri-template="/resolving"><inSequence><property name="Mail" value="MailEpr"/>${t.corpusFile('snippet_resolving_endpoint.xml')}</inSequence></resource>
      </api>`,
    },
  ],
  async run(t) {
    const indirect = await t.request('GET', '/reuse/indirect');
    expect(indirect.json()).toEqual({ from: 'person' });
    // key-expression yields the NAME of an endpoint, which is then looked up.
    const resolving = await t.request('GET', '/reuse/resolving');
    expect(resolving.json()).toEqual({ from: 'mail' });
    expect(t.backend('mail').requests.length).toBe(1);
  },
});
