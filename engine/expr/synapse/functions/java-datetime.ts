import { evaluationFault } from '../errors.js';

/**
 * The part of java.time.format.DateTimeFormatter.ofPattern that
 * formatDateTime needs (English locale): y u Y M L d D E a H h k K m s S,
 * quoted text ('...' and ''), and other symbols as literals. Zone letters fail,
 * as they do in MI, because the values are LocalDateTime / LocalDate / LocalTime.
 */

export interface LocalDateTimeParts {
  year?: number;
  month?: number; // 1-12
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  nano?: number;
}

type PatternItem = { literal: string } | { letter: string; count: number };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DATE_LETTERS = new Set(['y', 'u', 'Y', 'M', 'L', 'd', 'D', 'E', 'G', 'Q']);
const TIME_LETTERS = new Set(['a', 'H', 'h', 'k', 'K', 'm', 's', 'S']);
const ZONE_LETTERS = new Set(['V', 'z', 'O', 'X', 'x', 'Z']);

export function compilePattern(pattern: string): PatternItem[] {
  const items: PatternItem[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close === i + 1) {
        items.push({ literal: "'" });
        i += 2;
        continue;
      }
      if (close < 0) throw evaluationFault(`Pattern ends with an incomplete string literal: ${pattern}`);
      items.push({ literal: pattern.slice(i + 1, close).replaceAll("''", "'") });
      i = close + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j += 1;
      if (!DATE_LETTERS.has(c) && !TIME_LETTERS.has(c) && !ZONE_LETTERS.has(c)) {
        throw evaluationFault(`Unknown pattern letter: ${c}`);
      }
      items.push({ letter: c, count: j - i });
      i = j;
    } else if (c === '[' || c === ']') {
      i += 1; // optional-section markers: all fields are present here
    } else {
      items.push({ literal: c });
      i += 1;
    }
  }
  return items;
}

export function formatParts(parts: LocalDateTimeParts, pattern: string): string {
  return compilePattern(pattern)
    .map((item) => ('literal' in item ? item.literal : formatField(item.letter, item.count, parts)))
    .join('');
}

function need(value: number | undefined, letter: string): number {
  if (value === undefined) throw evaluationFault(`Unsupported field for pattern letter: ${letter}`);
  return value;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function formatField(letter: string, count: number, p: LocalDateTimeParts): string {
  if (ZONE_LETTERS.has(letter)) throw evaluationFault(`Unable to extract zone field '${letter}' from a local date-time`);
  switch (letter) {
    case 'y':
    case 'u':
    case 'Y': {
      const year = need(p.year, letter);
      return count === 2 ? pad(((year % 100) + 100) % 100, 2) : pad(year, count);
    }
    case 'M':
    case 'L': {
      const month = need(p.month, letter);
      if (count >= 5) return MONTHS[month - 1]!.charAt(0);
      if (count === 4) return MONTHS[month - 1]!;
      if (count === 3) return MONTHS[month - 1]!.slice(0, 3);
      return pad(month, count);
    }
    case 'Q':
      return pad(Math.floor((need(p.month, letter) - 1) / 3) + 1, count);
    case 'd':
      return pad(need(p.day, letter), count);
    case 'D':
      return pad(dayOfYear(p), count);
    case 'E': {
      const name = DAYS[dayOfWeek(p)]!;
      return count === 4 ? name : count >= 5 ? name.charAt(0) : name.slice(0, 3);
    }
    case 'G':
      return count === 4 ? 'Anno Domini' : 'AD';
    case 'a':
      return need(p.hour, letter) < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(need(p.hour, letter), count);
    case 'k':
      return pad(need(p.hour, letter) === 0 ? 24 : p.hour!, count);
    case 'h':
      return pad(need(p.hour, letter) % 12 === 0 ? 12 : p.hour! % 12, count);
    case 'K':
      return pad(need(p.hour, letter) % 12, count);
    case 'm':
      return pad(need(p.minute, letter), count);
    case 's':
      return pad(need(p.second, letter), count);
    case 'S':
      return pad(need(p.nano, letter), 9).slice(0, count).padEnd(count, '0');
  }
  throw evaluationFault(`Unknown pattern letter: ${letter}`);
}

function dateOf(p: LocalDateTimeParts): Date {
  return new Date(Date.UTC(need(p.year, 'y'), need(p.month, 'M') - 1, need(p.day, 'd')));
}

function dayOfWeek(p: LocalDateTimeParts): number {
  return dateOf(p).getUTCDay();
}

function dayOfYear(p: LocalDateTimeParts): number {
  const start = Date.UTC(need(p.year, 'y'), 0, 1);
  return Math.round((dateOf(p).getTime() - start) / 86400000) + 1;
}

/** The parts of an epoch-millisecond instant in this machine's time zone (Java's ZoneId.systemDefault()). */
export function localPartsOf(epochMillis: number): LocalDateTimeParts {
  const d = new Date(epochMillis);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    nano: d.getMilliseconds() * 1_000_000,
  };
}

