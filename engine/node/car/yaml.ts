/** A tiny YAML emitter for the plain data CAR metadata needs (objects, arrays, scalars). */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z_/][\w ./{}-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/[:#]\s|\s$/.test(value);
  return plain ? value : JSON.stringify(value);
}

function emit(value: YamlValue, indent: string, lines: string[], prefix: string): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      lines.push(`${prefix}[]`);
      return;
    }
    if (prefix.trim() !== '') lines.push(prefix.trimEnd());
    for (const item of value) {
      if (item !== null && typeof item === 'object') emitObjectInList(item, indent, lines);
      else lines.push(`${indent}- ${scalar(item)}`);
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      lines.push(`${prefix}{}`);
      return;
    }
    if (prefix.trim() !== '') lines.push(prefix.trimEnd());
    for (const key of keys) emit(value[key]!, indent + '  ', lines, `${indent}${scalar(key)}: `);
    return;
  }
  lines.push(`${prefix}${scalar(value)}`);
}

function emitObjectInList(item: YamlValue[] | { [key: string]: YamlValue }, indent: string, lines: string[]): void {
  const inner: string[] = [];
  emit(item, indent + '  ', inner, `${indent}  `);
  // The first line of the nested block takes the "- " marker.
  const first = inner.findIndex((l) => l.trim() !== '');
  if (first >= 0) inner[first] = `${indent}- ${inner[first]!.slice(indent.length + 2)}`;
  lines.push(...inner);
}

/** Serialises a value as a YAML document (2-space indentation, block style). */
export function toYaml(value: YamlValue): string {
  const lines: string[] = [];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value)) emit(value[key]!, '  ', lines, `${scalar(key)}: `);
  } else {
    emit(value, '', lines, '');
  }
  return lines.join('\n') + '\n';
}
