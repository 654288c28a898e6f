import { readFileSync } from 'node:fs';

/** Parses MI 4.4 `config.properties` (`key:type` per line, `#` comments) into key → type. */
export function parseConfigProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const colon = line.indexOf(':');
    const key = (colon < 0 ? line : line.slice(0, colon)).trim();
    if (key) out[key] = colon < 0 ? 'string' : line.slice(colon + 1).trim() || 'string';
  }
  return out;
}

/** Parses a dotenv file: `KEY=VALUE`, optional `export `, quotes stripped, `#` comments. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1);
    }
    out[m[1]!] = value;
  }
  return out;
}

function readOptional(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Config keys declared in config.properties, valued from the .env file when it defines them
 * (as MI reads each key from the environment), else ''.
 */
export function readConfigProperties(configFile: string | undefined, envFile?: string): Record<string, string> {
  const configText = readOptional(configFile);
  if (configText === undefined) return {};
  const env = parseDotEnv(readOptional(envFile) ?? '');
  const out: Record<string, string> = {};
  for (const key of Object.keys(parseConfigProperties(configText))) out[key] = env[key] ?? '';
  return out;
}
