import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { defineCase, backendAt, replace } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';
import { expectQuoteResponse, payloadOf } from '../../xml.js';
import { parseMail } from '../../../../engine/node/transports/mail/mime.js';
import { smtpPort, mailSenderToml, startMailSink } from './_mail.js';

/** Dovecot of .ci/services/mail.sh: POP3 on 127.0.0.1:1110, IMAP on 1143, user mediate / mediate. */
const USER = 'mediate';
const SMTP = smtpPort();
const SENDER = `alice-${randomUUID().slice(0, 8)}@localhost`;

const localMailbox = [
  replace('<parameter name="transport.mail.Address">synapse.demo.1@gmail.com</parameter>', `<parameter name="transport.mail.Address">${USER}@localhost</parameter>`),
  replace('<parameter name="mail.pop3.host">pop.gmail.com</parameter>', '<parameter name="mail.pop3.host">127.0.0.1</parameter>'),
  replace('<parameter name="mail.pop3.port">995</parameter>', '<parameter name="mail.pop3.port">1110</parameter>'),
  replace('<parameter name="mail.pop3.user">synapse.demo.1</parameter>', `<parameter name="mail.pop3.user">${USER}</parameter>`),
  replace('<parameter name="mail.pop3.password">mailpassword1</parameter>', '<parameter name="mail.pop3.password">mediate</parameter>'),
  // Dovecot here speaks plain POP3 on loopback: the SSL socket factory is dropped.
  replace(/\s*<parameter name="mail\.pop3\.socketFactory\.[a-z]+">[^<]*<\/parameter>/g, ''),
];

export default defineCase({
  id: 'file-processing/mailto-receiving',
  title: 'A proxy polls a POP3 mailbox: the plain-text mail\'s getQuote goes to the stock quote service, the sender is logged in and out, and the quote is mailed back to the sender with Subject "Custom Subject for Response"; the mail is deleted',
  status: 'pass',
  docsWrong: [
    'the page\'s <proxy> has no Synapse namespace: the verbatim file is refused (as MI refuses it); the corrected copy of the case is run',
    'the proxy publishes the WSDL conf:custom/sample_proxy_1.wsdl, which the page does not provide: MI cannot build the proxy without it; the corrected copy publishes the stock quote service\'s own WSDL instead',
    'the page says to enable the mailto sender, but receiving needs the mailto listener too; the sender the reply goes through (deployment.toml) is not shown: ours names a local SMTP server',
  ],
  deviates: [
    'the Gmail POP3S mailbox is the local Dovecot user mediate over plain POP3 (the SSL socket factory parameters are dropped), and the mail is put in its inbox over IMAP; the reply goes to a local SMTP receiver on a port chosen per run',
    'the sender is a per-run address (alice-<id>@localhost), so other mail in the inbox cannot be mistaken for this one',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'proxy_StockQuoteProxy.xml' },
    {
      file: 'proxy_StockQuoteProxy.corrected.xml',
      edits: [
        ...localMailbox,
        backendAt('http://localhost:9000', 'quotes'),
        (text, t) => text.replace('<publishWSDL key="conf:custom/sample_proxy_1.wsdl"/>', `<publishWSDL uri="${t.backendUrl('quotes')}/services/SimpleStockQuoteService?wsdl"/>`),
      ],
    },
    { name: 'deployment.toml', why: 'the server-level mailto sender the reply goes through', text: () => mailSenderToml(SMTP, { from: `${USER}@localhost` }) },
  ],
  expectRefused: ['proxy_StockQuoteProxy.xml'],
  async run(t) {
    const sink = await startMailSink(SMTP);
    const admin = new ImapFlow({ host: '127.0.0.1', port: 1143, secure: false, auth: { user: USER, pass: 'mediate' }, logger: false });
    try {
      await admin.connect();
      const mail = [`From: ${SENDER}`, `To: ${USER}@localhost`, 'Subject: quote please', 'Content-Type: text/plain; charset=UTF-8', '', t.corpusFile('request_mail_body.xml').replace(/\r?\n/g, '\r\n'), ''].join('\r\n');
      await admin.append('INBOX', mail);

      // Polled every 5 s: the reply to the sender.
      await until('the reply mail to the sender', () => sink.mails.some((m) => m.to.includes(SENDER)), 20000);
      const replies = sink.mails.filter((m) => m.to.includes(SENDER));
      expect(replies).toHaveLength(1);
      const reply = parseMail(Buffer.from(replies[0]!.raw));
      expect(reply.header('Subject')).toBe('Custom Subject for Response');
      expect(reply.header('To')).toBe(SENDER);
      const body = reply.attachments.find((a) => /xml/.test(a.contentType))?.content.toString() ?? reply.text ?? '';
      expectQuoteResponse(payloadOf(body), 'IBM');

      const calls = t.backend('quotes').lastRequests.filter((r: { body: string }) => r.body.includes('<m0:symbol>IBM</m0:symbol>'));
      expect(calls.length).toBeGreaterThanOrEqual(1);
      const senderLines = t.logs().filter((l) => l.includes(`Sender Address = ${SENDER}`));
      expect(senderLines).toHaveLength(2);
      expect(senderLines[0]).toContain('{proxy:StockQuoteProxy}');
      expect(senderLines[0]).toContain('<m0:symbol>IBM</m0:symbol>');
      expect(senderLines[1]).toContain('message = Response message');
      expect(senderLines[1]).toContain('getQuoteResponse');

      // ActionAfterProcess defaults to DELETE: the mail is gone from the inbox.
      await until('the mail deleted', async () => {
        const lock = await admin.getMailboxLock('INBOX');
        try {
          const found = await admin.search({ from: SENDER });
          return Array.isArray(found) && found.length === 0;
        } finally {
          lock.release();
        }
      }, 10000);
    } finally {
      await admin.logout().catch(() => {});
      await sink.close();
    }
  },
});
