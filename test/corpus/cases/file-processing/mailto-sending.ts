import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';
import { parseMail } from '../../../../engine/node/transports/mail/mime.js';
import { smtpPort, mailSenderToml, startMailSink } from './_mail.js';

const SMTP = smtpPort();
const ORDER = '<order><id>42</id></order>';

export default defineCase({
  id: 'file-processing/mailto-sending',
  title: 'mailto: endpoint: the posted payload is mailed to targetemail@mail.com from the deployment.toml sender; the dynamic variant sets From and the SMTP login per message with transport properties',
  status: 'pass',
  docsWrong: [
    'the page gives no request: ours posts <order><id>42</id></order> as application/xml',
    'the page does not say what the HTTP caller gets: neither proxy sets OUT_ONLY and the mail transport has no response; here the caller gets 202 Accepted with an empty body (what the test asserts)',
    'the deployment.toml sender is only linked, not shown: ours is the tutorial\'s [[transport.mail.sender]] block (name mailto, host, port, auth, username, password, from)',
  ],
  deviates: [
    'both variants are deployed side by side; the dynamic one, which has the same proxy name on the page, is renamed EmailSenderDynamic',
    'the SMTP server is a local receiver on a port chosen per run, not a Gmail account',
  ],
  artifacts: [
    { file: 'proxy_EmailSender.xml' },
    { file: 'proxy_EmailSender.dynamic-sender-variant.xml', as: 'proxy_EmailSenderDynamic.xml', edits: [replace('name="EmailSender"', 'name="EmailSenderDynamic"')] },
    { name: 'deployment.toml', why: 'the server-level mailto sender the page links to', text: () => mailSenderToml(SMTP, { from: 'demo_user@localhost', user: 'demo_user', password: 'demo_password' }) },
  ],
  async run(t) {
    const sink = await startMailSink(SMTP);
    try {
      const send = (proxy: string) => t.request('POST', `/services/${proxy}`, { headers: { 'Content-Type': 'application/xml' }, body: ORDER, timeoutMs: 10000 });

      // Global sender.
      const global = await send('EmailSender');
      expect(global.status).toBe(202);
      expect(global.text).toBe('');
      await until('the mail of EmailSender', () => sink.mails.length === 1, 10000);
      const first = sink.mails[0]!;
      expect(first.from).toBe('demo_user@localhost');
      expect(first.to).toEqual(['targetemail@mail.com']);
      expect(first.user).toBe('demo_user');
      const m1 = parseMail(Buffer.from(first.raw));
      expect(m1.header('From')).toBe('demo_user@localhost');
      expect(m1.header('To')).toBe('targetemail@mail.com');
      const body1 = m1.attachments.find((a) => a.contentType === 'application/xml')?.content.toString() ?? m1.text ?? '';
      expect(body1).toBe(ORDER);

      // Per-message sender: From and the SMTP login from transport properties.
      const dynamic = await send('EmailSenderDynamic');
      expect(dynamic.status).toBe(202);
      await until('the mail of EmailSenderDynamic', () => sink.mails.length === 2, 10000);
      const second = sink.mails[1]!;
      expect(second.from).toBe('frommail@mail.com');
      expect(second.to).toEqual(['targetemail@mail.com']);
      expect(second.user).toBe('userID');
      const m2 = parseMail(Buffer.from(second.raw));
      expect(m2.header('From')).toBe('frommail@mail.com');
      expect(m2.attachments.find((a) => a.contentType === 'application/xml')?.content.toString() ?? m2.text).toBe(ORDER);
      // The properties are transport headers of this message, not mail headers of their own.
      expect(m2.header('mail.smtp.password')).toBeUndefined();
      await t.waitForLog(/proxy:EmailSenderDynamic/);
    } finally {
      await sink.close();
    }
  },
});
