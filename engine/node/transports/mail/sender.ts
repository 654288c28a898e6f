/**
 * `mailto:` address endpoints (MI's MailTransportSender) over SMTP with nodemailer. The server
 * comes from deployment.toml's `[[transport.mail.sender]]` whose name is the URI scheme
 * (`parameter.hostname`, `port`, `enable_tls`, `auth`, `username`, `password`, `from`). Subject,
 * From, Cc, Bcc, Reply-To, In-Reply-To come from transport-scope properties; the body is the
 * message formatted by its messageType; `transport.mail.Format` Attachment sends it as an
 * attached file (AttachmentFile) under transport.mail.bodyWhenAttached. An SMTP server that
 * cannot be reached is error 101503.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { BrokerSender } from '../../../core/broker.js';
import { BrokerError } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';

export interface MailSenderConfig {
  host: string;
  port: number;
  enableTls: boolean;
  auth: boolean;
  username?: string;
  password?: string;
  from?: string;
}

/** `[[transport.mail.sender]]` entries of a flattened deployment.toml, by name. */
export function mailSenderConfig(serverConfig: (name: string) => string | undefined, scheme = 'mailto'): MailSenderConfig | undefined {
  for (let i = 0; i < 32; i++) {
    const name = serverConfig(`transport.mail.sender.${i}.name`);
    if (name === undefined) break;
    if (name !== scheme) continue;
    const p = (k: string) => serverConfig(`transport.mail.sender.${i}.parameter.${k}`);
    return { host: p('hostname') ?? 'localhost', port: Number(p('port') ?? 25), enableTls: p('enable_tls') === 'true', auth: p('auth') === 'true', username: p('username'), password: p('password'), from: p('from') };
  }
  return undefined;
}

const EXTENSIONS: Record<string, string> = { 'application/json': 'json', 'application/xml': 'xml', 'text/xml': 'xml', 'text/plain': 'txt', 'text/html': 'html' };

export function createMailSender(o: { logger: Logger; serverConfig(name: string): string | undefined }): BrokerSender {
  return {
    async send(req) {
      const config = mailSenderConfig(o.serverConfig);
      if (!config) throw new BrokerError(ErrorCodes.SENDING_FAILED, 'No [[transport.mail.sender]] named "mailto" in deployment.toml: the mail server to send through is not configured');
      const prop = (name: string) => {
        const v = req.headers.get(name) ?? req.property(name);
        return v === undefined || v === null || v === '' ? undefined : String(v);
      };
      const [address, query] = req.uri.replace(/^mailto:/i, '').split('?');
      const q = new URLSearchParams(query ?? '');
      const user = prop('mail.smtp.user') ?? config.username;
      const password = prop('mail.smtp.password') ?? config.password;
      const transport = nodemailer.createTransport({ host: config.host, port: config.port, secure: false, requireTLS: config.enableTls, ignoreTLS: !config.enableTls, auth: config.auth && user ? { user, pass: password ?? '' } : undefined, connectionTimeout: 10000 });
      const contentType = req.contentType ?? 'text/plain';
      const base = contentType.split(';')[0]!.trim().toLowerCase();
      const body = Buffer.from(req.body.buffer, req.body.byteOffset, req.body.length);
      const format = (prop('transport.mail.Format') ?? 'Text').toLowerCase();
      const mail: SendMailOptions = {
        from: prop('From') ?? config.from,
        to: prop('To') ?? decodeURIComponent(address ?? ''),
        cc: prop('Cc'),
        bcc: prop('Bcc') ?? prop('transport.mail.SMTPBccAddresses'),
        replyTo: prop('Reply-To'),
        inReplyTo: prop('In-Reply-To'),
        subject: prop('Subject') ?? q.get('subject') ?? undefined,
      };
      if (format === 'attachment' || format === 'attachmentfile') {
        mail.text = prop('transport.mail.bodyWhenAttached') ?? '';
        mail.attachments = [{ filename: prop('AttachmentFile') ?? `attachment.${EXTENSIONS[base] ?? 'bin'}`, content: body, contentType }];
      } else if (format === 'multipart') {
        mail.text = prop('transport.mail.bodyWhenAttached') ?? '';
        mail.attachments = [{ content: body, contentType, contentDisposition: 'inline' }];
      } else if (base === 'text/plain') mail.text = body.toString('utf8');
      else if (base === 'text/html') mail.html = body.toString('utf8');
      else mail.alternatives = [{ contentType, content: body }];
      try {
        await transport.sendMail(mail);
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { responseCode?: number };
        const connection = err.code === 'ECONNECTION' || err.code === 'ECONNREFUSED' || err.code === 'ETIMEDOUT' || err.code === 'ESOCKET';
        throw new BrokerError(connection ? ErrorCodes.CONNECTION_FAILED : ErrorCodes.SENDING_FAILED, `Cannot send mail to ${mail.to} through ${config.host}:${config.port}: ${err.message}`);
      } finally {
        transport.close();
      }
      o.logger.log('debug', `Mail sent to ${mail.to}`, { component: 'MailTransportSender' });
      return undefined;
    },
  };
}
