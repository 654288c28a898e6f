import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

export default defineCase({
  id: 'endpoints/http-endpoint-uri-template',
  title: 'HTTP endpoint with {uri.var.*} in path and query; a whole URL from one variable',
  status: 'pass',
  backends: { pizza: { kind: 'recording' } },
  artifacts: [
    { file: 'endpoint_HTTPEndpoint.xml', edits: [backendAt('http://localhost:8080', 'pizza')] },
    {
      name: 'api_PizzaAPI.xml',
      why: 'the page gives only an <inSequence> body; wrapped in an API as case.md suggests',
      text: (t) => `<api ${SYN} name="PizzaAPI" context="/pizza"><resource methods="GET" uri-template="/menu">${t.corpusFile('snippet_inSequence_example1.xml')}</resource>
        <resource methods="GET" uri-template="/whole"><inSequence>
          <property name="prefixuri" value="http://"/><property name="host" value="127.0.0.1"/>
          <property name="port" value=":${t.backend('pizza').port}"/><property name="urlparam1" value="/orders"/><property name="urlparam2" value="?id=7"/>
          ${t.corpusFile('snippet_example2.xml')}
        </inSequence></resource></api>`,
    },
  ],
  async run(t) {
    const pizza = t.backend('pizza');
    const r = await t.request('GET', '/pizza/menu');
    expect(r.status).toBe(200);
    expect(pizza.requests[0].method).toBe('GET');
    expect(pizza.requests[0].url).toBe('/PizzaShopServlet/restapi/PizzaWS/menu?category=pizza&type=pan');
    // Example 2: the endpoint URL is the concatenation of the five context properties.
    await t.request('GET', '/pizza/whole');
    expect(pizza.requests[1].url).toBe('/orders?id=7');
  },
});
