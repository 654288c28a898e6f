/**
 * `mediate run --workers 2`: two processes behind one port, round-robin; one
 * ready line; a graceful stop of all of them on SIGTERM.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { runMediate, writeProject, SYN, type MediateProcess } from './mediate-process.js';

const running: MediateProcess[] = [];
afterEach(async () => {
  for (const m of running.splice(0)) await m.stop('SIGKILL');
});

/** Answers with the number of the worker that served the request (its MEDIATE_WORKER environment variable). */
const whoApi = `<api ${SYN} name="Who" context="/who"><resource methods="GET"><inSequence><property name="worker" expression="get-property('env','MEDIATE_WORKER')"/><payloadFactory media-type="json"><format>{"worker":"$1"}</format><args><arg expression="get-property('worker')"/></args></payloadFactory><respond/></inSequence></resource></api>`;

function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

describe('mediate run --workers', () => {
  it('serves from two worker processes on one port, prints one ready line, and stops them all gracefully', async () => {
    const dir = writeProject({ 'Who.xml': whoApi });
    const m = await runMediate(['run', dir, '--port', '0', '--workers', '2']);
    running.push(m);
    expect(m.stdout().match(/Mediate runtime ready on/g)).toHaveLength(1);
    expect(m.stdout()).toMatch(/\(1 artifacts deployed, 0 failed\)/);

    const workers = childPids(m.proc.pid!);
    expect(workers).toHaveLength(2);

    // Round-robin over fresh connections: both workers answer.
    const seen = new Set<string>();
    for (let i = 0; i < 20 && seen.size < 2; i++) {
      const r = await fetch(`${m.url}/who`, { headers: { Connection: 'close' } });
      expect(r.status).toBe(200);
      seen.add(((await r.json()) as { worker: string }).worker);
    }
    expect([...seen].sort()).toEqual(['1', '2']);

    const code = await m.stop('SIGTERM');
    expect(code).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('refuses a worker count that is not a whole number', async () => {
    const dir = writeProject({ 'Who.xml': whoApi });
    const out = (() => {
      try {
        execFileSync(process.execPath, ['bin/mediate.js', 'run', dir, '--workers', 'two'], { cwd: `${__dirname}/../..`, encoding: 'utf8', stdio: 'pipe' });
        return { status: 0, stderr: '' };
      } catch (e) {
        const err = e as { status: number; stderr: string };
        return { status: err.status, stderr: err.stderr };
      }
    })();
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--workers must be a whole number');
  });
});
