/** VFS over real servers: FTP (pyftpdlib, .ci/services/ftp.sh) and SFTP (OpenSSH, .ci/services/sftp.sh); a server that is down. */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { startTestProject, synapse, waitFor, freePort, type TestProject } from '../testing/project.js';
import { ftpClient } from './ftp-client.js';
import { sftpClient } from './sftp-client.js';
import { smbClient } from './smb-client.js';
import { parseVfsUri } from './uri.js';
import type { VfsClient } from './client.js';

const ftp = await probeService({ name: 'FTP (pyftpdlib)', port: 2121, start: 'bash .ci/services/ftp.sh' });
const sftp = await probeService({ name: 'SFTP (OpenSSH)', port: 2222, start: 'bash .ci/services/sftp.sh' });
const smb = await probeService({ name: 'SMB (Samba)', port: 4450, start: 'bash .ci/services/smb.sh' });

const FTP = 'ftp://mediate:mediate@127.0.0.1:2121';
const SFTP = 'sftp://mediate-sftp:mediate@127.0.0.1:2222';
const SMB = 'smb://mediate-smb:mediate@127.0.0.1:4450/mediate';

const open: TestProject[] = [];
const clients: VfsClient[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
  for (const c of clients.splice(0)) await c.close();
});

const fileEp = (name: string, params: Record<string, string>) =>
  synapse(`<inboundEndpoint name="${name}" protocol="file" sequence="Forward" onError="fault"><parameters>
    <parameter name="interval">150</parameter>
    ${Object.entries(params).map(([k, v]) => `<parameter name="${k}">${v.replace(/&/g, '&amp;')}</parameter>`).join('\n')}
  </parameters></inboundEndpoint>`);

const forward = (uri: string) =>
  synapse(`<sequence name="Forward"><property name="transport.vfs.ReplyFileName" expression="fn:concat('copy-', get-property('transport', 'FILE_NAME'))" scope="transport"/><property name="OUT_ONLY" value="true"/><call><endpoint><address uri="vfs:${uri}"/></endpoint></call></sequence>`);

describeWithServices('VFS over FTP and SFTP', [ftp, sftp], () => {
  it('polls an FTP folder, writes each file to an SFTP folder and moves the original on the FTP server', async () => {
    const run = `run-${randomUUID().slice(0, 8)}`;
    const f = await ftpClient(parseVfsUri(`${FTP}/`));
    clients.push(f);
    await f.mkdirp(`/${run}/in`);
    await f.mkdirp(`/${run}/done`);
    const s = await sftpClient(parseVfsUri(`${SFTP}/`));
    clients.push(s);
    const sftpDir = `/home/mediate-sftp/${run}/out`;
    await s.mkdirp(sftpDir);
    const p = await startTestProject({
      'Forward.xml': forward(`${SFTP}${sftpDir}`),
      'Ep.xml': fileEp('FtpEP', { 'transport.vfs.FileURI': `vfs:${FTP}/${run}/in?vfs.passive=true`, 'transport.vfs.ContentType': 'application/json', 'transport.vfs.ActionAfterProcess': 'MOVE', 'transport.vfs.MoveAfterProcess': `${FTP}/${run}/done` }),
    });
    open.push(p);
    await f.write(`/${run}/in/order.json`, Buffer.from('{"order":42}'));
    await waitFor(async () => (await s.stat(`${sftpDir}/copy-order.json`)) !== undefined, 'the SFTP copy', 10000);
    expect(JSON.parse((await s.read(`${sftpDir}/copy-order.json`)).toString())).toEqual({ order: 42 });
    await waitFor(async () => (await f.list(`/${run}/done`)).some((e) => e.name === 'order.json'), 'the moved original', 10000);
    expect((await f.list(`/${run}/in`)).map((e) => e.name)).toEqual([]);
  });

  it('polls an SFTP folder with the key from transport.vfs.SFTPIdentities and deletes what it processed', async () => {
    const run = `run-${randomUUID().slice(0, 8)}`;
    const key = '/etc/mediate-sftp/client_key';
    const s = await sftpClient(parseVfsUri(`${SFTP}/`));
    clients.push(s);
    const inDir = `/home/mediate-sftp/${run}/in`;
    await s.mkdirp(inDir);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-sftp-out-'));
    const p = await startTestProject({
      'Forward.xml': forward(`file://${out}`),
      'Ep.xml': fileEp('SftpEP', { 'transport.vfs.FileURI': `sftp://mediate-sftp@127.0.0.1:2222${inDir}`, 'transport.vfs.SFTPIdentities': key, 'transport.vfs.ContentType': 'text/plain' }),
    });
    open.push(p);
    await s.write(`${inDir}/note.txt`, Buffer.from('over ssh'));
    await waitFor(() => fs.existsSync(path.join(out, 'copy-note.txt')), 'the local copy', 10000);
    expect(fs.readFileSync(path.join(out, 'copy-note.txt'), 'utf8')).toBe('over ssh');
    await waitFor(async () => (await s.list(inDir)).length === 0, 'the deleted original', 10000);
    fs.rmSync(out, { recursive: true, force: true });
  });
});

