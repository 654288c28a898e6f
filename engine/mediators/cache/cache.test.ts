import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { HeaderMap } from '../../core/headers.js';
import { utf8 } from '../../core/bytes.js';
import type { HttpClient } from '../../core/transport.js';

/** A backend that counts calls and answers with the count. */
function countingBackend(status = 200, extraHeaders: Record<string, string> = {}) {
  const state = { calls: 0 };
  const client: HttpClient = {
    async send() {
      state.calls++;
      const body = utf8(`{"call":${state.calls}}`);
      return { status, statusText: 'OK', headers: new HeaderMap({ 'Content-Type': 'application/json', ...extraHeaders }), body: { length: body.length, read: async () => body } };
    },
  };
  return { state, client };
}

const CALL = '<call><endpoint><http method="post" uri-template="http://backend.test/x"/></endpoint></call>';
function cached(protocol = '', attrs = 'timeout="60"', onHit = '') {
  return apiWith(`<cache ${attrs}>${onHit}${protocol}<implementation type="memory" maxSize="100"/></cache>${CALL}<cache collector="true"/><respond/>`);
}
const JSON_POST = (body: string) => ({ headers: { 'Content-Type': 'application/json' }, body });

describe('cache mediator', () => {
  it('round-trips the MI 4 and the older form', () => {
    roundTrip('<cache timeout="120" maxMessageSize="2000"><onCacheHit><respond/></onCacheHit><protocol type="HTTP"><methods>GET, POST</methods><headersToIncludeInHash/><headersToExcludeInHash>X-Trace</headersToExcludeInHash><responseCodes>2[0-9][0-9]</responseCodes><enableCacheControl>true</enableCacheControl><includeAgeHeader>true</includeAgeHeader><hashGenerator>org.wso2.carbon.mediator.cache.digest.HttpRequestHashGenerator</hashGenerator></protocol><implementation maxSize="1000"/></cache>');
    roundTrip('<cache id="c1" scope="per-host" collector="false" hashGenerator="org.wso2.caching.digest.DOMHASHGenerator" timeout="20" maxMessageSize="10000"><implementation type="memory" maxSize="100"/></cache>');
    roundTrip('<cache collector="true"/>');
  });

  it('answers a repeated request from the cache until the timeout, keyed by payload', async () => {
    let now = 0;
    const b = countingBackend();
    const t = testEngine({ 'api.xml': cached() }, { httpClient: b.client, now: () => now });
    expect((await t.request('POST', '/test', JSON_POST('{"q":1}'))).json()).toEqual({ call: 1 });
    expect((await t.request('POST', '/test', JSON_POST('{"q":1}'))).json()).toEqual({ call: 1 });
    expect((await t.request('POST', '/test', JSON_POST('{"q":2}'))).json()).toEqual({ call: 2 });
    now = 60_000;
    expect((await t.request('POST', '/test', JSON_POST('{"q":1}'))).json()).toEqual({ call: 3 });
    expect(b.state.calls).toBe(3);
  });

  it('runs onCacheHit instead of answering directly, and keeps the cached status and headers', async () => {
    const b = countingBackend(200, { 'X-Backend': 'yes' });
    const t = testEngine({ 'api.xml': cached('', 'timeout="60"', '<onCacheHit><property name="X-Cache" value="HIT" scope="transport"/><respond/></onCacheHit>') }, { httpClient: b.client });
    await t.request('POST', '/test', JSON_POST('{}'));
    const hit = await t.request('POST', '/test', JSON_POST('{}'));
    expect(hit.status).toBe(200);
    expect(hit.headers.get('X-Cache')).toBe('HIT');
    expect(hit.headers.get('X-Backend')).toBe('yes');
    expect(hit.json()).toEqual({ call: 1 });
  });

  it('caches only the listed methods and matching response codes', async () => {
    const ok = countingBackend(200);
    const t = testEngine({ 'api.xml': cached('<protocol type="HTTP"><methods>GET</methods><responseCodes>2[0-9][0-9]</responseCodes></protocol>') }, { httpClient: ok.client });
    await t.request('POST', '/test', JSON_POST('{}'));
    await t.request('POST', '/test', JSON_POST('{}'));
    expect(ok.state.calls).toBe(2);
    await t.request('GET', '/test');
    await t.request('GET', '/test');
    expect(ok.state.calls).toBe(3);
    const failing = countingBackend(500);
    const t2 = testEngine({ 'api.xml': cached('<protocol type="HTTP"><methods>GET</methods><responseCodes>2[0-9][0-9]</responseCodes></protocol>') }, { httpClient: failing.client });
    await t2.request('GET', '/test');
    await t2.request('GET', '/test');
    expect(failing.state.calls).toBe(2);
  });

  it('hashes chosen headers only, honours Cache-Control and adds an Age header', async () => {
    let now = 0;
    const b = countingBackend(200, { 'Cache-Control': 'max-age=10' });
    const protocol = '<protocol type="HTTP"><methods>*</methods><headersToIncludeInHash>X-User</headersToIncludeInHash><enableCacheControl>true</enableCacheControl><includeAgeHeader>true</includeAgeHeader></protocol>';
    const t = testEngine({ 'api.xml': cached(protocol) }, { httpClient: b.client, now: () => now });
    const as = (user: string, extra: Record<string, string> = {}) => t.request('GET', '/test', { headers: { 'X-User': user, 'X-Trace': String(Math.random()), ...extra } });
    await as('ann');
    now = 3000;
    const hit = await as('ann');
    expect(hit.json()).toEqual({ call: 1 });
    expect(hit.headers.get('Age')).toBe('3');
    expect((await as('bob')).json()).toEqual({ call: 2 });
    expect((await as('ann', { 'Cache-Control': 'no-cache' })).json()).toEqual({ call: 3 });
    now = 20_000; // max-age 10 s of the response beats timeout 60 s
    expect((await as('ann')).json()).toEqual({ call: 4 });
  });

  it('does not cache responses above maxMessageSize', async () => {
    const b = countingBackend();
    const t = testEngine({ 'api.xml': cached('', 'timeout="60" maxMessageSize="5"') }, { httpClient: b.client });
    await t.request('POST', '/test', JSON_POST('{}'));
    await t.request('POST', '/test', JSON_POST('{}'));
    expect(b.state.calls).toBe(2);
  });

  it('refuses a bad responseCodes pattern and an unknown protocol type', () => {
    const bad = testEngine({ 'api.xml': cached('<protocol type="HTTP"><responseCodes>2[0-9</responseCodes></protocol>') });
    expect(bad.deployed.failed[0]?.diagnostics[0]?.message).toContain("responseCodes '2[0-9' is not a regular expression");
    const ftp = testEngine({ 'api.xml': cached('<protocol type="FTP"/>') });
    expect(ftp.deployed.failed[0]?.diagnostics[0]?.code).toBe('SYN004');
  });
});
