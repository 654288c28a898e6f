import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
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
 * gives byte-identical archives. Writes to a temporary name first, then renames.
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
  const temp = `${outFile}.${process.pid}.partial`;
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(temp);
      out.on('error', reject);
      out.on('close', () => resolve());
      zip.outputStream.on('error', reject);
      zip.outputStream.pipe(out);
      zip.end();
    });
    await rename(temp, outFile);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Reads every entry of a zip, in archive order, into memory (CARs are small). */
export async function readZip(file: string): Promise<ZipEntry[]> {
  const yauzl = await loadYauzl();
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: true, strictFileNames: false, validateEntrySizes: true }, (openErr, zip) => {
      if (openErr || !zip) return reject(openErr ?? new Error(`cannot open ${file}`));
      const entries: ZipEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: import('yauzl').Entry) => {
        const name = entry.fileName.replace(/\\/g, '/');
        if (name.endsWith('/')) {
          entries.push({ name });
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return reject(streamErr ?? new Error(`cannot read ${name}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ name, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
