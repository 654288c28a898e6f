import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testEngine } from '../testing/harness.js';
import { createNodeHttpClient } from '../node/http-client.js';

const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/endpoints');
const read = (c: string, f: string) => fs.readFileSync(path.join(corpus, c, f), 'utf8');
afterAll(() => httpClient.close());

describe('corpus: endpoint error handling examples', () => {
  it('endpoint-error-codes: 101503 is not a suspend code there, so the endpoint stays ACTIVE and is tried again', async () => {
    const t = testEngine({ 'api.xml': read('endpoint-error-codes', 'api_TestAPI.xml').replace('localhost:123', '127.0.0.1:1') }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    for (let i = 0; i < 2; i++) expect((await t.request('GET', '/test')).status).toBe(500);
    const logs = t.logger.records.map((r) => r.message);
    expect(logs.filter((l) => l.includes('ERROR_CODE = 101503'))).toHaveLength(2);
    expect(logs.some((l) => l.includes('SUSPENDED') || l.includes('303001'))).toBe(false);
  });

  it('endpoint-no-suspend: errorCodes -1 never suspends (no suspension logs)', async () => {
    const t = testEngine({ 'api.xml': read('endpoint-no-suspend', 'api_TestAPI.xml').replace('localhost:9000', '127.0.0.1:1') }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    for (let i = 0; i < 3; i++) await t.request('GET', '/test');
    expect(t.logger.records.some((r) => /Suspending endpoint|SUSPENDED/.test(r.message))).toBe(false);
  });

  it('endpoint-retry-config: both endpoints deploy; giving both code lists is refused', () => {
    const t = testEngine({ 'a.xml': read('endpoint-retry-config', 'endpoint_RetryEndpoint.xml'), 'b.xml': read('endpoint-retry-config', 'endpoint_StopRetryEndpoint.xml') });
    expect(t.deployed.failed).toEqual([]);
    const both = read('endpoint-retry-config', 'endpoint_RetryEndpoint.xml').replace('</retryConfig>', '<disabledErrorCodes>101504</disabledErrorCodes></retryConfig>');
    const bad = testEngine({ 'c.xml': both });
    expect(bad.deployed.failed.flatMap((f) => f.diagnostics.map((d) => d.message))).toContain('retryConfig may give disabledErrorCodes or enabledErrorCodes, not both');
  });

  it('failover-single-address: the unreachable member is suspended with MI\'s log line', async () => {
    const t = testEngine({ 'api.xml': read('failover-single-address', 'api_TestAPI.xml').replace(/http:\/\/localhost(:\d+)?\//, 'http://127.0.0.1:1/') }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    expect((await t.request('GET', '/test')).status).toBe(500);
    expect(t.logger.records.map((r) => r.message).some((l) => /^Endpoint : Sample_First with address http:\/\/127\.0\.0\.1:1\/\S* will be marked SUSPENDED as it failed$/.test(l))).toBe(true);
  });
});
