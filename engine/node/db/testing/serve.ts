/**
 * Test helper: writes artifact files into a temporary project, serves it with
 * the real runtime host on a free port, and sends HTTP requests to it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRuntimeHost, type RuntimeHost } from '../../runtime-host.js';
import { MemoryLogger } from '../../../core/logger.js';

export interface Served {
  host: RuntimeHost;
  dir: string;
  logger: MemoryLogger;
  request(method: string, url: string, init?: { headers?: Record<string, string>; body?: string }): Promise<{ status: number; text: string; contentType: string; json(): unknown }>;
  close(): Promise<void>;
}

export async function serveProject(files: Record<string, string>): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-ds-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const logger = new MemoryLogger();
  const host = await startRuntimeHost({ sources: [dir], port: 0, host: '127.0.0.1', logger, env: {} });
  return {
    host,
    dir,
    logger,
    async request(method, url, init = {}) {
      const res = await fetch(`http://127.0.0.1:${host.port}${url}`, { method, headers: init.headers, body: init.body });
      const text = await res.text();
      return { status: res.status, text, contentType: res.headers.get('content-type') ?? '', json: () => JSON.parse(text) };
    },
    async close() {
      await host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
