/** Test helpers: the real services behind the in-memory transport, on a copy of a sample project. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryTransportPair, createRpcClient, serveRpc, type RpcClient } from '../rpc/index.js';
import type { StudioEvents, StudioServices } from '../contract/index.js';
import { createStudioBackend, type StudioBackend } from './index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Harness {
  client: RpcClient<StudioServices, StudioEvents>;
  backend: StudioBackend;
  /** The copied project folder. */
  project: string;
  events: { name: string; payload: unknown }[];
  cleanup(): Promise<void>;
}

export function copySample(name = 'hospital'): { dir: string; project: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mediate-studio-'));
  const project = path.join(dir, name);
  cpSync(path.join(repoRoot, 'samples', name), project, { recursive: true });
  return { dir, project };
}

export async function startHarness(options: { runtimePort?: number } = {}): Promise<Harness> {
  const { dir, project } = copySample();
  const [serverEnd, clientEnd] = createMemoryTransportPair();
  const events: { name: string; payload: unknown }[] = [];
  let emitTo: ((name: string, payload: unknown) => void) | undefined;
  const backend = createStudioBackend({ emit: (name, payload) => emitTo?.(name, payload), settingsDir: path.join(dir, 'settings'), runtimePort: options.runtimePort ?? 0 });
  const connection = serveRpc(backend.services as unknown as Record<string, object>, serverEnd);
  emitTo = (name, payload) => connection.emit(name, payload);
  const client = createRpcClient<StudioServices, StudioEvents>(clientEnd);
  for (const name of ['workspace.fileChanged', 'workspace.artifactsChanged', 'runtime.status', 'runtime.log', 'runtime.problems'] as const) {
    client.on(name, (payload) => events.push({ name, payload }));
  }
  return {
    client,
    backend,
    project,
    events,
    async cleanup() {
      client.close();
      await backend.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
