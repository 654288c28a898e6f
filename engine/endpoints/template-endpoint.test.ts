import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testEngine, apiWith } from '../testing/harness.js';
import { roundTrip } from '../testing/round-trip.js';
import { createNodeHttpClient } from '../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startRecording } from '../../test/backends/recording.mjs';

type Rec = { url: string; close(): Promise<void>; requests: { path: string; method: string }[]; reset(): void };
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
let rec: Rec;
const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const template = `<template ${SYN} name="T"><parameter name="host"/><parameter name="fmt"/><endpoint name="$name"><address uri="$uri" format="$fmt"><suspendOnFailure><initialDuration>$host</initialDuration></suspendOnFailure></address></endpoint></template>`;
const noPostfix = '<property name="REST_URL_POSTFIX" scope="axis2" action="remove"/>';

beforeAll(async () => {
  rec = await startRecording({ port: 0, routes: { '* /orders': { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":1}' } } });
});
afterAll(async () => {
  await rec.close();
  await httpClient.close();
});

describe('template endpoints', () => {
  it('round-trip', () => {
    roundTrip('<call><endpoint name="E" template="T" uri="http://h/orders"><parameter name="fmt" value="json"/></endpoint></call>');
  });

  it('substitutes $name, $uri and declared parameters, then sends', async () => {
    rec.reset();
    const t = testEngine({ 'template.xml': template, 'ep.xml': `<endpoint ${SYN} name="E" template="T" uri="${rec.url}/orders"><parameter name="fmt" value="json"/><parameter name="host" value="5"/></endpoint>`, 'api.xml': apiWith(`${noPostfix}<call><endpoint key="E"/></call><respond/>`) }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(res.json()).toEqual({ ok: 1 });
    expect(rec.requests.map((r) => r.path)).toEqual(['/orders']);
    expect(t.logger.records.every((r) => !r.message.includes('$name'))).toBe(true);
  });

  it('an inline template endpoint inside call works too; `http://$host` text is not substituted, as in MI', async () => {
    const partial = `<template ${SYN} name="P"><parameter name="host"/><endpoint><address uri="http://$host/orders"/></endpoint></template>`;
    const t = testEngine({ 't.xml': partial, 'api.xml': apiWith(`${noPostfix}<call><endpoint template="P"><parameter name="host" value="127.0.0.1"/></endpoint></call><respond/>`) }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(500);
  });

  it('bad input: an unknown template is refused at deploy', () => {
    const t = testEngine({ 'api.xml': apiWith('<call><endpoint template="Nope" uri="http://h/x"/></call>') });
    expect(t.deployed.failed.flatMap((f) => f.diagnostics.map((d) => `${d.code} ${d.message}`))).toContain("SYN008 template 'Nope' is not defined in this project");
  });

  it('bad input: a parameter the template needs is missing -> fault naming it; runtime keeps serving', async () => {
    rec.reset();
    const t = testEngine(
      {
        'template.xml': template,
        'api.xml': `<api ${SYN} name="A" context="/a"><resource methods="POST" uri-template="/missing"><inSequence><call><endpoint template="T" uri="${rec.url}/orders"/></call><respond/></inSequence></resource><resource methods="POST" uri-template="/ok"><inSequence>${noPostfix}<call><endpoint template="T" uri="${rec.url}/orders"><parameter name="fmt" value="json"/><parameter name="host" value="5"/></endpoint></call><respond/></inSequence></resource></api>`,
      },
      { httpClient },
    );
    const body = { headers: { 'Content-Type': 'application/json' }, body: '{}' };
    expect((await t.request('POST', '/a/missing', body)).status).toBe(500);
    const logs = t.logger.records.map((r) => r.message).join('\n');
    expect(logs).toContain("template T needs parameter(s) 'fmt', 'host' that the endpoint does not give");
    expect((await t.request('POST', '/a/ok', body)).json()).toEqual({ ok: 1 });
  });
});
