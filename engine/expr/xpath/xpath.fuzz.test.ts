/**
 * Fuzzing XPath 1.0 with Synapse's functions and variables: any text compiles or is refused
 * with an ExpressionSyntaxError inside it, and whatever compiles evaluates on real messages to
 * a value or a MediationFault, never another exception (a crash of the flow). vitest's test
 * time-out bounds a run, so an input that hangs fails it.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzParameters } from '../../../test/support/fuzz.js';
import { checkExpression, tokenText } from '../fixtures/expression-fuzz.js';
import { compileXPath } from './index.js';

const NS = { m: 'urn:m', soapenv: 'http://schemas.xmlsoap.org/soap/envelope/' };
const TOKENS = [
  '/', '//', '@', '*', '[', ']', '(', ')', '.', '..', ',', '|', ' ', '-', '+', '=', '!=', '<', '<=', '>', ' and ', ' or ', ' div ', ' mod ',
  'a', 'b', 'item', 'm:symbol', 'x:y', 'price', 'text()', 'node()', 'comment()', 'child::', 'ancestor::', 'following-sibling::', 'attribute::',
  '$body', '$header', '$ctx:p', '$axis2:x', '$trp:routing', '$url:q', '$func:f', '$env', '$undefined', "'x'", '"y"', "'", '0', '1', '1.5', '-2', 'NaN',
  'count(', 'concat(', 'string(', 'number(', 'sum(', 'substring(', 'translate(', 'contains(', 'not(', 'true()', 'position()', 'last()', 'name(', 'local-name(',
  "get-property('p')", "get-property('axis2','x')", 'get-property(', 'base64Encode(', 'base64Decode(', 'url-encode(', 'fn:', 'format-date(', 'now()', 'boolean(',
];

const STEPS = ['a', 'b', '*', 'm:symbol', 'price', 'item', '@a', '@*', 'text()', 'node()', '..', '.', 'soapenv:Body', 'ancestor::*', 'following-sibling::item'];
const STARTS = ['', '/', '//', '$body/', '$body//', '/soapenv:Envelope/soapenv:Body/'];
const SCALARS = ["'x'", '"IBM"', '0', '1', '-1.5', 'NaN', "get-property('p')", "get-property('n')", "get-property('transport','routing')", '$ctx:p', '$trp:routing', '$url:q', '$axis2:x', 'true()', 'position()', 'last()'];
const FUNCTIONS = ['count', 'concat', 'string', 'number', 'sum', 'substring', 'substring-before', 'translate', 'contains', 'starts-with', 'not', 'boolean', 'string-length', 'normalize-space', 'round', 'floor', 'name', 'local-name', 'base64Encode', 'base64Decode', 'url-encode', 'fn:upper-case', 'fn:matches', 'fn:replace', 'fn:tokenize', 'fn:format-dateTime', 'fn:current-dateTime'];
const OPERATORS = ['=', '!=', '<', '<=', '>', '>=', '+', '-', '*', ' div ', ' mod ', ' and ', ' or ', '|'];

/** XPath built from the grammar, mostly well-formed, so evaluation is reached often. */
const wellFormed: fc.Arbitrary<string> = fc.letrec<{ e: string; path: string }>((tie) => ({
  path: fc.tuple(fc.constantFrom(...STARTS), fc.array(fc.tuple(fc.constantFrom(...STEPS), fc.option(tie('e'), { nil: undefined })), { minLength: 1, maxLength: 3 })).map(
    ([start, steps]) => start + steps.map(([step, predicate]) => (predicate ? `${step}[${predicate}]` : step)).join('/'),
  ),
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS),
    tie('path'),
    fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('e'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(tie('e'), fc.constantFrom(...OPERATORS), tie('e')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('e').map((e) => `(${e})`),
  ),
})).e;

describe('XPath under fuzzing', () => {
  it('evaluates expressions built from the grammar, and edits of them, to a value or a MediationFault', () => {
    const edited = fc.tuple(wellFormed, fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', '(', ')', '[', ']', '/', "'", '@', ',', ':', '$')).map(([e, at, remove, insert]) => {
      const i = at % (e.length + 1);
      return e.slice(0, i) + insert + e.slice(i + remove);
    });
    fc.assert(
      fc.property(fc.oneof(wellFormed, edited), (source) => checkExpression(source, (s) => compileXPath(s, NS))),
      fuzzParameters(1200),
    );
  });

  it('compiles or refuses any text, and evaluates what compiles to a value or a MediationFault', () => {
    fc.assert(
      fc.property(tokenText(TOKENS), (source) => checkExpression(source, (s) => compileXPath(s, NS))),
      fuzzParameters(1000),
    );
  });
});
