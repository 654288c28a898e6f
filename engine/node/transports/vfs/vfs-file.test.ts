/** File (VFS) inbound endpoints, vfs proxies and vfs: endpoints on the local file system, through the runtime host. */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';

const open: TestProject[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function folders(...names: string[]): Record<string, string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-vfs-'));
  dirs.push(root);
  const out: Record<string, string> = { root };
  for (const n of names) fs.mkdirSync((out[n] = path.join(root, n)));
  return out;
}

const ls = (d: string) => fs.readdirSync(d).sort();

/**
 * Puts a complete file into a polled folder, as a well-behaved producer does: written beside the
 * folder, then renamed in, so a poll never sees it empty or half written.
 */
function drop(folder: string, name: string, content: string): void {
  const staged = path.join(path.dirname(folder), `.${name}.part`);
  fs.writeFileSync(staged, content);
  fs.renameSync(staged, path.join(folder, name));
}

const fileEp = (name: string, params: Record<string, string>, sequence = 'ToOut') =>
  synapse(`<inboundEndpoint name="${name}" protocol="file" sequence="${sequence}" onError="fault" suspend="false"><parameters>
    <parameter name="interval">100</parameter><parameter name="sequential">true</parameter><parameter name="coordination">true</parameter>
    ${Object.entries(params).map(([k, v]) => `<parameter name="${k}">${v}</parameter>`).join('\n')}
  </parameters></inboundEndpoint>`);

/** Writes each message to `out` under the name of the file it came from. */
const toOut = (out: string, extra = '') =>
  synapse(`<sequence name="ToOut">${extra}
    <property name="transport.vfs.ReplyFileName" expression="get-property('transport', 'FILE_NAME')" scope="transport"/>
    <property name="OUT_ONLY" value="true"/>
    <call><endpoint><address uri="vfs:file://${out}"/></endpoint></call>
  </sequence>`);

async function project(files: Record<string, string>): Promise<TestProject> {
  const p = await startTestProject(files);
  open.push(p);
  return p;
}

