/**
 * The XPath 2.0 functions MI users commonly call, which MI evaluates through
 * its Saxon fail-over: upper-case, lower-case, ends-with, matches, replace,
 * string-join, abs, exists, empty, current-dateTime, current-date,
 * current-time. Other XPath 2.0 functions are rejected at compile time.
 * Deviation: MI's fail-over evaluates against the first child of the SOAP
 * Body; here they run in the same XPath 1.0 evaluation as everything else.
 */
import type { ExprContext } from '../context.js';
import { lib, isNodeSet, xboolean, xnumber, xstring, type XValue } from './lib.js';
import { fault, str, type Impl } from './support.js';

function regex(pattern: string, flags: string, fn: string, global: boolean): RegExp {
  if (/[^smix]/.test(flags)) throw fault(`Invalid regular expression flags '${flags}' in ${fn}()`);
  try {
    return new RegExp(pattern, flags.replace('x', '') + 'u' + (global ? 'g' : ''));
  } catch (e) {
    throw fault(`Invalid regular expression '${pattern}' in ${fn}(): ${(e as Error).message}`, e);
  }
}

function isoOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  if (off === 0) return 'Z';
  const abs = Math.abs(off);
  return `${off > 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** xs:dateTime / xs:date / xs:time of now in the local zone, printed as Saxon prints them. */
function now(ctx: ExprContext, part: 'dateTime' | 'date' | 'time'): XValue {
  const d = new Date(ctx.now());
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  const ms = d.getMilliseconds();
  const time = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${ms ? '.' + p(ms, 3).replace(/0+$/, '') : ''}`;
  const zone = isoOffset(d);
  return xstring(part === 'date' ? date + zone : part === 'time' ? time + zone : `${date}T${time}${zone}`);
}

export const XPATH2_FUNCTIONS: Record<string, Impl> = {
  'upper-case': (_c, a) => xstring(str(a[0]).toUpperCase()),
  'lower-case': (_c, a) => xstring(str(a[0]).toLowerCase()),
  'ends-with': (_c, a) => xboolean(str(a[0]).endsWith(str(a[1]))),
  matches: (_c, a) => xboolean(regex(str(a[1]), str(a[2]), 'matches', false).test(str(a[0]))),
  replace: (_c, a) => xstring(str(a[0]).replace(regex(str(a[1]), str(a[3]), 'replace', true), str(a[2]))),
  'string-join': (_c, a) => {
    const items = a[0] && isNodeSet(a[0]) ? a[0].toArray().map((n) => xnodeString(n)) : [str(a[0])];
    return xstring(items.join(str(a[1])));
  },
  abs: (_c, a) => xnumber(Math.abs(a[0] ? a[0].numberValue() : NaN)),
  exists: (_c, a) => xboolean(a[0] !== undefined && (isNodeSet(a[0]) ? a[0].size > 0 : true)),
  empty: (_c, a) => xboolean(a[0] === undefined || (isNodeSet(a[0]) && a[0].size === 0)),
  'current-dateTime': (ctx) => now(ctx, 'dateTime'),
  'current-date': (ctx) => now(ctx, 'date'),
  'current-time': (ctx) => now(ctx, 'time'),
};

function xnodeString(n: Node): string {
  const set = new lib.XNodeSet();
  set.addArray([n]);
  return set.stringValue();
}

