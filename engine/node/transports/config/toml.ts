/**
 * The part of TOML that MI's deployment.toml uses: `[table]`, `[[array.of.tables]]`,
 * `key = value` with dotted and quoted keys, strings (basic and literal), numbers,
 * booleans and flat arrays, comments. Anything else is reported with its line and column
 * rather than guessed at.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlError extends Error {
  constructor(readonly file: string, readonly line: number, readonly col: number, message: string) {
    super(`${file}:${line}:${col}: ${message}`);
    this.name = 'TomlError';
  }
}

export function parseToml(text: string, file = 'deployment.toml'): TomlTable {
  const root: TomlTable = {};
  let current: TomlTable = root;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = stripComment(lines[i]!).trim();
    if (!line) continue;
    const fail = (col: number, msg: string): never => {
      throw new TomlError(file, lineNo, col, msg);
    };
    if (line.startsWith('[[')) {
      if (!line.endsWith(']]')) fail(line.length, 'expected ]] to close the array-of-tables header');
      const keys = splitKey(line.slice(2, -2).trim(), () => fail(3, 'bad table name'));
      const parent = walk(root, keys.slice(0, -1), () => fail(3, `${keys.join('.')} is not a table`));
      const last = keys[keys.length - 1]!;
      const arr = (parent[last] ??= []) as TomlValue;
      if (!Array.isArray(arr)) fail(3, `${keys.join('.')} is already a value`);
      const table: TomlTable = {};
      (arr as TomlValue[]).push(table);
      current = table;
      continue;
    }
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) fail(line.length, 'expected ] to close the table header');
      const keys = splitKey(line.slice(1, -1).trim(), () => fail(2, 'bad table name'));
      current = walk(root, keys, () => fail(2, `${keys.join('.')} is not a table`));
      continue;
    }
    const eq = findEquals(line);
    if (eq < 0) fail(1, `expected key = value`);
    const keys = splitKey(line.slice(0, eq).trim(), () => fail(1, 'bad key'));
    const valueText = line.slice(eq + 1).trim();
    const valueCol = lines[i]!.indexOf(valueText) + 1;
    const value = parseValue(valueText, (msg) => fail(valueCol, msg));
    const target = walk(current, keys.slice(0, -1), () => fail(1, `${keys.join('.')} is not a table`));
    target[keys[keys.length - 1]!] = value;
  }
  return root;
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

function findEquals(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
  }
  return -1;
}

function splitKey(text: string, fail: () => never): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) fail();
    out.push(m![1] ?? m![2] ?? m![3]!);
    at = re.lastIndex;
    if (m![4] === '' && at < text.length) fail();
  }
  if (out.length === 0) fail();
  return out;
}

function walk(from: TomlTable, keys: string[], fail: () => never): TomlTable {
  let t = from;
  for (const k of keys) {
    let next = t[k];
    if (next === undefined) next = t[k] = {};
    if (Array.isArray(next)) next = next[next.length - 1]!;
    if (typeof next !== 'object' || Array.isArray(next)) fail();
    t = next as TomlTable;
  }
  return t;
}

function parseValue(text: string, fail: (msg: string) => never): TomlValue {
  if (text.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
    if (!m) fail('unterminated string');
    return m![1]!.replace(/\\(["\\nrt]|u[0-9a-fA-F]{4})/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c.startsWith('u') ? String.fromCharCode(parseInt(c.slice(1), 16)) : c));
  }
  if (text.startsWith("'")) {
    if (!/^'[^']*'$/.test(text)) fail('unterminated literal string');
    return text.slice(1, -1);
  }
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) fail('arrays must close on the same line here');
    const inner = text.slice(1, -1).trim();
    if (!inner) return [];
    return splitTopLevel(inner).map((p) => parseValue(p.trim(), fail));
  }
  const n = Number(text.replace(/_/g, ''));
  if (text !== '' && Number.isFinite(n)) return n;
  return fail(`cannot read value ${text}`);
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.slice(start).trim()) parts.push(text.slice(start));
  return parts;
}
