import { describe, it, expect } from 'vitest';
import { LanguageWorkspace } from '../workspace.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

function problems(files: Record<string, string>, uri: string) {
  const ws = new LanguageWorkspace();
  const entries = Object.entries(files);
  ws.setProjectFiles(entries.filter(([u]) => u !== uri).map(([u, text]) => ({ uri: u, text })));
  return ws.open(uri, files[uri]!).diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line, col: d.range.start.col, message: d.message }));
}

describe('meaning checks (each: code, line, column)', () => {
  it('SEM001: mediators after respond, drop, send or loopback are unreachable (warning on the first)', () => {
    const api = `<api ${NS} name="A" context="/a">\n  <resource methods="GET">\n    <inSequence>\n      <respond/>\n      <log/>\n      <drop/>\n    </inSequence>\n  </resource>\n</api>`;
    const d = problems({ 'a.xml': api }, 'a.xml');
    expect(d).toEqual([expect.objectContaining({ code: 'SEM001', severity: 'warning', line: 5, col: 7 })]);
    expect(d[0]!.message).toMatch(/this and the 1 mediator\(s\) after it never run, because <respond> at line 4 ends the flow/);
  });

  it('SEM001 also inside nested lists (filter then), and not when the ender is last', () => {
    const seq = `<sequence ${NS} name="S">\n<filter xpath="true()">\n<then>\n<drop/>\n<log/>\n</then>\n</filter>\n<respond/>\n</sequence>`;
    expect(problems({ 's.xml': seq }, 's.xml')).toEqual([expect.objectContaining({ code: 'SEM001', line: 5, col: 1 })]);
  });

  it('SEM002: deprecated send and outSequence, with the replacement', () => {
    const proxy = `<proxy ${NS} name="P" transports="http">\n<target>\n<inSequence>\n<send>\n<endpoint><address uri="http://localhost:9000/x"/></endpoint>\n</send>\n</inSequence>\n<outSequence>\n<respond/>\n</outSequence>\n</target>\n</proxy>`;
    const d = problems({ 'p.xml': proxy }, 'p.xml').filter((x) => x.code === 'SEM002');
    expect(d.map((x) => [x.line, x.col])).toEqual([
      [4, 1],
      [8, 1],
    ]);
    expect(d[0]!.message).toMatch(/use <call>/);
    expect(d[1]!.message).toMatch(/^outSequence is deprecated: use <call>/);
  });

  it('SEM004: two APIs on the same context are refused (error on the context attribute)', () => {
    const a = `<api ${NS} name="A" context="/orders"><resource methods="GET"><inSequence><respond/></inSequence></resource></api>`;
    const b = `<api ${NS} name="B"\n     context="/orders/"><resource methods="GET"><inSequence><respond/></inSequence></resource></api>`;
    const d = problems({ 'a.xml': a, 'b.xml': b }, 'b.xml');
    expect(d).toEqual([expect.objectContaining({ code: 'SEM004', severity: 'error', line: 2, col: 15 })]);
    expect(d[0]!.message).toContain("also used by API 'A' (a.xml)");
  });

  it('SEM005: two resources of one API matching the same requests', () => {
    const api = `<api ${NS} name="A" context="/a">\n<resource methods="GET" uri-template="/x"><inSequence><respond/></inSequence></resource>\n<resource methods="POST GET" uri-template="/x"><inSequence><respond/></inSequence></resource>\n</api>`;
    expect(problems({ 'a.xml': api }, 'a.xml')).toEqual([expect.objectContaining({ code: 'SEM005', severity: 'warning', line: 3, col: 1 })]);
  });

  it('SEM006: unknown attribute, squiggle on its name, with a suggestion', () => {
    const seq = `<sequence ${NS} name="S">\n  <log levle="full"/>\n</sequence>`;
    const d = problems({ 's.xml': seq }, 's.xml');
    expect(d).toEqual([expect.objectContaining({ code: 'SEM006', severity: 'warning', line: 2, col: 8 })]);
    expect(d[0]!.message).toBe("unknown attribute 'levle' on <log>; did you mean 'level'? (MI ignores it)");
  });

  it('SYN008: an unresolved sequence reference, at the attribute value; resolved once the sequence exists in the project', () => {
    const api = `<api ${NS} name="A" context="/a">\n<resource methods="GET">\n<inSequence>\n<sequence key="Missing"/>\n</inSequence>\n</resource>\n</api>`;
    expect(problems({ 'a.xml': api }, 'a.xml')).toEqual([expect.objectContaining({ code: 'SYN008', severity: 'error', line: 4, col: 16, message: "sequence 'Missing' is not defined in this project" })]);
    expect(problems({ 'a.xml': api, 'm.xml': `<sequence ${NS} name="Missing"><log/></sequence>` }, 'a.xml')).toEqual([]);
  });

  it('SYN014: duplicate artifact names across the project', () => {
    const s = `<sequence ${NS} name="Dup"><log/></sequence>`;
    expect(problems({ 'a.xml': s, 'b.xml': s }, 'b.xml')).toEqual([expect.objectContaining({ code: 'SYN014', line: 1, col: 1 })]);
  });

  it('template parameters: a mandatory parameter without default must be supplied by call-template', () => {
    const tpl = `<template ${NS} name="T"><parameter name="p" isMandatory="true"/><parameter name="q" isMandatory="true" defaultValue="d"/><sequence><log/></sequence></template>`;
    const seq = `<sequence ${NS} name="S">\n  <call-template target="T">\n    <with-param name="q" value="1"/>\n  </call-template>\n</sequence>`;
    const d = problems({ 't.xml': tpl, 's.xml': seq }, 's.xml');
    expect(d).toEqual([expect.objectContaining({ code: 'SYN015', severity: 'error', line: 2, col: 26 })]);
    expect(d[0]!.message).toMatch(/'p'/);
    const ok = seq.replace('name="q"', 'name="p"');
    expect(problems({ 't.xml': tpl, 's.xml': ok }, 's.xml')).toEqual([]);
  });

  it('expressions: the engine error is placed at the column where the expression breaks', () => {
    const seq = `<sequence ${NS} name="S">\n  <log level="custom"><property name="x" expression="concat('a', "/></log>\n</sequence>`;
    const d = problems({ 's.xml': seq }, 's.xml');
    expect(d).toEqual([expect.objectContaining({ code: 'SYN007', severity: 'error', line: 2 })]);
    expect(d[0]!.col).toBeGreaterThan(52);
  });

  it('grammar: an invalid enum value and a missing required attribute (from the descriptors)', () => {
    const seq = `<sequence ${NS} name="S">\n  <log level="loud"/>\n  <property value="1"/>\n</sequence>`;
    const d = problems({ 's.xml': seq }, 's.xml');
    expect(d.map((x) => [x.code, x.line, x.col])).toEqual([
      ['SYN004', 2, 15],
      ['SYN003', 3, 3],
    ]);
  });
});
