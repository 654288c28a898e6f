/**
 * The mail transport: mailto: endpoints sending through SMTP (a small receiver the test starts,
 * test/support/smtp-receiver.ts) and proxies reading IMAP and POP3 mailboxes of a real Dovecot
 * (.ci/services/mail.sh).
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../../../test/support/smtp-receiver.js';
import { startTestProject, synapse, waitFor, freePort, type TestProject } from '../testing/project.js';
import { parseMail } from './mime.js';

const imap = await probeService({ name: 'Dovecot IMAP', port: 1143, start: 'bash .ci/services/mail.sh' });
const pop3 = await probeService({ name: 'Dovecot POP3', port: 1110, start: 'bash .ci/services/mail.sh' });

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const p of open.splice(0).reverse()) await p.close();
});

const toml = (port: number) => `[[transport.mail.sender]]\nname = "mailto"\nparameter.hostname = "127.0.0.1"\nparameter.port = "${port}"\nparameter.enable_tls = false\nparameter.auth = true\nparameter.username = "integrator"\nparameter.password = "secret"\nparameter.from = "integrator@example.com"\n`;

async function project(files: Record<string, string>, extra: Record<string, string> = {}): Promise<TestProject> {
  const p = await startTestProject(files, extra);
  open.push(p);
  return p;
}

async function smtp(): Promise<SmtpReceiver> {
  const r = await startSmtpReceiver();
  open.push(r);
  return r;
}

describe('mailto: endpoints', () => {
  const api = (body: string, outOnly = true) =>
    synapse(`<api name="Notify" context="/notify"><resource methods="POST"><inSequence>
      <property name="Subject" value="Order received" scope="transport"/>
      <property name="Cc" value="audit@example.com" scope="transport"/>
      ${body}
      ${outOnly ? '<property name="OUT_ONLY" value="true"/>' : ''}
      <call><endpoint><address uri="mailto:orders@example.com"/></endpoint></call>
      <payloadFactory media-type="json"><format>{"sent":true}</format><args/></payloadFactory><respond/>
    </inSequence><faultSequence><payloadFactory media-type="json"><format>{"code":"$1","message":"$2"}</format><args><arg expression="get-property('ERROR_CODE')"/><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><respond/></faultSequence></resource></api>`);

  it('sends the message through the configured SMTP server with Subject and Cc from transport properties', async () => {
    const r = await smtp();
    const p = await project({ 'Notify.xml': api('') }, { 'deployment/deployment.toml': toml(r.port) });
    const res = await fetch(`http://127.0.0.1:${p.host.port}/notify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"order":7}' });
    expect(await res.json()).toEqual({ sent: true });
    // OUT_ONLY: the flow does not wait for the mail to go out.
    await waitFor(() => r.mails.length === 1, 'the mail');
    const m = r.mails[0]!;
    expect(m).toMatchObject({ from: 'integrator@example.com', to: expect.arrayContaining(['orders@example.com', 'audit@example.com']), user: 'integrator' });
    const parsed = parseMail(Buffer.from(m.raw));
    expect(parsed.header('Subject')).toBe('Order received');
    expect(parsed.header('Cc')).toBe('audit@example.com');
    const part = parsed.attachments.find((a) => a.contentType === 'application/json') ?? { content: Buffer.from(parsed.text ?? '') };
    expect(JSON.parse(part.content.toString())).toEqual({ order: 7 });
  });

  it('sends the message as an attachment (transport.mail.Format Attachment) under bodyWhenAttached', async () => {
    const r = await smtp();
    const props = `<property name="transport.mail.Format" value="Attachment" scope="transport"/><property name="transport.mail.bodyWhenAttached" value="The order is attached." scope="transport"/><property name="AttachmentFile" value="order.json" scope="transport"/>`;
    const p = await project({ 'Notify.xml': api(props) }, { 'deployment/deployment.toml': toml(r.port) });
    await fetch(`http://127.0.0.1:${p.host.port}/notify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"order":8}' });
    await waitFor(() => r.mails.length === 1, 'the mail');
    const parsed = parseMail(Buffer.from(r.mails[0]!.raw));
    expect(parsed.text?.trim()).toBe('The order is attached.');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['order.json']);
    expect(JSON.parse(parsed.attachments[0]!.content.toString())).toEqual({ order: 8 });
  });

  it('an SMTP server that is down is fault 101503 for a flow that waits for the send', async () => {
    const closed = await freePort();
    const p = await project({ 'Notify.xml': api('', false) }, { 'deployment/deployment.toml': toml(closed) });
    const res = await fetch(`http://127.0.0.1:${p.host.port}/notify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('101503');
    expect(body.message).toContain(`Cannot send mail to orders@example.com through 127.0.0.1:${closed}`);
  });
});

function multipartMail(subject: string): string {
  return [
    'From: Customer <customer@example.com>',
    'To: mediate@localhost',
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    'Message-ID: <m1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<order><item>caf=C3=A9</item></order>',
    '--inner',
    'Content-Type: text/html; charset=UTF-8',
    '',
    '<p>an order</p>',
    '--inner--',
    '--outer',
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Disposition: attachment; filename="invoice.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 fake').toString('base64'),
    '--outer--',
    '',
  ].join('\r\n');
}

/** Writes what the proxy got into `out`: body, subject, attachments. */
const recordingProxy = (name: string, params: string, out: string) =>
  synapse(`<proxy name="${name}" transports="mailto" startOnLoad="true"><target><inSequence>
      <log level="custom"><property name="subject" expression="get-property('transport','Subject')"/><property name="from" expression="get-property('transport','From')"/><property name="attachments" expression="get-property('MAIL_ATTACHMENT_NAMES')"/><property name="item" expression="//item"/></log>
      <property name="transport.vfs.ReplyFileName" value="${name}.xml" scope="transport"/><property name="OUT_ONLY" value="true"/>
      <call><endpoint><address uri="vfs:file://${out}"/></endpoint></call>
    </inSequence></target>
    <parameter name="transport.PollInterval">100ms</parameter>${params}</proxy>`);