describeWithServices('VFS over SMB', [smb], () => {
  it('polls a folder of an SMB share, writes the result to another, moves the original (MoveAfterProcess on the share)', async () => {
    const run = `run-${randomUUID().slice(0, 8)}`;
    const c = await smbClient(parseVfsUri(`${SMB}/`));
    clients.push(c);
    for (const d of ['in', 'out', 'original']) await c.mkdirp(`mediate/${run}/${d}`);
    const p = await startTestProject({
      'Forward.xml': forward(`${SMB}/${run}/out`),
      'Ep.xml': fileEp('SmbEP', { 'transport.vfs.FileURI': `vfs:${SMB}/${run}/in`, 'transport.vfs.ContentType': 'text/xml', 'transport.vfs.FileNamePattern': '.*\\.xml', 'transport.vfs.ActionAfterProcess': 'MOVE', 'transport.vfs.MoveAfterProcess': `vfs:${SMB}/${run}/original` }),
    });
    open.push(p);
    await c.write(`mediate/${run}/in/quote.xml`, Buffer.from('<getQuote><symbol>IBM</symbol></getQuote>'));
    await waitFor(async () => (await c.stat(`mediate/${run}/out/copy-quote.xml`)) !== undefined, 'the SMB copy', 10000).catch((e: Error) => {
      throw new Error(`${e.message}; runtime errors: ${p.logger.messages('error').join(' | ')}; warnings: ${p.logger.messages('warn').join(' | ')}`);
    });
    expect((await c.read(`mediate/${run}/out/copy-quote.xml`)).toString()).toContain('<getQuote><symbol>IBM</symbol></getQuote>');
    await waitFor(async () => (await c.list(`mediate/${run}/original`)).some((e) => e.name === 'quote.xml'), 'the moved original', 10000);
    expect(await c.list(`mediate/${run}/in`)).toEqual([]);
  });

  it('a wrong SMB password fails each poll with the server\'s answer, logged', async () => {
    const p = await startTestProject({ 'Forward.xml': forward('file:///tmp'), 'Ep.xml': fileEp('BadSmb', { 'transport.vfs.FileURI': 'smb://mediate-smb:wrong@127.0.0.1:4450/mediate/in', 'transport.vfs.MaxRetryCount': '0' }) });
    open.push(p);
    const line = await waitFor(() => p.logger.messages('error').find((m) => m.startsWith('Inbound endpoint BadSmb: poll failed')), 'the failed poll', 10000);
    expect(line).toMatch(/STATUS_LOGON_FAILURE/);
  });
});

describe('a file server that is down', () => {
  it('is retried (MaxRetryCount, ReconnectTimeout) and logged on every poll; other endpoints keep working', async () => {
    const closed = await freePort();
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-vfs-down-'));
    fs.mkdirSync(path.join(local, 'in'));
    fs.mkdirSync(path.join(local, 'out'));
    const p = await startTestProject({
      'Forward.xml': forward(`file://${local}/out`),
      'Down.xml': fileEp('Down', { 'transport.vfs.FileURI': `ftp://u:secret@127.0.0.1:${closed}/in`, 'transport.vfs.MaxRetryCount': '1', 'transport.vfs.ReconnectTimeout': '20' }),
      'Up.xml': fileEp('Up', { 'transport.vfs.FileURI': `file://${local}/in` }),
    });
    open.push(p);
    fs.writeFileSync(path.join(local, 'in', 'a.txt'), 'still served');
    await waitFor(() => fs.existsSync(path.join(local, 'out', 'copy-a.txt')), 'the other endpoint');
    const failed = await waitFor(() => p.logger.messages('error').find((m) => m.startsWith('Inbound endpoint Down: poll failed')), 'the failed poll');
    expect(failed).toContain(`cannot connect to ftp://u:***@127.0.0.1:${closed}/in after 2 attempts`);
    expect(failed).not.toContain('secret');
    expect(p.logger.messages('warn').some((m) => m.includes('(attempt 1 of 2)'))).toBe(true);
    const down = p.host.active.statuses().find((s) => s.name === 'Down')!;
    expect(down.state).toBe('polling');
    expect(down.lastError).toContain('ECONNREFUSED');
    // The next poll tries again.
    await waitFor(() => p.logger.messages('error').filter((m) => m.startsWith('Inbound endpoint Down: poll failed')).length >= 2, 'a second attempt');
    fs.rmSync(local, { recursive: true, force: true });
  });
});
