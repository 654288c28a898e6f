/**
 * Quartz cron expressions (what MI's task triggers take) checked with positions and translated
 * for croner. Quartz: `sec min hour day-of-month month day-of-week [year]`, day-of-week 1-7 =
 * SUN-SAT, `?` in exactly one of the two day fields, `L`, `W`, `LW`, `#`, `n/step`. croner runs
 * the result with Quartz weekday numbering (alternativeWeekdays) and the year field.
 */
import { Cron } from 'croner';

export class CronSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based column within the expression. */
    readonly column: number,
  ) {
    super(`${message} (at position ${column})`);
    this.name = 'CronSyntaxError';
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Characters beyond `* , - /` this field accepts. */
  extra: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: FieldSpec[] = [
  { name: 'seconds', min: 0, max: 59, extra: '' },
  { name: 'minutes', min: 0, max: 59, extra: '' },
  { name: 'hours', min: 0, max: 23, extra: '' },
  { name: 'day-of-month', min: 1, max: 31, extra: '?LW' },
  { name: 'month', min: 1, max: 12, names: MONTHS, extra: '' },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, extra: '?L#' },
  { name: 'year', min: 1970, max: 2099, extra: '' },
];

export interface TranslatedCron {
  /** The pattern croner runs. */
  croner: string;
  /** croner options that give Quartz's meaning. */
  options: { alternativeWeekdays: true; mode: '6-or-7-parts'; sloppyRanges: true };
}

export const CRONER_OPTIONS: TranslatedCron['options'] = { alternativeWeekdays: true, mode: '6-or-7-parts', sloppyRanges: true };

/** Checks a Quartz expression and returns its croner form; throws CronSyntaxError with the position at fault. */
export function translateQuartzCron(expression: string): TranslatedCron {
  const fields: { text: string; column: number }[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(expression))) fields.push({ text: m[0], column: m.index + 1 });
  if (fields.length < 6 || fields.length > 7) throw new CronSyntaxError(`a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), this one has ${fields.length}`, fields[Math.min(fields.length, 6)]?.column ?? expression.length + 1);
  const out = fields.map((f, i) => translateField(f.text, f.column, FIELDS[i]!));
  const dom = fields[3]!;
  const dow = fields[5]!;
  if (dom.text === '?' && dow.text === '?') throw new CronSyntaxError("'?' can only be specified for day-of-month or day-of-week, not both", dow.column);
  if (dom.text !== '?' && dow.text !== '?') throw new CronSyntaxError("specifying both a day-of-month and a day-of-week is not supported by Quartz: one of them must be '?'", dow.column);
  const croner = out.join(' ');
  try {
    new Cron(croner, { ...CRONER_OPTIONS, paused: true });
  } catch (e) {
    throw new CronSyntaxError(`not a valid cron expression: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  return { croner, options: CRONER_OPTIONS };
}

function translateField(text: string, column: number, spec: FieldSpec): string {
  if (text === '?') {
    if (!spec.extra.includes('?')) throw new CronSyntaxError(`'?' is not allowed in the ${spec.name} field`, column);
    return '?';
  }
  const parts = text.split(',');
  let offset = 0;
  const translated = parts.map((part) => {
    const at = column + offset;
    offset += part.length + 1;
    if (part === '') throw new CronSyntaxError(`empty list item in the ${spec.name} field`, at);
    return translatePart(part.toUpperCase(), at, spec);
  });
  return translated.join(',');
}

function translatePart(part: string, at: number, spec: FieldSpec): string {
  const value = (s: string, col: number): number => {
    const named = spec.names?.indexOf(s) ?? -1;
    if (named >= 0) return named + spec.min;
    if (!/^\d+$/.test(s)) throw new CronSyntaxError(`'${s}' is not a valid ${spec.name} value`, col);
    const n = Number(s);
    if (n < spec.min || n > spec.max) throw new CronSyntaxError(`${spec.name} value ${n} is out of range ${spec.min}-${spec.max}`, col);
    return n;
  };
  if (spec.name === 'day-of-month') {
    if (part === 'L' || part === 'LW') return part;
    if (/^L-\d+$/.test(part)) throw new CronSyntaxError(`'${part}' (an offset from the last day) is not supported by this runtime`, at);
    if (/^\d+W$/.test(part)) {
      value(part.slice(0, -1), at);
      return part;
    }
  }
  if (spec.name === 'day-of-week') {
    const hash = /^(\w+)#(\d+)$/.exec(part);
    if (hash) {
      value(hash[1]!, at);
      const nth = Number(hash[2]);
      if (nth < 1 || nth > 5) throw new CronSyntaxError(`the occurrence after '#' must be 1-5, not ${hash[2]}`, at + hash[1]!.length + 1);
      return part;
    }
    if (part === 'L') return '7';
    if (/^\w+L$/.test(part)) {
      value(part.slice(0, -1), at);
      return part;
    }
  }
  const slash = part.indexOf('/');
  let range = part;
  let step: string | undefined;
  if (slash >= 0) {
    range = part.slice(0, slash);
    step = part.slice(slash + 1);
    if (!/^\d+$/.test(step) || Number(step) === 0) throw new CronSyntaxError(`'${step}' is not a valid increment in the ${spec.name} field`, at + slash + 1);
  }
  if (range === '*' || range === '') return step ? `*/${step}` : '*';
  const dash = range.indexOf('-');
  if (dash >= 0) {
    const from = value(range.slice(0, dash), at);
    const to = value(range.slice(dash + 1), at + dash + 1);
    return `${from}-${to}${step ? `/${step}` : ''}`;
  }
  const start = value(range, at);
  // Quartz `5/15` = from 5 to the end in steps of 15.
  return step ? `${start}-${spec.max}/${step}` : String(start);
}

/** The next firing strictly after `after`, or undefined when the expression never fires again. */
export function nextCronFire(t: TranslatedCron, after: Date): Date | undefined {
  return new Cron(t.croner, { ...t.options, paused: true }).nextRun(after) ?? undefined;
}
