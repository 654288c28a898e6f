/** Maps project-relative paths to absolute ones, refusing anything outside the project. */
import path from 'node:path';
import { realpathSync } from 'node:fs';

export function outsideProjectError(p: string): Error {
  return Object.assign(new Error(`${p} is outside the open project`), { code: 'OUTSIDE_PROJECT' });
}

/** The absolute path of `relative` inside `root`; throws OUTSIDE_PROJECT for '..', absolute paths or symlinks leading out. */
export function resolveInProject(root: string, relative: string): string {
  if (typeof relative !== 'string' || relative === '' || relative.includes('\0') || path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) throw outsideProjectError(String(relative));
  const absolute = path.resolve(root, relative);
  if (!isInside(root, absolute)) throw outsideProjectError(relative);
  // Follow symlinks of the deepest existing ancestor, so a link cannot lead out of the project.
  let probe = absolute;
  for (;;) {
    try {
      const real = realpathSync(probe);
      if (!isInside(realpathSync(root), real)) throw outsideProjectError(relative);
      break;
    } catch (e) {
      if ((e as { code?: string }).code === 'OUTSIDE_PROJECT') throw e;
      const parent = path.dirname(probe);
      if (parent === probe) break;
      probe = parent;
    }
  }
  return absolute;
}

export function isInside(root: string, absolute: string): boolean {
  const rel = path.relative(root, absolute);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Project-relative, '/'-separated. */
export function toProjectPath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}
