import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

describe('propertyGroup mediator', () => {
  it('round-trips', () => {
    roundTrip('<propertyGroup description="d"><property name="a" value="1"/><property name="b" expression="$ctx:a" scope="axis2"/><property name="c" action="remove"/></propertyGroup>');
  });

  it('applies properties in order, in their scopes', async () => {
    const t = testEngine({ 'api.xml': apiWith('<propertyGroup><property name="a" value="4"/><property name="b" expression="fn:concat($ctx:a, \'2\')"/><property name="X-B" expression="$ctx:b" scope="transport"/><property name="a" action="remove"/><property name="HTTP_SC" value="202" scope="axis2"/></propertyGroup><log level="custom"><property name="a" expression="$ctx:a"/><property name="b" expression="$ctx:b"/></log><respond/>') });
    const res = await t.request('GET', '/test');
    expect(res.status).toBe(202);
    expect(res.headers.get('X-B')).toBe('42');
    expect(t.logger.records.map((r) => r.message)).toContain('a = , b = 42');
  });

  it('a bad conversion faults naming the group, then the API keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith('<propertyGroup><property name="n" expression="$trp:n" type="INTEGER"/></propertyGroup><respond/>') });
    expect((await t.request('GET', '/test', { headers: { n: 'x' } })).status).toBe(500);
    expect(t.logger.records.some((r) => r.level === 'error' && String(r.fields.path).includes('/0') && r.fields.artifact === 'api:TestAPI')).toBe(true);
    expect((await t.request('GET', '/test', { headers: { n: '3' } })).status).toBe(200);
  });

  it('refuses an empty group and a property without name', () => {
    const t = testEngine({ 'a.xml': apiWith('<propertyGroup/>'), 'b.xml': apiWith('<propertyGroup><property value="1"/></propertyGroup>').replace('TestAPI', 'B').replace('/test', '/b') });
    expect(t.deployed.failed).toHaveLength(2);
  });
});
