/**
 * Proxies with transports="mailto" (MI's MailTransportListener): every PollInterval the mailbox
 * (IMAP folder, or POP3 inbox) is read; each mail becomes a message (the plain part, else the
 * HTML part; transport.mail.ContentType overrides how it is built), its headers transport headers
 * (From, To, Subject, Message-ID ...), and its attachments properties (Mediate's form: MI keeps
 * them as Axis2 attachments, which only Java code reaches): MAIL_ATTACHMENT_NAMES (comma
 * separated) and MAIL_ATTACHMENT.<name> (base64). After the proxy ran, the mail is deleted or
 * moved to a folder (IMAP), or on failure as ActionAfterFailure says. A server that is down
 * fails the poll, logged; the next poll tries again.
 */
import { ImapFlow } from 'imapflow';
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import { createInboundContext } from '../../../inbound/inbound-activator.js';
import { pollingConsumer } from '../../../inbound/polling.js';
import { InboundConfigError, type InboundContext, type InboundEndpointConfig } from '../../../inbound/types.js';
import { HeaderMap } from '../../../core/headers.js';
import type { BodySource } from '../../../core/message.js';
import { proxyPollIntervalMs } from '../vfs/settings.js';
import { parseMail, type ParsedMail } from './mime.js';
import { Pop3Client } from './pop3.js';

interface MailSettings {
  protocol: 'imap' | 'pop3';
  host: string;
  port: number;
  user: string;
  password: string;
  folder: string;
  contentType?: string;
  afterProcess: 'DELETE' | 'MOVE';
  moveAfterProcess?: string;
  afterFailure: 'DELETE' | 'MOVE';
  moveAfterFailure?: string;
  intervalMs: number;
  maxRetries: number;
  reconnectMs: number;
}

function readSettings(ctx: InboundContext): MailSettings {
  const address = ctx.requireParam('transport.mail.Address');
  const protocol = (ctx.param('transport.mail.Protocol') ?? 'imap').trim().toLowerCase();
  if (protocol !== 'imap' && protocol !== 'pop3') throw new InboundConfigError(`transport.mail.Protocol must be imap or pop3, not '${protocol}'`, 'transport.mail.Protocol');
  const p = (k: string) => ctx.param(`mail.${protocol}.${k}`)?.trim();
  const host = p('host');
  if (!host) throw new InboundConfigError(`parameter mail.${protocol}.host is required`, `mail.${protocol}.host`);
  const action = (name: string): 'DELETE' | 'MOVE' => ((ctx.param(name) ?? 'DELETE').trim().toUpperCase() === 'MOVE' ? 'MOVE' : 'DELETE');
  const afterProcess = action('transport.mail.ActionAfterProcess');
  const afterFailure = action('transport.mail.ActionAfterFailure');
  if (protocol === 'pop3' && (afterProcess === 'MOVE' || afterFailure === 'MOVE')) throw new InboundConfigError('POP3 mailboxes have no folders: ActionAfterProcess/ActionAfterFailure MOVE needs transport.mail.Protocol imap', 'transport.mail.ActionAfterProcess');
  return {
    protocol,
    host,
    port: Number(p('port') ?? (protocol === 'imap' ? 143 : 110)),
    user: p('user') ?? address,
    password: p('password') ?? '',
    folder: ctx.param('transport.mail.Folder')?.trim() || 'INBOX',
    contentType: ctx.param('transport.mail.ContentType')?.trim() || undefined,
    afterProcess,
    moveAfterProcess: ctx.param('transport.mail.MoveAfterProcess')?.trim() || undefined,
    afterFailure,
    moveAfterFailure: ctx.param('transport.mail.MoveAfterFailure')?.trim() || undefined,
    intervalMs: proxyPollIntervalMs(ctx.param('transport.PollInterval')),
    maxRetries: Number(ctx.param('transport.mail.MaxRetryCount') ?? 3),
    reconnectMs: Number(ctx.param('transport.mail.ReconnectTimeout') ?? 30000),
  };
}

function bytes(b: Buffer): BodySource {
  const u = new Uint8Array(b.buffer, b.byteOffset, b.length);
  return { length: u.length, read: async () => u, completed: () => u };
}

/** The message a mail becomes. */
export function mailRequest(mail: ParsedMail, contentTypeOverride: string | undefined) {
  const headers = new HeaderMap();
  for (const [k, v] of mail.headers) if (!/^(content-type|content-transfer-encoding|mime-version|content-length)$/i.test(k)) headers.set(k, v);
  const usesHtml = mail.text === undefined && mail.html !== undefined;
  const text = mail.text ?? mail.html ?? '';
  const contentType = contentTypeOverride ?? (usesHtml ? 'text/html; charset=UTF-8' : 'text/plain; charset=UTF-8');
  headers.set('Content-Type', contentType);
  const properties: Record<string, unknown> = {};
  if (mail.attachments.length) {
    properties.MAIL_ATTACHMENT_NAMES = mail.attachments.map((a, i) => a.filename ?? `attachment-${i + 1}`).join(',');
    mail.attachments.forEach((a, i) => (properties[`MAIL_ATTACHMENT.${a.filename ?? `attachment-${i + 1}`}`] = a.content.toString('base64')));
  }
  if (mail.html !== undefined && mail.text !== undefined) properties.MAIL_HTML_BODY = mail.html;
  return { method: 'POST', url: '/', headers, body: bytes(Buffer.from(text.replace(/\r?\n$/, ''), 'utf8')), properties };
}

