import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const logs = (t: ReturnType<typeof testEngine>) => t.logger.records.filter((r) => r.fields.component === 'LogMediator').map((r) => r.message);

const greeter = `<template xmlns="http://ws.apache.org/ns/synapse" name="Greeter"><parameter name="who" isMandatory="true"/><parameter name="greeting" defaultValue="Hello"/>
  <sequence><log level="custom"><property name="a" expression="$func:greeting"/><property name="b" expression="get-property('func','who')"/><property name="c" expression="\${params.functionParams.who}"/></log></sequence></template>`;

describe('call-template mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<call-template target="Greeter" onError="errs"><with-param name="who" value="Ann"/><with-param name="x" value="{//name}"/><with-param name="y" value="${payload.name}"/></call-template>');
  });

  it('passes literal, {xpath} and ${} values; defaults fill missing parameters', async () => {
    const t = testEngine({
      't.xml': greeter,
      'api.xml': apiWith('<call-template target="Greeter"><with-param name="who" value="{//name}"/></call-template><call-template target="Greeter"><with-param name="who" value="Bob"/><with-param name="greeting" value="Hi"/></call-template><respond/>'),
    });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<p><name>Ann</name></p>' });
    expect(res.status).toBe(200);
    expect(logs(t)).toEqual(['a = Hello, b = Ann, c = Ann', 'a = Hi, b = Bob, c = Bob']);
  });

  it('passes an XPath node-set ({$body}) as elements: $func:p/a/b walks into them', async () => {
    const t = testEngine({
      't.xml': `<template xmlns="http://ws.apache.org/ns/synapse" name="Walk"><parameter name="msg"/><sequence><log level="custom"><property name="name" expression="$func:msg/p/name"/><property name="count" expression="count($func:msg/p)"/></log></sequence></template>`,
      'api.xml': apiWith('<call-template target="Walk"><with-param name="msg" value="{$body}"/></call-template><respond/>'),
    });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<p><name>Ann</name></p>' });
    expect(res.status).toBe(200);
    expect(logs(t)).toEqual(['name = Ann, count = 1.0']);
  });

  it('runs the corpus default-parameter example (logs greeting = Welcome, echoes the body)', async () => {
    const dir = path.join(shared, 'corpus/templates/sequence-template-default-param');
    const t = testEngine({ 'api.xml': readFileSync(path.join(dir, 'api_test.xml'), 'utf8'), 't.xml': readFileSync(path.join(dir, 'template_sequence-temp.xml'), 'utf8') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(res.text).toBe('{"a":1}');
    expect(logs(t)).toEqual(['greeting = Welcome']);
  });

  it('faults at run time when a redeployed template gains a mandatory parameter, runs onError, and keeps serving', async () => {
    const t = testEngine({
      't.xml': greeter.replace('isMandatory="true"', 'isMandatory="false"'),
      'errs.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="errs"><log level="custom"><property name="error" expression="get-property(\'ERROR_MESSAGE\')"/></log><respond/></sequence>',
      'api.xml': apiWith('<call-template target="Greeter" onError="errs"/><respond/>'),
    });
    expect(t.deployed.failed).toEqual([]);
    // The template changes after its caller deployed (the caller was checked against the old one).
    t.engine.deploy([{ file: 't.xml', text: greeter }]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(logs(t)).toContain("error = Mandatory parameter 'who' of template Greeter is not provided");
    expect(t.logger.records.some((r) => r.level === 'error' && r.message.includes("Mandatory parameter 'who'") && r.fields.artifact === 'template:Greeter')).toBe(true);
    const t2 = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(t2.status).toBe(200);
  });

  it('refuses a call to an unknown template at deploy time', () => {
    const t = testEngine({ 'api.xml': apiWith('<call-template target="Nope"/>') });
    expect(t.deployed.failed[0]!.diagnostics[0]!.code).toBe('SYN008');
  });
});
