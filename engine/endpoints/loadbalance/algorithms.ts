/**
 * Load-balance algorithms, named by MI's class names:
 * - RoundRobin (default; also the `LoadbalanceAlgorithm` interface name the XSD
 *   gives as default): the next ready member after the last one used.
 * - WeightedRoundRobin: member i gets `loadbalance.weight` (default 1)
 *   consecutive messages before the next member's turn; members not ready are skipped.
 */

export interface LoadbalanceAlgorithm {
  /** Index of the member to use, or -1 when none of them is usable. */
  next(count: number, usable: (i: number) => boolean): number;
}

export const ROUND_ROBIN = 'org.apache.synapse.endpoints.algorithms.RoundRobin';
export const WEIGHTED_ROUND_ROBIN = 'org.apache.synapse.endpoints.algorithms.WeightedRoundRobin';
const INTERFACE_NAME = 'org.apache.synapse.endpoints.algorithms.LoadbalanceAlgorithm';

export function isKnownAlgorithm(name: string): boolean {
  return name === ROUND_ROBIN || name === WEIGHTED_ROUND_ROBIN || name === INTERFACE_NAME;
}

export function roundRobin(): LoadbalanceAlgorithm {
  let cursor = 0;
  return {
    next(count, usable) {
      for (let k = 0; k < count; k++) {
        const i = (cursor + k) % count;
        if (usable(i)) {
          cursor = (i + 1) % count;
          return i;
        }
      }
      return -1;
    },
  };
}

export function weightedRoundRobin(weights: readonly number[]): LoadbalanceAlgorithm {
  let cursor = 0;
  let used = 0; // messages the member at `cursor` has had in its current turn
  return {
    next(count, usable) {
      for (let k = 0; k <= count; k++) {
        const i = cursor % count;
        const weight = Math.max(1, weights[i] ?? 1);
        if (usable(i) && used < weight) {
          used++;
          return i;
        }
        cursor = (i + 1) % count;
        used = 0;
      }
      return -1;
    },
  };
}
