import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { UNREACHABLE } from '../../common.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
/** Ours: the page gives only the two endpoints; they matter as failover members, as the page says. */
const failoverApi = (t: { backendUrl(n: string): string }) => `<api ${SYN} name="RetryTest" context="/retry">
  <resource methods="POST" uri-template="/stop"><inSequence><call><endpoint><failover>
    <endpoint key="StopRetryEndpoint"/>
    <endpoint><address uri="${t.backendUrl('lb')}/services/LBService1"/></endpoint>
  </failover></endpoint></call><respond/></inSequence></resource>
  <resource methods="POST" uri-template="/retry"><inSequence><call><endpoint><failover>
    <endpoint key="RetryEndpoint"/>
    <endpoint><address uri="${t.backendUrl('lb')}/services/LBService1"/></endpoint>
  </failover></endpoint></call><respond/></inSequence></resource>
</api>`;

const sample = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:sampleOperation xmlns:m="http://services.samples"><m:name>x</m:name></m:sampleOperation></soapenv:Body></soapenv:Envelope>';

export default defineCase({
  id: 'endpoints/endpoint-retry-config',
  title: 'retryConfig: disabledErrorCodes stop the failover, enabledErrorCodes retry',
  status: 'pass',
  backends: { lb: { kind: 'stock-quote' } },
  artifacts: [
    // Both documented backends (9001, 9002) are made unreachable: the failover must decide on 101503.
    { file: 'endpoint_StopRetryEndpoint.xml', edits: [replace('http://localhost:9001', UNREACHABLE)] },
    { file: 'endpoint_RetryEndpoint.xml', edits: [replace('http://localhost:9002', UNREACHABLE)] },
    { name: 'api_RetryTest.xml', why: 'failover wrapper around the two documented endpoints', text: failoverApi },
  ],
  async run(t) {
    const headers = { 'Content-Type': 'text/xml', SOAPAction: 'urn:sampleOperation' };
    // enabledErrorCodes 101503: a connection failure fails over to the next member.
    const retried = await t.request('POST', '/retry/retry', { headers, body: sample });
    expect(retried.status).toBe(200);
    expect(retried.text).toContain('sampleOperation');
    expect(t.backend('lb').hits.total).toBe(1);
    // disabledErrorCodes 101503: the failover stops at the first member; the next one is never called.
    const stopped = await t.request('POST', '/retry/stop', { headers, body: sample });
    expect(stopped.status).toBeGreaterThanOrEqual(500);
    expect(t.backend('lb').hits.total).toBe(1);
  },
});