describeWithServices('mail proxies on Dovecot', [imap, pop3], () => {
  it('reads an IMAP folder: plain part as the body (ContentType application/xml), headers and attachments, then moves the mail to Processed', async () => {
    const folder = `run-${randomUUID().slice(0, 8)}`;
    const admin = new ImapFlow({ host: '127.0.0.1', port: 1143, secure: false, auth: { user: 'mediate', pass: 'mediate' }, logger: false });
    await admin.connect();
    open.push({ close: async () => void (await admin.logout()) });
    await admin.mailboxCreate(folder);
    await admin.append(folder, multipartMail('Neue Bestellung'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-mail-'));
    const params = `<parameter name="transport.mail.Address">mediate@localhost</parameter><parameter name="transport.mail.Protocol">imap</parameter><parameter name="transport.mail.Folder">${folder}</parameter>
      <parameter name="mail.imap.host">127.0.0.1</parameter><parameter name="mail.imap.port">1143</parameter><parameter name="mail.imap.user">mediate</parameter><parameter name="mail.imap.password">mediate</parameter>
      <parameter name="transport.mail.ContentType">application/xml</parameter><parameter name="transport.mail.ActionAfterProcess">MOVE</parameter><parameter name="transport.mail.MoveAfterProcess">Processed</parameter>`;
    const p = await project({ 'MailProxy.xml': recordingProxy('MailProxy', params, out) });
    await waitFor(() => fs.existsSync(path.join(out, 'MailProxy.xml')), 'the mail processed', 10000);
    expect(fs.readFileSync(path.join(out, 'MailProxy.xml'), 'utf8')).toBe('<order><item>café</item></order>');
    const line = p.logger.messages('info').find((m) => m.includes('subject = '))!;
    expect(line).toContain('subject = Neue Bestellung');
    expect(line).toContain('from = Customer <customer@example.com>');
    expect(line).toContain('attachments = invoice.pdf');
    expect(line).toContain('item = café');
    await waitFor(async () => (await admin.status(folder, { messages: true })).messages === 0, 'the folder emptied', 10000);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('reads a POP3 mailbox and deletes what it read', async () => {
    const admin = new ImapFlow({ host: '127.0.0.1', port: 1143, secure: false, auth: { user: 'mediate2', pass: 'mediate' }, logger: false });
    await admin.connect();
    open.push({ close: async () => void (await admin.logout()) });
    await admin.append('INBOX', ['From: a@example.com', 'To: mediate2@localhost', 'Subject: plain one', '', '<order><item>tea</item></order>', ''].join('\r\n'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-pop3-'));
    const params = `<parameter name="transport.mail.Address">mediate2@localhost</parameter><parameter name="transport.mail.Protocol">pop3</parameter>
      <parameter name="mail.pop3.host">127.0.0.1</parameter><parameter name="mail.pop3.port">1110</parameter><parameter name="mail.pop3.user">mediate2</parameter><parameter name="mail.pop3.password">mediate</parameter><parameter name="transport.mail.ContentType">text/xml</parameter>`;
    const p = await project({ 'Pop.xml': recordingProxy('Pop', params, out) });
    await waitFor(() => fs.existsSync(path.join(out, 'Pop.xml')), 'the POP3 mail processed', 10000);
    expect(fs.readFileSync(path.join(out, 'Pop.xml'), 'utf8')).toContain('<item>tea</item>');
    expect(p.logger.messages('info').find((m) => m.includes('subject = '))).toContain('subject = plain one');
    await waitFor(async () => (await admin.status('INBOX', { messages: true })).messages === 0, 'the mailbox emptied', 10000);
    fs.rmSync(out, { recursive: true, force: true });
  });
});

describe('a mail server that is down', () => {
  it('fails the poll, logged, and keeps polling', async () => {
    const closed = await freePort();
    const params = `<parameter name="transport.mail.Address">x@localhost</parameter><parameter name="mail.imap.host">127.0.0.1</parameter><parameter name="mail.imap.port">${closed}</parameter><parameter name="transport.mail.MaxRetryCount">0</parameter>`;
    const p = await project({ 'Down.xml': recordingProxy('Down', params, os.tmpdir()) });
    await waitFor(() => p.logger.messages('error').filter((m) => m.startsWith('Inbound endpoint Down: poll failed')).length >= 2, 'two failed polls');
    expect(p.logger.messages('error').find((m) => m.includes('poll failed'))).toContain(`cannot reach IMAP server 127.0.0.1:${closed}`);
    expect(p.host.active.statuses()[0]).toMatchObject({ artifact: 'proxy:Down', state: 'polling', lastError: expect.stringContaining('cannot reach IMAP server') });
  });
});
