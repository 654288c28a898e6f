/**
 * `[[datasource]]` tables of a project's deployment.toml (MI 4.4), read into
 * datasource specs by `id`:
 *
 *   [[datasource]]
 *   id = "WSO2_COORDINATION_DB"
 *   url = "jdbc:mysql://localhost:3306/db"
 *   username = "root"
 *   password = "root"
 *   driver = "com.mysql.jdbc.Driver"
 *   pool_options.maxActive = 50
 *
 * Only the TOML this needs is read: tables, arrays of tables, `key = value`
 * with strings, numbers and booleans, dotted keys.
 */
import type { DataSourceSpec } from '../../dataservices/driver.js';

export interface TomlProblem {
  line: number;
  message: string;
}

export function readTomlDatasources(text: string, file: string): { specs: Map<string, DataSourceSpec>; problems: TomlProblem[] } {
  const specs = new Map<string, DataSourceSpec>();
  const problems: TomlProblem[] = [];
  let current: Record<string, string> | undefined;
  let currentLine = 0;
  const finish = () => {
    if (!current) return;
    const id = current.id ?? current.name;
    if (!id) problems.push({ line: currentLine, message: `${file}:${currentLine}: [[datasource]] needs an id` });
    else if (!current.url) problems.push({ line: currentLine, message: `${file}:${currentLine}: [[datasource]] ${id} needs a url` });
    else {
      const pool: Record<string, string> = {};
      for (const [k, v] of Object.entries(current)) if (k.startsWith('pool_options.')) pool[k.slice('pool_options.'.length)] = v;
      specs.set(id, { owner: `datasource ${id} (${file})`, kind: 'rdbms', url: current.url, driverClassName: current.driver, username: current.username ?? current.user, password: current.password, pool, xa: false });
    }
    current = undefined;
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('[')) {
      finish();
      if (/^\[\[\s*datasource\s*\]\]$/.test(line)) {
        current = {};
        currentLine = i + 1;
      }
      return;
    }
    if (!current) return;
    const m = /^([\w.-]+|"[^"]+")\s*=\s*(.+)$/.exec(line);
    if (!m) {
      problems.push({ line: i + 1, message: `${file}:${i + 1}: cannot read "${line}"` });
      return;
    }
    const key = m[1]!.replace(/^"|"$/g, '');
    let value = m[2]!.trim();
    if (/^".*"$/.test(value)) value = JSON.parse(value) as string;
    else if (/^'.*'$/.test(value)) value = value.slice(1, -1);
    current[key] = value;
  });
  finish();
  return { specs, problems };
}
