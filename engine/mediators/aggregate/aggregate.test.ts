import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

describe('aggregate mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<aggregate id="a"><correlateOn expression="//id"/><completeCondition timeout="5"><messageCount min="2" max="{get-property(\'MAX\')}"/></completeCondition><onComplete expression="//r" enclosingElementProperty="enc" aggregateElementType="child"><log/></onComplete></aggregate>');
    roundTrip('<aggregate><onComplete expression="json-eval($)" sequence="Done"/></aggregate>');
  });

  it('merges XML parts after the first message\'s own and wraps them in the enclosing element', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<property name="enc" type="OM"><r:Results xmlns:r="urn:r"/></property><iterate expression="//n"><target><sequence><aggregate><onComplete expression="$body/*[1]" enclosingElementProperty="enc"><respond/></onComplete></aggregate></sequence></target></iterate>`),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<l><n>1</n><n>2</n><n>3</n></l>' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('<r:Results xmlns:r="urn:r"><n>1</n><n>2</n><n>3</n></r:Results>');
  });

  it('wraps the parts in an enclosing element given inline, without type="OM" (issue 21, defect 3: it answered 500 circular JSON)', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<property name="Agg" scope="default"><rs xmlns=""/></property><iterate expression="//n"><target><sequence><aggregate><onComplete expression="$body/*[1]" enclosingElementProperty="Agg"><respond/></onComplete></aggregate></sequence></target></iterate>`),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<l><n>1</n><n>2</n><n>3</n></l>' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('<rs><n>1</n><n>2</n><n>3</n></rs>');
    // The next request gets a fresh wrapper: the configured element is not filled in place.
    const again = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<l><n>4</n></l>' });
    expect(again.text).toBe('<rs><n>4</n></rs>');
  });

  it('names a JSON aggregation after an enclosing element given inline', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<property name="Agg"><rs xmlns=""/></property><iterate expression="json-eval($.items)"><target><sequence><aggregate><onComplete expression="json-eval($)" enclosingElementProperty="Agg"><respond/></onComplete></aggregate></sequence></target></iterate>`),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"items":[1,2]}' });
    expect(res.status).toBe(200);
    expect((res.json() as { rs: number[] }).rs.sort()).toEqual([1, 2]);
  });

  it('completes at messageCount max and drops later copies', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<iterate expression="json-eval($.items)" sequential="true"><target><sequence><aggregate><completeCondition><messageCount max="2"/></completeCondition><onComplete expression="json-eval($)"><respond/></onComplete></aggregate></sequence></target></iterate>`),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"items":[1,2,3]}' });
    expect(res.json()).toEqual([1, 2]);
  });

  it('completes on timeout with fewer messages than were split', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<iterate expression="json-eval($.items)"><target><sequence><filter xpath="\${payload == 2}"><then><drop/></then></filter><aggregate><completeCondition timeout="1"/><onComplete expression="json-eval($)"><respond/></onComplete></aggregate></sequence></target></iterate>`),
    });
    const started = Date.now();
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"items":[1,2,3]}' });
    expect((res.json() as number[]).sort()).toEqual([1, 3]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('lets messages that belong to no split pass through', async () => {
    const t = testEngine({ 'api.xml': apiWith('<aggregate><onComplete expression="json-eval($)"><drop/></onComplete></aggregate><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(res.text).toBe('{"a":1}');
  });

  it('faults when the enclosing element property is missing and keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<iterate expression="//n"><target><sequence><aggregate><onComplete expression="$body/*[1]" enclosingElementProperty="nope"><respond/></onComplete></aggregate></sequence></target></iterate>`, '<faultSequence><log level="custom"><property name="e" expression="get-property(\'ERROR_MESSAGE\')"/></log><respond/></faultSequence>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<l><n>1</n></l>' });
    expect(res.status).toBe(200);
    expect(t.logger.records.some((r) => r.message === 'e = Enclosing Element property: nope not found ')).toBe(true);
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.component === 'AggregateMediator' && r.fields.artifact === 'api:TestAPI')).toBe(true);
  });

  it('refuses an aggregate without onComplete', () => {
    const t = testEngine({ 'api.xml': apiWith('<aggregate/>') });
    expect(t.deployed.failed).toHaveLength(1);
  });
});
