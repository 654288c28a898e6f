import path from 'node:path';
import { listDirectFiles } from './artifact-file.js';
import { isFile } from './registry.js';
import type { ProjectExtraFile } from './types.js';

/** Connector zip `file-connector-2.0.21.zip` → name `file-connector`, version `2.0.21` (split at the last '-'). */
export function connectorFromZip(file: string): ProjectExtraFile {
  const base = path.basename(file).replace(/\.zip$/i, '');
  const dash = base.lastIndexOf('-');
  return dash > 0
    ? { kind: 'connector', name: base.slice(0, dash), version: base.slice(dash + 1), file }
    : { kind: 'connector', name: base, file };
}

export function metadataFiles(dir: string, kind: 'metadata' | 'api-definition'): ProjectExtraFile[] {
  return listDirectFiles(dir, ['.yaml', '.yml', '.json']).map((file) => ({
    kind,
    name: path.basename(file).replace(/\.(yaml|yml|json)$/i, ''),
    file,
  }));
}

export function connectorFiles(dir: string): ProjectExtraFile[] {
  return listDirectFiles(dir, ['.zip']).map(connectorFromZip);
}

export function configExtra(file: string): ProjectExtraFile[] {
  return isFile(file) ? [{ kind: 'config', name: 'config', file }] : [];
}
