/**
 * A project's breakpoints on disk: `<project>/.mediate/breakpoints.json`
 * (`.mediate/` is the studio's per-project state, never part of a CAR and
 * ignored by git). Step paths are stable across edits that do not move a
 * mediator; a breakpoint whose step path no longer exists stays listed.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../../engine/index.js';
import path from 'node:path';

export interface StoredBreakpoint {
  stepPath: string;
  condition?: string;
}

export interface StoredBreakpoints {
  breakOnFault: boolean;
  breakpoints: StoredBreakpoint[];
}

export function breakpointFile(projectRoot: string): string {
  return path.join(projectRoot, '.mediate', 'breakpoints.json');
}

/** What is stored, or nothing set when the file is missing or unreadable. */
export async function readBreakpoints(projectRoot: string): Promise<StoredBreakpoints> {
  try {
    const v = JSON.parse(await readFile(breakpointFile(projectRoot), 'utf8')) as Partial<StoredBreakpoints>;
    const list = Array.isArray(v.breakpoints) ? v.breakpoints : [];
    return {
      breakOnFault: v.breakOnFault === true,
      breakpoints: list
        .filter((b): b is StoredBreakpoint => !!b && typeof b.stepPath === 'string')
        .map((b) => (typeof b.condition === 'string' && b.condition ? { stepPath: b.stepPath, condition: b.condition } : { stepPath: b.stepPath })),
    };
  } catch {
    return { breakOnFault: false, breakpoints: [] };
  }
}

/** Writes atomically, so a crash never leaves half a file. */
export async function writeBreakpoints(projectRoot: string, value: StoredBreakpoints): Promise<void> {
  const file = breakpointFile(projectRoot);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}
