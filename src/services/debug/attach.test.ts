/**
 * Attaching to a runtime the studio did not start: a `mediate run --debug`
 * (Mediate's extensions on), and the same runtime behind a relay that answers
 * like MI (`command not found` to every extension command), where the studio
 * falls back to MI's plain protocol: one paused message placed by the event's
 * component object, properties and payload without message ids, no stepping.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { startHarness, waitFor, repoRoot, type Harness } from '../test-helpers.js';
import type { DebugStateEvent } from '../../contract/index.js';

const HEALTH_FACTORY = 'api:HealthcareAPI/resource[2]/in/0';
const MI_EXTENSIONS = new Set(['event-details', 'paused-messages', 'traces', 'breakpoints', 'break-on-fault']);

/** A TCP relay in front of a Mediate command port that refuses Mediate's extension commands, as MI does. */
function miLikeRelay(targetPort: number): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    let buffer = '';
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const cmd = JSON.parse(line) as Record<string, unknown>;
        if (cmd.command === 'step' || MI_EXTENSIONS.has(String(cmd['command-argument']))) client.write('{"command-response":"failed","failed-reason":"command not found"}\n');
        else upstream.write(`${line}\n`);
      }
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('attaching the studio debugger to a running runtime', () => {
  let h: Harness;
  let proc: ChildProcess;
  let output = '';
  let relay: net.Server;
  let ports: { command: number; event: number; http: number };
  const events: DebugStateEvent[] = [];
  const latest = () => events.at(-1)?.state;

  beforeAll(async () => {
    h = await startHarness({ runtimePort: 0 });
    h.client.on('debug.state', (e) => events.push(e));
    await h.client.service('workspace').openFolder(h.project);
    proc = spawn(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), 'run', h.project, '--port', '0', '--debug', '--command-port', '0', '--event-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    const debugPorts = await waitFor(() => /Listen on ports : Command (\d+) - Event (\d+)/.exec(output), 'the debug ports', 20000);
    const ready = await waitFor(() => /ready on http:\/\/localhost:(\d+)/.exec(output), 'the runtime', 20000);
    ports = { command: Number(debugPorts[1]), event: Number(debugPorts[2]), http: Number(ready[1]) };
    relay = await miLikeRelay(ports.command);
  }, 40000);

  afterAll(async () => {
    await h?.client.service('debug').detach().catch(() => undefined);
    relay?.close();
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    await h?.cleanup();
  });

  it('attaches to a Mediate runtime with its extensions, and detaching leaves it running', async () => {
    const state = await h.client.service('debug').attach('127.0.0.1', ports.command, ports.event);
    expect(state).toMatchObject({ active: true, remote: { host: '127.0.0.1', protocol: 'mediate' } });
    const detached = await h.client.service('debug').detach();
    expect(detached.active).toBe(false);
    expect(proc.exitCode).toBeNull();
  });

  it('falls back to MI\'s plain protocol: pauses, shows and changes the payload, continues; no stepping', async () => {
    await h.client.service('debug').setBreakpoint(HEALTH_FACTORY);
    const relayPort = (relay.address() as net.AddressInfo).port;
    const state = await h.client.service('debug').attach('127.0.0.1', relayPort, ports.event);
    expect(state.remote).toEqual({ host: '127.0.0.1', protocol: 'mi' });
    expect(state.breakpoints.find((b) => b.stepPath === HEALTH_FACTORY)?.error).toBeUndefined();

    const response = fetch(`http://127.0.0.1:${ports.http}/healthcare/health`);
    const paused = await waitFor(() => latest()?.paused[0], 'the paused message');
    expect(paused).toMatchObject({ stepPath: HEALTH_FACTORY, stepKind: 'payloadFactory', artifact: 'api:HealthcareAPI', file: 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml' });
    await expect(h.client.service('debug').resume(paused.messageId, 'over')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const details = await h.client.service('debug').details(paused.messageId);
    expect(details.properties.default).toMatchObject({ REST_METHOD: 'GET' });
    await h.client.service('debug').setProperty(paused.messageId, 'default', 'fromStudio', 'yes');
    expect((await h.client.service('debug').details(paused.messageId)).properties.default.fromStudio).toBe('yes');
    await h.client.service('debug').resume(paused.messageId, 'continue');
    expect((await response).status).toBe(200);
    await waitFor(() => latest()?.paused.length === 0, 'no paused message');
  });
});