async function retrying<T>(s: MailSettings, ctx: InboundContext, what: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 0; i <= s.maxRetries; i++) {
    try {
      return await what();
    } catch (e) {
      last = e;
      ctx.logger.log('warn', `Proxy service ${ctx.name}: cannot reach ${s.protocol.toUpperCase()} server ${s.host}:${s.port} (attempt ${i + 1} of ${s.maxRetries + 1}): ${e instanceof Error ? e.message : String(e)}`, { component: 'MailTransportListener' });
      if (i < s.maxRetries) await new Promise((r) => setTimeout(r, s.reconnectMs));
    }
  }
  throw new Error(`cannot reach ${s.protocol.toUpperCase()} server ${s.host}:${s.port}: ${last instanceof Error ? last.message : String(last)}`);
}

async function injectMail(ctx: InboundContext, s: MailSettings, raw: Buffer): Promise<string | undefined> {
  let mail: ParsedMail;
  try {
    mail = parseMail(raw);
  } catch (e) {
    return `the mail cannot be read: ${e instanceof Error ? e.message : String(e)}`;
  }
  const res = await ctx.inject(mailRequest(mail, s.contentType));
  return res.status >= 500 ? `mediation failed (${res.status})` : undefined;
}

async function pollImap(ctx: InboundContext, s: MailSettings): Promise<void> {
  const client = await retrying(s, ctx, async () => {
    const c = new ImapFlow({ host: s.host, port: s.port, secure: s.port === 993, auth: { user: s.user, pass: s.password }, logger: false, tls: { rejectUnauthorized: false } });
    c.on('error', () => {});
    await c.connect();
    return c;
  });
  try {
    const lock = await client.getMailboxLock(s.folder);
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        const failure = await injectMail(ctx, s, msg.source);
        const action = failure ? s.afterFailure : s.afterProcess;
        const folder = failure ? s.moveAfterFailure : s.moveAfterProcess;
        if (action === 'MOVE' && folder) await client.messageMove(String(uid), folder, { uid: true });
        else await client.messageDelete(String(uid), { uid: true });
        if (failure) ctx.logger.log('error', `Proxy service ${ctx.name}: failed to process mail ${uid}: ${failure}; ${action === 'MOVE' && folder ? `moved to ${folder}` : 'deleted'}`, { component: 'MailTransportListener' });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function pollPop3(ctx: InboundContext, s: MailSettings): Promise<void> {
  const client = await retrying(s, ctx, () => Pop3Client.connect({ host: s.host, port: s.port, user: s.user, password: s.password, secure: s.port === 995 }));
  try {
    const n = await client.count();
    for (let i = 1; i <= n; i++) {
      const failure = await injectMail(ctx, s, await client.retrieve(i));
      await client.delete(i);
      if (failure) ctx.logger.log('error', `Proxy service ${ctx.name}: failed to process mail ${i}: ${failure}; deleted`, { component: 'MailTransportListener' });
    }
  } finally {
    await client.quit().catch(() => {});
  }
}

export function mailProxyActivator(host: InboundHostOptions): Activator {
  return {
    describe: () => 'mailto',
    activate(artifact, status) {
      if (artifact.kind !== 'proxy' || !artifact.value.transports.includes('mailto')) return undefined;
      const proxy = artifact.value;
      const parameters: InboundEndpointConfig['parameters'] = {};
      for (const [k, v] of Object.entries(proxy.parameters ?? {})) parameters[k] = { value: v, loc: { line: 1, col: 1 } };
      const config: InboundEndpointConfig = { name: proxy.name, common: { suspend: !proxy.startOnLoad, sequential: true, coordination: true, pinnedServers: [] }, parameters, loc: { line: 1, col: 1 } };
      const ctx = createInboundContext(host, config, { proxy: proxy.name }, status.set.bind(status));
      let consumer: ReturnType<typeof pollingConsumer> | undefined;
      let settings: MailSettings | undefined;
      return {
        async sendMail(mail) {
          if (!settings || !consumer) throw new Error(`proxy ${proxy.name} is not polling`);
          if (settings.protocol !== 'imap') throw new Error(`proxy ${proxy.name} reads a POP3 mailbox, which only mail delivered by SMTP fills: a test mail needs transport.mail.Protocol imap`);
          const address = ctx.param('transport.mail.Address') ?? '';
          const raw = [`From: ${mail.from ?? 'tryit@mediate.local'}`, `To: ${address}`, `Subject: =?UTF-8?B?${Buffer.from(mail.subject).toString('base64')}?=`, `Date: ${new Date().toUTCString()}`, `Message-ID: <tryit-${Date.now()}@mediate.local>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', Buffer.from(mail.text).toString('base64').replace(/.{76}/g, '$&\r\n'), ''].join('\r\n');
          const s = settings;
          const c = new ImapFlow({ host: s.host, port: s.port, secure: s.port === 993, auth: { user: s.user, pass: s.password }, logger: false, tls: { rejectUnauthorized: false } });
          c.on('error', () => {});
          await c.connect();
          try {
            await c.append(s.folder, raw);
          } finally {
            await c.logout().catch(() => c.close());
          }
          await consumer.pollNow();
        },
        async start() {
          const s = readSettings(ctx);
          settings = s;
          consumer = pollingConsumer(ctx, { intervalMs: s.intervalMs, poll: () => (s.protocol === 'imap' ? pollImap(ctx, s) : pollPop3(ctx, s)) });
          await consumer.start();
        },
        async stop() {
          await consumer?.stop();
        },
      };
    },
  };
}
