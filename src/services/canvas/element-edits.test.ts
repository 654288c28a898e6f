/**
 * Forms edit child elements and endpoint trees through the edit engine: each
 * case checks the exact text after the edit (so everything else, comments
 * included, is byte for byte the same) and that the result still reads.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CanvasEdit, FlowNode } from '../../contract/canvas.js';
import { NodeCanvasService } from './canvas-service.js';
import { analyseDocument } from './document-model.js';
import { editedBy } from './test-support.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HEALTHCARE = readFileSync(path.join(repoRoot, 'samples/hospital/src/main/wso2mi/artifacts/apis/HealthcareAPI.xml'), 'utf8');
const R0 = 'api:HealthcareAPI/resource[0]/in';
const R1 = 'api:HealthcareAPI/resource[1]/in';

const service = new NodeCanvasService();

const edited = (text: string, edit: CanvasEdit) => editedBy(service, text, edit);

function errors(text: string): string[] {
  const doc = analyseDocument(text);
  expect(doc.model.ok).toBe(true);
  return doc.model.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.message}`);
}

function node(text: string, id: string): FlowNode {
  const found = analyseDocument(text).items.get(id);
  if (!found) throw new Error(`no node ${id}`);
  return found.flow;
}

const FAILOVER_EP = `<?xml version="1.0" encoding="UTF-8"?>
<endpoint name="BackendEP" xmlns="http://ws.apache.org/ns/synapse">
    <!-- primary first, then the standby -->
    <failover dynamic="false">
        <endpoint name="primary">
            <address uri="http://localhost:9001/orders"/>
        </endpoint>
        <!-- standby: only when the primary is suspended -->
        <endpoint name="standby">
            <http method="post" uri-template="http://localhost:9002/orders"/>
        </endpoint>
    </failover>
</endpoint>
`;

describe('child elements in the flow model', () => {
  it('gives each node its child elements as the form edits them: attributes, text, lanes', async () => {
    const log = node(HEALTHCARE, `${R0}/0`);
    expect(log.children).toEqual([{ name: 'property', local: 'property', attrs: { name: 'message', expression: "fn:concat('Listing doctors in ', get-property('uri.var.category'))" } }]);
    const factory = node(HEALTHCARE, `${R1}/3`);
    expect(factory.children?.[0]).toMatchObject({ local: 'format', inner: expect.stringMatching(/^\{"appointment"/) });
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <switch source="$body"><case regex="a"><log/></case><default/></switch>\n  <log><message>a &amp; <![CDATA[<b>]]></message></log>\n</sequence>`;
    expect(node(text, 'sequence:S/0').children).toEqual([
      { name: 'case', local: 'case', attrs: { regex: 'a' }, lane: true },
      { name: 'default', local: 'default', attrs: {}, lane: true },
    ]);
    expect(node(text, 'sequence:S/1').children).toEqual([{ name: 'message', local: 'message', attrs: {}, inner: 'a &amp; <![CDATA[<b>]]>', text: 'a & <b>' }]);
  });
});

describe('form edits of child elements', () => {
  it('edits, adds and removes a log property row', async () => {
    const set = await edited(HEALTHCARE, { op: 'setAttributes', node: `${R0}/0`, element: 'property', values: { expression: "get-property('uri.var.category')" } });
    expect(set).toBe(HEALTHCARE.replace(`expression="fn:concat('Listing doctors in ', get-property('uri.var.category'))"`, `expression="get-property('uri.var.category')"`));
    const added = await edited(HEALTHCARE, { op: 'insertElement', node: `${R0}/0`, index: 1, xml: '<property name="category" value="x &amp; y"/>' });
    expect(added).toBe(HEALTHCARE.replace(`'uri.var.category'))"/>\n            </log>`, `'uri.var.category'))"/>\n                <property name="category" value="x &amp; y"/>\n            </log>`));
    expect(node(added, `${R0}/0`).children?.[1]?.attrs).toEqual({ name: 'category', value: 'x & y' });
    const removed = await edited(added, { op: 'removeElement', node: `${R0}/0`, element: 'property[0]' });
    expect(removed).toBe(HEALTHCARE.replace(/\n {16}<property name="message"[^\n]*/, '\n                <property name="category" value="x &amp; y"/>'));
    expect(errors(removed)).toEqual([]);
  });

  it('switches a property from value to expression in one edit', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <log level="custom"><property name="a" value="1"/></log>\n</sequence>`;
    const out = await edited(text, { op: 'setAttributes', node: 'sequence:S/0', element: 'property', values: { value: null, expression: '$.a' } });
    expect(out).toBe(text.replace('value="1"', 'expression="$.a"'));
    const { edits } = await service.edit('doc', text, { op: 'setAttributes', node: 'sequence:S/0', element: 'property', values: { value: null, expression: '$.a' } });
    expect(edits).toHaveLength(1);
  });

  it('adds the first child to a self-closing mediator, in the file’s indentation', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n\t<log level="custom"/>\n</sequence>`;
    const out = await edited(text, { op: 'insertElement', node: 'sequence:S/0', index: 0, xml: '<property name="a" value="1"/>' });
    expect(out).toBe(`<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n\t<log level="custom">\n\t\t<property name="a" value="1"/>\n\t</log>\n</sequence>`);
  });

  it('writes the document’s prefix on new child elements', async () => {
    const text = `<syn:sequence name="S" xmlns:syn="http://ws.apache.org/ns/synapse">\n  <syn:log level="custom">\n    <syn:property name="a" value="1"/>\n  </syn:log>\n</syn:sequence>`;
    const out = await edited(text, { op: 'insertElement', node: 'sequence:S/0', index: 1, xml: '<property name="b" value="2"/>' });
    expect(out).toBe(text.replace('value="1"/>', 'value="1"/>\n    <syn:property name="b" value="2"/>'));
    expect(node(out, 'sequence:S/0').children?.map((c) => c.attrs.name)).toEqual(['a', 'b']);
  });

  it('sets a payloadFactory format: XML content as written, refused when not well-formed', async () => {
    const format = '{"status": "DOWN", "since": "$1"}';
    const out = await edited(HEALTHCARE, { op: 'setContent', node: 'api:HealthcareAPI/resource[2]/in/0', element: 'format', xml: format });
    expect(out).toBe(HEALTHCARE.replace('{"status": "UP", "service": "HealthcareAPI"}', format));
    await expect(service.edit('doc', HEALTHCARE, { op: 'setContent', node: 'api:HealthcareAPI/resource[2]/in/0', element: 'format', xml: '<a>' })).rejects.toThrow(/not well-formed/);
    await expect(service.edit('doc', HEALTHCARE, { op: 'setContent', node: 'api:HealthcareAPI/resource[2]/in/0', element: 'format', xml: 'a & b' })).rejects.toThrow(/not written: .*&amp;/);
    await expect(service.edit('doc', HEALTHCARE, { op: 'setContent', node: 'api:HealthcareAPI/resource[2]/in/0', element: 'format', xml: '<m:a/>' })).rejects.toThrow(/prefix 'm'/);
  });

  it('adds payloadFactory args where the grammar puts them', async () => {
    const out = await edited(HEALTHCARE, { op: 'insertElement', node: 'api:HealthcareAPI/resource[2]/in/0', index: 1, xml: '<args>\n    <arg expression="//a"/>\n</args>' });
    expect(out).toBe(HEALTHCARE.replace('"HealthcareAPI"}</format>', '"HealthcareAPI"}</format>\n                <args>\n                    <arg expression="//a"/>\n                </args>'));
    expect(errors(out)).toEqual([]);
    const second = await edited(out, { op: 'insertElement', node: 'api:HealthcareAPI/resource[2]/in/0', parent: 'args', index: 1, xml: '<arg value="b"/>' });
    expect(second).toContain('<arg expression="//a"/>\n                    <arg value="b"/>\n                </args>');
  });

  it('sets text content escaped, keeps CDATA when it was CDATA', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <log><message>hi</message></log>\n  <log><message><![CDATA[a<b]]></message></log>\n  <log><message/></log>\n</sequence>`;
    expect(await edited(text, { op: 'setContent', node: 'sequence:S/0', element: 'message', text: 'x < y & z' })).toBe(text.replace('>hi<', '>x &lt; y &amp; z<'));
    expect(await edited(text, { op: 'setContent', node: 'sequence:S/1', element: 'message', text: 'c<d' })).toBe(text.replace('a<b', 'c<d'));
    expect(await edited(text, { op: 'setContent', node: 'sequence:S/2', element: 'message', text: 'new' })).toBe(text.replace('<message/>', '<message>new</message>'));
  });

  it('edits the enrich source and target', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <enrich>\n    <source clone="true" type="body"/>\n    <target type="property" property="enriched"/>\n  </enrich>\n</sequence>`;
    const out = await edited(text, { op: 'setAttributes', node: 'sequence:S/0', element: 'source', values: { type: 'custom', xpath: '//order' } });
    expect(out).toBe(text.replace('type="body"/>', 'type="custom" xpath="//order"/>'));
    const target = await edited(out, { op: 'setAttributes', node: 'sequence:S/0', element: 'target', values: { type: 'body', property: null } });
    expect(target).toContain('<target type="body"/>');
    expect(errors(target)).toEqual([]);
  });

  it('adds, edits and removes a switch case before the default', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <switch source="$body">\n    <case regex="a">\n      <log/>\n    </case>\n    <default/>\n  </switch>\n</sequence>`;
    const added = await edited(text, { op: 'insertElement', node: 'sequence:S/0', index: 1, xml: '<case regex="b"/>' });
    expect(added).toBe(text.replace('    <default/>', '    <case regex="b"/>\n    <default/>'));
    expect(analyseDocument(added).lists.has('sequence:S/0/case[1]')).toBe(true);
    const regex = await edited(added, { op: 'setAttributes', node: 'sequence:S/0', element: 'case[1]', values: { regex: 'b|c' } });
    expect(regex).toContain('<case regex="b|c"/>');
    const removed = await edited(regex, { op: 'removeElement', node: 'sequence:S/0', element: 'case[0]' });
    expect(removed).toBe(text.replace('    <case regex="a">\n      <log/>\n    </case>\n', '    <case regex="b|c"/>\n'));
  });

  it('moves a child element among its siblings, comments staying where they were', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <log level="custom">\n    <property name="a" value="1"/>\n    <!-- b explains a -->\n    <property name="b" value="2"/>\n  </log>\n</sequence>`;
    const out = await edited(text, { op: 'moveElement', node: 'sequence:S/0', element: 'property[0]', index: 1 });
    expect(out).toBe(`<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <log level="custom">\n    <!-- b explains a -->\n    <property name="b" value="2"/>\n    <property name="a" value="1"/>\n  </log>\n</sequence>`);
  });

  it('changes a call’s endpoint from a key to an inline http endpoint and back', async () => {
    const inline = await edited(HEALTHCARE, { op: 'replaceElement', node: `${R0}/1`, element: 'endpoint', kind: 'endpoint:http' });
    expect(inline).toBe(HEALTHCARE.replace('<endpoint key="HospitalServiceEP"/>', '<endpoint>\n                    <http method="get" uri-template="http://localhost:8080/"/>\n                </endpoint>'));
    expect(node(inline, `${R0}/1`).endpoint).toEqual({ kind: 'http', address: 'http://localhost:8080/', method: 'get' });
    const back = await edited(inline, { op: 'replaceElement', node: `${R0}/1`, element: 'endpoint', xml: '<endpoint key="HospitalServiceEP"/>' });
    expect(back).toBe(HEALTHCARE);
  });

  it('refuses what it cannot do, saying why', async () => {
    await expect(service.edit('doc', HEALTHCARE, { op: 'removeElement', node: `${R0}/0`, element: 'property[3]' })).rejects.toThrow(/no element 'property\[3\]'/);
    await expect(service.edit('doc', HEALTHCARE, { op: 'removeElement', node: `${R0}/0`, element: '' })).rejects.toThrow(/child element/);
    await expect(service.edit('doc', HEALTHCARE, { op: 'insertElement', node: `${R0}/0`, index: 0, xml: '<property>' })).rejects.toThrow(/well-formed/);
    await expect(service.edit('doc', HEALTHCARE, { op: 'replaceElement', node: `${R0}/0`, element: 'property', kind: 'endpoint:http' })).rejects.toThrow(/not an endpoint/);
  });
});