/**
 * Parses `text` with a pattern (strictly, whole text). Returns the fields the
 * pattern carries; throws when the text does not match.
 */
export function parseWithPattern(text: string, pattern: string): LocalDateTimeParts {
  const items = compilePattern(pattern);
  const setters: Array<(value: string, parts: LocalDateTimeParts & { pm?: boolean; hour12?: number }) => void> = [];
  let regex = '';
  for (const item of items) {
    if ('literal' in item) {
      regex += item.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const { letter, count } = item;
    const digits = (fixed: boolean): string => (fixed ? `(\\d{${count}})` : `(\\d{${count},9})`);
    switch (letter) {
      case 'y':
      case 'u':
      case 'Y':
        regex += count === 2 ? '(\\d{2})' : count === 4 ? '([+-]?\\d{4,9})' : '([+-]?\\d{1,9})';
        setters.push((v, p) => (p.year = count === 2 ? 2000 + Number(v) : Number(v)));
        break;
      case 'M':
      case 'L':
        if (count >= 3) {
          const names = MONTHS.map((m) => (count === 3 ? m.slice(0, 3) : m));
          regex += `(${names.join('|')})`;
          setters.push((v, p) => (p.month = names.indexOf(v) + 1));
        } else {
          regex += digits(count === 2);
          setters.push((v, p) => (p.month = Number(v)));
        }
        break;
      case 'd':
        regex += digits(count === 2);
        setters.push((v, p) => (p.day = Number(v)));
        break;
      case 'E': {
        const names = DAYS.map((d) => (count === 4 ? d : d.slice(0, 3)));
        regex += `(${names.join('|')})`;
        setters.push(() => undefined);
        break;
      }
      case 'a':
        regex += '(AM|PM)';
        setters.push((v, p) => (p.pm = v === 'PM'));
        break;
      case 'H':
      case 'k':
        regex += digits(count === 2);
        setters.push((v, p) => (p.hour = Number(v) % 24));
        break;
      case 'h':
      case 'K':
        regex += digits(count === 2);
        setters.push((v, p) => (p.hour12 = Number(v) % 12));
        break;
      case 'm':
        regex += digits(count === 2);
        setters.push((v, p) => (p.minute = Number(v)));
        break;
      case 's':
        regex += digits(count === 2);
        setters.push((v, p) => (p.second = Number(v)));
        break;
      case 'S':
        regex += `(\\d{${count}})`;
        setters.push((v, p) => (p.nano = Number(v.padEnd(9, '0'))));
        break;
      default:
        throw evaluationFault(`Pattern letter '${letter}' cannot be used for parsing`);
    }
  }
  const m = new RegExp(`^${regex}$`).exec(text);
  if (!m) throw evaluationFault(`Text '${text}' could not be parsed with pattern ${pattern}`);
  const parts: LocalDateTimeParts & { pm?: boolean; hour12?: number } = {};
  setters.forEach((set, i) => set(m[i + 1]!, parts));
  if (parts.hour12 !== undefined) parts.hour = parts.hour12 + (parts.pm ? 12 : 0);
  if (parts.hour !== undefined) {
    parts.minute ??= 0;
    parts.second ??= 0;
    parts.nano ??= 0;
  }
  const { pm: _pm, hour12: _h, ...result } = parts;
  validate(result, text);
  return result;
}

function validate(p: LocalDateTimeParts, text: string): void {
  const bad = (): never => {
    throw evaluationFault(`Text '${text}' could not be parsed: invalid date or time`);
  };
  if (p.month !== undefined && (p.month < 1 || p.month > 12)) bad();
  if (p.day !== undefined && p.year !== undefined && p.month !== undefined) {
    const last = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
    if (p.day < 1 || p.day > last) bad();
  }
  if (p.hour !== undefined && (p.hour > 23 || p.minute! > 59 || p.second! > 59)) bad();
}

/** True when the parts hold a full date / a time. */
export function hasDate(p: LocalDateTimeParts): boolean {
  return p.year !== undefined && p.month !== undefined && p.day !== undefined;
}

export function hasTime(p: LocalDateTimeParts): boolean {
  return p.hour !== undefined;
}
