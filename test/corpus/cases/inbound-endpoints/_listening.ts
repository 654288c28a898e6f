/** Shared by the broker inbound-endpoint cases: waiting until an inbound endpoint or a proxy consumes. */
import type { CaseRun } from '../../runtime.js';

export async function consuming(t: CaseRun, artifact: string, ms = 10000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!t.host.active.statuses().some((s) => s.artifact === artifact && s.state === 'listening')) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${artifact} to consume (statuses: ${JSON.stringify(t.host.active.statuses())})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
