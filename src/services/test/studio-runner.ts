/**
 * The runner the studio's test service calls: `runTests` / `listTests` of
 * ./index.ts (the runner behind `mediate test`), loaded on first use.
 */
import type { ListTests, RunTests } from './types.js';

interface Runner {
  runTests: RunTests;
  listTests: ListTests;
}

// A computed specifier: the runner module lands separately from the studio side (see ./types.ts).
const RUNNER_MODULE = './index.js';
let loaded: Promise<Runner> | undefined;
function runner(): Promise<Runner> {
  loaded ??= (import(RUNNER_MODULE) as Promise<Runner>).catch((e: unknown) => {
    loaded = undefined;
    throw Object.assign(new Error(`the unit-test runner is not available: ${e instanceof Error ? e.message : String(e)}`), { code: 'RUNNER_MISSING' });
  });
  return loaded;
}

export const runTests: RunTests = async (options) => (await runner()).runTests(options);
export const listTests: ListTests = async (project) => (await runner()).listTests(project);
