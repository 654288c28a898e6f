/**
 * The YAML a data service's swagger needs: writing plain data (objects,
 * arrays, scalars) and reading block-style YAML documents (mappings, `- `
 * lists, plain/quoted scalars) such as a publishSwagger file. Flow style,
 * anchors and multi-line scalars are not read.
 */
export type Yaml = string | number | boolean | null | Yaml[] | { [k: string]: Yaml };

export function toYaml(value: Yaml, indent = ''): string {
  const lines: string[] = [];
  write(value, indent, lines);
  return lines.join('\n') + '\n';
}

function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  // Plain when it cannot read back as anything else (a number, a boolean, null, a key/value).
  const plain = /^[\w/$][\w ./{}$:-]*$/.test(v) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) && !/\s$|:\s|:$/.test(v);
  return plain ? v : JSON.stringify(v);
}

function write(value: Yaml, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !(Array.isArray(item) && item.length === 0) && Object.keys(item).length > 0) {
        const sub: string[] = [];
        write(item, indent + '  ', sub);
        lines.push(`${indent}- ${sub[0]!.trimStart()}`, ...sub.slice(1));
      } else lines.push(`${indent}- ${inline(item)}`);
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = scalar(k);
      if (v !== null && typeof v === 'object' && Object.keys(v).length > 0) {
        lines.push(`${indent}${key}:`);
        write(v, indent + '  ', lines);
      } else lines.push(`${indent}${key}: ${inline(v)}`);
    }
    return;
  }
  lines.push(indent + scalar(value));
}

function inline(v: Yaml): string {
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  return scalar(v);
}

export function parseSimpleYaml(text: string): Yaml {
  const lines = text
    .split(/\r?\n/)
    .map((raw) => raw.replace(/\s+#.*$/, ''))
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#') && l.trim() !== '---');
  let i = 0;
  const indentOf = (l: string) => l.length - l.trimStart().length;

  function block(minIndent: number): Yaml {
    if (i >= lines.length) return null;
    const ind = indentOf(lines[i]!);
    if (ind < minIndent) return null;
    if (lines[i]!.trimStart().startsWith('- ') || lines[i]!.trim() === '-') return list(ind);
    return map(ind);
  }

  function list(ind: number): Yaml[] {
    const out: Yaml[] = [];
    while (i < lines.length && indentOf(lines[i]!) === ind && lines[i]!.trimStart().startsWith('-')) {
      const rest = lines[i]!.trimStart().slice(1).trimStart();
      if (rest === '') {
        i++;
        out.push(block(ind + 1));
      } else if (/^[^"'][^:]*:(\s|$)/.test(rest) || /^["'][^"']*["']:(\s|$)/.test(rest)) {
        // "- key: value" starts a mapping indented at the key.
        lines[i] = ' '.repeat(ind + 2) + rest;
        out.push(map(ind + 2));
      } else {
        i++;
        out.push(parseScalar(rest));
      }
    }
    return out;
  }

  function map(ind: number): { [k: string]: Yaml } {
    const out: { [k: string]: Yaml } = {};
    while (i < lines.length && indentOf(lines[i]!) === ind && !lines[i]!.trimStart().startsWith('- ')) {
      const line = lines[i]!.trim();
      const m = /^("[^"]*"|'[^']*'|[^:]+?):(?:\s+(.*))?$/.exec(line);
      if (!m) throw new Error(`cannot read YAML line ${i + 1}: ${line}`);
      const key = String(parseScalar(m[1]!));
      i++;
      if (m[2] === undefined || m[2] === '') {
        const next = lines[i];
        out[key] = next !== undefined && (indentOf(next) > ind || (indentOf(next) === ind && next.trimStart().startsWith('- '))) ? block(indentOf(next)) : null;
      } else out[key] = parseScalar(m[2]);
    }
    return out;
  }

  return block(0);
}

function parseScalar(s: string): Yaml {
  const t = s.trim();
  if (t.startsWith('"') && t.endsWith('"')) return JSON.parse(t) as string;
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  if (t === '[]') return [];
  if (t === '{}') return {};
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (/^(null|~)$/i.test(t)) return null;
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}
