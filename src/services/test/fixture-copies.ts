/**
 * For tests and the bench: a fixture project copied to a temporary folder
 * with its mock-service ports (and the endpoint URLs that name them) moved to
 * free ports, so runs in parallel processes never fight over a port.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** The ports the fixtures' mock services declare. */
export const FIXTURE_PORTS = [39471, 39472];

export interface FixtureCopy {
  root: string;
  /** Fixture port -> the port it was moved to. */
  ports: Map<number, number>;
  remove(): void;
}

export async function copyFixture(name: string): Promise<FixtureCopy> {
  const source = path.join(FIXTURES, name);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `mediate-test-${name}-`));
  fs.cpSync(source, root, { recursive: true });
  const ports = new Map<number, number>();
  for (const p of FIXTURE_PORTS) ports.set(p, await freePort());
  for (const file of xmlFiles(root)) {
    const text = fs.readFileSync(file, 'utf8');
    const moved = text.replace(/\b(3947\d)\b/g, (m) => String(ports.get(Number(m)) ?? m));
    if (moved !== text) fs.writeFileSync(file, moved);
  }
  return { root, ports, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function xmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.xml')).map((e) => path.join(e.parentPath, e.name));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
