/** The Quartz-cron translator against the examples of Quartz's CronTrigger documentation, and errors with positions. */
import { describe, it, expect } from 'vitest';
import { translateQuartzCron, nextCronFire, CronSyntaxError } from './quartz-cron.js';

/** The next `n` firings after `from` (local time, as Quartz uses the server's zone), formatted `YYYY-MM-DD HH:MM:SS Dow`. */
function firings(expr: string, from: Date, n: number): string[] {
  const t = translateQuartzCron(expr);
  const out: string[] = [];
  let at = from;
  for (let i = 0; i < n; i++) {
    const next = nextCronFire(t, at);
    if (!next) break;
    out.push(fmt(next));
    at = next;
  }
  return out;
}

const DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function fmt(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${DOW[d.getDay()]}`;
}

// Thursday 1 January 2026, 00:00 local time.
const JAN1 = new Date(2026, 0, 1, 0, 0, 0);

describe('Quartz cron examples (CronTrigger tutorial)', () => {
  it('0 0 12 * * ? fires at noon every day', () => {
    expect(firings('0 0 12 * * ?', JAN1, 2)).toEqual(['2026-01-01 12:00:00 Thu', '2026-01-02 12:00:00 Fri']);
  });
  it('0 15 10 ? * *, 0 15 10 * * ? and 0 15 10 * * ? * all fire at 10:15 every day', () => {
    for (const e of ['0 15 10 ? * *', '0 15 10 * * ?', '0 15 10 * * ? *']) expect(firings(e, JAN1, 2)).toEqual(['2026-01-01 10:15:00 Thu', '2026-01-02 10:15:00 Fri']);
  });
  it('0 15 10 * * ? 2027 fires only during 2027', () => {
    expect(firings('0 15 10 * * ? 2027', JAN1, 1)).toEqual(['2027-01-01 10:15:00 Fri']);
    expect(firings('0 15 10 * * ? 2025', JAN1, 1)).toEqual([]);
  });
  it('0 * 14 * * ? fires every minute from 14:00 to 14:59', () => {
    const f = firings('0 * 14 * * ?', JAN1, 61);
    expect(f[0]).toBe('2026-01-01 14:00:00 Thu');
    expect(f[59]).toBe('2026-01-01 14:59:00 Thu');
    expect(f[60]).toBe('2026-01-02 14:00:00 Fri');
  });
  it('0 0/5 14 * * ? fires every 5 minutes from 14:00 to 14:55', () => {
    const f = firings('0 0/5 14 * * ?', JAN1, 13);
    expect(f.slice(0, 3)).toEqual(['2026-01-01 14:00:00 Thu', '2026-01-01 14:05:00 Thu', '2026-01-01 14:10:00 Thu']);
    expect(f[11]).toBe('2026-01-01 14:55:00 Thu');
    expect(f[12]).toBe('2026-01-02 14:00:00 Fri');
  });
  it('0 0/5 14,18 * * ? fires every 5 minutes in the 14 and 18 hours', () => {
    const f = firings('0 0/5 14,18 * * ?', JAN1, 13);
    expect(f[11]).toBe('2026-01-01 14:55:00 Thu');
    expect(f[12]).toBe('2026-01-01 18:00:00 Thu');
  });
  it('0 0-5 14 * * ? fires every minute from 14:00 to 14:05', () => {
    expect(firings('0 0-5 14 * * ?', JAN1, 7).map((s) => s.slice(11, 16))).toEqual(['14:00', '14:01', '14:02', '14:03', '14:04', '14:05', '14:00']);
  });
  it('0 10,44 14 ? 3 WED fires at 14:10 and 14:44 every Wednesday in March', () => {
    expect(firings('0 10,44 14 ? 3 WED', JAN1, 3)).toEqual(['2026-03-04 14:10:00 Wed', '2026-03-04 14:44:00 Wed', '2026-03-11 14:10:00 Wed']);
  });
  it('0 15 10 ? * MON-FRI fires at 10:15 on weekdays only', () => {
    expect(firings('0 15 10 ? * MON-FRI', JAN1, 3)).toEqual(['2026-01-01 10:15:00 Thu', '2026-01-02 10:15:00 Fri', '2026-01-05 10:15:00 Mon']);
  });
  it('day-of-week numbers are Quartz\'s (1 = Sunday, 6 = Friday)', () => {
    expect(firings('0 0 8 ? * 1', JAN1, 1)).toEqual(['2026-01-04 08:00:00 Sun']);
    expect(firings('0 0 8 ? * 6', JAN1, 1)).toEqual(['2026-01-02 08:00:00 Fri']);
  });
  it('0 15 10 15 * ? fires on the 15th of every month', () => {
    expect(firings('0 15 10 15 * ?', JAN1, 2)).toEqual(['2026-01-15 10:15:00 Thu', '2026-02-15 10:15:00 Sun']);
  });
  it('0 15 10 L * ? fires on the last day of every month', () => {
    expect(firings('0 15 10 L * ?', JAN1, 2)).toEqual(['2026-01-31 10:15:00 Sat', '2026-02-28 10:15:00 Sat']);
  });
  it('0 15 10 ? * 6L fires on the last Friday of every month', () => {
    expect(firings('0 15 10 ? * 6L', JAN1, 2)).toEqual(['2026-01-30 10:15:00 Fri', '2026-02-27 10:15:00 Fri']);
  });
  it('0 15 10 ? * 6#3 fires on the third Friday of every month', () => {
    expect(firings('0 15 10 ? * 6#3', JAN1, 2)).toEqual(['2026-01-16 10:15:00 Fri', '2026-02-20 10:15:00 Fri']);
  });
  it('0 0 12 1/5 * ? fires every 5 days from the first of the month', () => {
    expect(firings('0 0 12 1/5 * ?', JAN1, 7).map((s) => s.slice(8, 10))).toEqual(['01', '06', '11', '16', '21', '26', '31']);
  });
  it('0 11 11 11 11 ? fires every 11 November at 11:11', () => {
    expect(firings('0 11 11 11 11 ?', JAN1, 2)).toEqual(['2026-11-11 11:11:00 Wed', '2027-11-11 11:11:00 Thu']);
  });
  it('the corpus case: 0 30 1 * * ? fires at 01:30 every day; */2 * * * * ? every even second', () => {
    expect(firings('0 30 1 * * ?', new Date(2026, 0, 1, 1, 29, 59), 1)).toEqual(['2026-01-01 01:30:00 Thu']);
    expect(firings('*/2 * * * * ?', new Date(2026, 0, 1, 0, 0, 1), 3).map((s) => s.slice(17, 19))).toEqual(['02', '04', '06']);
  });
});

describe('malformed Quartz expressions are reported with their position', () => {
  const error = (e: string) => {
    try {
      translateQuartzCron(e);
    } catch (x) {
      if (x instanceof CronSyntaxError) return { message: x.message, column: x.column };
      throw x;
    }
    throw new Error(`${e} was accepted`);
  };
  it('names the field and column of a value out of range', () => {
    expect(error('0 61 10 * * ?')).toEqual({ message: 'minutes value 61 is out of range 0-59 (at position 3)', column: 3 });
    expect(error('0 15 10 ? * 8')).toMatchObject({ column: 13, message: expect.stringContaining('day-of-week value 8 is out of range 1-7') });
  });
  it('refuses both day fields given, or both ?', () => {
    expect(error('0 15 10 15 * MON').message).toContain("one of them must be '?'");
    expect(error('0 15 10 ? * ?').message).toContain("'?' can only be specified for day-of-month or day-of-week");
  });
  it('refuses a wrong field count, unknown names and bad increments', () => {
    expect(error('0 15 10 * *').message).toContain('has 6 or 7 fields');
    expect(error('0 15 10 ? * FUNDAY')).toMatchObject({ column: 13, message: expect.stringContaining("'FUNDAY' is not a valid day-of-week value") });
    expect(error('0 0/x 10 * * ?')).toMatchObject({ column: 5 });
    expect(error('0 15 10 ? * 6#9').message).toContain("the occurrence after '#' must be 1-5");
  });
  it('says plainly that L-n (days before the last) is not supported', () => {
    expect(error('0 15 10 L-2 * ?')).toMatchObject({ column: 9, message: expect.stringContaining('is not supported by this runtime') });
  });
});
