/** The unit-test runner's entry (contract: types.ts): used by `mediate test` and the studio's Test Explorer. */
import type { ListTests, RunTests } from './types.js';
import { runTests as run } from './runner.js';
import { listTests as list } from './discover.js';

export const runTests: RunTests = run;
export const listTests: ListTests = list;
export type * from './types.js';
