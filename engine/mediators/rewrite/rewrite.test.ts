import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const logOf = (name: string) => `<log level="custom"><property name="${name}" expression="get-property('${name}')"/></log>`;

async function rewrite(rules: string, url: string, extra = '') {
  const t = testEngine({ 'api.xml': apiWith(`<property name="in" value="${url}"/><rewrite inProperty="in" outProperty="out">${rules}</rewrite>${extra}${logOf('out')}<respond/>`) });
  expect(t.deployed.failed).toEqual([]);
  const res = await t.request('POST', '/test?lang=en', { headers: { 'Content-Type': 'application/xml', 'X-Env': 'prod' }, body: '<r><host>backend.example</host></r>' });
  return { res, out: t.logger.records.find((r) => r.fields.component === 'LogMediator')?.message };
}

describe('rewrite mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<rewrite inProperty="a" outProperty="b"><rewriterule><condition><and><equal type="url" source="host" value="localhost"/><match type="header" source="X-Env" regex="p.*"/></and></condition><action type="replace" fragment="path" regex="v1" value="v2"/><action fragment="port" value="9000"/></rewriterule></rewrite>');
    roundTrip('<rewrite><rewriterule><action type="remove" fragment="query"/><action type="set" xpath="//host"/></rewriterule></rewrite>');
  });

  it('sets, appends, prepends, replaces and removes URL fragments', async () => {
    const { out } = await rewrite(
      '<rewriterule><action fragment="protocol" value="https"/><action fragment="host" value="api.example.com"/><action fragment="port" value="8443"/><action type="prepend" fragment="path" value="/v2"/><action type="append" fragment="query" value="&amp;b=2"/><action type="replace" fragment="path" regex="orders" value="purchases"/><action type="remove" fragment="ref"/></rewriterule>',
      'http://localhost:8280/orders/1?a=1#top',
    );
    expect(out).toBe('out = https://api.example.com:8443/v2/purchases/1?a=1&b=2');
  });

  it('applies a rule only when its condition holds (url fragment, header, param, property, not/or)', async () => {
    const rules =
      '<rewriterule><condition><and><equal type="url" source="host" value="localhost"/><equal type="header" source="X-Env" value="prod"/></and></condition><action fragment="host" value="prod.example"/></rewriterule>' +
      '<rewriterule><condition><not><match type="url" source="path" regex="/admin.*"/></not></condition><action type="append" fragment="path" value="/public"/></rewriterule>' +
      '<rewriterule><condition><or><equal type="property" source="in" value="nope"/><equal type="header" source="X-Env" value="test"/></or></condition><action fragment="full" value="http://never"/></rewriterule>';
    expect((await rewrite(rules, 'http://localhost/shop')).out).toBe('out = http://prod.example/shop/public');
    expect((await rewrite(rules, 'http://other/admin/x')).out).toBe('out = http://other/admin/x');
  });

  it('takes a value from the payload with xpath, and rewrites the To address by default', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<header name="To" value="http://localhost:9000/services/Stock"/><rewrite><rewriterule><action fragment="host" xpath="//host"/></rewriterule></rewrite>${logOf('To')}<respond/>`) });
    await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<r><host>backend.example</host></r>' });
    const line = t.logger.records.find((r) => r.fields.component === 'LogMediator')?.message;
    expect(t.deployed.failed).toEqual([]);
    expect(line).toBe('To = http://backend.example:9000/services/Stock');
  });

  it('refuses bad rules at deploy with positions', () => {
    const t = testEngine({ 'api.xml': apiWith('<rewrite><rewriterule><condition><maybe/></condition><action type="replace" fragment="path" value="x"/></rewriterule></rewrite>') });
    expect(t.deployed.failed).toHaveLength(1);
    const msgs = t.deployed.failed[0]!.diagnostics.map((d) => d.message);
    expect(msgs).toContain('invalid rewrite condition: unknown condition <maybe> (expected and, or, not, equal or match)');
    expect(msgs).toContain('rewrite action "replace" needs a regex');
    const bad = testEngine({ 'api.xml': apiWith('<rewrite><rewriterule><action fragment="ftp" value="y"/></rewriterule></rewrite>') });
    expect(bad.deployed.failed[0]!.diagnostics[0]!.message).toBe("invalid value 'ftp' for fragment of <action>; expected one of: protocol, user, host, port, path, query, ref, full");
  });
});
