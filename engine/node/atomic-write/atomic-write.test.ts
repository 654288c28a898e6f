import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtomicWriteTemp, writeFileAtomic, writeFileAtomicSync, writeStreamAtomic } from './atomic-write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mediate-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const names = () => readdirSync(dir).sort();

describe.each([
  ['writeFileAtomic', (file: string, data: string, exclusive?: boolean) => writeFileAtomic(file, data, { exclusive })],
  ['writeFileAtomicSync', async (file: string, data: string, exclusive?: boolean) => writeFileAtomicSync(file, data, { exclusive })],
  [
    'writeStreamAtomic',
    (file: string, data: string, exclusive?: boolean) =>
      writeStreamAtomic(
        file,
        async (out) => {
          out.write(data.slice(0, 3));
          out.end(data.slice(3));
        },
        { exclusive },
      ),
  ],
] as const)('%s', (_name, write) => {
  it('creates a file and replaces it, leaving no temporary file', async () => {
    const file = path.join(dir, 'a.xml');
    await write(file, '<first/>');
    expect(readFileSync(file, 'utf8')).toBe('<first/>');
    await write(file, '<second/>');
    expect(readFileSync(file, 'utf8')).toBe('<second/>');
    expect(names()).toEqual(['a.xml']);
  });

  it('keeps the permission bits of the file it replaces', async () => {
    const file = path.join(dir, 'run.sh');
    writeFileSync(file, 'old');
    chmodSync(file, 0o750);
    await write(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o750);
  });

  it('writes through a symlink, which stays a symlink', async () => {
    const real = path.join(dir, 'real.xml');
    const link = path.join(dir, 'link.xml');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await write(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('exclusive: refuses an existing file (EEXIST) and leaves it and the folder as they were', async () => {
    const file = path.join(dir, 'a.xml');
    writeFileSync(file, 'mine');
    await expect(write(file, 'theirs', true)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(names()).toEqual(['a.xml']);
    await write(path.join(dir, 'b.xml'), 'new', true);
    expect(readFileSync(path.join(dir, 'b.xml'), 'utf8')).toBe('new');
  });

  it('fails into a missing folder without leaving anything', async () => {
    await expect(write(path.join(dir, 'missing/a.xml'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(names()).toEqual([]);
  });
});

describe('writeStreamAtomic', () => {
  it('leaves the old file when the producer fails midway', async () => {
    const file = path.join(dir, 'app.car');
    writeFileSync(file, 'old complete archive');
    await expect(
      writeStreamAtomic(file, async (out) => {
        out.write('half of a new arch');
        throw new Error('zip writer failed');
      }),
    ).rejects.toThrow('zip writer failed');
    expect(readFileSync(file, 'utf8')).toBe('old complete archive');
    expect(names()).toEqual(['app.car']);
  });
});

describe('isAtomicWriteTemp', () => {
  it("recognises this module's temporary files only", () => {
    expect(isAtomicWriteTemp('/p/.HealthcareAPI.xml.1234.0a1b2c3d4e5f.tmp')).toBe(true);
    expect(isAtomicWriteTemp('/p/HealthcareAPI.xml')).toBe(false);
    expect(isAtomicWriteTemp('/p/.env')).toBe(false);
    expect(isAtomicWriteTemp('/p/.notes.tmp')).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });
});
