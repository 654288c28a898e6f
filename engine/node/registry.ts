/**
 * The file-based registry of a project: `gov:`/`conf:` keys (and their
 * `/_system/governance`, `/_system/config` paths) mapped to resource files,
 * read on first use.
 */
import fs from 'node:fs';
import type { RegistryProvider } from '../runtime/engine.js';
import type { RegistryResourceFile } from './project/index.js';

export function normalizeRegistryKey(key: string): string {
  let k = key.trim();
  if (k.startsWith('/_system/governance/')) k = 'gov:' + k.slice('/_system/governance/'.length);
  else if (k.startsWith('/_system/config/')) k = 'conf:' + k.slice('/_system/config/'.length);
  k = k.replace(/^(gov|conf):\/+/, '$1:');
  return k;
}

export function fileRegistry(resources: readonly RegistryResourceFile[]): RegistryProvider {
  const byKey = new Map<string, RegistryResourceFile>();
  for (const r of resources) {
    byKey.set(normalizeRegistryKey(r.key), r);
    byKey.set(normalizeRegistryKey(r.registryPath), r);
  }
  const cache = new Map<string, string>();
  return {
    get(key) {
      const r = byKey.get(normalizeRegistryKey(key));
      if (!r) return undefined;
      let text = cache.get(r.file);
      if (text === undefined) {
        try {
          text = fs.readFileSync(r.file, 'utf8');
        } catch {
          return undefined;
        }
        cache.set(r.file, text);
      }
      return text;
    },
    property(key, name) {
      return byKey.get(normalizeRegistryKey(key))?.properties?.[name];
    },
  };
}
