/**
 * Redeploy on save (--watch), graceful shutdown on SIGTERM/SIGINT, and the
 * three project layouts plus CAR files, through the real `mediate` process.
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runMediate, writeProject, SYN, repoRoot, type MediateProcess } from './mediate-process.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as recording from '../backends/recording.mjs';

const running: MediateProcess[] = [];
afterEach(async () => {
  for (const m of running.splice(0)) await m.stop('SIGKILL');
});

const helloApi = (greeting: string) => `<api ${SYN} name="Hello" context="/hello"><resource methods="GET"><inSequence><payloadFactory media-type="json"><format>{"greeting":"${greeting}"}</format></payloadFactory><respond/></inSequence></resource></api>`;

async function greeting(m: MediateProcess): Promise<string> {
  const r = await fetch(`${m.url}/hello`);
  return ((await r.json()) as { greeting: string }).greeting;
}

async function eventually<T>(probe: () => Promise<T>, accept: (v: T) => boolean, attempts = 100): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await probe();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last as T;
}

describe('--watch', () => {
  it('redeploys a saved artifact; a broken save keeps the last good version serving and reports the error', async () => {
    const dir = writeProject({ 'src/main/wso2mi/artifacts/apis/Hello.xml': helloApi('one'), 'pom.xml': '<project><artifactId>W</artifactId><version>1</version></project>' });
    const file = path.join(dir, 'src/main/wso2mi/artifacts/apis/Hello.xml');
    const m = await runMediate(['run', dir, '--port', '0', '--watch']);
    running.push(m);
    expect(await greeting(m)).toBe('one');

    fs.writeFileSync(file, helloApi('two'));
    expect(await eventually(() => greeting(m), (g) => g === 'two')).toBe('two');

    fs.writeFileSync(file, helloApi('three').replace('<respond/>', '<respond>'));
    await m.waitForOutput(/Hello\.xml:\d+:\d+: error XML001/);
    expect(await greeting(m)).toBe('two');

    fs.writeFileSync(path.join(dir, 'src/main/wso2mi/artifacts/apis/Bye.xml'), helloApi('bye').replace('name="Hello" context="/hello"', 'name="Bye" context="/bye"'));
    const bye = await eventually(() => fetch(`${m.url}/bye`).then((r) => r.status), (s) => s === 200);
    expect(bye).toBe(200);
    fs.rmSync(path.join(dir, 'src/main/wso2mi/artifacts/apis/Bye.xml'));
    expect(await eventually(() => fetch(`${m.url}/bye`).then((r) => r.status), (s) => s === 404)).toBe(404);
  });
});

describe('graceful stop', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} lets an in-flight request finish, then exits 0`, async () => {
      const slow = await recording.start({ port: 0, routes: { 'GET /slow': { status: 200, body: '{"slow":true}', headers: { 'Content-Type': 'application/json' }, delayMs: 700 } } });
      try {
        const dir = writeProject({ 'Slow.xml': `<api ${SYN} name="Slow" context="/slow"><resource methods="GET"><inSequence><call><endpoint><http method="get" uri-template="${slow.url}/slow"/></endpoint></call><respond/></inSequence></resource></api>` });
        const m = await runMediate(['run', dir, '--port', '0']);
        running.push(m);
        const inFlight = fetch(`${m.url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
        await slow.waitForRequests(1);
        const exit = m.stop(signal);
        expect(await inFlight).toEqual({ status: 200, body: { slow: true } });
        expect(await exit).toBe(0);
      } finally {
        await slow.close();
      }
    });
  }
});

describe('project layouts and CAR files', () => {
  it('runs an Integration Studio multi-module project', async () => {
    const dir = writeProject({
      'pom.xml': '<project><groupId>is</groupId><artifactId>Solution</artifactId><version>1.0.0</version><packaging>pom</packaging><modules><module>SolutionConfigs</module></modules></project>',
      'SolutionConfigs/.project': '<projectDescription><name>SolutionConfigs</name><natures><nature>org.wso2.developerstudio.eclipse.esb.project.nature</nature></natures></projectDescription>',
      'SolutionConfigs/pom.xml': '<project><groupId>is</groupId><artifactId>SolutionConfigs</artifactId><version>1.0.0</version></project>',
      'SolutionConfigs/src/main/synapse-config/api/Hello.xml': helloApi('from IS'),
    });
    const m = await runMediate(['run', dir, '--port', '0']);
    running.push(m);
    expect(m.stdout()).toContain('(1 artifacts deployed, 0 failed)');
    expect(await greeting(m)).toBe('from IS');
  });

  it('runs a plain folder of artifacts, and the CAR exported from it', async () => {
    const dir = writeProject({ 'anything/hello-api.xml': helloApi('plain'), 'seq.xml': `<sequence ${SYN} name="S"><log/></sequence>` });
    const m = await runMediate(['run', dir, '--port', '0']);
    running.push(m);
    expect(m.stdout()).toContain('(2 artifacts deployed, 0 failed)');
    expect(await greeting(m)).toBe('plain');

    const car = path.join(dir, 'out.car');
    execFileSync(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), 'export', dir, '-o', car]);
    const fromCar = await runMediate(['run', car, '--port', '0']);
    running.push(fromCar);
    expect(fromCar.stdout()).toContain('(2 artifacts deployed, 0 failed)');
    expect(await greeting(fromCar)).toBe('plain');
  });

  it('prints help and version', () => {
    const help = execFileSync(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), '--help'], { encoding: 'utf8' });
    expect(help).toContain('run [options] [sources...]');
    const version = execFileSync(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), '--version'], { encoding: 'utf8' });
    expect(version.trim()).toBe(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });
});
