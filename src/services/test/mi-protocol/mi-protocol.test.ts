/** MI's unit-test agent protocol: the Java String framing, and a suite in wire form run over TCP. */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModifiedUtf8, readJavaString, writeJavaString } from './java-string.js';
import { startUnitTestAgent, type UnitTestAgent } from './server.js';
import { copyFixture, type FixtureCopy } from '../fixture-copies.js';

describe('Java String framing', () => {
  it('writes TC_STRING in modified UTF-8: NUL as C0 80, two bytes for é', () => {
    expect([...writeJavaString('A\0é')]).toEqual([0xac, 0xed, 0x00, 0x05, 0x74, 0x00, 0x05, 0x41, 0xc0, 0x80, 0xc3, 0xa9]);
  });

  it('a character outside the BMP is two 3-byte surrogates, and reads back', () => {
    const bytes = writeJavaString('𝄞');
    expect(bytes.readUInt16BE(5)).toBe(6);
    expect(readJavaString(bytes)).toBe('𝄞');
  });

  it('beyond 65,535 bytes it is TC_LONGSTRING with a 64-bit length', () => {
    const text = 'x'.repeat(70_000) + 'ü';
    const bytes = writeJavaString(text);
    expect(bytes[4]).toBe(0x7c);
    expect(Number(bytes.readBigUInt64BE(5))).toBe(70_002);
    expect(readJavaString(bytes)).toBe(text);
  });

  it('waits for the rest of a string that arrives in pieces; refuses what is not a serialised String', () => {
    const bytes = writeJavaString('<unit-test/>');
    expect(readJavaString(bytes.subarray(0, 9))).toBeUndefined();
    expect(readJavaString(bytes)).toBe('<unit-test/>');
    expect(() => readJavaString(Buffer.from('GET / HTTP/1.1\r\n'))).toThrow('not a Java object stream (expected AC ED 00 05)');
    expect(decodeModifiedUtf8(Buffer.from([0xc0, 0x80]))).toBe('\0');
  });
});

describe('the unit-test agent', () => {
  let shop: FixtureCopy;
  let agent: UnitTestAgent;
  beforeAll(async () => {
    shop = await copyFixture('shop');
    agent = await startUnitTestAgent({ port: 0 });
  });
  afterAll(async () => {
    await agent?.close();
    shop?.remove();
  });

  /** The suite as MI's Maven client sends it: every referenced file inlined. */
  function wireMessage(suiteFile: string): string {
    const read = (rel: string) => fs.readFileSync(path.join(shop.root, rel), 'utf8').replace(/^<\?xml[^>]*\?>\s*/, '');
    let suite = read(`src/test/wso2mi/${suiteFile}`);
    suite = suite.replace(/<artifact>([^<]+)<\/artifact>/g, (_, p: string) => `<artifact>${read(p.trim())}</artifact>`);
    suite = suite.replace(/<mock-service>([^<]+)<\/mock-service>/g, (_, p: string) => read(p.trim()));
    return suite;
  }

  function send(bytes: Buffer): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(agent.port, '127.0.0.1');
      let received = Buffer.alloc(0);
      socket.on('data', (c: Buffer) => (received = Buffer.concat([received, c])));
      socket.on('end', () => {
        try {
          resolve(JSON.parse(readJavaString(received)!));
        } catch (e) {
          reject(e);
        }
      });
      socket.on('error', reject);
      // In two pieces, as a large suite arrives.
      socket.write(bytes.subarray(0, 20));
      setTimeout(() => socket.write(bytes.subarray(20)), 10);
    });
  }

  it('runs an inlined suite with its mock service and answers MI\'s summary, failed assertions included', async () => {
    const summary = await send(writeJavaString(wireMessage('FailingOrdersTest.xml')));
    expect(summary).toMatchObject({ deploymentStatus: 'PASSED', mediationStatus: 'PASSED', currentTestCase: 'MissingHeader' });
    const cases = summary.testCases as { testCaseName: string; assertionStatus: string; failureAssertions: unknown[] }[];
    expect(cases.map((c) => [c.testCaseName, c.assertionStatus])).toEqual([['WrongTotal', 'FAILED'], ['WrongStatus', 'FAILED'], ['MissingHeader', 'FAILED']]);
    expect(cases[1]!.failureAssertions).toEqual([{ assertionType: 'assertEquals', assertionExpression: '$statusCode', actual: '200', expected: '404', assertionDescription: 'expected 404, got 200', message: 'A1 should be sold out' }]);
  }, 60_000);

  it('a passing suite answers PASSED for every case', async () => {
    const summary = await send(writeJavaString(wireMessage('OrdersAPITest.xml')));
    expect((summary.testCases as { assertionStatus: string }[]).map((c) => c.assertionStatus)).toEqual(['PASSED', 'PASSED', 'PASSED']);
  }, 60_000);

  it('a suite whose artifact cannot be deployed answers deploymentStatus FAILED with the reason', async () => {
    const wire = wireMessage('PriceSequenceTest.xml').replace('number(//quantity)', 'number(//quantity');
    const summary = await send(writeJavaString(wire));
    expect(summary.deploymentStatus).toBe('FAILED');
    expect(String(summary.deploymentException)).toMatch(/PriceSequence.xml:\d+:\d+: SYN007 invalid expression/);
  }, 60_000);
});
