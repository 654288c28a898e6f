import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError } from '../types.js';
import { compileInlineTemplate, compileSynapseExpression } from './index.js';
import { makeTestContext } from './test-context.js';

const team = {
  team: [
    { name: 'Alice', role: 'Developer', experience: 3 },
    { name: 'Bob', role: 'Designer', experience: 5 },
    { name: 'Charlie', role: 'Product Manager', experience: 7 },
  ],
};

describe('inline templates (cases of MI InlineExpressionUtilTest)', () => {
  it('prints objects as compact JSON and strings as they are', () => {
    const ctx = makeTestContext({ payload: team });
    expect(compileInlineTemplate('Processing payload : ${payload.team[0]}').render(ctx)).toBe(
      'Processing payload : {"name":"Alice","role":"Developer","experience":3}',
    );
    expect(compileInlineTemplate('Processing user : ${payload.team[0].name}').render(ctx)).toBe('Processing user : Alice');
  });
  it('renders a part that fails as empty text', () => {
    const ctx = makeTestContext({ payload: team });
    expect(compileInlineTemplate('Processing user : ${payload.team[0].age}').render(ctx)).toBe('Processing user : ');
  });
  it('mixes variables, properties and payload, and knows when it reads the payload', () => {
    const vars = { age: 3, address: { no: 110, street: 'Palm Grove', city: 'Colombo' } };
    const t = compileInlineTemplate('Processing user with age : ${vars.age} lives at ${vars.address}');
    expect(t.readsPayload).toBe(false);
    expect(t.render(makeTestContext({ vars }))).toBe(
      'Processing user with age : 3 lives at {"no":110,"street":"Palm Grove","city":"Colombo"}',
    );
    const t2 = compileInlineTemplate(
      'Processing user : ${payload.team[0].name}, role : ${vars.role}, experience : ${vars.experience.level} ${properties.synapse.duration}',
    );
    expect(t2.readsPayload).toBe(true);
    const ctx = makeTestContext({ payload: team, vars: { role: 'Developer', experience: { level: '3' } }, props: { duration: 'years' } });
    expect(t2.render(ctx)).toBe('Processing user : Alice, role : Developer, experience : 3 years');
  });
  it('evaluates operators inside parts', () => {
    const ctx = makeTestContext({ payload: team, vars: { endpoint: 'https://test.wso2.com/', completed: true } });
    const t = compileInlineTemplate(
      "Using endpoint : ${vars.endpoint + 'integration'} to process sum = ${payload.team[0].experience + 12} and status = ${(payload.team[0].experience > 2) && (vars.completed)}",
    );
    expect(t.render(ctx)).toBe('Using endpoint : https://test.wso2.com/integration to process sum = 15 and status = true');
  });
  it('handles braces inside strings, text without expressions, and JSON around parts', () => {
    const ctx = makeTestContext({ payload: { requestId: 12 }, vars: { s: 'x' } });
    expect(compileInlineTemplate('{"id": ${payload.requestId}, "s": "${vars.s + "}"}"}').render(ctx)).toBe('{"id": 12, "s": "x}"}');
    const plain = compileInlineTemplate('no expressions {here}');
    expect(plain.hasExpressions).toBe(false);
    expect(plain.render(ctx)).toBe('no expressions {here}');
  });
  it('reports syntax errors with offsets in the whole text', () => {
    const at = (t: string) => {
      try {
        compileInlineTemplate(t);
      } catch (e) {
        if (e instanceof ExpressionSyntaxError) return e.offset;
      }
      return -1;
    };
    expect(at('abc ${vars.a +} def')).toBe(14);
    expect(at('abc ${vars.a')).toBe(4);
  });
});

describe('corpus mi44-expressions/synapse-expressions-api', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const caseDir = path.resolve(here, '../../../../shared/corpus/mi44-expressions/synapse-expressions-api');
  const api = new DOMParser().parseFromString(readFileSync(path.join(caseDir, 'api_SynapseExpressionTestAPI.xml'), 'utf8'), 'text/xml');
  const request = JSON.parse(readFileSync(path.join(caseDir, 'request.json'), 'utf8')) as unknown;

  it('logs the documented message for GET /test/john?age=3&category=fiction', () => {
    const vars: Record<string, unknown> = {};
    const ctx = makeTestContext({
      payload: request,
      vars,
      path: { name: 'john' },
      query: { age: '3', category: 'fiction' },
      now: new Date(2024, 11, 5, 9, 0).getTime(),
    });
    // The <variable> mediators, in order: evaluate and store (STRING as text, INTEGER as a number, else the JSON value).
    const variables = Array.from(api.getElementsByTagName('variable'));
    expect(variables).toHaveLength(5);
    for (const v of variables) {
      const e = compileSynapseExpression(v.getAttribute('expression')!);
      const type = v.getAttribute('type');
      vars[v.getAttribute('name')!] = type === 'STRING' ? e.evaluateString(ctx) : e.evaluate(ctx);
    }
    expect(vars.age).toBe(3);
    const message = api.getElementsByTagName('message')[0]!.textContent!;
    const template = compileInlineTemplate(message);
    expect(template.readsPayload).toBe(false);
    const lines = template.render(ctx).trim().split('\n').map((l) => l.trim());
    expect(lines).toEqual([
      'Today is 2024-Dec-05',
      'Hello "john", you are not eligible to vote.',
      'We found 4 book(s) on your favourite category "fiction".',
      '["Moby Dick","The Lord of the Rings","To Kill a Mockingbird","Animal Farm"]',
      // The docs show "we" here; the template says "We".
      'We found 2 expensive book(s) according to your margin',
      '["The Lord of the Rings","To Kill a Mockingbird"]',
    ]);
  });
});
