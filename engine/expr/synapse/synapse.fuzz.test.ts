/**
 * Fuzzing MI 4.4's `${}` Synapse expressions and inline templates: any text compiles or is
 * refused with an ExpressionSyntaxError inside it, and whatever compiles evaluates (renders)
 * on real messages to a value or a MediationFault, never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../../test/support/fuzz.js';
import { CONTEXTS, checkExpression, compileOrRefuse, tokenText } from '../fixtures/expression-fuzz.js';
import { compileInlineTemplate, compileSynapseExpression } from './index.js';

const NS = { m: 'urn:m' };
const TOKENS = [
  'payload', 'vars', 'headers', 'properties', 'props', 'params', 'configs', 'registry', 'attributes', '.', '..', '*', '[', ']', '(', ')', ',', '?', ':', ' ',
  '+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||', '!', 'and', 'or', 'not', '?(', '@', '$', "'s'", '"t"', '0', '1', '-1', '1.5', '1e3', '9007199254740993',
  'true', 'false', 'null', 'order', 'price', 'v', 'num', 'obj', 'arr', 'nul', 'p', 'k', 'query', 'uri', 'pathParams', 'queryParams', 'axis2', 'synapse', 'transport',
  'length(', 'toUpper(', 'toLower(', 'subString(', 'startsWith(', 'contains(', 'split(', 'replace(', 'abs(', 'floor(', 'round(', 'sqrt(', 'pow(', 'log(',
  'integer(', 'float(', 'string(', 'boolean(', 'object(', 'array(', 'exists(', 'isNumber(', 'isArray(', 'now()', 'formatDateTime(', 'charAt(', 'trim(',
  "xpath('//price')", 'xpath(', "'//m:symbol'", 'base64encode(', 'base64decode(', 'urlEncode(', 'urlDecode(', 'indexOf(', 'registry(', 'secret(', 'not(',
];

const FUNCTIONS = ['length', 'toUpper', 'toLower', 'subString', 'startsWith', 'contains', 'split', 'replace', 'abs', 'floor', 'ceil', 'round', 'sqrt', 'pow', 'log', 'integer', 'float', 'string', 'boolean', 'object', 'array', 'exists', 'isNumber', 'isString', 'isArray', 'isObject', 'trim', 'charAt', 'indexOf', 'base64encode', 'base64decode', 'urlEncode', 'urlDecode', 'formatDateTime', 'not', 'xpath', 'now'];
const OPERATORS = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', 'and', 'or'];
const PATHS = ['payload', 'payload.order', 'payload.order[0].price', 'payload.order[*].symbol', 'payload..price', 'payload.order[?(@.qty > 0)]', 'payload["1"]', 'payload.deep.a.b[1][0]', 'payload.order[-1:]', 'payload.missing.x', 'vars.v', 'vars.num', 'vars.obj.k[1]', 'vars.arr', 'vars.nul', 'vars.undefinedVar', 'headers["routing"]', 'headers.Content-Type', 'props.p', 'properties.synapse.n', 'params.queryParams.q', 'params.pathParams.id', 'configs.c', 'attributes.axis2.x'];
const LITERALS = ["'s'", '"IBM"', '0', '-1', '1.5', '1e3', '9007199254740993', 'true', 'false', 'null', "''", "'//m:symbol'", "'yyyy-MM-dd'"];

/** `${}` bodies built from the grammar, mostly well-formed, so evaluation is reached often. */
const wellFormedBody: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...PATHS, ...LITERALS),
    fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('e'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(tie('e'), fc.constantFrom(...OPERATORS), tie('e')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
    tie('e').map((e) => `(${e})`),
    tie('e').map((e) => `!${e}`),
  ),
})).e;

describe('Synapse expressions under fuzzing', () => {
  it('evaluates expressions built from the grammar, and edits of them, to a value or a MediationFault', () => {
    const edited = fc.tuple(wellFormedBody, fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', '(', ')', '[', ']', '.', "'", '"', ',', '?', ' ')).map(([b, at, remove, insert]) => {
      const i = at % (b.length + 1);
      return b.slice(0, i) + insert + b.slice(i + remove);
    });
    fc.assert(
      fc.property(fc.oneof(wellFormedBody, edited), (body) => checkExpression('${' + body + '}', (s) => compileSynapseExpression(s, NS))),
      fuzzParameters(1500),
    );
  });

  it('compiles or refuses any ${} text, and evaluates what compiles to a value or a MediationFault', () => {
    fc.assert(
      fc.property(tokenText(TOKENS), (body) => checkExpression('${' + body + '}', (s) => compileSynapseExpression(s, NS))),
      fuzzParameters(1000),
    );
  });

  it('compiles or refuses any inline template, and renders what compiles', () => {
    fc.assert(
      fc.property(tokenText([...TOKENS, '${', '}', '{', 'text ', '"'], 20), (text) => {
        let template: ReturnType<typeof compileInlineTemplate> | undefined;
        compileOrRefuse(text, (s) => {
          template = compileInlineTemplate(s, NS);
          return compileSynapseExpression('${1}');
        });
        if (!template) return;
        for (const ctx of CONTEXTS) expect(typeof template.render(ctx)).toBe('string');
      }),
      fuzzParameters(1000),
    );
  });
});
