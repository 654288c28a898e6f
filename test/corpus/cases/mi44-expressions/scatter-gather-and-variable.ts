import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';

/** The snippets' pre-release attribute names → MI 4.4's. */
const ga4_4 = (text: string) =>
  text
    .replace(/result-target="Body"/g, 'target="body"')
    .replace(/result-target="([^"]+)"/g, 'target="variable" target-variable="$1"')
    .replace(/ content-type="/g, ' result-content-type="')
    .replace(/root-element="/g, 'result-enclosing-element="')
    .replace(/expression="xpath\('([^']*)'\)"/g, 'expression="${xpath(\'$1\')}"');
import { parseXml, childElements } from '../../xml.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

export default defineCase({
  id: 'mi44-expressions/scatter-gather-and-variable',
  title: 'MI 4.4 scatter-gather (JSON body, XML into a variable) and the variable mediator',
  status: 'pass',
  docsWrong: [
    'the snippets use pre-release attribute names (result-target, content-type, root-element); MI 4.4 reads target/target-variable, result-content-type and result-enclosing-element, so the snippets are renamed before deployment; the aggregation expression `xpath(\'$body/node()\')` is written as the Synapse expression `${xpath(\'$body/node()\')}`',
  ],
  backends: {
    pets: { kind: 'recording', options: { echo: true } },
    s1: { kind: 'recording', options: { fallback: { status: 200, headers: { 'content-type': 'application/xml' }, body: '<one>1</one>' } } },
    s2: { kind: 'recording', options: { fallback: { status: 200, headers: { 'content-type': 'application/xml' }, body: '<two>2</two>' } } },
  },
  artifacts: [
    // The pages give snippets only; wrapped in one API (ours). Placeholder hosts point at stand-ins.
    {
      name: 'api_Mi44.xml',
      why: 'wrapper API around the three snippets',
      text: (t) => `<api ${SYN} name="Mi44" context="/mi44">
        <resource methods="POST" uri-template="/json"><inSequence>${ga4_4(backendAt('http://localhost:5454', 'pets')(t.corpusFile('snippet_scatter_gather_json_body.xml'), t))}<respond/></inSequence></resource>
        <resource methods="POST" uri-template="/xml"><inSequence>${ga4_4(backendAt('http://service2.example.com', 's2')(backendAt('http://service1.example.com', 's1')(t.corpusFile('snippet_scatter_gather_xml_variable.xml'), t), t))}
          <log category="INFO"><message>servicesResult = \${var.servicesResult}</message></log><respond/></inSequence></resource>
        <resource methods="POST" uri-template="/vars"><inSequence><variable name="sessionToken" value="abc" type="STRING"/>${t.corpusFile('snippet_variables.xml')}
          <payloadFactory media-type="json"><format>{"username":"\${var.username}","userId":\${var.userId},"data":\${var.userDataObject},"token":"\${exists(var.sessionToken)}"}</format></payloadFactory><respond/></inSequence></resource>
      </api>`,
    },
  ],
  async run(t) {
    // JSON: both branch results replace the body as a JSON array.
    const json = await t.request('POST', '/mi44/json', { headers: { 'Content-Type': 'application/json' }, body: '{"requestId": 7, "pet": {"name": "pet1", "type": "dog"}}' });
    expect(json.status).toBe(200);
    const results = json.json() as unknown[];
    expect(results).toHaveLength(2);
    expect(results).toContainEqual({ requestId: 7, pet: { name: 'pet2', type: 'cat' }, status: true });
    expect(results).toContainEqual({ requestId: 7, pet: { name: 'pet1', type: 'dog' } });
    await t.waitForLog(/Processing message in clone path 1/);
    // XML into a variable: the results wrapped in <AggregatedResults>.
    await t.request('POST', '/mi44/xml', { headers: { 'Content-Type': 'application/xml' }, body: '<req/>' });
    const line = await t.waitForLog(/servicesResult = /);
    const aggregated = parseXml(/<AggregatedResults>.*<\/AggregatedResults>/.exec(line)![0]).documentElement as unknown as Element;
    expect(aggregated.localName).toBe('AggregatedResults');
    expect(childElements(aggregated).map((e) => e.localName)).toEqual(['one', 'two']);
    // Variables: set from a value and from expressions with types; remove.
    const vars = await t.request('POST', '/mi44/vars', { headers: { 'Content-Type': 'application/json' }, body: '{"user":{"id":42,"data":{"a":1}}}' });
    expect(vars.json()).toEqual({ username: 'JohnDoe', userId: 42, data: { a: 1 }, token: 'false' });
  },
});
