/**
 * A small SMTP receiver for tests of mail senders (RFC 5321 subset: EHLO/HELO, AUTH PLAIN/LOGIN
 * accepted, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS). It keeps each mail's envelope and raw
 * text. Used instead of a Debian MTA so a test owns its own port and mailbox.
 */
import net from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** AUTH credentials given, if any (user). */
  user?: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let current: ReceivedMail = { from: '', to: [], raw: '' };
    let authStep: 'user' | 'pass' | undefined;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 mediate-test-smtp ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.raw = Buffer.from(buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.'), 'latin1').toString('utf8');
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(current);
          current = { from: '', to: [], raw: '', user: current.user };
          reply('250 OK queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (authStep === 'user') {
          current.user = Buffer.from(line, 'base64').toString();
          authStep = 'pass';
          reply('334 UGFzc3dvcmQ6');
          continue;
        }
        if (authStep === 'pass') {
          authStep = undefined;
          reply('235 Authentication succeeded');
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-mediate-test-smtp\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO') reply('250 mediate-test-smtp');
        else if (verb === 'AUTH') {
          const [, mech, initial] = line.split(' ');
          if (mech?.toUpperCase() === 'PLAIN') {
            if (initial) current.user = Buffer.from(initial, 'base64').toString().split('\0')[1];
            reply('235 Authentication succeeded');
          } else {
            authStep = 'user';
            reply('334 VXNlcm5hbWU6');
          }
        } else if (verb === 'MAIL') {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 OK');
        } else if (verb === 'RCPT') {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          current = { from: '', to: [], raw: '' };
          reply('250 OK');
        } else if (verb === 'NOOP') reply('250 OK');
        else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else reply('502 Command not implemented');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    mails,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
