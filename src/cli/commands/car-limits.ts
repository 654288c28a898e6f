/** `--max-size` / `--max-ratio`: the zip-bomb limits of `mediate inspect` and `mediate import`. */
export interface CarLimitOptions {
  maxSize?: string;
  maxRatio?: string;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, not ${value}`);
  return n;
}

export function carLimits(options: CarLimitOptions): { maxTotalBytes?: number; maxExpansionRatio?: number } {
  const limits: { maxTotalBytes?: number; maxExpansionRatio?: number } = {};
  const size = positive('--max-size', options.maxSize);
  const ratio = positive('--max-ratio', options.maxRatio);
  if (size !== undefined) limits.maxTotalBytes = size;
  if (ratio !== undefined) limits.maxExpansionRatio = ratio;
  return limits;
}
