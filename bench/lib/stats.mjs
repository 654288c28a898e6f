// Report maths: medians of repeated runs and ratios to the references of the same run.

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Collapses the runs of one (target, size, conns) into a row of medians with min/max of throughput. */
export function summarizeRuns(runs) {
  const groups = new Map();
  for (const r of runs) {
    const key = `${r.target}|${r.size}|${r.conns}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups.values()].map((g) => ({
    target: g[0].target,
    size: g[0].size,
    conns: g[0].conns,
    runs: g.length,
    rps: median(g.map((r) => r.rps)),
    rpsMin: Math.min(...g.map((r) => r.rps)),
    rpsMax: Math.max(...g.map((r) => r.rps)),
    p50Ms: median(g.map((r) => r.p50Ms)),
    p99Ms: median(g.map((r) => r.p99Ms)),
    errors: g.reduce((n, r) => n + r.errors, 0),
    requests: g.reduce((n, r) => n + r.requests, 0),
    sutCores: median(g.map((r) => r.sutCores)),
    foreignCoresMax: Math.max(...g.map((r) => r.foreignCores)),
    rssMbMax: Math.max(...g.map((r) => r.rssMb)),
  }));
}

/** a / b, or NaN when either side is missing. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN;
}

/** The row of `target` in the same cell as `row`. */
export function sameCell(rows, row, target) {
  return rows.find((r) => r.target === target && r.size === row.size && r.conns === row.conns);
}

/**
 * A target check: `value` against `goal` where `atLeast` says which side is good.
 * Returns { met, by } with `by` the relative shortfall (0.12 = 12 % short) when missed.
 */
export function checkGoal(value, goal, atLeast) {
  if (!Number.isFinite(value)) return { met: undefined, by: NaN };
  const met = atLeast ? value >= goal : value <= goal;
  const by = met ? 0 : atLeast ? (goal - value) / goal : (value - goal) / goal;
  return { met, by };
}

/** { median, min, max, n } of `key` across samples (non-numbers left out), or undefined when none. */
export function spread(samples, key) {
  const xs = samples.map((s) => s[key]).filter((x) => Number.isFinite(x));
  return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length } : undefined;
}