describe('endpoint trees', () => {
  it('draws an endpoint artifact as its endpoint node with the members in a lane', async () => {
    const model = await service.flow('doc', FAILOVER_EP);
    const section = model.sections[0]!;
    expect(section.list?.holds).toBe('endpoint');
    const root = section.list!.nodes[0]!;
    expect([root.id, root.kind, root.label]).toEqual(['endpoint:BackendEP', 'endpoint:failover', 'Failover endpoint']);
    expect(root.children).toEqual([{ name: 'failover', local: 'failover', attrs: { dynamic: 'false' }, lane: true }]);
    const lane = root.branches![0]!;
    expect([lane.id, lane.holds]).toEqual(['endpoint:BackendEP/failover', 'endpoints']);
    expect(lane.nodes.map((n) => [n.id, n.kind, n.detail])).toEqual([
      ['endpoint:BackendEP/endpoint[0]', 'endpoint:address', 'primary · http://localhost:9001/orders'],
      ['endpoint:BackendEP/endpoint[1]', 'endpoint:http', 'standby · POST http://localhost:9002/orders'],
    ]);
    expect(model.size).toBe(0);
  });

  it('inserts a member from the palette at a "+", laid out like its siblings', async () => {
    const out = await edited(FAILOVER_EP, { op: 'insert', list: 'endpoint:BackendEP/failover', index: 2, kind: 'endpoint:address' });
    expect(out).toBe(FAILOVER_EP.replace('orders"/>\n        </endpoint>\n    </failover>', 'orders"/>\n        </endpoint>\n        <endpoint>\n            <address uri="http://localhost:8080/"/>\n        </endpoint>\n    </failover>'));
    expect(errors(out)).toEqual([]);
    const first = await edited(FAILOVER_EP, { op: 'insert', list: 'endpoint:BackendEP/failover', index: 0, kind: 'endpoint:http' });
    expect(first).toBe(FAILOVER_EP.replace('<failover dynamic="false">\n', '<failover dynamic="false">\n        <endpoint>\n            <http method="get" uri-template="http://localhost:8080/"/>\n        </endpoint>\n'));
    // Picking a palette endpoint with the artifact's endpoint as the place appends a member.
    expect(await edited(FAILOVER_EP, { op: 'insert', list: 'endpoint:BackendEP/endpoint', index: 1, kind: 'endpoint:address' })).toBe(out);
  });

  it('nests a group inside a group', async () => {
    const out = await edited(FAILOVER_EP, { op: 'insert', list: 'endpoint:BackendEP/failover', index: 1, kind: 'endpoint:loadbalance' });
    expect(errors(out)).toEqual([]);
    const nested = analyseDocument(out).items.get('endpoint:BackendEP/endpoint[1]')!;
    expect(nested.flow.kind).toBe('endpoint:loadbalance');
    expect(nested.flow.branches![0]!.nodes.map((n) => n.id)).toEqual(['endpoint:BackendEP/endpoint[1]/endpoint[0]', 'endpoint:BackendEP/endpoint[1]/endpoint[1]']);
  });

  it('deletes and moves members, keeping the comments as written', async () => {
    const deleted = await edited(FAILOVER_EP, { op: 'delete', node: 'endpoint:BackendEP/endpoint[0]' });
    expect(deleted).toBe(FAILOVER_EP.replace('\n        <endpoint name="primary">\n            <address uri="http://localhost:9001/orders"/>\n        </endpoint>', ''));
    const moved = await edited(FAILOVER_EP, { op: 'move', node: 'endpoint:BackendEP/endpoint[1]', list: 'endpoint:BackendEP/failover', index: 0 });
    expect(moved).toBe(
      FAILOVER_EP.replace('<failover dynamic="false">\n        <endpoint name="primary">', '<failover dynamic="false">\n        <endpoint name="standby">\n            <http method="post" uri-template="http://localhost:9002/orders"/>\n        </endpoint>\n        <endpoint name="primary">').replace(
        '\n        <endpoint name="standby">\n            <http method="post" uri-template="http://localhost:9002/orders"/>\n        </endpoint>\n    </failover>',
        '\n    </failover>',
      ),
    );
    expect(moved).toContain('<!-- standby: only when the primary is suspended -->');
    expect(errors(moved)).toEqual([]);
  });

  it('edits a member in its form: address, http uri-template and method, a key', async () => {
    const uri = await edited(FAILOVER_EP, { op: 'setAttribute', node: 'endpoint:BackendEP/endpoint[0]', element: 'address', name: 'uri', value: 'http://primary:9001/orders' });
    expect(uri).toBe(FAILOVER_EP.replace('http://localhost:9001/orders', 'http://primary:9001/orders'));
    const http = await edited(FAILOVER_EP, { op: 'setAttributes', node: 'endpoint:BackendEP/endpoint[1]', element: 'http', values: { method: 'put', 'uri-template': 'http://localhost:9002/orders/{uri.var.id}' } });
    expect(http).toBe(FAILOVER_EP.replace('<http method="post" uri-template="http://localhost:9002/orders"/>', '<http method="put" uri-template="http://localhost:9002/orders/{uri.var.id}"/>'));
    const key = await edited(FAILOVER_EP, { op: 'replaceElement', node: 'endpoint:BackendEP/endpoint[0]', element: '', xml: '<endpoint key="HospitalServiceEP"/>' });
    expect(key).toBe(FAILOVER_EP.replace('<endpoint name="primary">\n            <address uri="http://localhost:9001/orders"/>\n        </endpoint>', '<endpoint key="HospitalServiceEP"/>'));
    expect(node(key, 'endpoint:BackendEP/endpoint[0]').kind).toBe('endpoint:key');
  });

  it('changes a member’s kind keeping its name, and a key reference into an inline endpoint', async () => {
    const http = await edited(FAILOVER_EP, { op: 'replaceElement', node: 'endpoint:BackendEP/endpoint[0]', element: '', kind: 'endpoint:http' });
    expect(http).toBe(FAILOVER_EP.replace('<address uri="http://localhost:9001/orders"/>', '<http method="get" uri-template="http://localhost:8080/"/>'));
    const keyed = FAILOVER_EP.replace('<endpoint name="primary">\n            <address uri="http://localhost:9001/orders"/>\n        </endpoint>', '<endpoint key="HospitalServiceEP"/>');
    const inline = await edited(keyed, { op: 'replaceElement', node: 'endpoint:BackendEP/endpoint[0]', element: '', kind: 'endpoint:address' });
    expect(inline).toBe(keyed.replace('<endpoint key="HospitalServiceEP"/>', '<endpoint>\n            <address uri="http://localhost:8080/"/>\n        </endpoint>'));
  });

  it('changes the artifact’s own kind keeping its name and namespace', async () => {
    const out = await edited(FAILOVER_EP, { op: 'replaceElement', node: 'endpoint:BackendEP', element: '', kind: 'endpoint:address' });
    expect(out).toBe(FAILOVER_EP.replace(/ {4}<failover[\s\S]*<\/failover>/, '    <address uri="http://localhost:8080/"/>'));
    expect(errors(out)).toEqual([]);
  });

  it('edits inline group endpoints inside a call the same way', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <call>\n    <endpoint>\n      <loadbalance algorithm="org.apache.synapse.endpoints.algorithms.RoundRobin">\n        <endpoint><address uri="http://a"/></endpoint>\n      </loadbalance>\n    </endpoint>\n  </call>\n</sequence>`;
    const call = node(text, 'sequence:S/0');
    expect(call.branches?.map((b) => [b.id, b.holds])).toEqual([['sequence:S/0/endpoint/loadbalance', 'endpoints']]);
    const out = await edited(text, { op: 'insert', list: 'sequence:S/0/endpoint/loadbalance', index: 1, kind: 'endpoint:address' });
    expect(out).toBe(text.replace('<endpoint><address uri="http://a"/></endpoint>\n', '<endpoint><address uri="http://a"/></endpoint>\n        <endpoint>\n          <address uri="http://localhost:8080/"/>\n        </endpoint>\n'));
    expect(errors(out)).toEqual([]);
    expect(analyseDocument(out).model.size).toBe(1);
  });

  it('refuses what does not fit an endpoint tree, saying why', async () => {
    await expect(service.edit('doc', FAILOVER_EP, { op: 'insert', list: 'endpoint:BackendEP/failover', index: 0, kind: 'log' })).rejects.toThrow(/only endpoints go into a failover/);
    await expect(service.edit('doc', FAILOVER_EP, { op: 'insert', list: 'endpoint:BackendEP/failover', index: 0, xml: '<log/>' })).rejects.toThrow(/only endpoints/);
    await expect(service.edit('doc', FAILOVER_EP, { op: 'delete', node: 'endpoint:BackendEP' })).rejects.toThrow(/keeps its one endpoint/);
    await expect(service.edit('doc', FAILOVER_EP, { op: 'disable', node: 'endpoint:BackendEP/endpoint[0]' })).rejects.toThrow(/cannot be disabled/);
    await expect(service.edit('doc', HEALTHCARE, { op: 'insert', list: R0, index: 0, xml: '<endpoint key="X"/>' })).rejects.toThrow(/endpoint goes into/);
    const address = readFileSync(path.join(repoRoot, 'samples/hospital/src/main/wso2mi/artifacts/endpoints/ReservationEP.xml'), 'utf8');
    await expect(service.edit('doc', address, { op: 'insert', list: 'endpoint:ReservationEP/endpoint', index: 1, kind: 'endpoint:address' })).rejects.toThrow(/holds one endpoint/);
  });
});
