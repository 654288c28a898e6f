/**
 * Limits and checks that make reading an untrusted CAR safe: nothing is written outside
 * the target folder, no symlink is followed, no archive inflates without bound, and no
 * descriptor declares a DOCTYPE (the door to XML entity expansion).
 */

/** Refusal of a hostile archive; the message names the entry and the attack. */
export class HostileCarError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: refused: ${reason}`);
    this.name = 'HostileCarError';
  }
}

export interface CarReadLimits {
  /** Total uncompressed bytes allowed (default 1 GB). */
  maxTotalBytes?: number;
  /** Total uncompressed bytes allowed per byte of archive (default 100). */
  maxExpansionRatio?: number;
}

export const DEFAULT_MAX_TOTAL_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_MAX_EXPANSION_RATIO = 100;

/** The uncompressed budget for an archive of archiveBytes: the smaller of both limits. */
export function uncompressedBudget(archiveBytes: number, limits: CarReadLimits = {}): number {
  const total = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const ratio = limits.maxExpansionRatio ?? DEFAULT_MAX_EXPANSION_RATIO;
  return Math.min(total, Math.max(archiveBytes, 1) * ratio);
}

/** A name that would land outside the extraction folder, or undefined when it is safe. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'contains a NUL character';
  if (/^[a-zA-Z]:/.test(name) || name.startsWith('/') || name.startsWith('\\')) return 'is an absolute path';
  if (name.split(/[\\/]/).includes('..')) return "climbs out of the target folder with '..' (zip-slip)";
  return undefined;
}

const UNIX_TYPE_MASK = 0o170000;
const UNIX_SYMLINK = 0o120000;

/**
 * True when the entry's external attributes carry a unix symbolic-link mode. The mode is
 * honoured whatever host id the writer claims, since some writers get the host wrong.
 */
export function isSymlinkEntry(externalFileAttributes: number): boolean {
  return ((externalFileAttributes >>> 16) & UNIX_TYPE_MASK) === UNIX_SYMLINK;
}

/** Descriptor entries MI parses: the application descriptors and every artifact's artifact.xml / registry-info.xml. */
export function isDescriptorEntry(name: string): boolean {
  return /^(artifacts|metadata|descriptor)\.xml$/.test(name) || /(^|\/)(artifact|registry-info)\.xml$/.test(name);
}

/** A DOCTYPE in a descriptor is refused outright: CARs never need one, and entities can expand without bound. */
export function declaresDoctype(data: Buffer): boolean {
  return /<!DOCTYPE|<!ENTITY/i.test(data.toString('utf8'));
}
