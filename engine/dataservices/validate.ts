/**
 * Input validators of a `<param>` (MI's LengthValidator, PatternValidator,
 * LongRangeValidator, DoubleRangeValidator), with MI's messages unless the
 * validator carries its own `message`. A failure is a VALIDATION_ERROR fault
 * whose nested exception names the field and its value.
 */
import type { ParamDef, ValidatorDef } from './types.js';
import { DataServiceFault } from './faults.js';

function defaultMessage(v: ValidatorDef): string {
  switch (v.kind) {
    case 'length':
      return `The value length must be between ${v.min ?? 0} and ${v.max ?? 2147483647}`;
    case 'pattern':
      return `Pattern {${v.pattern}} is expected`;
    case 'long-range':
    case 'double-range':
      return `The value must be between ${v.min ?? '-∞'} and ${v.max ?? '∞'}`;
    case 'custom':
      return `Custom validator ${v.className} failed`;
  }
}

function passes(v: ValidatorDef, value: string): boolean {
  switch (v.kind) {
    case 'length':
      return (v.min === undefined || value.length >= v.min) && (v.max === undefined || value.length <= v.max);
    case 'pattern':
      // Java's Matcher.matches(): the whole value must match.
      return new RegExp(`^(?:${v.pattern})$`).test(value);
    case 'long-range':
    case 'double-range': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || (v.kind === 'long-range' && !Number.isInteger(n))) return false;
      return (v.min === undefined || n >= v.min) && (v.max === undefined || n <= v.max);
    }
    case 'custom':
      return true; // a Java class: reported at deployment, cannot run here
  }
}

export function validateParam(param: ParamDef, value: string | null): void {
  if (value === null) return;
  const values = param.paramType === 'ARRAY' ? value.split(',') : [value];
  for (const v of param.validators) {
    for (const one of values) {
      if (!passes(v, one)) {
        const message = ('message' in v && v.message) || defaultMessage(v);
        throw new DataServiceFault('VALIDATION_ERROR', undefined, `${message}\nField Name: ${param.name}\nField Value: ${value}`);
      }
    }
  }
}
