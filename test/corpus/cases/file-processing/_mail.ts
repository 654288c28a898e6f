/**
 * Shared by the mail cases: the SMTP server MI's `mailto` sender is configured with
 * (deployment.toml `[[transport.mail.sender]]`) is test/support's SMTP receiver, reached through
 * a port chosen when the module loads (the toml is written before the receiver can start).
 */
import net from 'node:net';
import { startSmtpReceiver, type SmtpReceiver } from '../../../support/smtp-receiver.js';

export interface MailSink extends SmtpReceiver {
  /** The port named in deployment.toml. */
  port: number;
}

/** A port for the SMTP server of one case, fixed when the case module loads. */
export function smtpPort(): number {
  return 21000 + Math.floor(Math.random() * 19000);
}

/** `[[transport.mail.sender]]` named mailto, pointing at 127.0.0.1:<port>. */
export function mailSenderToml(port: number, o: { from: string; user?: string; password?: string }): string {
  const auth = o.user !== undefined;
  return [
    '[[transport.mail.sender]]',
    'name = "mailto"',
    'parameter.hostname = "127.0.0.1"',
    `parameter.port = "${port}"`,
    'parameter.enable_tls = false',
    `parameter.auth = ${auth}`,
    ...(auth ? [`parameter.username = "${o.user}"`, `parameter.password = "${o.password ?? ''}"`] : []),
    `parameter.from = "${o.from}"`,
    '',
  ].join('\n');
}

/** Starts the SMTP receiver and forwards `port` to it. */
export async function startMailSink(port: number): Promise<MailSink> {
  const receiver = await startSmtpReceiver();
  const sockets = new Set<net.Socket>();
  const front = net.createServer((client) => {
    const upstream = net.connect(receiver.port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    mails: receiver.mails,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => front.close(() => r()));
      await receiver.close();
    },
  };
}
