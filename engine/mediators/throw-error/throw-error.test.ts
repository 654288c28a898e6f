import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const faultSeq = '<faultSequence><log level="custom"><property name="ERROR_CODE" expression="get-property(\'ERROR_CODE\')"/><property name="ERROR_MESSAGE" expression="get-property(\'ERROR_MESSAGE\')"/></log><payloadFactory media-type="json"><format>{"code":"$1","message":"$2"}</format><args><arg expression="$ctx:ERROR_CODE"/><arg expression="$ctx:ERROR_MESSAGE"/></args></payloadFactory><respond/></faultSequence>';

describe('throwError mediator', () => {
  it('round-trips', () => {
    roundTrip('<throwError type="PAYLOAD_ERROR" errorMessage="{${vars.ERROR_MSG}}"/>');
    roundTrip('<throwError/>');
  });

  it('runs the fault sequence with ERROR_CODE = type and ERROR_MESSAGE (MI docs example)', async () => {
    const t = testEngine({
      'api.xml': apiWith('<filter xpath="${exists(payload.required)}"><then><respond/></then><else><variable name="ERROR_MSG" value="Required field does not exist"/><throwError type="PAYLOAD_ERROR" errorMessage="{${vars.ERROR_MSG}}"/></else></filter>', faultSeq),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"Hello":"World"}' });
    expect(res.json()).toEqual({ code: 'PAYLOAD_ERROR', message: 'Required field does not exist' });
    expect(t.logger.records.map((r) => r.message)).toContain('ERROR_CODE = PAYLOAD_ERROR, ERROR_MESSAGE = Required field does not exist');
    const err = t.logger.records.find((r) => r.level === 'error' && r.fields.component === 'ThrowErrorMediator');
    expect(err?.fields.artifact).toBe('api:TestAPI');
    const ok = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"required":1}' });
    expect(ok.json()).toEqual({ required: 1 });
  });

  it('uses MI defaults for a bare throwError and honours a sequence onError', async () => {
    const t = testEngine({
      'api.xml': apiWith('<sequence key="risky"/>'),
      'risky.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="risky" onError="handler"><throwError/></sequence>',
      'handler.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="handler"><payloadFactory media-type="json"><format>{"message":"$1"}</format><args><arg expression="$ctx:ERROR_MESSAGE"/></args></payloadFactory><respond/></sequence>',
    });
    expect((await t.request('GET', '/test')).json()).toEqual({ message: 'Error occurred in the mediation flow' });
  });

  it('without a fault sequence the default one logs and the client gets 500', async () => {
    const t = testEngine({ 'api.xml': apiWith('<throwError type="X" errorMessage="boom"/>') });
    const res = await t.request('GET', '/test', { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(500);
    expect(t.logger.records.some((r) => r.message.includes('ERROR_CODE = X, ERROR_MESSAGE = boom'))).toBe(true);
  });

  it('refuses an errorMessage expression that does not compile', () => {
    const t = testEngine({ 'api.xml': apiWith('<throwError errorMessage="${vars.}"/>') });
    expect(t.deployed.failed[0]!.diagnostics[0]!.code).toBe('SYN007');
  });
});
