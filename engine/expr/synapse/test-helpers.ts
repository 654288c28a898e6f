/** Shorthands for the `${}` tests. */
import { MediationFault } from '../../core/errors.js';
import { ExpressionSyntaxError } from '../types.js';
import { compileSynapseExpression } from './index.js';
import { makeTestContext, type TestContextData } from './test-context.js';

export function value(source: string, data: TestContextData = {}): unknown {
  return compileSynapseExpression(source).evaluate(makeTestContext(data));
}

export function text(source: string, data: TestContextData = {}): string {
  return compileSynapseExpression(source).evaluateString(makeTestContext(data));
}

/** The MediationFault message an expression fails with. */
export function faultOf(source: string, data: TestContextData = {}): string {
  try {
    compileSynapseExpression(source).evaluate(makeTestContext(data));
  } catch (e) {
    if (e instanceof MediationFault) return e.message;
    throw e;
  }
  throw new Error(`expected ${source} to fail`);
}

/** The syntax error (message and offset) a source fails to compile with. */
export function syntaxErrorOf(source: string): { message: string; offset: number } {
  try {
    compileSynapseExpression(source);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return { message: e.message, offset: e.offset };
    throw e;
  }
  throw new Error(`expected ${source} not to compile`);
}
