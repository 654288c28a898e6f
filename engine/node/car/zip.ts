import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_MAX_EXPANSION_RATIO,
  DEFAULT_MAX_TOTAL_BYTES,
  declaresDoctype,
  HostileCarError,
  isDescriptorEntry,
  isSymlinkEntry,
  uncompressedBudget,
  unsafeEntryName,
  type CarReadLimits,
} from './safety.js';
import { writeStreamAtomic } from '../atomic-write/atomic-write.js';
// yazl/yauzl are loaded when a CAR is written or read, not when the CLI starts.
const loadYazl = async () => (await import('yazl')).default;
const loadYauzl = async () => (await import('yauzl')).default;

/** A zip entry: a directory when its name ends in '/', else a file with data. */
export interface ZipEntry {
  name: string;
  data?: Buffer;
}

// DOS timestamps hold local time; building the date from local fields gives the same
// bytes in every time zone.
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
const DIRECTORY_MODE = 0o040755;

/**
 * Writes entries in the given order with fixed timestamps and permissions so equal input
 * gives byte-identical archives, atomically (see atomic-write).
 */
export async function writeZip(entries: ZipEntry[], outFile: string): Promise<void> {
  await mkdir(path.dirname(outFile), { recursive: true });
  const yazl = await loadYazl();
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) {
      zip.addEmptyDirectory(entry.name, { mtime: FIXED_MTIME, mode: DIRECTORY_MODE, forceDosTimestamp: true });
    } else {
      zip.addBuffer(entry.data ?? Buffer.alloc(0), entry.name, {
        mtime: FIXED_MTIME,
        mode: FILE_MODE,
        compress: true,
        compressionLevel: 9,
        forceDosTimestamp: true,
      });
    }
  }
  // A crash mid-write leaves the previous CAR (or none), never a truncated one.
  await writeStreamAtomic(outFile, (out) => {
    zip.outputStream.pipe(out);
    zip.end();
    return new Promise<void>((resolve, reject) => {
      zip.outputStream.once('error', reject);
      zip.outputStream.once('end', () => resolve());
    });
  });
}

/**
 * Reads every entry of a zip, in archive order, into memory (CARs are small). Refuses
 * (HostileCarError) entries whose names escape the extraction folder, symlink entries,
 * archives whose declared or actual uncompressed size exceeds the budget, and descriptors
 * that declare a DOCTYPE. Nothing is returned, so nothing is written, for a refused archive.
 */
export async function readZip(file: string, limits: CarReadLimits = {}): Promise<ZipEntry[]> {
  const yauzl = await loadYauzl();
  const budget = uncompressedBudget((await stat(file)).size, limits);
  const tooBig = (bytes: number) =>
    new HostileCarError(file, `it inflates to more than ${budget} bytes (${bytes} seen; limits: ${describeLimits(limits)}); a zip bomb is not extracted`);
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl would reject unsafe names with a terse message; we check them ourselves.
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (openErr, zip) => {
      if (openErr || !zip) return reject(unreadable(file, openErr));
      const entries: ZipEntry[] = [];
      let declaredTotal = 0;
      let inflatedTotal = 0;
      let failed = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        try {
          zip.close();
        } catch {
          // already closing; the refusal is what matters
        }
        reject(err);
      };
      zip.on('error', (err: Error) => fail(unreadable(file, err)));
      zip.on('end', () => {
        if (!failed) resolve(entries);
      });
      zip.on('entry', (entry: import('yauzl').Entry) => {
        const raw = entry.fileName as unknown as Buffer;
        const name = raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1').replace(/\\/g, '/');
        const unsafe = unsafeEntryName(name);
        if (unsafe) return fail(new HostileCarError(file, `entry ${JSON.stringify(name)} ${unsafe}`));
        if (isSymlinkEntry(entry.externalFileAttributes)) return fail(new HostileCarError(file, `entry ${JSON.stringify(name)} is a symbolic link`));
        declaredTotal += entry.uncompressedSize;
        if (declaredTotal > budget) return fail(tooBig(declaredTotal));
        if (name.endsWith('/')) {
          entries.push({ name });
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return fail(unreadable(file, streamErr, name));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => {
            // Counted while inflating too: declared sizes can lie.
            inflatedTotal += c.length;
            if (inflatedTotal > budget) {
              stream.destroy();
              fail(tooBig(inflatedTotal));
              return;
            }
            chunks.push(c);
          });
          stream.on('error', (err: Error) => fail(/too many bytes/.test(err.message) ? new HostileCarError(file, `entry ${JSON.stringify(name)} inflates to more than its declared size (${err.message})`) : unreadable(file, err, name)));
          stream.on('end', () => {
            if (failed) return;
            const data = Buffer.concat(chunks);
            if (isDescriptorEntry(name) && declaresDoctype(data)) {
              return fail(new HostileCarError(file, `descriptor ${name} declares a DOCTYPE or ENTITY; XML entity expansion is not allowed in a CAR`));
            }
            entries.push({ name, data });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The zip library's or zlib's error, saying which archive (and entry) could not be read. */
function unreadable(file: string, cause: Error | null | undefined, entry?: string): Error {
  const where = entry === undefined ? file : `${file}!/${entry}`;
  return new Error(`${where}: not a readable CAR (zip): ${cause?.message ?? 'the archive could not be opened'}`, { cause });
}

function describeLimits(limits: CarReadLimits): string {
  return `${limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES} bytes, ${limits.maxExpansionRatio ?? DEFAULT_MAX_EXPANSION_RATIO}x the archive size`;
}
