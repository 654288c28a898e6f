/**
 * QuickFIX session settings files (the .cfg a proxy's transport.fix.AcceptorConfigURL /
 * InitiatorConfigURL names): `[DEFAULT]` then one `[SESSION]` block per session, `Key=Value`
 * lines (section names are case-insensitive, leading whitespace and `#` comments ignored), each
 * session inheriting the default block. A line that is neither is reported with file and line.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SessionSettings {
  /** Where the settings came from, for messages: `file.cfg` session 1. */
  source: string;
  values: Record<string, string>;
}

export const BEGIN_STRINGS = ['FIX.4.0', 'FIX.4.1', 'FIX.4.2', 'FIX.4.3', 'FIX.4.4'];

export class SettingsError extends Error {}

export function parseSessionSettings(text: string, file: string): SessionSettings[] {
  const defaults: Record<string, string> = {};
  const sessions: SessionSettings[] = [];
  let current: Record<string, string> | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const section = /^\[(\w+)\]$/.exec(t);
    if (section) {
      const name = section[1]!.toUpperCase();
      if (name === 'DEFAULT') current = defaults;
      else if (name === 'SESSION') {
        current = {};
        sessions.push({ source: `${file} line ${i + 1}`, values: current });
      } else throw new SettingsError(`${file}:${i + 1}:${line.indexOf('[') + 1}: unknown section [${section[1]}] (expected [DEFAULT] or [SESSION])`);
      return;
    }
    const eq = t.indexOf('=');
    if (eq <= 0) throw new SettingsError(`${file}:${i + 1}:${line.indexOf(t) + 1}: "${t}" is not a Key=Value setting`);
    if (!current) throw new SettingsError(`${file}:${i + 1}:${line.indexOf(t) + 1}: setting ${t.slice(0, eq)} before any [DEFAULT] or [SESSION] section`);
    current[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  });
  return sessions.map((s) => {
    const values = { ...defaults, ...s.values };
    for (const k of ['BeginString', 'SenderCompID', 'TargetCompID']) if (!values[k]) throw new SettingsError(`${s.source}: ${k} is required`);
    if (!BEGIN_STRINGS.includes(values.BeginString!)) throw new SettingsError(`${s.source}: BeginString ${values.BeginString} is not one of ${BEGIN_STRINGS.join(', ')}`);
    return { source: s.source, values };
  });
}

/** `file:/abs/x.cfg`, `file:rel/x.cfg` or a plain path; relative ones are looked up under each root. */
export function resolveConfigUrl(url: string, roots: string[]): string {
  let rel = url.replace(/^file:/i, '');
  if (rel.startsWith('//')) rel = rel.slice(2);
  if (path.isAbsolute(rel)) return rel;
  for (const r of roots) {
    const c = path.join(r, rel);
    if (fs.existsSync(c)) return c;
  }
  return path.join(roots[0] ?? process.cwd(), rel);
}

export function readSessionSettings(url: string, roots: string[]): SessionSettings[] {
  const file = resolveConfigUrl(url, roots);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new SettingsError(`cannot read the FIX session settings ${url} (${file}): ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseSessionSettings(text, path.basename(file));
}

export function intSetting(s: Record<string, string>, key: string, fallback: number): number {
  const v = s[key];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new SettingsError(`${key}=${v} is not a whole number`);
  return n;
}
