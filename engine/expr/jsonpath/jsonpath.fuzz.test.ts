/**
 * Fuzzing JSONPath (`json-eval(...)`): any path compiles or is refused with an
 * ExpressionSyntaxError inside it, and whatever compiles evaluates on real payloads to a value
 * or a MediationFault, never another exception.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzParameters } from '../../../test/support/fuzz.js';
import { compileExpression } from '../compile.js';
import { checkExpression, tokenText } from '../fixtures/expression-fuzz.js';

const TOKENS = [
  '$', '.', '..', '*', '[', ']', '(', ')', '?(', '@', ',', ':', ' ', '-', '==', '!=', '<', '>', '&&', '||', '=~', '/IB.*/', '!',
  'order', 'symbol', 'price', 'deep', 'a', 'b', 'name', '1', '0', '-1', '2:', "'x'", '"IBM"', "['order']", 'true', 'null',
  'length()', 'size()', 'min()', 'max()', 'avg()', 'sum()', 'stddev()', 'keys()', 'first()', 'last()', 'length', '$..price', '@.price',
];

describe('JSONPath under fuzzing', () => {
  it('compiles or refuses any path, and evaluates what compiles to a value or a MediationFault', () => {
    fc.assert(
      fc.property(tokenText(TOKENS), (path) => checkExpression(`json-eval(${path})`, (s) => compileExpression(s, {}))),
      fuzzParameters(1500),
    );
  });
});
