/** Helpers shared by the XPath function implementations. */
import { ErrorCodes, MediationFault } from '../../core/errors.js';
import type { ExprContext } from '../context.js';
import type { XPathContext, XValue } from './lib.js';

/** A function body: the message, the evaluated arguments, the XPath evaluation context. */
export type Impl = (ctx: ExprContext, args: XValue[], c: XPathContext) => XValue;

export function fault(message: string, cause?: unknown): MediationFault {
  return new MediationFault(ErrorCodes.GENERIC, message, cause === undefined ? undefined : { cause });
}

export function str(v: XValue | undefined): string {
  return v === undefined ? '' : v.stringValue();
}

