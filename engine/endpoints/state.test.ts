import { describe, it, expect } from 'vitest';
import { EndpointState, DEFAULT_SUSPEND_MS } from './state.js';
import { readQos, defaultQos } from './qos.js';
import { MemoryLogger } from '../core/logger.js';
import { parseXml } from '../xml/dom.js';
import { ParseContext, parseElement } from '../model/parse.js';
import { addressEndpoint } from './address/index.js';

function qosOf(inner: string) {
  const doc = parseXml(`<address xmlns="http://ws.apache.org/ns/synapse" uri="http://localhost:123/myendpoint">${inner}</address>`).doc!;
  return readQos(parseElement(doc.documentElement!, addressEndpoint.descriptor, new ParseContext(undefined, () => undefined)));
}

function machine(qos = defaultQos()) {
  const clock = { t: 1_000_000 };
  const logger = new MemoryLogger();
  const state = new EndpointState(qos, 'Sample', 'http://localhost:123/myendpoint', () => logger, () => clock.t);
  return { state, clock, logs: () => logger.records.map((r) => r.message) };
}

// The corpus endpoint-error-codes example (MI docs, endpoint error handling, example 1).
const example1 = qosOf(`<timeout><duration>30000</duration><responseAction>fault</responseAction></timeout>
  <suspendOnFailure><errorCodes>101500, 101501, 101506, 101507, 101508</errorCodes><initialDuration>1000</initialDuration><progressionFactor>2</progressionFactor><maximumDuration>60000</maximumDuration></suspendOnFailure>
  <markForSuspension><errorCodes>101504, 101505</errorCodes><retriesBeforeSuspension>3</retriesBeforeSuspension><retryDelay>1</retryDelay></markForSuspension>`);

describe('endpoint state machine (EndpointContext)', () => {
  it('markForSuspension codes: TIMEOUT, retried retriesBeforeSuspension times, then SUSPENDED', () => {
    const m = machine(example1);
    m.state.onError(101504);
    expect(m.state.state).toBe('TIMEOUT');
    expect(m.logs().at(-1)).toMatch(/^Endpoint : Sample with address http:\/\/localhost:123\/myendpoint is marked as TIMEOUT and will be retried : 2 more time\/s after : .* until its marked SUSPENDED for failure$/);
    expect(m.state.readyToSend()).toBe(false); // retryDelay 1 ms not yet over
    m.clock.t += 1;
    expect(m.state.readyToSend()).toBe(true);
    m.state.onError(101505);
    m.state.onError(101504);
    expect(m.state.state).toBe('TIMEOUT');
    m.state.onError(101504);
    expect(m.state.state).toBe('SUSPENDED');
    expect(m.logs()).toContain('Endpoint : Sample with address http://localhost:123/myendpoint has been marked for SUSPENSION, but no further retries remain. Thus it will be SUSPENDED.');
  });

  it('suspendOnFailure codes suspend at once; durations grow by progressionFactor up to maximumDuration and reset after a success', () => {
    const m = machine(example1);
    const durations: number[] = [];
    for (let i = 0; i < 8; i++) {
      m.state.onError(101500);
      durations.push(Number(/current suspend duration is : (\d+)ms/.exec(m.logs().at(-1)!)![1]));
      expect(m.state.readyToSend()).toBe(false);
      m.clock.t += durations.at(-1)!;
      expect(m.state.readyToSend()).toBe(true);
    }
    expect(durations).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(m.logs()).toContain('Endpoint : Sample with address http://localhost:123/myendpoint will be marked SUSPENDED as it failed');
    expect(m.logs().find((l) => l.includes('2000ms'))).toMatch(/^Suspending endpoint : Sample with address .* - last suspend duration was : 1000ms and current suspend duration is : 2000ms - Next retry after : /);
    m.state.onSuccess();
    expect(m.state.state).toBe('ACTIVE');
    expect(m.logs().at(-1)).toBe('Endpoint : Sample with address http://localhost:123/myendpoint currently SUSPENDED will now be marked active since it processed its last message');
    m.state.onError(101501);
    expect(m.logs().at(-1)).toMatch(/Suspending endpoint : Sample with address \S+ - current suspend duration is : 1000ms/);
  });

  it('an error listed nowhere leaves the endpoint ACTIVE when suspendOnFailure lists codes (101503 in the example)', () => {
    const m = machine(example1);
    m.state.onError(101503);
    expect(m.state.state).toBe('ACTIVE');
    expect(m.logs()).toEqual([]);
  });

  it('MI defaults: any error suspends for 30 s; 101504/101505 go through TIMEOUT with no retries left', () => {
    const m = machine();
    m.state.onError(101503);
    expect(m.state.state).toBe('SUSPENDED');
    expect(m.logs().at(-1)).toContain(`current suspend duration is : ${DEFAULT_SUSPEND_MS}ms`);
    m.clock.t += DEFAULT_SUSPEND_MS - 1;
    expect(m.state.readyToSend()).toBe(false);
    m.clock.t += 1;
    expect(m.state.readyToSend()).toBe(true);
    const t = machine();
    t.state.onError(101504);
    expect(t.state.state).toBe('SUSPENDED');
  });

  it('errorCodes -1 (the "never suspend" idiom) keeps the endpoint ACTIVE', () => {
    const m = machine(qosOf('<suspendOnFailure><errorCodes>-1</errorCodes><initialDuration>0</initialDuration><maximumDuration>0</maximumDuration></suspendOnFailure><markForSuspension><errorCodes>-1</errorCodes></markForSuspension>'));
    for (const code of [101503, 101504, 101505, 101500]) m.state.onError(code);
    expect(m.state.state).toBe('ACTIVE');
    expect(m.logs().filter((l) => l.includes('SUSPEND'))).toEqual([]);
  });
});
