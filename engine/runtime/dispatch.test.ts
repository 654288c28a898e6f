import { describe, it, expect } from 'vitest';
import { testEngine } from '../testing/harness.js';

/** An API whose resources answer with their own name, so a test sees which one dispatch chose. */
function api(name: string, attrs: string, resources: [string, string][]): string {
  const res = resources.map(([a, id]) => `<resource ${a}><inSequence><payloadFactory media-type="json"><format>{"api":"${name}","resource":"${id}","vars":"$1"}</format><args><arg expression="fn:concat(get-property('uri.var.id'),'|',get-property('uri.var.rest'),'|',get-property('query.param.q'))"/></args></payloadFactory><respond/></inSequence></resource>`).join('');
  return `<api xmlns="http://ws.apache.org/ns/synapse" name="${name}" ${attrs}>${res}</api>`;
}

async function who(t: ReturnType<typeof testEngine>, method: string, url: string) {
  const r = await t.request(method, url);
  return r.status === 200 ? (r.json() as { api: string; resource: string; vars: string }) : r.status;
}

describe('REST dispatch (reference §6)', () => {
  it('prefers url-mapping exact, then longest prefix, then extension, then uri-template in order, then default', async () => {
    const t = testEngine({
      'a.xml': api('Shop', 'context="/shop"', [
        ['methods="GET" uri-template="/items/{id}"', 'template-id'],
        ['methods="GET" uri-template="/items/{+rest}"', 'template-rest'],
        ['methods="GET" url-mapping="/items/special"', 'exact'],
        ['methods="GET" url-mapping="/files/*"', 'prefix-short'],
        ['methods="GET" url-mapping="/files/deep/*"', 'prefix-long'],
        ['methods="GET" url-mapping="*.jsp"', 'extension'],
        ['methods="GET"', 'default'],
      ]),
    });
    expect(t.deployed.failed).toEqual([]);
    expect(await who(t, 'GET', '/shop/items/special')).toMatchObject({ resource: 'exact' });
    expect(await who(t, 'GET', '/shop/items/special/')).toMatchObject({ resource: 'exact' });
    expect(await who(t, 'GET', '/shop/files/deep/a/b')).toMatchObject({ resource: 'prefix-long' });
    expect(await who(t, 'GET', '/shop/files/x')).toMatchObject({ resource: 'prefix-short' });
    expect(await who(t, 'GET', '/shop/page.jsp')).toMatchObject({ resource: 'extension' });
    expect(await who(t, 'GET', '/shop/items/42')).toMatchObject({ resource: 'template-id', vars: '42||' });
    expect(await who(t, 'GET', '/shop/items/42/parts/7')).toMatchObject({ resource: 'template-rest', vars: '|42/parts/7|' });
    expect(await who(t, 'GET', '/shop/other')).toMatchObject({ resource: 'default' });
  });

  it('a template without a query part matches paths with any query; query params become query.param.*', async () => {
    const t = testEngine({ 'a.xml': api('Q', 'context="/q"', [['methods="GET" uri-template="/items/{id}"', 'r']]) });
    expect(await who(t, 'GET', '/q/items/5?q=hello%20there')).toMatchObject({ vars: '5||hello there' });
  });

  it('query templates bind named parameters', async () => {
    const t = testEngine({ 'a.xml': api('Q', 'context="/q"', [['methods="GET" uri-template="/find?id={id}"', 'r']]) });
    expect(await who(t, 'GET', '/q/find?x=1&id=9')).toMatchObject({ vars: '9||' });
    expect(await who(t, 'GET', '/q/find')).toBe(404);
  });

  it('answers 405 when a resource matches the path but not the method, and 404 when nothing matches', async () => {
    const t = testEngine({ 'a.xml': api('M', 'context="/m"', [['methods="GET" uri-template="/thing"', 'get-only']]) });
    expect(await who(t, 'POST', '/m/thing')).toBe(405);
    expect(await who(t, 'GET', '/m/nothing')).toBe(404);
    expect(await who(t, 'GET', '/other')).toBe(404);
  });

  it('runs _resource_mismatch_handler_ when it is deployed', async () => {
    const t = testEngine({
      'a.xml': api('M', 'context="/m"', [['methods="GET" uri-template="/thing"', 'r']]),
      's.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="_resource_mismatch_handler_"><payloadFactory media-type="json"><format>{"error":"no such resource"}</format></payloadFactory><property name="HTTP_SC" value="404" scope="axis2"/><respond/></sequence>',
    });
    const r = await t.request('GET', '/m/missing');
    expect(r.status).toBe(404);
    expect(r.json()).toEqual({ error: 'no such resource' });
  });

  it('tries versioned APIs first, and /-context APIs last; url and context versioning', async () => {
    const t = testEngine({
      'root.xml': api('Root', 'context="/"', [['methods="GET"', 'root']]),
      'v1.xml': api('Orders', 'context="/orders" version="1.0.0" version-type="url"', [['methods="GET" uri-template="/{id}"', 'url-versioned']]),
      'v2.xml': api('OrdersCtx', 'context="/api/{version}/orders" version="2.0" version-type="context"', [['methods="GET" uri-template="/{id}"', 'context-versioned']]),
      'plain.xml': api('OrdersPlain', 'context="/orders"', [['methods="GET" uri-template="/{id}"', 'unversioned']]),
    });
    expect(t.deployed.failed).toEqual([]);
    expect(await who(t, 'GET', '/orders/1.0.0/7')).toMatchObject({ api: 'Orders', resource: 'url-versioned', vars: '7||' });
    expect(await who(t, 'GET', '/orders/7')).toMatchObject({ api: 'OrdersPlain' });
    expect(await who(t, 'GET', '/api/2.0/orders/3')).toMatchObject({ api: 'OrdersCtx' });
    expect(await who(t, 'GET', '/anything/else')).toMatchObject({ api: 'Root' });
  });

  it('matches the context only on a segment boundary', async () => {
    const t = testEngine({ 'a.xml': api('Shop', 'context="/shop"', [['methods="GET"', 'default']]) });
    expect(await who(t, 'GET', '/shop')).toMatchObject({ resource: 'default' });
    expect(await who(t, 'GET', '/shop?x=1')).toMatchObject({ resource: 'default' });
    expect(await who(t, 'GET', '/shopping')).toBe(404);
  });
});
