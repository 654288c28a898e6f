/**
 * Tests that talk to a real server (a broker, a database, an FTP or mail server) use this:
 * the suite is skipped, with the reason in its title, when the server does not answer, and
 * fails instead with CI=true, where `.ci/run` must have installed and started it.
 *
 *   const rabbit = await probeService({ name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached' });
 *   describeWithServices('RabbitMQ store', [rabbit], () => { ... });
 */
import { describe, it } from 'vitest';
import net from 'node:net';

export interface ServiceSpec {
  /** What a person calls it: "RabbitMQ", "ActiveMQ (STOMP)". */
  name: string;
  port: number;
  host?: string;
  /** How to get it running, said when it is missing. */
  start?: string;
}

export interface ServiceProbe extends ServiceSpec {
  up: boolean;
}

/** Whether something accepts TCP connections on host:port within timeoutMs. */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function probeService(spec: ServiceSpec): Promise<ServiceProbe> {
  return { ...spec, up: await portAnswers(spec.port, spec.host) };
}

function missingText(missing: ServiceProbe[]): string {
  return missing.map((s) => `${s.name} on ${s.host ?? '127.0.0.1'}:${s.port} is not answering${s.start ? ` (start it: ${s.start})` : ''}`).join('; ');
}

/** A vitest `describe` that needs every listed server up: skipped with the reason, or failing with CI=true. */
export function describeWithServices(title: string, services: ServiceProbe[], body: () => void): void {
  const missing = services.filter((s) => !s.up);
  if (missing.length > 0 && process.env.CI === 'true') {
    describe(title, () => {
      it(`needs ${missing.map((s) => s.name).join(', ')}`, () => {
        throw new Error(`${missingText(missing)}: .ci/run must install and start it`);
      });
    });
    return;
  }
  describe.skipIf(missing.length > 0)(missing.length > 0 ? `${title} (skipped: ${missingText(missing)})` : title, body);
}
