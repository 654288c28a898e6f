/**
 * Settings for the `*.fuzz.test.ts` properties (fast-check). Under CI=true every run uses one
 * fixed seed, so a red build can be replayed; elsewhere each run draws a new seed, so local
 * runs keep exploring. FUZZ_SEED=<n> replays a seed anywhere (fast-check prints the seed and
 * the shrunk counterexample of a failure); FUZZ_RUNS=<factor> multiplies every run count for a
 * longer hunt. Counterexamples found this way are kept as named regression cases beside the
 * property, not as seeds, so they survive changes to the generators.
 */
import type { Parameters } from 'fast-check';

const CI_SEED = 20261206;

export function fuzzParameters<T>(numRuns: number): Parameters<T> {
  const seedText = process.env.FUZZ_SEED ?? (process.env.CI === 'true' ? String(CI_SEED) : undefined);
  const factor = Number(process.env.FUZZ_RUNS ?? '1');
  return {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(factor) && factor > 0 ? factor : 1))),
    ...(seedText !== undefined ? { seed: Number(seedText) } : {}),
  };
}
