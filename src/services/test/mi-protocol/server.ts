/**
 * A unit-test agent that speaks MI's protocol (`-DsynapseTest`, port 9008 by
 * default): one TCP connection carries one suite in MI's wire form as a
 * Java-serialised String; the answer is the suite summary as JSON in the same
 * framing, then the connection closes. So MI's Maven goal
 * (`-DtestServerType=remote -DtestServerPort=...`) and the VS Code test
 * explorer can run their suites on Mediate. Suites run one at a time.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '../runner.js';
import { materialise, miSummary } from './wire-suite.js';
import { readJavaString, writeJavaString } from './java-string.js';

export interface UnitTestAgent {
  readonly port: number;
  close(): Promise<void>;
}

export interface UnitTestAgentOptions {
  port: number;
  host?: string;
  coverage?: boolean;
  /** Told about each suite run (for a console line). */
  onSuite?: (summary: Record<string, unknown>) => void;
}

export async function startUnitTestAgent(options: UnitTestAgentOptions): Promise<UnitTestAgent> {
  let queue: Promise<unknown> = Promise.resolve();
  const server = net.createServer((socket) => {
    let received = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      received = Buffer.concat([received, chunk]);
      let wire: string | undefined;
      try {
        wire = readJavaString(received);
      } catch (e) {
        done = true;
        socket.end(writeJavaString(JSON.stringify({ deploymentStatus: 'FAILED', deploymentException: (e as Error).message, testCases: [] })));
        return;
      }
      if (wire === undefined) return;
      done = true;
      queue = queue.then(() => answer(wire!, options)).then(
        (summary) => {
          options.onSuite?.(summary);
          socket.end(writeJavaString(JSON.stringify(summary)));
        },
        (e: unknown) => socket.end(writeJavaString(JSON.stringify({ deploymentStatus: 'FAILED', deploymentException: e instanceof Error ? e.message : String(e), testCases: [] }))),
      );
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function answer(wire: string, options: UnitTestAgentOptions): Promise<Record<string, unknown>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-unit-test-agent-'));
  try {
    const { suitePath } = materialise(wire, root);
    const report = await runTests({ project: root, suites: [suitePath], coverage: options.coverage });
    return miSummary(report.suites[0]!);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
