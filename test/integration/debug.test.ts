/**
 * `mediate run --debug --debug-wait` driven over TCP with MI's mediation debug
 * protocol, the way MI's own clients do: connect the command port, then the
 * event port, send newline-delimited JSON, read one response line per command.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { repoRoot, writeProject, SYN } from './mediate-process.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as recording from '../backends/recording.mjs';

type Json = Record<string, unknown>;
type Recording = { url: string; requests: { headers: Record<string, string>; body: string }[]; close(): Promise<void> };

/** A line-oriented JSON reader over a socket. */
class Lines {
  private buffer = '';
  readonly items: Json[] = [];
  private waiters: (() => void)[] = [];
  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buffer += d;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
        if (line) this.items.push(JSON.parse(line) as Json);
      }
      for (const w of this.waiters.splice(0)) w();
    });
  }
  /** Removes and returns the first item that matches, waiting for it. */
  async take(match: (j: Json) => boolean = () => true, timeoutMs = 10000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.items.findIndex(match);
      if (i >= 0) return this.items.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; have ${JSON.stringify(this.items)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

let backend: Recording;
let proc: ChildProcess;
let output = '';
let httpPort = 0;
let command: net.Socket;
let events: net.Socket;
let responses: Lines;
let eventLines: Lines;

async function waitFor(pattern: RegExp, timeoutMs = 20000): Promise<RegExpExecArray> {
  const start = Date.now();
  for (;;) {
    const m = pattern.exec(output);
    if (m) return m;
    if (proc.exitCode !== null) throw new Error(`mediate exited:\n${output}`);
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}:\n${output}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function send(cmd: Json): Promise<Json> {
  command.write(`${JSON.stringify(cmd)}\n`);
  return responses.take();
}

const OK = { 'command-response': 'successful' };
const failed = (reason: string) => ({ 'command-response': 'failed', 'failed-reason': reason });
const point = (position: string, resource: Json = { method: 'POST', 'uri-template': '/{id}' }, apiKey = 'Orders') => ({
  command: 'set',
  'command-argument': 'breakpoint',
  'mediation-component': 'sequence',
  sequence: { api: { 'api-key': apiKey, resource, 'sequence-type': 'api_inseq', 'mediator-position': position } },
});

beforeAll(async () => {
  backend = await recording.start({ port: 0, routes: { 'POST /store': (req: { body: string }) => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: { stored: JSON.parse(req.body) } }) } });
  const VS = 'src/main/wso2mi/artifacts';
  const project = writeProject({
    'pom.xml': '<project><groupId>it</groupId><artifactId>DebugIT</artifactId><version>1.0.0</version><properties><projectType>integration-project</projectType></properties></project>',
    [`${VS}/apis/Orders.xml`]: `<api ${SYN} name="Orders" context="/orders">
      <resource methods="POST" uri-template="/{id}">
        <inSequence>
          <property name="stage" value="received"/>
          <log level="custom"><property name="id" expression="$ctx:uri.var.id"/></log>
          <call><endpoint><http method="post" uri-template="${backend.url}/store"/></endpoint></call>
          <property name="afterCall" value="yes"/>
          <respond/>
        </inSequence>
      </resource>
    </api>`,
    [`${VS}/sequences/Audit.xml`]: `<sequence ${SYN} name="Audit"><log level="custom"><property name="a" value="b"/></log></sequence>`,
  });
  proc = spawn(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), 'run', project, '--port', '0', '--debug', '--command-port', '0', '--event-port', '0', '--debug-wait'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const ports = await waitFor(/Listen on ports : Command (\d+) - Event (\d+)/);
  // MI's debug wait: nothing is deployed or served before a client connects.
  await new Promise((r) => setTimeout(r, 300));
  expect(output).not.toMatch(/Mediate runtime ready/);
  command = await connect(Number(ports[1]));
  responses = new Lines(command);
  events = await connect(Number(ports[2]));
  eventLines = new Lines(events);
  httpPort = Number((await waitFor(/Mediate runtime ready on http:\/\/localhost:(\d+)/))[1]);
}, 30000);

afterAll(async () => {
  command?.destroy();
  events?.destroy();
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  }
  await backend?.close();
});

