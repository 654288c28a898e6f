import { describe, it, expect } from 'vitest';
import { testEngine } from '../testing/harness.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const report = (name: string) =>
  `<sequence ${SYN} name="${name}"><payloadFactory media-type="json"><format>{"handler":"${name}","code":"$1","message":"$2"}</format><args><arg expression="get-property('ERROR_CODE')"/><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><respond/></sequence>`;

describe('fault handling: onError, resource fault sequence, the global fault sequence', () => {
  it('a sequence with onError handles faults of its mediators before the resource fault sequence', async () => {
    const t = testEngine({
      'inner.xml': `<sequence ${SYN} name="Inner" onError="InnerHandler"><call><endpoint><address uri="http://127.0.0.1:1/x"/></endpoint></call></sequence>`,
      'h.xml': report('InnerHandler'),
      'api.xml': `<api ${SYN} name="F" context="/f"><resource methods="GET"><inSequence><sequence key="Inner"/></inSequence><faultSequence><drop/></faultSequence></resource></api>`,
    });
    expect((await t.request('GET', '/f')).json()).toEqual({ handler: 'InnerHandler', code: '101503', message: expect.stringContaining('127.0.0.1:1') });
  });

  it('without a resource fault sequence, a deployed `fault` sequence runs', async () => {
    const t = testEngine({ 'fault.xml': report('fault'), 'api.xml': `<api ${SYN} name="F" context="/f"><resource methods="GET"><inSequence><call><endpoint><address uri="http://127.0.0.1:1/x"/></endpoint></call></inSequence></resource></api>` });
    expect((await t.request('GET', '/f')).json()).toMatchObject({ handler: 'fault', code: '101503' });
  });

  it('with no fault sequence at all, MI\'s default fault sequence logs and the client gets a 500 with the error', async () => {
    const t = testEngine({ 'api.xml': `<api ${SYN} name="F" context="/f"><resource methods="GET"><inSequence><call><endpoint><address uri="http://127.0.0.1:1/x"/></endpoint></call></inSequence></resource></api>` });
    const r = await t.request('GET', '/f', { headers: { Accept: 'application/json' } });
    expect(r.status).toBe(500);
    expect(r.json()).toMatchObject({ Error: { code: '101503' } });
    expect(t.logger.messages('error').some((m) => m.startsWith("MESSAGE = Executing default 'fault' sequence, ERROR_CODE = 101503"))).toBe(true);
  });

  it('requests that match no API or proxy go to a deployed `main` sequence', async () => {
    const t = testEngine({ 'main.xml': `<sequence ${SYN} name="main"><payloadFactory media-type="json"><format>{"via":"main"}</format></payloadFactory><respond/></sequence>` });
    expect((await t.request('GET', '/anything')).json()).toEqual({ via: 'main' });
  });

  it('a fault inside a fault sequence ends the flow with a 500 and the runtime keeps serving', async () => {
    const t = testEngine({
      'api.xml': `<api ${SYN} name="F" context="/f"><resource methods="GET" uri-template="/bad"><inSequence><call><endpoint><address uri="http://127.0.0.1:1/x"/></endpoint></call></inSequence><faultSequence><property name="n" value="x" type="INTEGER"/><respond/></faultSequence></resource><resource methods="GET" uri-template="/ok"><inSequence><payloadFactory media-type="json"><format>{"ok":1}</format></payloadFactory><respond/></inSequence></resource></api>`,
    });
    expect((await t.request('GET', '/f/bad', { headers: { Accept: 'application/json' } })).status).toBe(500);
    expect((await t.request('GET', '/f/ok')).json()).toEqual({ ok: 1 });
  });
});
