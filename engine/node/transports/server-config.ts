/**
 * deployment.toml flattened to dotted keys (`keystore.primary.file_name`, `server.offset`), for
 * inbound endpoints and senders that fall back to server-level settings. Read from
 * `<project>/deployment/deployment.toml` or `<project>/deployment.toml`; a file that does not parse
 * is logged with its position and ignored (the endpoints that need it then say what is missing).
 */
import type { Logger } from '../../core/logger.js';
import { parseToml, type TomlTable, type TomlValue } from './config/toml.js';
import { readDeploymentToml } from './config/deployment-file.js';

export function flattenToml(table: TomlTable, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(table)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenToml(v as TomlTable, key, out);
    // [[array.of.tables]]: one numbered key per table (`transport.mail.sender.0.name`).
    else if (Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) v.forEach((t, i) => flattenToml(t as TomlTable, `${key}.${i}`, out));
    else out[key] = Array.isArray(v) ? (v as TomlValue[]).map(String).join(',') : String(v);
  }
  return out;
}

export function readServerConfig(roots: string[], logger: Logger): Record<string, string> {
  const out: Record<string, string> = {};
  for (const root of roots) {
    const found = readDeploymentToml(root);
    if (!found) continue;
    try {
      Object.assign(out, flattenToml(parseToml(found.text, found.file)));
    } catch (e) {
      logger.log('error', `${e instanceof Error ? e.message : String(e)} (server settings from this file are ignored)`, { component: 'ServerConfig' });
    }
  }
  return out;
}
