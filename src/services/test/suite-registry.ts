/**
 * The registry a suite's artifacts see: the resources the suite lists
 * (`<registry-path>/<file-name>`, read from the suite's `<artifact>` file, as
 * MI's in-memory test registry keys them) over the project's own registry.
 */
import fs from 'node:fs';
import { fileRegistry, type ProjectScan, type RegistryProvider } from '../../../engine/index.js';
import type { RegistryResourceSpec } from './suite-model.js';

/** `gov:a/b.xml`, `/_system/governance/a/b.xml` and `gov:/a/b.xml` name the same resource. */
export function registryKey(key: string): string {
  let k = key.trim();
  if (k.startsWith('/_system/governance/')) k = `gov:${k.slice('/_system/governance/'.length)}`;
  else if (k.startsWith('/_system/config/')) k = `conf:${k.slice('/_system/config/'.length)}`;
  return k.replace(/^(gov|conf):\/+/, '$1:');
}

export class SuiteRegistry implements RegistryProvider {
  private readonly project: RegistryProvider;
  private suite = new Map<string, RegistryResourceSpec>();
  readonly configProperties: Record<string, string>;

  constructor(scan: ProjectScan) {
    this.project = fileRegistry(scan.resources);
    this.configProperties = scan.configProperties;
  }

  useSuite(resources: RegistryResourceSpec[]): void {
    this.suite = new Map(resources.map((r) => [registryKey(`${r.registryPath.replace(/\/$/, '')}/${r.fileName}`), r]));
  }

  get(key: string): string | undefined {
    const own = this.suite.get(registryKey(key));
    if (own) {
      try {
        return fs.readFileSync(own.path, 'utf8');
      } catch {
        return undefined;
      }
    }
    return this.project.get(key);
  }

  property(key: string, name: string): string | undefined {
    return this.project.property(key, name);
  }
}