describe('file inbound endpoint', () => {
  it('takes the files whose whole name matches, injects them and moves them after processing; a vfs: endpoint writes the result', async () => {
    const d = folders('in', 'done', 'out');
    const p = await project({
      'ToOut.xml': toOut(d.out!),
      'Ep.xml': fileEp('FileEP', { 'transport.vfs.FileURI': `file://${d.in}`, 'transport.vfs.ContentType': 'application/xml', 'transport.vfs.FileNamePattern': '.*\\.xml', 'transport.vfs.ActionAfterProcess': 'MOVE', 'transport.vfs.MoveAfterProcess': `file://${d.done}` }),
    });
    expect(p.host.active.statuses()[0]).toMatchObject({ artifact: 'inbound-endpoint:FileEP', state: 'polling', detail: 'file' });
    drop(d.in!, 'order.xml', '<order><id>7</id></order>');
    drop(d.in!, 'notes.txt', 'not for this endpoint');
    drop(d.in!, 'orderxml', '<order/>');
    await waitFor(() => fs.existsSync(path.join(d.out!, 'order.xml')), 'the written result');
    expect(fs.readFileSync(path.join(d.out!, 'order.xml'), 'utf8')).toBe('<order><id>7</id></order>');
    await waitFor(() => ls(d.done!).includes('order.xml'), 'the moved original');
    // `.*\.xml` must match the whole name: notes.txt and orderxml stay (order.xml's lock goes right after the move).
    await waitFor(() => ls(d.in!).join() === 'notes.txt,orderxml', 'only notes.txt and orderxml left');
    // Written under a temporary name, then renamed: no temporary file is left behind.
    expect(ls(d.out!)).toEqual(['order.xml']);
  });

  it('without a ContentType builds *.xml as XML and anything else as text; deletes by default; sets the FILE_ headers', async () => {
    const d = folders('in', 'out');
    const extra = `<log level="custom"><property name="name" expression="get-property('transport','FILE_NAME')"/><property name="length" expression="get-property('transport','FILE_LENGTH')"/></log><log level="full"/>`;
    const p = await project({ 'ToOut.xml': toOut(d.out!, extra), 'Ep.xml': fileEp('Plain', { 'transport.vfs.FileURI': `file://${d.in}` }) });
    drop(d.in!, 'hello.txt', 'hello registry');
    await waitFor(() => fs.existsSync(path.join(d.out!, 'hello.txt')), 'the text file');
    // Deleted once its flow has written the result.
    await waitFor(() => ls(d.in!).length === 0, 'the original deleted');
    const line = await waitFor(() => p.logger.messages('info').find((m) => m.includes('name = hello.txt')), 'the log line');
    expect(line).toContain('length = 14');
    const full = await waitFor(() => p.logger.messages('info').find((m) => m.includes('Envelope')), 'the full log');
    expect(full).toContain('<text xmlns="http://ws.apache.org/commons/ns/payload">hello registry</text>');
  });

  it('moves malformed, unreadable and too large files where ActionAfterFailure says with the reason logged, skips locked ones, and goes on with the next', async () => {
    const d = folders('in', 'failed', 'out');
    const p = await project({
      'ToOut.xml': toOut(d.out!),
      'Ep.xml': fileEp('Strict', { 'transport.vfs.FileURI': `file://${d.in}`, 'transport.vfs.ContentType': 'application/xml', 'transport.vfs.ActionAfterFailure': 'MOVE', 'transport.vfs.MoveAfterFailure': `file://${d.failed}`, 'transport.vfs.FileSizeLimit': '1000', 'transport.vfs.FileSortAttribute': 'Name' }),
    });
    drop(d.in!, 'a-broken.xml', '<order><id>1</order>');
    fs.symlinkSync(path.join(d.root!, 'nowhere.xml'), path.join(d.in!, 'b-unreadable.xml'));
    drop(d.in!, 'c-huge.xml', `<big>${'x'.repeat(2000)}</big>`);
    // The lock first: a poll between the two must not find d-locked.xml unlocked.
    drop(d.in!, 'd-locked.xml.lock', 'other-node');
    drop(d.in!, 'd-locked.xml', '<order/>');
    drop(d.in!, 'e-good.xml', '<order><id>2</id></order>');
    await waitFor(() => fs.existsSync(path.join(d.out!, 'e-good.xml')), 'the good file after the bad ones');
    await waitFor(() => ls(d.failed!).length === 3, 'three failures moved');
    expect(ls(d.failed!)).toEqual(['a-broken.xml', 'b-unreadable.xml', 'c-huge.xml']);
    // e-good.xml is deleted once its flow has written the result; the locked file stays.
    await waitFor(() => ls(d.in!).join() === 'd-locked.xml,d-locked.xml.lock', 'only the locked file left');
    const errors = p.logger.messages('error');
    expect(errors.find((m) => m.includes('a-broken.xml'))).toMatch(/Inbound endpoint Strict: failed to process a-broken\.xml: malformed XML: .*; moved to file:\/\/.*\/failed\/a-broken\.xml/);
    expect(errors.find((m) => m.includes('b-unreadable.xml'))).toContain('cannot read it: ENOENT');
    expect(errors.find((m) => m.includes('c-huge.xml'))).toContain('its size 2011 bytes exceeds transport.vfs.FileSizeLimit 1000');
    expect(p.logger.messages('warn').some((m) => m.includes('d-locked.xml is locked'))).toBe(true);
  });

  it('a flow that faults counts as a failure (DELETE after failure by default)', async () => {
    const d = folders('in');
    const failing = synapse(`<sequence name="Fails"><property name="x" expression="json-eval($.missing.deeper)"/><makefault version="soap11"><code value="soapenv:Server" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/><reason value="refused"/></makefault><throwError type="Refused" errorMessage="no"/></sequence>`);
    const p = await project({ 'Fails.xml': failing, 'Ep.xml': fileEp('Faulty', { 'transport.vfs.FileURI': `file://${d.in}` }, 'Fails') });
    drop(d.in!, 'x.txt', 'x');
    const line = await waitFor(() => p.logger.messages('error').find((m) => m.includes('failed to process x.txt')), 'the failure');
    expect(line).toContain('mediation failed (500)');
    expect(line).toContain('; deleted');
    // The outcome is logged once the file and its lock are gone: the log says what the folder shows.
    expect(ls(d.in!)).toEqual([]);
  });

  it('sorts by name, descending, one file per poll (FileProcessCount), and appends with transport.vfs.Append', async () => {
    const d = folders('in', 'out');
    const appendAll = synapse(`<sequence name="ToOut"><property name="OUT_ONLY" value="true"/><call><endpoint><address uri="vfs:file://${d.out}/all.txt?transport.vfs.Append=true"/></endpoint></call></sequence>`);
    drop(d.in!, '1.txt', 'one\n');
    drop(d.in!, '2.txt', 'two\n');
    drop(d.in!, '3.txt', 'three\n');
    const p = await project({ 'ToOut.xml': appendAll, 'Ep.xml': fileEp('Sorted', { 'transport.vfs.FileURI': `file://${d.in}`, 'transport.vfs.ContentType': 'text/plain', 'transport.vfs.FileSortAttribute': 'Name', 'transport.vfs.FileSortAscending': 'false', 'transport.vfs.FileProcessCount': '1' }) });
    await waitFor(() => ls(d.in!).length === 0, 'all three files');
    expect(fs.readFileSync(path.join(d.out!, 'all.txt'), 'utf8')).toBe('three\ntwo\none\n');
    void p;
  });
});

