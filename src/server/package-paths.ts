/** Where the package's own files are, from src/ (tests) or dist/src/ (installed). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Mediate's package.json. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'mediate') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the mediate package root');
    dir = parent;
  }
}

/** The built renderer (vite build output). */
export function rendererDir(): string {
  return path.join(packageRoot(), 'dist', 'renderer');
}

/** The sample project shown on first start. */
export function sampleProject(): string {
  return path.join(packageRoot(), 'samples', 'hospital');
}
