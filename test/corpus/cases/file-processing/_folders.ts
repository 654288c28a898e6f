/** Shared by the file cases: the pages' /home/user/test/<name> folders as temporary folders of one run. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Edit } from '../../case.js';

export interface CaseFolders {
  /** The folder standing in for /home/user/test. */
  root(): string;
  /** One sub-folder, created on first use. */
  dir(name: string): string;
  /** Rewrites /home/user/test in an artifact to root(). */
  edit: Edit;
}

export function caseFolders(label: string, documentedRoot = '/home/user/test'): CaseFolders {
  let root: string | undefined;
  const f: CaseFolders = {
    root: () => (root ??= fs.mkdtempSync(path.join(os.tmpdir(), `corpus-${label}-`))),
    dir(name) {
      const d = path.join(f.root(), name);
      fs.mkdirSync(d, { recursive: true });
      return d;
    },
    edit: (text) => {
      for (const m of text.matchAll(new RegExp(`${documentedRoot.replace(/\//g, '\\/')}/(\\w+)`, 'g'))) f.dir(m[1]!);
      return text.split(documentedRoot).join(f.root());
    },
  };
  return f;
}
