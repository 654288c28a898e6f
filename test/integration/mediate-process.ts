/** Starts `mediate` as a user would (the built CLI in a child process) and watches its output. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

export const repoRoot = path.resolve(__dirname, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
const bin = path.join(repoRoot, 'bin/mediate.js');

export interface MediateProcess {
  proc: ChildProcess;
  port: number;
  url: string;
  stdout(): string;
  stderr(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function runMediate(args: string[], cwd = repoRoot): Promise<MediateProcess> {
  const proc = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const waitForOutput = async (pattern: RegExp, timeoutMs = 15000) => {
    const start = Date.now();
    for (;;) {
      const m = pattern.exec(out + err);
      if (m) return m[0];
      if (proc.exitCode !== null) throw new Error(`mediate exited (${proc.exitCode}) before printing ${pattern}:\n${out}\n${err}`);
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return (async () => {
    const ready = await waitForOutput(/Mediate runtime ready on http:\/\/localhost:(\d+) \(\d+ artifacts deployed, \d+ failed\)/);
    const port = Number(/localhost:(\d+)/.exec(ready)![1]);
    return {
      proc,
      port,
      url: `http://localhost:${port}`,
      stdout: () => out,
      stderr: () => err,
      waitForOutput,
      async stop(signal: NodeJS.Signals = 'SIGTERM') {
        if (proc.exitCode === null) proc.kill(signal);
        return exited;
      },
    };
  })();
}

/** Writes a project tree into a new temporary folder. */
export function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-it-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

export const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
