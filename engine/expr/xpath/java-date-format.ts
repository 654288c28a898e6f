/**
 * Formats an instant with a java.text.SimpleDateFormat pattern in the host's
 * local time zone, for `get-property('SYSTEM_DATE', 'yyyy-MM-dd')`. Supports
 * the pattern letters G y Y M L d D E u a H k K h m s S z Z X F w W and
 * quoting ('text', '' for a quote). Unknown letters raise an Error, as
 * SimpleDateFormat does.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function formatJavaDate(ms: number, pattern: string): string {
  const d = new Date(ms);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Unterminated quote in date pattern '${pattern}'`);
      let j = end;
      let text = pattern.slice(i + 1, end);
      // '' inside a quoted section is a literal quote
      while (pattern[j + 1] === "'") {
        const next = pattern.indexOf("'", j + 2);
        if (next < 0) throw new Error(`Unterminated quote in date pattern '${pattern}'`);
        text += "'" + pattern.slice(j + 2, next);
        j = next;
      }
      out += text;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    out += field(d, c, n);
    i += n;
  }
  return out;
}

function pad(v: number, width: number): string {
  const s = String(Math.abs(v));
  return (v < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function text(full: string, count: number): string {
  return count >= 4 ? full : full.slice(0, 3);
}

function offset(d: Date, style: 'Z' | 'X', count: number): string {
  const off = -d.getTimezoneOffset();
  if (style === 'X' && off === 0) return 'Z';
  const sign = off >= 0 ? '+' : '-';
  const h = pad(Math.floor(Math.abs(off) / 60), 2);
  const m = pad(Math.abs(off) % 60, 2);
  if (style === 'Z') return `${sign}${h}${m}`;
  return count === 1 ? `${sign}${h}` : count === 2 ? `${sign}${h}${m}` : `${sign}${h}:${m}`;
}

function zoneName(d: Date, count: number): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZoneName: count >= 4 ? 'long' : 'short' }).formatToParts(d);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? offset(d, 'Z', 1);
}

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 86400000) + 1;
}

function field(d: Date, letter: string, count: number): string {
  switch (letter) {
    case 'G':
      return d.getFullYear() > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y':
      return count === 2 ? pad(d.getFullYear() % 100, 2) : pad(d.getFullYear(), count);
    case 'M':
    case 'L':
      return count >= 3 ? text(MONTHS[d.getMonth()]!, count) : pad(d.getMonth() + 1, count);
    case 'd':
      return pad(d.getDate(), count);
    case 'D':
      return pad(dayOfYear(d), count);
    case 'E':
      return text(DAYS[d.getDay()]!, count);
    case 'u':
      return pad(d.getDay() === 0 ? 7 : d.getDay(), count);
    case 'F':
      return pad(Math.floor((d.getDate() - 1) / 7) + 1, count);
    case 'w': {
      // US rules (Sunday first, week 1 contains Jan 1), as the default en_US calendar.
      const jan1 = new Date(d.getFullYear(), 0, 1).getDay();
      return pad(Math.floor((dayOfYear(d) - 1 + jan1) / 7) + 1, count);
    }
    case 'W': {
      const first = new Date(d.getFullYear(), d.getMonth(), 1).getDay();
      return pad(Math.floor((d.getDate() - 1 + first) / 7) + 1, count);
    }
    case 'a':
      return d.getHours() < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(d.getHours(), count);
    case 'k':
      return pad(d.getHours() === 0 ? 24 : d.getHours(), count);
    case 'K':
      return pad(d.getHours() % 12, count);
    case 'h':
      return pad(d.getHours() % 12 === 0 ? 12 : d.getHours() % 12, count);
    case 'm':
      return pad(d.getMinutes(), count);
    case 's':
      return pad(d.getSeconds(), count);
    case 'S':
      return pad(d.getMilliseconds(), count);
    case 'z':
      return zoneName(d, count);
    case 'Z':
      return offset(d, 'Z', count);
    case 'X':
      return offset(d, 'X', count);
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}
