import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { installTransformationAdapters } from '../../node/transformation/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.join(path.resolve(repoRoot, '../shared'), 'corpus/json/validate-json-schema');

const registryOf = (entries: Record<string, string>) => ({ get: (k: string) => entries[k.replace(/^conf:\/+/, 'conf:').replace(/^gov:\/+/, 'gov:')], property: () => undefined });

const orderXsd = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:orders" xmlns="urn:orders" elementFormDefault="qualified">
  <xs:include schemaLocation="item.xsd"/>
  <xs:element name="order"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int"/><xs:element ref="item" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>`;
const itemXsd = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:orders" xmlns="urn:orders" elementFormDefault="qualified"><xs:element name="item" type="xs:string"/></xs:schema>`;
const faultSeq = '<faultSequence><payloadFactory media-type="json"><format>{"fault":"${properties.synapse.ERROR_MESSAGE}"}</format></payloadFactory><property name="HTTP_SC" value="500" scope="axis2"/><respond/></faultSequence>';

beforeAll(() => installTransformationAdapters());

describe('validate mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<validate source="//order" cache-schema="false"><schema key="conf:/a.xsd"/><schema key="{$ctx:k}"/><resource location="item.xsd" key="conf:/item.xsd"/><feature name="http://javax.xml.XMLConstants/feature/secure-processing" value="true"/><on-fail><drop/></on-fail></validate>');
    roundTrip(fs.readFileSync(path.join(corpus, 'snippet_validate.xml'), 'utf8'));
  });

  describe('docs example: JSON schema from the conf registry', () => {
    const schema = fs.readFileSync(path.join(corpus, 'registry/conf/schema/StockQuoteSchema.json'), 'utf8');
    const make = () =>
      testEngine({ 'api.xml': apiWith(fs.readFileSync(path.join(corpus, 'snippet_validate.xml'), 'utf8') + '<respond/>') }, { registry: registryOf({ 'conf:schema/StockQuoteSchema.json': schema }) });

    it('lets a conforming message continue', async () => {
      const t = make();
      expect(t.deployed.failed).toEqual([]);
      const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{"request":{"symbol":"WSO2"}}}' });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ getQuote: { request: { symbol: 'WSO2' } } });
    });

    it('runs on-fail with the validation error for a non-conforming message', async () => {
      const t = make();
      const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{}}' });
      expect(res.status).toBe(500);
      expect(res.json()).toEqual({ Error: 'object has missing required properties (["request"]) (at /getQuote)' });
    });
  });

  it('validates a draft-07 schema against a json-eval source, reporting type errors', async () => {
    const schema = JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { qty: { type: 'integer', exclusiveMinimum: 0 } } });
    const t = testEngine(
      { 'api.xml': apiWith('<validate source="json-eval($.order)"><schema key="conf:/s.json"/><on-fail><payloadFactory media-type="text"><format>${properties.synapse.ERROR_MESSAGE}</format></payloadFactory><respond/></on-fail></validate><respond/>') },
      { registry: registryOf({ 'conf:s.json': schema }) },
    );
    const bad = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"order":{"qty":"3"}}' });
    expect(bad.text).toBe('instance type (string) does not match any allowed primitive type (allowed: ["integer"]) (at /qty)');
    const zero = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"order":{"qty":0}}' });
    expect(zero.text).toBe('must be > 0 (at /qty)');
    const ok = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"order":{"qty":2}}' });
    expect(ok.json()).toEqual({ order: { qty: 2 } });
  });

  it('translates draft-04 boolean exclusiveMaximum', async () => {
    const schema = JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', properties: { n: { type: 'number', maximum: 10, exclusiveMaximum: true } } });
    const t = testEngine({ 'api.xml': apiWith('<validate><schema key="conf:/s.json"/><on-fail><property name="HTTP_SC" value="400" scope="axis2"/><respond/></on-fail></validate><respond/>') }, { registry: registryOf({ 'conf:s.json': schema }) });
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"n":10}' })).status).toBe(400);
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"n":9.5}' })).status).toBe(200);
  });

  it('validates XML against an XSD with an included resource, from a local entry', async () => {
    const t = testEngine(
      {
        'le.xml': `<localEntry xmlns="http://ws.apache.org/ns/synapse" key="orderXsd"><![CDATA[${orderXsd}]]></localEntry>`,
        'api.xml': apiWith('<validate><schema key="orderXsd"/><resource location="item.xsd" key="conf:/item.xsd"/><on-fail><payloadFactory media-type="text"><format>${properties.synapse.ERROR_MESSAGE}</format></payloadFactory><property name="HTTP_SC" value="400" scope="axis2"/><respond/></on-fail></validate><respond/>'),
      },
      { registry: registryOf({ 'conf:item.xsd': itemXsd }) },
    );
    expect(t.deployed.failed).toEqual([]);
    const ok = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order xmlns="urn:orders"><id>1</id><item>pen</item></order>' });
    expect(ok.status).toBe(200);
    const bad = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order xmlns="urn:orders"><id>x</id><item>pen</item></order>' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("'x' is not a valid value of the atomic type 'xs:int'");
  });

  it('validates the element the source XPath selects', async () => {
    const t = testEngine({ 'api.xml': apiWith('<validate source="//o:order" xmlns:o="urn:orders"><schema key="conf:/o.xsd"/><resource location="item.xsd" key="conf:/item.xsd"/><on-fail><property name="HTTP_SC" value="422" scope="axis2"/><respond/></on-fail></validate><respond/>') }, { registry: registryOf({ 'conf:o.xsd': orderXsd, 'conf:item.xsd': itemXsd }) });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<wrap><order xmlns="urn:orders"><id>1</id></order></wrap>' });
    expect(res.status).toBe(422);
    const ok = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<wrap><order xmlns="urn:orders"><id>1</id><item>a</item></order></wrap>' });
    expect(ok.status).toBe(200);
  });

  it('refuses a validate without schema or on-fail at deploy', () => {
    const t = testEngine({ 'api.xml': apiWith('<validate><feature name="x" value="true"/></validate>') });
    expect(t.deployed.failed).toHaveLength(1);
    expect(t.deployed.failed[0]!.diagnostics.map((d) => d.code)).toContain('SYN006');
  });

  it('faults (fault sequence) when the schema key is missing, and keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith('<property name="k" expression="$trp:X-Schema"/><validate><schema key="{$ctx:k}"/><on-fail><drop/></on-fail></validate><respond/>', faultSeq) }, { registry: registryOf({ 'conf:s.json': '{"type":"object"}' }) });
    const bad = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json', 'X-Schema': 'conf:/nope.json' }, body: '{}' });
    expect(bad.status).toBe(500);
    expect(bad.json()).toEqual({ fault: "Validate: schema 'conf:/nope.json' not found in the registry or local entries" });
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.artifact === 'api:TestAPI')).toBe(true);
    const good = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json', 'X-Schema': 'conf:/s.json' }, body: '{"a":1}' });
    expect(good.json()).toEqual({ a: 1 });
  });
});
