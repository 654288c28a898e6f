import { ErrorCodes, MediationFault } from '../../core/errors.js';
import { asString, type Value } from './values.js';

/** An evaluation failure of a `${}` expression (MI's EvaluationException). */
export function evaluationFault(message: string, cause?: unknown): MediationFault {
  return new MediationFault(ErrorCodes.GENERIC, message, cause !== undefined ? { cause } : undefined);
}

/** A value as MI prints it inside error messages. */
export function shown(v: Value): string {
  return asString(v) ?? 'null';
}