describe('mediate run --debug speaks MI\'s mediation debug protocol', () => {
  it('refuses bad addresses and unknown commands with MI\'s failure reasons', async () => {
    expect(await send(point('0', undefined, 'NoSuchApi'))).toEqual(failed('api not found'));
    expect(await send(point('0', { method: 'GET', 'uri-template': '/{id}' }))).toEqual(failed('api resource not found'));
    expect(await send(point('0', { method: 'POST', 'uri-template': '/other' }))).toEqual(failed('api resource not found'));
    expect(await send(point('7'))).toEqual(failed('non existing mediator position'));
    expect(await send(point('1 0'))).toEqual(failed('non existing mediator position'));
    expect(await send({ command: 'set', 'command-argument': 'breakpoint', 'mediation-component': 'sequence', sequence: { 'sequence-type': 'named', 'sequence-key': 'Nope', 'mediator-position': '0' } })).toEqual(failed('non existing sequence'));
    expect(await send({ command: 'set', 'command-argument': 'skip', 'mediation-component': 'template', template: { 'template-key': 'Nope', 'mediator-position': '0' } })).toEqual(failed('non existing template'));
    expect(await send({ command: 'set', 'command-argument': 'breakpoint', 'mediation-component': 'sequence', sequence: { proxy: { 'proxy-key': 'Nope', 'sequence-type': 'proxy_inseq', 'mediator-position': '0' } } })).toEqual(failed('proxy not found'));
    expect(await send({ command: 'exit' })).toEqual(failed('command not found'));
    expect(await send({ command: 'get', 'command-argument': 'properties', context: 'axis2' })).toEqual(failed('unable to acquire message context properties'));
    expect(await send({ command: 'set', 'command-argument': 'property', context: 'default', property: { 'property-name': 'x', 'property-value': 'y' } })).toEqual(failed('unable to alter message context property'));
    // Set and clear on a named sequence, with MI's "already" answers.
    const audit = { 'mediation-component': 'sequence', sequence: { 'sequence-type': 'named', 'sequence-key': 'Audit', 'mediator-position': '0' } };
    expect(await send({ command: 'set', 'command-argument': 'breakpoint', ...audit })).toEqual(OK);
    expect(await send({ command: 'set', 'command-argument': 'breakpoint', ...audit })).toEqual(failed('already breakpoint enabled at mediator position'));
    expect(await send({ command: 'clear', 'command-argument': 'breakpoint', ...audit })).toEqual(OK);
    expect(await send({ command: 'clear', 'command-argument': 'breakpoint', ...audit })).toEqual(failed('already breakpoint disabled at mediator position'));
  });

  it('skips, pauses, shows and changes the message, steps over the call after the backend answered, and resumes', async () => {
    expect(await send({ ...point('1'), 'command-argument': 'skip' })).toEqual(OK);
    expect(await send(point('2'))).toEqual(OK);
    eventLines.items.splice(0);
    const before = backend.requests.length;

    const response = fetch(`http://127.0.0.1:${httpPort}/orders/42`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"item":"book"}' });
    expect(await eventLines.take((e) => e.event === 'started')).toEqual({ event: 'started' });
    expect(await eventLines.take((e) => e.event === 'skip')).toEqual({
      event: 'skip',
      'mediation-component': 'sequence',
      sequence: { api: { 'api-key': 'Orders', resource: { mapping: '/{id}', method: 'POST' }, 'sequence-type': 'api_inseq', 'mediator-position': '1' } },
    });
    expect(await eventLines.take((e) => e.event === 'breakpoint')).toEqual({
      event: 'breakpoint',
      'mediation-component': 'sequence',
      sequence: { api: { 'api-key': 'Orders', resource: { mapping: '/{id}', method: 'POST' }, 'sequence-type': 'api_inseq', 'mediator-position': '2' } },
    });
    expect(backend.requests.length).toBe(before);

    const synapse = await send({ command: 'get', 'command-argument': 'properties', context: 'synapse' });
    expect(synapse['synapse-properties']).toMatchObject({ stage: 'received', 'uri.var.id': '42' });
    const axis2 = (await send({ command: 'get', 'command-argument': 'properties', context: 'axis2' }))['axis2-properties'] as Json;
    expect(JSON.parse(axis2.Envelope as string)).toEqual({ item: 'book' });
    expect(axis2.Direction).toBe('request');
    const all = await send({ command: 'get', 'command-argument': 'properties', context: 'all' });
    expect(Array.isArray(all) && Object.keys((all as unknown as Json[])[0]!)).toEqual(['axis2-properties']);
    expect(await send({ command: 'get', 'command-argument': 'properties', context: 'transport' })).toMatchObject({ 'axis2Transport-properties': { 'Content-Type': 'application/json' } });
    expect(await send({ command: 'get', 'command-argument': 'properties', context: 'axis2-client' })).toEqual({ 'axis2Client-properties': {} });
    expect(await send({ command: 'get', 'command-argument': 'properties', context: 'operation' })).toHaveProperty('axis2Operation-properties');
    expect(await send({ command: 'get', 'command-argument': 'property', context: 'transport', property: { 'property-name': 'Content-Type' } })).toEqual({ 'Content-Type': 'application/json' });

    expect(await send({ command: 'set', 'command-argument': 'variable', variable: { 'variable-name': 'v', 'variable-value': '{"n":1}' } })).toEqual(OK);
    expect(await send({ command: 'get', 'command-argument': 'variables', context: 'variable' })).toEqual({ 'message-variables': { v: { n: 1 } } });
    expect(await send({ command: 'get', 'command-argument': 'variable', context: 'variable', variable: { 'variable-name': 'v' } })).toEqual({ v: { n: 1 } });

    expect(await send({ command: 'set', 'command-argument': 'property', context: 'transport', property: { 'property-name': 'X-Debug', 'property-value': 'on' } })).toEqual(OK);
    expect(await send({ command: 'set', 'command-argument': 'property', context: 'default', property: { 'property-name': 'stage', 'property-value': 'edited' } })).toEqual(OK);
    expect(await send({ command: 'clear', 'command-argument': 'property', context: 'default', property: { 'property-name': 'stage' } })).toEqual(OK);
    expect(await send({ command: 'set', 'command-argument': 'property', context: 'Envelope', property: { 'property-name': 'Envelope', 'property-value': '{"item":"pen"}' } })).toEqual(OK);
    expect(await send({ command: 'set', 'command-argument': 'property', context: 'nowhere', property: { 'property-name': 'a', 'property-value': 'b' } })).toEqual(failed('unable to alter message context property'));

    const paused = (await send({ command: 'get', 'command-argument': 'paused-messages' }))['paused-messages'] as Json[];
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({ stepPath: 'api:Orders/resource[0]/in/2', reason: 'breakpoint' });

    // Step over the call: the next pause is after the backend answered.
    expect(await send({ command: 'step', 'command-argument': 'over' })).toEqual(OK);
    expect(await eventLines.take((e) => e.event === 'resumed client')).toEqual({ event: 'resumed client' });
    const next = await eventLines.take((e) => e.event === 'breakpoint');
    expect((next.sequence as { api: Json }).api['mediator-position']).toBe('3');
    expect(backend.requests.length).toBe(before + 1);
    const received = backend.requests[backend.requests.length - 1]!;
    expect(JSON.parse(received.body)).toEqual({ item: 'pen' });
    expect(received.headers['x-debug']).toBe('on');
    const afterCall = (await send({ command: 'get', 'command-argument': 'properties', context: 'axis2' }))['axis2-properties'] as Json;
    expect(JSON.parse(afterCall.Envelope as string)).toEqual({ stored: { item: 'pen' } });
    expect((await send({ command: 'get', 'command-argument': 'properties', context: 'default' }))['synapse-properties']).not.toHaveProperty('stage');

    expect(await send({ command: 'resume' })).toEqual(OK);
    expect(await eventLines.take((e) => e.event === 'terminated')).toEqual({ event: 'terminated' });
    const res = await response;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: { item: 'pen' } });

    // Cleared points no longer stop or skip; the runtime keeps serving.
    expect(await send({ ...point('2'), command: 'clear' })).toEqual(OK);
    expect(await send({ ...point('1'), command: 'clear', 'command-argument': 'skip' })).toEqual(OK);
    const again = await fetch(`http://127.0.0.1:${httpPort}/orders/1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"item":"cup"}' });
    expect(await again.json()).toEqual({ stored: { item: 'cup' } });
  });

  it('extensions: conditional breakpoints, event details and traces', async () => {
    expect(await send({ command: 'set', 'command-argument': 'event-details' })).toEqual(OK);
    expect(await send({ ...point('0'), condition: "${payload.item == 'stop'}" })).toEqual(OK);
    eventLines.items.splice(0);
    expect((await fetch(`http://127.0.0.1:${httpPort}/orders/5`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"item":"go"}' })).status).toBe(200);
    expect(eventLines.items.some((e) => e.event === 'breakpoint')).toBe(false);
    const stopped = fetch(`http://127.0.0.1:${httpPort}/orders/6`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"item":"stop"}' });
    const hit = await eventLines.take((e) => e.event === 'breakpoint');
    expect(hit).toMatchObject({ 'step-path': 'api:Orders/resource[0]/in/0', reason: 'breakpoint' });
    expect(await send({ command: 'resume', 'message-id': hit['message-id'] })).toEqual(OK);
    expect((await stopped).status).toBe(200);
    const trace = (await send({ command: 'get', 'command-argument': 'traces', 'message-id': hit['message-id'] })).trace as { steps: { path: string }[] };
    expect(trace.steps.map((s) => s.path)).toEqual(['api:Orders/resource[0]/in/0', 'api:Orders/resource[0]/in/1', 'api:Orders/resource[0]/in/2', 'api:Orders/resource[0]/in/3', 'api:Orders/resource[0]/in/4']);
  });
});
