import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const template = `<template ${SYN} name="Greet"><parameter name="who" isMandatory="true"/><parameter name="greeting" isMandatory="true" defaultValue="Hello"/><sequence><payloadFactory media-type="json"><format>{"msg":"$1 $2"}</format><args><arg expression="$func:greeting"/><arg expression="$func:who"/></args></payloadFactory><respond/></sequence></template>`;

describe('call-template: mandatory parameters are checked at deploy', () => {
  it('refuses a call that omits a mandatory parameter without default (SYN015, at the target attribute)', () => {
    const t = testEngine({ 't.xml': template, 'api.xml': apiWith('<call-template target="Greet"/>') });
    const failed = t.deployed.failed.find((f) => f.file === 'api.xml');
    expect(failed?.diagnostics[0]).toMatchObject({ code: 'SYN015', message: "call-template Greet does not supply the mandatory parameter 'who'" });
  });

  it('accepts it when supplied, using defaults for the rest', async () => {
    const t = testEngine({ 't.xml': template, 'api.xml': apiWith('<call-template target="Greet"><with-param name="who" value="Ann"/></call-template>') });
    expect(t.deployed.failed).toEqual([]);
    expect((await t.request('GET', '/test')).json()).toEqual({ msg: 'Hello Ann' });
  });
});
