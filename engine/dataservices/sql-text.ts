/**
 * Reading the SQL of a query without running it: where its `:name` and `?`
 * placeholders are (outside quotes and comments, and not PostgreSQL `::`
 * casts), and which columns a plain `SELECT a, b AS c FROM ...` returns.
 * Parameters are always bound by the driver, never spliced into the text.
 */

export type Placeholder = { kind: 'named'; name: string; start: number; end: number } | { kind: 'ordinal'; index: number; start: number; end: number };

export function findPlaceholders(sql: string): Placeholder[] {
  const out: Placeholder[] = [];
  let ordinal = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(sql, i, c);
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (c === ':' && sql[i + 1] === ':') {
      i += 2;
      continue;
    }
    if (c === ':' && /[A-Za-z_]/.test(sql[i + 1] ?? '') && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j]!)) j++;
      out.push({ kind: 'named', name: sql.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === '?') {
      out.push({ kind: 'ordinal', index: ++ordinal, start: i, end: i + 1 });
      i++;
      continue;
    }
    i++;
  }
  return out;
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\' && quote !== '`') {
      i += 2;
      continue;
    }
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/**
 * The result column names of a simple SELECT (its select list before FROM), or
 * undefined when they cannot be known without running it (`*`, functions without alias...).
 */
export function selectedColumns(sql: string): string[] | undefined {
  const m = /^\s*select\s+(distinct\s+)?([\s\S]+?)\s+from\s/i.exec(sql);
  if (!m) return undefined;
  const items = splitTopLevel(m[2]!);
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    const alias = /\s(?:as\s+)?([A-Za-z_][\w$]*|"[^"]+"|`[^`]+`)$/i.exec(item);
    if (alias && /[\s)]/.test(item.slice(0, alias.index + 1))) {
      out.push(unquote(alias[1]!));
      continue;
    }
    const plain = /^(?:[A-Za-z_][\w$]*\.)?([A-Za-z_][\w$]*|"[^"]+"|`[^`]+`)$/.exec(item);
    if (!plain) return undefined;
    out.push(unquote(plain[1]!));
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(text, i, c) - 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function unquote(s: string): string {
  return /^["`].*["`]$/.test(s) ? s.slice(1, -1) : s;
}

/**
 * JDBC's call escape `{call proc(?, ?)}`, which the drivers MI uses rewrite before the server sees
 * it, as the plain statement `call proc(?, ?)`. Other SQL is returned as it is.
 */
export function unescapeJdbcCall(sql: string): string {
  const m = /^\s*\{\s*(call\s[\s\S]*?)\s*\}\s*;?\s*$/i.exec(sql);
  return m ? m[1]! : sql;
}

/** Splits a comma-separated list at its top level (outside parentheses and quotes). */
export function splitTopLevelList(text: string): string[] {
  return splitTopLevel(text);
}

