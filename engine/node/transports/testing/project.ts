/** Test helpers for inbound endpoints and tasks: a temporary project served by startRuntimeHost, free ports, polling for a condition. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startRuntimeHost, type RuntimeHost } from '../../runtime-host.js';
import { MemoryLogger } from '../../../core/logger.js';

export interface TestProject {
  dir: string;
  host: RuntimeHost;
  logger: MemoryLogger;
  write(file: string, text: string): void;
  remove(file: string): void;
  /** Rescans and redeploys, and waits for inbound endpoints and tasks to settle. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

const NS = 'http://ws.apache.org/ns/synapse';
export const synapse = (xml: string) => xml.replace(/^<(\w+)/, `<$1 xmlns="${NS}"`);

export async function startTestProject(files: Record<string, string>, extra: Record<string, string> = {}): Promise<TestProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-inbound-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  for (const [f, t] of Object.entries(files)) write(f, t);
  for (const [f, t] of Object.entries(extra)) write(f, t);
  const logger = new MemoryLogger();
  const host = await startRuntimeHost({ sources: [dir], port: 0, host: '127.0.0.1', logger, env: {} });
  return {
    dir,
    host,
    logger,
    write,
    remove: (file) => fs.rmSync(path.join(dir, file), { force: true }),
    async refresh() {
      await host.refresh();
      await host.active.settled();
    },
    async close() {
      await host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Polls `check` every 25 ms until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