describe('vfs proxies', () => {
  it('transports="vfs": polls transport.vfs.FileURI (PollInterval in ms), runs the proxy, writes the reply file and moves the original', async () => {
    const d = folders('in', 'original', 'reply');
    const proxy = synapse(`<proxy name="VfsProxy" transports="vfs" startOnLoad="true">
      <parameter name="transport.vfs.FileURI">vfs:file://${d.in}</parameter>
      <parameter name="transport.vfs.ContentType">text/xml</parameter>
      <parameter name="transport.vfs.FileNamePattern">.*\\.xml</parameter>
      <parameter name="transport.PollInterval">100ms</parameter>
      <parameter name="transport.vfs.ActionAfterProcess">MOVE</parameter>
      <parameter name="transport.vfs.MoveAfterProcess">file://${d.original}</parameter>
      <parameter name="transport.vfs.ReplyFileURI">file://${d.reply}</parameter>
      <parameter name="transport.vfs.ReplyFileName">answer.xml</parameter>
      <target><inSequence><payloadFactory media-type="xml"><format><receipt xmlns=""><symbol>$1</symbol></receipt></format><args><arg expression="//symbol"/></args></payloadFactory><respond/></inSequence></target>
    </proxy>`);
    const p = await project({ 'VfsProxy.xml': proxy });
    expect(p.host.active.statuses()[0]).toMatchObject({ artifact: 'proxy:VfsProxy', state: 'polling' });
    drop(d.in!, 'q.xml', '<quote><symbol>IBM</symbol></quote>');
    await waitFor(() => fs.existsSync(path.join(d.reply!, 'answer.xml')), 'the reply file');
    expect(fs.readFileSync(path.join(d.reply!, 'answer.xml'), 'utf8')).toContain('<receipt><symbol>IBM</symbol></receipt>');
    // Written under a temporary name, then renamed: the reply is complete once it is there, and nothing else is left.
    expect(ls(d.reply!)).toEqual(['answer.xml']);
    await waitFor(() => ls(d.original!).includes('q.xml'), 'the moved original');
  });

  it('a vfs proxy without ContentType fails to start with the parameter named; HTTP keeps serving', async () => {
    const d = folders('in');
    const proxy = synapse(`<proxy name="NoType" transports="vfs"><parameter name="transport.vfs.FileURI">file://${d.in}</parameter><target><inSequence><drop/></inSequence></target></proxy>`);
    const p = await project({ 'NoType.xml': proxy });
    expect(p.host.active.statuses()[0]).toMatchObject({ state: 'failed', lastError: 'parameter transport.vfs.ContentType is required on a VFS proxy' });
  });
});
