/** The studio's control channel of a running runtime: items with their state, run now, Try-it file drop, errors named. */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { attachRuntimeControl, type ControlMessage } from './runtime-control.js';
import { startTestProject, synapse, waitFor, type TestProject } from './transports/testing/project.js';

const open: TestProject[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});

function channel() {
  const sent: ControlMessage[] = [];
  const bus = new EventEmitter();
  let id = 0;
  return {
    sent,
    side: { send: (m: ControlMessage) => sent.push(m), on: (e: 'message', l: (m: unknown) => void) => void bus.on(e, l) },
    async request(body: Record<string, unknown>): Promise<string | undefined> {
      const n = ++id;
      bus.emit('message', { type: 'mediate.request', id: n, ...body });
      const reply = await waitFor(() => sent.find((m) => m.type === 'mediate.reply' && m.id === n), `reply ${n}`);
      return (reply as { error?: string }).error;
    },
    items: () => [...sent].reverse().find((m) => m.type === 'mediate.items') as { items: { artifact: string; state: string; canRunNow?: boolean; accepts?: string; lastPoll?: number }[] } | undefined,
  };
}

describe('runtime control channel', () => {
  it('reports items, runs a task now and drops a Try-it file that is polled at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-control-'));
    fs.mkdirSync(path.join(dir, 'in'));
    fs.mkdirSync(path.join(dir, 'out'));
    const p = await startTestProject({
      'S.xml': synapse(`<sequence name="S"><property name="transport.vfs.ReplyFileName" expression="get-property('transport','FILE_NAME')" scope="transport"/><property name="OUT_ONLY" value="true"/><call><endpoint><address uri="vfs:file://${dir}/out"/></endpoint></call></sequence>`),
      'T.xml': synapse(`<task name="Nightly" class="org.apache.synapse.startup.tasks.MessageInjector"><trigger cron="0 30 1 * * ?"/><property name="injectTo" value="sequence"/><property name="sequenceName" value="S"/><property name="message"><ping/></property></task>`),
      // A poll every minute: the dropped file is taken by the immediate poll Try-it asks for.
      'F.xml': synapse(`<inboundEndpoint name="Files" protocol="file" sequence="S"><parameters><parameter name="interval">60000</parameter><parameter name="transport.vfs.FileURI">file://${dir}/in</parameter></parameters></inboundEndpoint>`),
    });
    open.push(p);
    const c = channel();
    attachRuntimeControl(p.host.active, c.side);
    const items = await waitFor(() => c.items()?.items, 'the items');
    expect(items.map((i) => [i.artifact, i.state, i.canRunNow ?? false, i.accepts ?? ''])).toEqual(
      expect.arrayContaining([
        ['task:Nightly', 'scheduled', true, ''],
        ['inbound-endpoint:Files', 'polling', false, 'file'],
      ]),
    );
    expect(await c.request({ op: 'dropFile', artifact: 'inbound-endpoint:Files', name: 'hello.txt', content: Buffer.from('dropped').toString('base64') })).toBeUndefined();
    expect(fs.readFileSync(path.join(dir, 'out', 'hello.txt'), 'utf8')).toBe('dropped');
    expect(await c.request({ op: 'runNow', artifact: 'task:Nightly' })).toBeUndefined();
    await waitFor(() => c.items()?.items.find((i) => i.artifact === 'task:Nightly')?.lastPoll, 'the task run shown');
    expect(await c.request({ op: 'runNow', artifact: 'inbound-endpoint:Files' })).toBe('inbound-endpoint:Files cannot be run now (not a deployed task)');
    expect(await c.request({ op: 'sendMail', artifact: 'inbound-endpoint:Files', subject: 's', text: 't' })).toBe('inbound-endpoint:Files does not read mail');
    expect(await c.request({ op: 'dropFile', artifact: 'inbound-endpoint:Files', name: '../escape', content: '' })).toBe("'../escape' is not a file name");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
