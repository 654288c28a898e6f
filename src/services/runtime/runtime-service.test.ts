import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startHarness, waitFor, type Harness } from '../test-helpers.js';
import type { LogEntry, Problem, RuntimeStatus } from '../../contract/index.js';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';

describe('runtime and Try-it services over the in-memory transport', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ runtimePort: 0 });
    await h.client.service('workspace').openFolder(h.project);
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  const logs = () => h.events.filter((e) => e.name === 'runtime.log').map((e) => e.payload as LogEntry);

  it('refuses Try-it while stopped', async () => {
    await expect(h.client.service('tryit').send({ method: 'GET', path: '/healthcare/health', headers: {} })).rejects.toMatchObject({ code: 'NOT_RUNNING' });
  });

  it('starts the runtime in a child process, streams its log and answers Try-it', async () => {
    const status = await h.client.service('runtime').start();
    expect(status.state).toBe('running');
    expect(status.port).toBeGreaterThan(0);
    expect(h.events.filter((e) => e.name === 'runtime.status').map((e) => (e.payload as RuntimeStatus).state)).toEqual(['starting', 'running']);
    expect(logs().some((l) => l.message.includes("API named 'HealthcareAPI' has been deployed") && l.level === 'info' && l.component === 'DeploymentEngine')).toBe(true);

    const response = await h.client.service('tryit').send({ method: 'GET', path: '/healthcare/health', headers: { Accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'UP', service: 'HealthcareAPI' });
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.timeMs).toBeGreaterThanOrEqual(0);
  });

  it('redeploys on save and lists a broken artifact as a problem with its line', async () => {
    const file = path.join(h.project, API);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('<respond/>\n        </inSequence>\n    </resource>\n</api>', '<respond/>\n        </inSequence>\n    </resource>\n    <resource methods="GET" uri-template="/x"><inSequence><bogusMediator/></inSequence></resource>\n</api>'));
    const problems = await waitFor(() => h.events.filter((e) => e.name === 'runtime.problems').map((e) => e.payload as Problem[]).find((p) => p.length > 0), 'a problem');
    expect(problems[0]).toMatchObject({ file: API, severity: 'error' });
    expect(problems[0].line).toBeGreaterThan(40);
    expect(await h.client.service('runtime').problems()).toHaveLength(1);
    writeFileSync(file, good);
    const lastProblems = () => h.events.filter((e) => e.name === 'runtime.problems').at(-1)!.payload as Problem[];
    await waitFor(() => lastProblems().length === 0, 'the problem to clear after the fix');
  });

  it('stops the runtime', async () => {
    const status = await h.client.service('runtime').stop();
    expect(status.state).toBe('stopped');
    expect((await h.client.service('runtime').status()).state).toBe('stopped');
    await expect(h.client.service('tryit').send({ method: 'GET', path: '/healthcare/health', headers: {} })).rejects.toMatchObject({ code: 'NOT_RUNNING' });
  });
});
