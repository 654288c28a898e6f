import { describe, it, expect } from 'vitest';
import { testEngine } from '../testing/harness.js';
import { pointOfStepPath } from './positions.js';
import { Debugger, type DebugEvent } from './index.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

describe('step paths as MI mediator positions', () => {
  it.each([
    ['api:Orders/resource[0]/in/2/then/0', 'api:Orders/resource[0]/in', [2, 1, 0]],
    ['api:Orders/resource[1]/fault/0/else/3', 'api:Orders/resource[1]/fault', [0, 0, 3]],
    ['sequence:S/4/case[1]/0', 'sequence:S', [4, 2, 0]],
    ['sequence:S/4/default/2', 'sequence:S', [4, 0, 2]],
    ['sequence:S/1/target[2]/sequence/0', 'sequence:S', [1, 2, 0]],
    ['sequence:S/1/target/sequence/3', 'sequence:S', [1, 3]],
    ['sequence:S/0/sequence/1', 'sequence:S', [0, 1]],
    ['sequence:S/0/sequence[1]/2', 'sequence:S', [0, 1, 2]],
    ['proxy:P/out/0/onAccept/1', 'proxy:P/out', [0, 1, 1]],
    ['proxy:P/in/5/onComplete/0', 'proxy:P/in', [5, 0]],
    ['template:T/1/on-fail/0', 'template:T', [1, 0]],
  ])('%s -> %s %j', (stepPath, flow, position) => {
    expect(pointOfStepPath(stepPath)).toEqual({ flow, position });
  });

  it('is undefined for paths MI cannot name', () => {
    expect(pointOfStepPath('sequence:S/0/endpoint')).toBeUndefined();
    expect(pointOfStepPath('local-entry:x/0')).toBeUndefined();
  });
});

describe('breakpoints in proxies, templates and nested containers', () => {
  const proxy = `<proxy ${SYN} name="P" transports="http"><target><inSequence>
      <switch source="$ctx:REST_METHOD">
        <case regex="NEVER"><log/></case>
        <case regex=".*"><property name="c" value="1"/><call-template target="T"><with-param name="v" value="x"/></call-template></case>
      </switch>
      <payloadFactory media-type="json"><format>{"ok":true}</format><args/></payloadFactory>
      <respond/>
    </inSequence></target></proxy>`;
  const template = `<template ${SYN} name="T"><parameter name="v"/><sequence><property name="fromTemplate" expression="$func:v"/><log level="custom"><property name="t" value="1"/></log></sequence></template>`;

  it('pause inside a switch case of a proxy, step into the template, and the events name MI components', async () => {
    const dbg = new Debugger();
    const t = testEngine({ 'P.xml': proxy, 'T.xml': template }, { hooks: [dbg] });
    dbg.useEngine(t.engine);
    const hits: Extract<DebugEvent, { event: 'breakpoint' }>[] = [];
    let notify: () => void = () => undefined;
    dbg.onEvent((e) => {
      if (e.event === 'breakpoint') {
        hits.push(e);
        notify();
      }
    });
    const nextHit = async () => {
      while (hits.length === 0) await new Promise<void>((r) => (notify = r));
      return hits.shift()!;
    };
    expect(dbg.setPoint('breakpoint', 'sequence', { proxy: { 'proxy-key': 'P', 'sequence-type': 'proxy_inseq', 'mediator-position': '0 2 1' } })).toEqual({ ok: true });
    expect(dbg.setPoint('breakpoint', 'sequence', { proxy: { 'proxy-key': 'P', 'sequence-type': 'proxy_inseq', 'mediator-position': '0 3 0' } })).toEqual({ ok: false, reason: 'non existing mediator position' });
    expect(dbg.setPoint('skip', 'template', { 'template-key': 'T', 'mediator-position': '1' })).toEqual({ ok: true });

    const res = t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const atCallTemplate = await nextHit();
    expect(atCallTemplate.stepPath).toBe('proxy:P/in/0/case[1]/1');
    expect(atCallTemplate.point).toEqual({ sequence: { proxy: { 'proxy-key': 'P', 'sequence-type': 'proxy_inseq', 'mediator-position': '0 2 1' } } });
    dbg.resume(atCallTemplate.messageId, 'into');
    const inTemplate = await nextHit();
    expect(inTemplate.component).toBe('template');
    expect(inTemplate.point).toEqual({ template: { 'template-key': 'T', 'mediator-position': '0' } });
    dbg.resume(inTemplate.messageId, 'out');
    const afterSwitch = await nextHit();
    expect(afterSwitch.stepPath).toBe('proxy:P/in/1');
    expect(dbg.pausedContext()!.properties.get('fromTemplate')).toBe('x');
    dbg.resume();
    expect((await res).json()).toEqual({ ok: true });
    const trace = dbg.traces()[0]!;
    expect(trace.steps.find((s) => s.path === 'template:T/1')?.outcome).toBe('skipped');
  });
});
